"""povgen augment: apply a recipe to a povgen dataset or to a folder of real footage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, err, friendly, out
from generator.errors import OptionError, PovgenError


def clip_sources(src: Path):
    """(names, loaders) of the clips of a povgen dataset folder or of a real-footage folder."""
    from generator.augment.clipdata import read_povgen_clip
    from generator.augment.real_footage import find_footage
    from generator.dataset.manifest import read_jsonl

    if not src.exists():
        raise PovgenError(f"{src}: no such file or folder")
    if (src / "clips").is_dir():
        ids = [r["clip_id"] for r in read_jsonl(src / "manifest.jsonl")]
        if not ids:
            raise PovgenError(f"{src}: a povgen dataset without finished clips (manifest.jsonl is empty)")
        return ids, [lambda c=src / "clips" / i: read_povgen_clip(c) for i in ids]
    if src.is_file():
        raise PovgenError(f"{src}: give the folder that holds the videos (and their labels), not a file")
    found = find_footage(src)
    return [n for n, _ in found], [f for _, f in found]


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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No per-clip lines.")] = False,
) -> None:
    """Augment clips with a recipe (clip-level, per-frame and live-stream transport effects); labels follow."""
    from generator.augment.pipeline import augment_into
    from generator.augment.recipe import load_recipe
    from generator.run.options import check_count, check_seed, check_writable

    check_count("--variants", variants, 1)
    check_seed(seed)
    if out_dir.resolve() == src.resolve():
        raise OptionError(f"--out {out_dir}: must differ from the input folder")
    check_writable(out_dir)
    r = load_recipe(recipe)
    names, loaders = clip_sources(src)
    counts = augment_into(
        loaders,
        names,
        r,
        out_dir,
        variants=variants,
        seed=seed,
        keep_clean=keep_clean,
        on_clip=None if quiet else (lambda cid: err.print(f"wrote {cid}", highlight=False, soft_wrap=True)),
    )
    out.print(
        f"{out_dir}: {counts['written']} clips written, {counts['skipped']} already done, "
        f"{counts['frames']} frames in {counts['wall_s']:.1f} s",
        soft_wrap=True,
    )
