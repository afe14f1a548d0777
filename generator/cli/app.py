"""The Typer app, its consoles, and the error convention every command follows.

Bad option value or config: one line naming the option or field and the value, exit 2. Environment problem
(unwritable folder, missing file, no GPU): one line, exit 1. A traceback only with ``povgen --debug``.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from generator.errors import PovgenError, describe_os_error

try:  # Typer >= 0.20 carries its own copy of Click
    from typer._click import exceptions as cx
except ImportError:  # pragma: no cover - older Typer uses Click itself
    from click import exceptions as cx

DEBUG = {"on": bool(os.environ.get("POVGEN_DEBUG"))}


class OneLineGroup(TyperGroup):
    """Typer's group, but a usage error (bad number, unknown option) is one line on stderr, not a panel."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except cx.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except cx.ClickException as exc:
            msg = " ".join(exc.format_message().split()) + _given(exc, args)
            cmd = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else "povgen"
            err.print(f"[red]error:[/red] {escape(msg)} (see {cmd} --help)", highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            err.print("aborted")
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


def _given(exc: Exception, args) -> str:
    """' (got VALUE)' for a bad option value, found in the command line the user typed."""
    param = getattr(exc, "param", None)
    words = list(sys.argv[1:] if args is None else args)
    for name in getattr(param, "opts", None) or []:
        for i, word in enumerate(words):
            if word == name and i + 1 < len(words):
                return f" (got {words[i + 1]!r})"
            if word.startswith(name + "="):
                return f" (got {word.split('=', 1)[1]!r})"
    return ""


app = typer.Typer(
    cls=OneLineGroup,
    add_completion=False,
    no_args_is_help=True,
    help="Render synthetic first-person clips with labels.",
)
config_app = typer.Typer(no_args_is_help=True, help="Show, validate and describe scene configs.")
app.add_typer(config_app, name="config")
out = Console()
err = Console(stderr=True)


@app.callback()
def _main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an error (also POVGEN_DEBUG=1).")
    ] = False,
) -> None:
    """Render synthetic first-person clips with labels."""
    DEBUG["on"] = debug or bool(os.environ.get("POVGEN_DEBUG"))


SetOpt = Annotated[
    list[str] | None, typer.Option("--set", help="Override a config key: a.b.c=value (YAML value).")
]
AllowPathOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-path",
        help="A folder that config paths (asset manifests, recipes) may point into, besides the config's own.",
    ),
]


def _fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True, markup=True)
    return typer.Exit(code)


def friendly(fn):
    """Turn any error into one red line and its exit code (2: bad option or config, 1: environment)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            from generator.config.paths import allow_paths

            with allow_paths(kwargs.get("allow_path")):
                return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, cx.ClickException):
            raise
        except KeyboardInterrupt:
            err.print("interrupted: finished clips are kept, unfinished ones were removed")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the one place that turns errors into a line and a code
            if DEBUG["on"]:
                raise
            raise _fail(*one_line(exc)) from None

    return wrapper


def one_line(exc: BaseException) -> tuple[str, int]:
    """The one-line message and exit code of an error (a traceback is for --debug)."""
    if isinstance(exc, PovgenError):
        text, code = str(exc), exc.exit_code
    elif isinstance(exc, OSError):
        text, code = describe_os_error(exc), 1
    elif isinstance(exc, MemoryError):
        text, code = "out of memory", 1
    else:
        first = (str(exc).strip().splitlines() or [""])[0]
        text = f"internal error ({type(exc).__name__}: {first}); rerun with povgen --debug for the traceback"
        code = 1
    return escape(" ".join(text.split())), code
