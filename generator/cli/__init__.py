"""The povgen command line: thin; parses, calls library functions, prints. Never imports bpy.

Each module here registers its commands on the shared Typer app; add a module and import it below.
"""

from generator.cli import (  # noqa: F401 - registers commands
    assets,
    audit,
    augment,
    composite,
    config,
    dataset,
    export,
    generate,
    info,
    preview,
    smoke,
)
from generator.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
