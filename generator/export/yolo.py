"""YOLO in the Ultralytics layout: images/<split>/, labels/<split>/ (one .txt per image), data.yaml.

Each label line is ``class cx cy w h`` of the modal box, normalised by the image size. Instances with no
visible pixel get no line. Images are hard-linked from the clip folders when possible, else copied.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import cv2
import yaml

from generator.export.classes import class_names
from generator.export.source import Clip, keep_box


def yolo_line(cls: int, box: list[float], width: int, height: int) -> str:
    """One label line from an [x0, y0, x1, y1] pixel box."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2 / width, (y0 + y1) / 2 / height
    w, h = (x1 - x0) / width, (y1 - y0) / height
    return f"{cls} {cx:.6f} {cy:.6f} {w:.6f} {h:.6f}"


def box_from_line(line: str, width: int, height: int) -> tuple[int, list[float]]:
    """The inverse of yolo_line: (class, [x0, y0, x1, y1] in pixels)."""
    cls, cx, cy, w, h = line.split()
    cx, cy, w, h = float(cx) * width, float(cy) * height, float(w) * width, float(h) * height
    return int(cls), [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]


def place_image(src: Path, dst: Path) -> None:
    """Hard-link src to dst (no extra disk), copying when linking is not possible."""
    if dst.exists():
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def export_yolo(
    clips: list[Clip], splits: dict[str, str], out: Path, classes: list[str] | None = None, keep=keep_box
) -> Path:
    """Write the Ultralytics layout under ``out``; returns the path of data.yaml. Without a val split, val
    names the train images and data.yaml says so in a comment (the export also prints it)."""
    names = classes or class_names()
    cls_of = {n: k for k, n in enumerate(names)}
    for old in (out / "images", out / "labels"):
        shutil.rmtree(old, ignore_errors=True)  # no stale frames from an earlier export with other splits
    for clip in clips:
        split = splits[clip.clip_id]
        img_dir, lab_dir = out / "images" / split, out / "labels" / split
        img_dir.mkdir(parents=True, exist_ok=True)
        lab_dir.mkdir(parents=True, exist_ok=True)
        lab = clip.labels
        decoded = None if all(f["image"] for f in lab["frames"]) else clip.frames_rgb()
        for f in lab["frames"]:
            stem = f"{clip.clip_id}_{f['index']:06d}"
            if decoded is None:
                place_image(clip.folder / f["image"], img_dir / f"{stem}.png")
            else:
                cv2.imwrite(
                    str(img_dir / f"{stem}.png"), cv2.cvtColor(decoded[f["index"]], cv2.COLOR_RGB2BGR)
                )
            lines = [
                yolo_line(cls_of[a["category"]], a["bbox_modal"], lab["width"], lab["height"])
                for a in f["annotations"]
                if keep(a) and a["category"] in cls_of
            ]
            (lab_dir / f"{stem}.txt").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    order = ["train", "val", "test"]
    present = sorted(
        set(splits[c.clip_id] for c in clips), key=lambda s: (order.index(s) if s in order else 3, s)
    )
    dirs = {s: f"images/{s}" for s in present}
    dirs.setdefault("train", dirs[present[0]] if len(present) == 1 else [dirs[s] for s in present])
    note = ""
    if "val" not in dirs:
        dirs["val"] = dirs["train"]  # Ultralytics needs train and val entries
        note = "# NOTE: this export has no val split; val points at the training images (not a real validation)\n"
    data = {"path": str(out.resolve()), **dirs, "names": dict(enumerate(names))}
    path = out / "data.yaml"
    path.write_text(note + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
