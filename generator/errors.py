"""Errors that reach the user as one clear line and an exit code, never a traceback."""


class PovgenError(Exception):
    """A user-facing error: its message is printed on one line and the CLI exits with ``exit_code``."""

    exit_code = 1


class ConfigError(PovgenError):
    """A scene config (or override, or asset manifest) is missing, unreadable or invalid."""

    exit_code = 2


class PlanError(PovgenError):
    """A plan file cannot be read or does not match the ClipPlan schema."""

    exit_code = 2
