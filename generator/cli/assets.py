"""povgen assets: contact sheets of the object library (every firearm family, and a manifest's user assets)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, friendly, out
from generator.errors import PovgenError


@app.command()
@friendly
def assets(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder for the sheets and the per-variant images.")
    ] = Path("outputs/assets"),
    n: Annotated[int, typer.Option("--n", help="Variants (seeds) of each family.")] = 2,
    family: Annotated[
        list[str] | None, typer.Option("--family", help="Only these families (repeatable).")
    ] = None,
    manifest: Annotated[Path | None, typer.Option(help="Also render this asset manifest's models.")] = None,
    width: Annotated[int, typer.Option(help="Studio view width.")] = 480,
    height: Annotated[int, typer.Option(help="Studio view height.")] = 270,
    samples: Annotated[int, typer.Option(help="Cycles samples.")] = 8,
    seed: Annotated[int, typer.Option(help="Seed of the variants.")] = 0,
    first_person: Annotated[
        bool, typer.Option(help="Also render the first-person aimed view (640x360).")
    ] = True,
    what: Annotated[
        str,
        typer.Option(
            help="objects (firearm families), grips (every grip of the hands) or figures (mannequin poses)."
        ),
    ] = "objects",
) -> None:
    """Render N variants of every firearm family side-on, three-quarter and first-person, as contact sheets;
    ``--what grips``: one sheet of every grip (640x360 first-person frames) as OUT/grips.png;
    ``--what figures``: every figure pose as OUT/figures.png (and first-person frames of places with figures
    as OUT/figures_first_person.png)."""
    from generator.preview.assets import asset_sheets

    if what == "grips":
        from generator.preview.grips import grips_sheet

        path = grips_sheet(out_dir / "grips.png", (max(width, 640), max(height, 360)), samples=samples)
        out.print(f"grips: {path}", highlight=False)
        return
    if what == "figures":
        from generator.preview.figures import figures_sheet, first_person_sheet

        tile_size = (200, 300) if width >= 200 else (width, width * 3 // 2)  # portrait tiles
        res = figures_sheet(out_dir / "figures.png", tile_size, samples=samples, seed=seed)
        out.print(f"figures: {res['sheet']}", highlight=False)
        if first_person:
            fp = first_person_sheet(
                out_dir / "figures_first_person.png", (max(width, 640), max(height, 360)), samples, seed
            )
            out.print(f"first_person: {fp['sheet']}", highlight=False)
        return
    if what != "objects":
        raise PovgenError(f"--what {what!r}: expected objects, grips or figures")

    if not 1 <= n <= 16:
        raise PovgenError(f"--n {n}: expected 1..16")
    res = asset_sheets(
        out_dir, n, family, manifest, width, height, samples=samples, seed=seed, first_person=first_person
    )
    for view, path in res["sheets"].items():
        out.print(f"{view}: {path}", highlight=False)
    out.print(f"{res['variants']} variants in {res['seconds']:.1f} s", highlight=False)
