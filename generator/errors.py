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


class OptionError(PovgenError):
    """A command-line option (or the matching library argument) has a value outside its allowed range."""

    exit_code = 2


def describe_os_error(exc: OSError) -> str:
    """One line for a file-system problem: the path and what the system said (read-only, no space, denied)."""
    import errno

    path = exc.filename or ""
    what = exc.strerror or type(exc).__name__
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what = f"cannot write or read here ({what})"
    elif exc.errno == errno.ENOTDIR:
        what = f"a part of this path is a file, not a folder ({what})"
    if exc.filename2:
        path = f"{path} -> {exc.filename2}"
    return f"{path}: {what}" if path else what
