"""The Typer app, its consoles, and the error wrapper every command uses."""

from __future__ import annotations

import functools
from typing import Annotated

import typer
from rich.console import Console

from generator.errors import PovgenError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Render synthetic first-person clips with labels."
)
config_app = typer.Typer(no_args_is_help=True, help="Show, validate and describe scene configs.")
app.add_typer(config_app, name="config")
out = Console()
err = Console(stderr=True)

SetOpt = Annotated[
    list[str] | None, typer.Option("--set", help="Override a config key: a.b.c=value (YAML value).")
]


def friendly(fn):
    """Turn PovgenError into one red line and its exit code; Ctrl-C into exit 130."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PovgenError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted: finished clips are kept, unfinished ones were removed")
            raise typer.Exit(130) from None

    return wrapper
