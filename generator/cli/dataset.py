"""povgen validate: check a dataset against its own evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, err, friendly, out
from generator.errors import PovgenError


@app.command()
@friendly
def validate(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Check every clip against its masks, video and schema, and the manifest against the folders."""
    from generator.cli.progress import Steps, bar
    from generator.dataset.validate import summary, validate_dataset

    if not dataset.is_dir():
        raise PovgenError(f"{dataset}: no such dataset folder")
    with bar(quiet or as_json) as progress:
        rep = validate_dataset(dataset, on_step=Steps(progress, "validate"))
    if as_json:
        out.print_json(json.dumps({**summary(rep), "messages": rep.problems}))
    else:
        for p in rep.problems[:50]:
            err.print(f"[red]problem:[/red] {p}", highlight=False, soft_wrap=True)
        if len(rep.problems) > 50:
            err.print(f"... and {len(rep.problems) - 50} more")
        out.print(
            f"{dataset}: {rep.clips} clips, {rep.frames} frames, {rep.annotations} annotations, "
            f"{len(rep.problems)} problems",
            soft_wrap=True,
        )
    if not rep.ok:
        raise typer.Exit(1)
