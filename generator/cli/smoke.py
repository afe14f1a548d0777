"""povgen smoke: tiny renders of every scene file, for CI."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from generator.cli.app import AllowPathOpt, app, err, friendly, out


@app.command()
@friendly
def smoke(
    scenes: Annotated[str, typer.Option(help="Glob of scene files.")] = "scenes/*.yaml",
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to render (default: a temp folder).")
    ] = None,
    junit: Annotated[Path | None, typer.Option(help="Write JUnit XML here.")] = None,
    clips: Annotated[int, typer.Option(help="Clips per scene.")] = 2,
    allow_path: AllowPathOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Render every scene file at tiny size, validate it, print a table; non-zero exit on any failure."""
    from generator.cli.progress import bar
    from generator.run.options import check_count, check_writable
    from generator.run.smoke import find_scenes, smoke_scene, write_junit

    check_count("--clips", clips, 1)
    if out_dir is not None:
        check_writable(out_dir)
    if junit is not None:
        check_writable(junit, "--junit")
    paths = find_scenes(scenes)
    tmp = None
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="povgen-smoke-")
        out_dir = Path(tmp.name)
    results = []
    with bar(quiet) as progress:
        task = progress.add_task("smoke", total=len(paths))
        for p in paths:
            progress.update(task, description=f"smoke {p.stem}")
            results.append(smoke_scene(p, out_dir, clips=clips))
            progress.advance(task)
    table = Table(title="povgen smoke")
    for col in ("scene", "frames", "seconds", "result"):
        table.add_column(col)
    for r in results:
        table.add_row(
            r.scene,
            str(r.frames),
            f"{r.seconds:.1f}",
            "[green]ok[/green]" if r.ok else f"[red]FAIL[/red] {r.message}",
        )
    out.print(table)
    if junit is not None:
        write_junit(results, junit)
    if tmp is not None:
        tmp.cleanup()
    failed = [r.scene for r in results if not r.ok]
    if failed:
        err.print(f"[red]smoke failed:[/red] {', '.join(failed)}")
        raise typer.Exit(1)
