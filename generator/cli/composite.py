"""povgen composite: a rendered firearm (or harmless object) and hands composited onto real first-person video."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import AllowPathOpt, SetOpt, app, err, friendly, out
from generator.errors import OptionError


@app.command()
@friendly
def composite(
    background: Annotated[
        Path, typer.Option("--background", help="A background video, or a folder of videos.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", help="Output dataset folder (created, or resumed).")
    ] = Path("outputs/composite"),
    scene: Annotated[Path, typer.Option(help="Scene config for the held objects, hands and motion.")] = Path(
        "scenes/smoke.yaml"
    ),
    set_: SetOpt = None,
    allow_path: AllowPathOpt = None,
    seed: Annotated[int, typer.Option(help="Seed of the plans and the noise.")] = 0,
    frames: Annotated[
        int | None, typer.Option(help="Use at most this many frames of each background.")
    ] = None,
    height: Annotated[int | None, typer.Option(help="Scale backgrounds to this height first.")] = None,
    negatives: Annotated[
        bool,
        typer.Option(
            help="Also make the harmless-object version of each background (a counterfactual pair)."
        ),
    ] = True,
    recipe: Annotated[str | None, typer.Option(help="Augmentation recipe applied after compositing.")] = None,
    workers: Annotated[int, typer.Option(help="Blender worker processes.")] = 1,
    threads: Annotated[int, typer.Option(help="Cycles threads per worker (0 = cores / workers).")] = 0,
    skip_bad: Annotated[
        bool,
        typer.Option(help="Leave out (and list) background videos that cannot be read; the rest composites."),
    ] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Render hands and held object on a transparent film, light them to match each background clip, and
    composite them with matched noise and blur; writes labelled clips with source: composite."""
    from generator.augment.recipe import load_recipe
    from generator.cli.progress import bar
    from generator.run.composite import run_composite
    from generator.run.options import check_count, check_seed, check_writable

    if frames is not None:
        check_count("--frames", frames, 1)
    if height is not None and not 16 <= height <= 4320:
        raise OptionError(f"--height {height}: expected 16 to 4320")
    check_count("--workers", workers, 1)
    check_count("--threads", threads, 0)
    check_seed(seed)
    check_writable(out_dir)
    r = load_recipe(recipe) if recipe else None
    with bar(quiet) as progress:
        counts = run_composite(
            background,
            out_dir,
            scene,
            list(set_ or []),
            seed=seed,
            frames=frames,
            height=height,
            negatives=negatives,
            recipe=r,
            workers=workers,
            threads=threads,
            skip_bad=skip_bad,
            on_event=composite_events(progress),
        )
    bad = counts["bad"]
    if bad:
        names = ", ".join(f"{Path(b['background']).name} ({b['error']})" for b in bad)
        err.print(
            f"[yellow]skipped {len(bad)} bad background(s):[/yellow] {names}", highlight=False, soft_wrap=True
        )
    out.print(
        f"{out_dir}: {counts['written']} clips written, {counts['skipped']} already done, "
        f"{len(bad)} bad backgrounds skipped",
        soft_wrap=True,
    )


def composite_events(progress):
    """The run_composite event handler: bars for reading backgrounds, rendering layers and compositing."""
    tasks: dict[str, int] = {}

    def on_event(kind: str, data: dict) -> None:
        if kind == "reading":
            tasks["read"] = progress.add_task("read backgrounds", total=data["total"])
        elif kind in ("read", "bad"):
            progress.update(tasks["read"], advance=1)
        elif kind == "start":
            tasks["render"] = progress.add_task("render layers", total=data["todo"])
            tasks["write"] = progress.add_task("composite", total=data["todo"])
        elif kind in ("rendered", "failed"):
            progress.update(tasks["render"], advance=1)
        elif kind == "written":
            progress.update(tasks["write"], advance=1, description=f"composite {data['clip_id']}")

    return on_event
