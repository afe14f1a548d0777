"""povgen augment: apply a recipe to a povgen dataset or to a folder of real footage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, friendly, out
from generator.errors import OptionError


@app.command()
@friendly
def augment(
    src: Annotated[
        Path, typer.Argument(help="A povgen dataset folder, or a folder of real videos and labels.")
    ],
    recipe: Annotated[str, typer.Option(help="Preset name or recipe YAML file.")] = "bodycam",
    variants: Annotated[int, typer.Option(help="Augmented versions of every clip.")] = 1,
    out_dir: Annotated[
        Path, typer.Option("--out", help="Output dataset folder (created, or resumed).")
    ] = Path("outputs/augmented"),
    seed: Annotated[int, typer.Option(help="Seed of the random draws.")] = 0,
    keep_clean: Annotated[bool, typer.Option(help="Also copy each clean clip into the output.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Augment clips with a recipe (clip-level, per-frame and live-stream transport effects); labels follow."""
    from generator.augment.pipeline import augment_into
    from generator.augment.recipe import load_recipe
    from generator.augment.sources import clip_sources
    from generator.cli.progress import bar
    from generator.run.options import check_count, check_seed, check_writable

    check_count("--variants", variants, 1)
    check_seed(seed)
    if out_dir.resolve() == src.resolve():
        raise OptionError(f"--out {out_dir}: must differ from the input folder")
    check_writable(out_dir)
    r = load_recipe(recipe)
    names, loaders = clip_sources(src)
    with bar(quiet) as progress:
        task = progress.add_task(f"augment {r.name}", total=len(names) * variants)
        counts = augment_into(
            loaders,
            names,
            r,
            out_dir,
            variants=variants,
            seed=seed,
            keep_clean=keep_clean,
            on_clip=lambda cid: progress.update(task, advance=1, description=f"augment {cid}"),
        )
    out.print(
        f"{out_dir}: {counts['written']} clips written, {counts['skipped']} already done, "
        f"{counts['frames']} frames in {counts['wall_s']:.1f} s",
        soft_wrap=True,
    )
