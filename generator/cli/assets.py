"""povgen assets: contact sheets rendered by the tool (grips of the wearer's hands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, friendly, out


@app.command()
@friendly
def assets(
    what: Annotated[str, typer.Option(help="Which sheet: grips.")] = "grips",
    out_path: Annotated[Path, typer.Option("--out", help="PNG to write.")] = Path("grips.png"),
    size: Annotated[str, typer.Option(help="Frame size WxH.")] = "640x360",
    samples: Annotated[int, typer.Option(help="Render samples per pixel.")] = 16,
    only: Annotated[str, typer.Option(help="Comma-separated held classes (default: every grip).")] = "",
) -> None:
    """Render a contact sheet of every grip (bare hands of several skin tones, gloves, sleeves)."""
    from generator.errors import PovgenError
    from generator.preview.grips import grips_sheet

    if what != "grips":
        raise PovgenError(f"--what: unknown sheet {what!r}; known: grips")
    try:
        w, h = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise PovgenError(f"--size: expected WxH, got {size!r}") from None
    path = grips_sheet(out_path, (w, h), samples=samples, only=[s for s in only.split(",") if s] or None)
    out.print(f"wrote {path}")
