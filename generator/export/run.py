"""povgen export: write a dataset in one or more trainer formats under ``exports/``, with the splits used."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from generator.dataset.layout import inside
from generator.dataset.splits import DEFAULT_RATIOS, assign_splits
from generator.errors import OptionError
from generator.export.cliplist import export_cliplist
from generator.export.coco import export_coco
from generator.export.source import load_clips
from generator.export.webdataset import export_webdataset
from generator.export.yolo import export_yolo

FORMATS = ("coco", "yolo", "cliplist", "webdataset")


def export_dataset(
    root: Path,
    formats: list[str],
    out: Path | None = None,
    ratios: dict[str, float] | None = None,
    per_frame: bool = False,
    shard_size: int = 1000,
    classes: list[str] | None = None,
    on_step: Callable[[str, int, int], None] | None = None,
) -> dict[str, list[str]]:
    """Export ``root`` in each format into ``out`` (default ``root/exports``); returns written paths by format."""
    root = Path(root)
    bad = [f for f in formats if f not in FORMATS and f != "all"]
    if bad:
        raise OptionError(f"--format {bad[0]}: unknown format; choose from {', '.join(FORMATS)} or all")
    if "all" in formats or not formats:
        formats = list(FORMATS)
    if classes is not None and (not classes or len(set(classes)) != len(classes)):
        raise OptionError(f"--classes {','.join(classes)}: give each class name once")
    out = Path(out) if out is not None else inside(root, "exports")
    clips = load_clips(root)
    splits = assign_splits(
        [c.record | {"pair_id": c.labels.get("pair_id")} for c in clips], ratios or DEFAULT_RATIOS
    )
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[str]] = {}
    (out / "splits.json").write_text(json.dumps(splits, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for i, fmt in enumerate(formats):
        if on_step:
            on_step(fmt, i, len(formats))
        if fmt == "coco":
            paths = export_coco(clips, splits, out / "coco", root, classes)
        elif fmt == "yolo":
            paths = [export_yolo(clips, splits, out / "yolo", classes)]
        elif fmt == "cliplist":
            paths = list(export_cliplist(clips, splits, out))
        else:
            paths = export_webdataset(clips, splits, out / "webdataset", per_frame, shard_size)
        written[fmt] = [str(p) for p in paths]
    written["splits"] = [str(out / "splits.json")]
    if on_step:
        on_step("", len(formats), len(formats))
    return written
