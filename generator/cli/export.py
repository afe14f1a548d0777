"""povgen export, inspect and report: a finished dataset in trainer formats, overlays, and an HTML report."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from generator.cli.app import app, err, friendly, out

FormatOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--format", "-f", help="coco, yolo, cliplist, webdataset or all (repeatable). Default: all."
    ),
]


@app.command()
@friendly
def export(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    formats: FormatOpt = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to write (default DATASET/exports).")
    ] = None,
    split: Annotated[
        str, typer.Option("--split", help="Split ratios by clip, e.g. train=0.8,val=0.1,test=0.1 (or all=1).")
    ] = "train=0.8,val=0.1,test=0.1",
    per_frame: Annotated[
        bool, typer.Option(help="WebDataset: one sample per frame instead of per clip.")
    ] = False,
    shard_size: Annotated[int, typer.Option(min=1, help="WebDataset: samples per tar shard.")] = 1000,
    classes: Annotated[
        str | None,
        typer.Option(
            help="COCO/YOLO class list in id order, e.g. handgun,rifle,shotgun (default: every povgen class, "
            "in the fixed order of docs/training.md)."
        ),
    ] = None,
    min_box_px: Annotated[
        float, typer.Option(help="Drop detection boxes smaller than this many pixels on a side.")
    ] = 4.0,
    min_visible: Annotated[
        float, typer.Option(help="Drop detection boxes whose visible fraction is below this (0..1).")
    ] = 0.0,
    skip_invalid: Annotated[
        bool, typer.Option(help="Export the clips that pass validation and list the ones left out.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Validate, then write COCO (video-aware), YOLO, clip lists (CSV/JSONL, per-split path-label lists),
    WebDataset shards, splits.json and a README.md dataset card."""
    from generator.cli.progress import Steps, bar
    from generator.dataset.splits import parse_ratios
    from generator.export.run import export_dataset
    from generator.run.options import check_writable

    names = [c.strip() for c in classes.split(",") if c.strip()] if classes is not None else None
    check_writable(out_dir if out_dir is not None else dataset / "exports")
    with bar(quiet) as progress:
        res = export_dataset(
            dataset,
            formats or ["all"],
            out_dir,
            parse_ratios(split),
            per_frame,
            shard_size,
            names,
            min_box_px,
            min_visible,
            skip_invalid,
            on_step=Steps(progress, "export"),
        )
    for fmt, paths in res.written.items():
        shown = ", ".join(paths[:4]) + (f" (+{len(paths) - 4} more)" if len(paths) > 4 else "")
        out.print(f"{fmt}: {shown}", highlight=False, soft_wrap=True)
    counts = Counter(res.splits.values())
    out.print("splits: " + ", ".join(f"{k} {v} clips" for k, v in sorted(counts.items())), highlight=False)
    for s in res.skipped:
        err.print(f"[yellow]skipped:[/yellow] {s}", highlight=False, soft_wrap=True)
    for n in res.notes:
        err.print(f"[yellow]note:[/yellow] {n}", highlight=False, soft_wrap=True)


@app.command()
@friendly
def inspect(
    clip: Annotated[Path, typer.Argument(help="A clip folder (DATASET/clips/<id>).")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to write (default CLIP/inspect).")
    ] = None,
    scale: Annotated[int, typer.Option(min=0, help="Upscale factor for small clips (0 = automatic).")] = 0,
) -> None:
    """Write overlay.mp4 and overlay.gif: boxes, tinted masks, event markers and a shake plot under the frames."""
    from generator.report.inspect import inspect_clip
    from generator.run.options import check_writable

    check_writable(out_dir if out_dir is not None else clip / "inspect")
    for p in inspect_clip(clip, out_dir, scale or None):
        out.print(str(p), highlight=False)


@app.command()
@friendly
def report(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to write (default DATASET/report).")
    ] = None,
    sheet: Annotated[int, typer.Option(min=1, help="Clips in the contact sheet (at most).")] = 48,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Write report/index.html: contact sheet, counts, box and visibility histograms, events, timings."""
    from generator.cli.progress import Steps, bar
    from generator.report.report import write_report
    from generator.run.options import check_writable

    check_writable(out_dir if out_dir is not None else dataset / "report")
    with bar(quiet) as progress:
        index = write_report(dataset, out_dir, sheet, on_step=Steps(progress, "report"))
    out.print(str(index), highlight=False)
