"""povgen composite: a rendered firearm (or harmless object) and hands composited onto real first-person video."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import SetOpt, app, err, friendly, out
from generator.errors import PovgenError


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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No per-clip lines.")] = False,
) -> None:
    """Render hands and held object on a transparent film, light them to match each background clip, and
    composite them with matched noise and blur; writes labelled clips with source: composite."""
    from generator.augment.recipe import load_recipe
    from generator.run.composite import run_composite

    if frames is not None and frames < 1:
        raise PovgenError(f"--frames {frames}: must be at least 1")
    if height is not None and not 16 <= height <= 4320:
        raise PovgenError(f"--height {height}: expected 16 to 4320")
    r = load_recipe(recipe) if recipe else None
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
        on_clip=None if quiet else (lambda cid: err.print(f"wrote {cid}", highlight=False, soft_wrap=True)),
    )
    out.print(
        f"{out_dir}: {counts['written']} clips written, {counts['skipped']} already done", soft_wrap=True
    )
