"""Reading a finished dataset for export: its clips in order, their labels, frames and masks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from generator.catalog import weapon_classes
from generator.dataset.clip import LABELS, ClipReader
from generator.dataset.layout import CLIPS, MANIFEST, inside
from generator.dataset.video import read_frames
from generator.errors import PovgenError


@dataclass
class Clip:
    """A finished clip: its manifest record, its labels, and its folder."""

    record: dict
    labels: dict
    folder: Path
    rel: str  # folder relative to the dataset root

    @property
    def clip_id(self) -> str:
        return self.labels["clip_id"]

    def mask(self, frame: dict) -> np.ndarray:
        """The 16-bit instance mask of a frame label."""
        m = cv2.imread(str(self.folder / frame["mask"]), cv2.IMREAD_UNCHANGED)
        if m is None:
            raise PovgenError(f"{self.rel}/{frame['mask']}: missing or unreadable mask")
        return m

    def frame_rgb(self, index: int) -> np.ndarray:
        """One frame as RGB uint8 (its PNG when saved, else decoded from the video)."""
        name = self.labels["frames"][index]["image"]
        bgr = cv2.imread(str(self.folder / name), cv2.IMREAD_COLOR) if name else None
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB) if bgr is not None else self.frames_rgb()[index]

    def frames_rgb(self) -> list[np.ndarray]:
        """Every frame as RGB uint8: the saved PNGs, or the decoded video when frames were not saved."""
        if all(f["image"] for f in self.labels["frames"]):
            out = []
            for f in self.labels["frames"]:
                bgr = cv2.imread(str(self.folder / f["image"]), cv2.IMREAD_COLOR)
                if bgr is None:
                    raise PovgenError(f"{self.rel}/{f['image']}: missing or unreadable frame")
                out.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            return out
        return read_frames(self.folder / self.labels["video"])


def manifest_lines(root: Path) -> list[tuple[int, dict | None, str]]:
    """(line number, record or None, problem) of every non-empty manifest line; junk lines carry a problem."""
    path = Path(root) / MANIFEST
    if not path.is_file():
        raise PovgenError(f"{root}: no {MANIFEST} (not a povgen dataset?)")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append((n, None, f"{MANIFEST} line {n}: not JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("clip_id"), str) or not rec["clip_id"]:
            out.append((n, None, f"{MANIFEST} line {n}: not a clip record (no clip_id)"))
            continue
        out.append((n, rec, ""))
    return out


def clip_of(root: Path, rec: dict) -> Clip:
    """The finished clip of one manifest record; an error names a missing or unreadable labels.json."""
    rel = rec.get("path") or f"{CLIPS}/{rec['clip_id']}"
    folder = inside(root, rel)
    reader = ClipReader(folder)
    if not reader.has(LABELS):
        raise PovgenError(f"{rel}/{LABELS}: missing (run `povgen validate {root}`)")
    labels = reader.labels  # unreadable or invalid JSON: a one-line error naming the file
    if "clip_id" not in labels:
        raise PovgenError(f"{rel}/{LABELS}: not a povgen labels file")
    return Clip(rec, labels, folder, rel)


def load_clips(root: Path) -> list[Clip]:
    """The dataset's finished clips in manifest (index) order; an error names a missing dataset, a junk
    manifest line or a missing clip."""
    root = Path(root)
    records = []
    for _, rec, problem in manifest_lines(root):
        if rec is None:
            raise PovgenError(problem)
        records.append(rec)
    clips = [clip_of(root, rec) for rec in sorted(records, key=lambda r: r.get("index", 0))]
    if not clips:
        raise PovgenError(f"{root}: no finished clips")
    return clips


def keep_box(a: dict, min_box_px: float = 0.0, min_visible: float = 0.0) -> bool:
    """Whether an annotation gets a box in detection exports: visible pixels, both box sides at least
    ``min_box_px`` and a visible fraction at least ``min_visible``."""
    if a["bbox_modal"] is None or a["area_px"] == 0:
        return False
    x0, y0, x1, y1 = a["bbox_modal"]
    return min(x1 - x0, y1 - y0) >= min_box_px and a["visible_fraction"] >= min_visible


def iter_frames(clip: Clip) -> Iterator[tuple[dict, np.ndarray]]:
    """(frame label, mask) for each frame of a clip."""
    for f in clip.labels["frames"]:
        yield f, clip.mask(f)


def intervals(frames: list[int]) -> list[list[int]]:
    """Sorted frame indices -> half-open runs [[start, end), ...]."""
    out: list[list[int]] = []
    for f in sorted(set(frames)):
        if out and out[-1][1] == f:
            out[-1][1] = f + 1
        else:
            out.append([f, f + 1])
    return out


WEAPONS = set(weapon_classes())


def weapon_ids(labels: dict) -> set[int]:
    """Instance ids that are weapons: a firearm category, or the held object of a weapon-present clip."""
    present = labels["axes"]["weapon_present"]
    return {
        i["instance_id"]
        for i in labels["instances"]
        if i["category"] in WEAPONS or (present and i["role"] == "held_object")
    }


def weapon_visible_frames(labels: dict) -> list[int]:
    """Frames where a weapon instance has visible pixels."""
    ids = weapon_ids(labels)
    return [
        f["index"]
        for f in labels["frames"]
        if any(a["instance_id"] in ids and a["area_px"] > 0 for a in f["annotations"])
    ]


def event_frames(labels: dict, *types: str) -> list[int]:
    return sorted(e["frame"] for e in labels["events"] if e["type"] in types)
