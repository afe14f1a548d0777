"""povgen: synthetic first-person video clips with exact labels."""

__version__ = "0.1.0"
