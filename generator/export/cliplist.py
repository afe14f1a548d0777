"""Clip lists for video classifiers: one row per clip with its video path, every label axis, and frame intervals.

Intervals are half-open frame ranges [start, end): where a weapon has visible pixels, and where shots and muzzle
flashes happen. In the CSV, list-valued columns hold compact JSON (``[[0,12],[20,30]]``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from generator.export.source import Clip, event_frames, intervals, weapon_visible_frames
from generator.plan.model import ClipAxes

AXES = tuple(ClipAxes.model_fields)  # every clip-level label axis, in schema order


def clip_row(clip: Clip, split: str) -> dict:
    """The clip-list row of one clip."""
    lab = clip.labels
    first = lab.get("first_visible")
    axes = {k: lab["axes"].get(k) for k in AXES}
    axes.update({k: v for k, v in lab["axes"].items() if k not in axes})  # axes added later stay in
    return {
        "clip_id": clip.clip_id,
        "path": f"{clip.rel}/{lab['video']}",
        "split": split,
        "label": int(lab["category"] == "positive"),
        "category": lab["category"],
        **axes,
        "pair_id": lab.get("pair_id"),
        "fps": lab["fps"],
        "num_frames": lab["num_frames"],
        "duration_s": lab["duration_s"],
        "first_visible_frame": first["frame"] if first else None,
        "first_visible_s": first["time_s"] if first else None,
        "weapon_visible_intervals": intervals(weapon_visible_frames(lab)),
        "shot_frames": event_frames(lab, "shot"),
        "shot_intervals": intervals(event_frames(lab, "shot", "muzzle_flash")),
        "aim_start_frames": event_frames(lab, "aim_start"),
        "reload_frames": event_frames(lab, "reload"),
    }


def export_cliplist(clips: list[Clip], splits: dict[str, str], out: Path) -> tuple[Path, Path]:
    """Write ``out/clips.csv`` and ``out/clips.jsonl`` (paths relative to the dataset root)."""
    out.mkdir(parents=True, exist_ok=True)
    rows = [clip_row(c, splits[c.clip_id]) for c in clips]
    fields = list(dict.fromkeys(k for r in rows for k in r))
    csv_path, jsonl_path = out / "clips.csv", out / "clips.jsonl"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for r in rows:
            w.writerow({k: cell(r.get(k)) for k in fields})
    jsonl_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return csv_path, jsonl_path


def export_split_lists(clips: list[Clip], splits: dict[str, str], out: Path) -> list[Path]:
    """Write ``out/clips_<split>.txt``: one ``path label`` line per clip (mmaction2 / PyTorchVideo format),
    the path relative to the dataset root and the label 1 when a firearm is held, else 0."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("clips_*.txt"):
        old.unlink()
    written = []
    for split in sorted(set(splits.values())):
        lines = [
            f"{c.rel}/{c.labels['video']} {int(c.labels['category'] == 'positive')}\n"
            for c in clips
            if splits[c.clip_id] == split
        ]
        path = out / f"clips_{split}.txt"
        path.write_text("".join(lines), encoding="utf-8")
        written.append(path)
    return written


def cell(value) -> str:
    """A CSV cell: lists as compact JSON, None as empty, booleans as true/false."""
    if isinstance(value, list):
        return json.dumps(value, separators=(",", ":"))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
