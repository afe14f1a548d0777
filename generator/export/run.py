"""povgen export: write a dataset in one or more trainer formats under ``exports/``, with the splits used.

Every clip is validated first (the checks of ``povgen validate``); a damaged dataset is refused with its first
problem unless ``skip_invalid`` is set, then the damaged clips are left out and listed. Class ids come from
generator/export/classes.py, the same in every export. Detection boxes smaller than ``min_box_px`` on a side
or less visible than ``min_visible`` are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.dataset.layout import inside
from generator.dataset.splits import DEFAULT_RATIOS, assign_splits
from generator.dataset.validate import validate_clip
from generator.errors import OptionError, PovgenError
from generator.export.card import write_readme
from generator.export.classes import pick_classes
from generator.export.cliplist import export_cliplist, export_split_lists
from generator.export.coco import export_coco
from generator.export.source import Clip, clip_of, keep_box, manifest_lines
from generator.export.webdataset import export_webdataset
from generator.export.yolo import export_yolo

FORMATS = ("coco", "yolo", "cliplist", "webdataset")
MIN_BOX_PX = 4.0  # boxes under 4 px on a side are noise to a detector (distant figures)
MIN_VISIBLE = 0.0  # any visible pixel counts; raise it to drop heavily occluded boxes


@dataclass
class ExportResult:
    """Written paths by format, clips left out as damaged, and notes the user should read."""

    written: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    splits: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, fmt: str) -> list[str]:
        """The paths written for one format (``result["coco"]``)."""
        return self.written[fmt]


def split_record(clip: Clip) -> dict:
    """The fields splits are made from: class, place family, pair, source clip and background."""
    lab = clip.labels
    aug = lab.get("augmentation") or {}
    return {
        "clip_id": clip.clip_id,
        "weapon_class": lab["axes"].get("weapon_class"),
        "environment": lab["axes"].get("environment"),
        "pair_id": lab.get("pair_id"),
        "source_clip": aug.get("source_clip"),
        "background": lab.get("background"),
    }


def checked_clips(root: Path, skip_invalid: bool) -> tuple[list[Clip], list[str]]:
    """The dataset's clips, each validated; refuses on the first problem, or skips damaged clips and junk
    manifest lines when ``skip_invalid`` (returning one line per skipped item)."""
    clips, skipped = [], []
    for _, rec, problem in manifest_lines(root):
        problems = [problem] if rec is None else []
        clip = None
        if rec is not None:
            try:
                clip = clip_of(root, rec)
            except PovgenError as exc:
                problems = [str(exc)]
            if clip is not None:
                problems, _, _ = validate_clip(clip.folder, clip.rel)
        if problems:
            if not skip_invalid:
                more = f" (+{len(problems) - 1} more in this clip)" if len(problems) > 1 else ""
                raise PovgenError(
                    f"{problems[0]}{more}; the dataset is damaged: run `povgen validate {root}`, "
                    "or export the rest with --skip-invalid"
                )
            skipped.append(problems[0])
            continue
        clips.append(clip)
    if not clips:
        raise PovgenError(f"{root}: no valid finished clips")
    return sorted(clips, key=lambda c: c.record.get("index", 0)), skipped


def export_dataset(
    root: Path,
    formats: list[str],
    out: Path | None = None,
    ratios: dict[str, float] | None = None,
    per_frame: bool = False,
    shard_size: int = 1000,
    classes: list[str] | None = None,
    min_box_px: float = MIN_BOX_PX,
    min_visible: float = MIN_VISIBLE,
    skip_invalid: bool = False,
    on_step: Callable[[str, int, int], None] | None = None,
) -> ExportResult:
    """Export ``root`` in each format into ``out`` (default ``root/exports``)."""
    root = Path(root)
    bad = [f for f in formats if f not in FORMATS and f != "all"]
    if bad:
        raise OptionError(f"--format {bad[0]}: unknown format; choose from {', '.join(FORMATS)} or all")
    if "all" in formats or not formats:
        formats = list(FORMATS)
    if min_box_px < 0 or not 0 <= min_visible <= 1:
        raise OptionError("--min-box-px must be >= 0 and --min-visible between 0 and 1")
    names = pick_classes(classes)
    keep = partial(keep_box, min_box_px=min_box_px, min_visible=min_visible)
    out = Path(out) if out is not None else inside(root, "exports")
    clips, skipped = checked_clips(root, skip_invalid)
    ratios = ratios or DEFAULT_RATIOS
    splits = assign_splits([split_record(c) for c in clips], ratios)
    res = ExportResult(skipped=skipped, splits=splits)
    visible = [a for c in clips for f in c.labels["frames"] for a in f["annotations"] if a["area_px"] > 0]
    dropped = sum(not keep(a) for a in visible)
    if dropped:
        res.notes.append(
            f"{dropped} of {len(visible)} visible boxes left out of COCO/YOLO by --min-box-px {min_box_px:g} "
            f"--min-visible {min_visible:g}"
        )
    if "val" not in set(splits.values()):
        res.notes.append(
            "no val split: YOLO's data.yaml points val at the training images (say --split ...val=)"
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / "splits.json").write_text(json.dumps(splits, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for i, fmt in enumerate(formats):
        if on_step:
            on_step(fmt, i, len(formats))
        if fmt == "coco":
            paths = export_coco(clips, splits, out / "coco", root, names, keep)
        elif fmt == "yolo":
            paths = [export_yolo(clips, splits, out / "yolo", names, keep)]
        elif fmt == "cliplist":
            paths = [*export_cliplist(clips, splits, out), *export_split_lists(clips, splits, out)]
        else:
            paths = export_webdataset(clips, splits, out / "webdataset", per_frame, shard_size)
        res.written[fmt] = [str(p) for p in paths]
    res.written["splits"] = [str(out / "splits.json")]
    export_info = {
        "formats": formats,
        "ratios": ratios,
        "classes": names,
        "min_box_px": min_box_px,
        "min_visible": min_visible,
        "skipped": skipped,
        "boxes_dropped": dropped,
        "boxes_visible": len(visible),
    }
    res.written["card"] = [str(write_readme(root, clips, out, splits, export_info))]
    write_readme(root, clips)
    if on_step:
        on_step("", len(formats), len(formats))
    return res
