"""A clip in memory (frames, instance masks, labels, plan) and reading one from a povgen clip folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from generator.dataset.video import read_frames
from generator.errors import PovgenError


@dataclass
class ClipData:
    """frames (T,H,W,3) uint8 RGB; masks (T,H,W) uint16 instance ids; labels and plan as JSON dicts."""

    name: str
    frames: np.ndarray
    masks: np.ndarray
    labels: dict
    plan: dict
    folder: Path | None = None  # the clip folder it was read from (its sound track follows augmented copies)


def read_povgen_clip(clip: Path) -> ClipData:
    """A finished clip folder of a povgen dataset (frames from PNGs, or decoded from video.mp4 when not kept)."""
    try:
        labels = json.loads((clip / "labels.json").read_text(encoding="utf-8"))
        plan = json.loads((clip / "plan.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PovgenError(f"{clip}: cannot read labels.json/plan.json: {exc}") from None
    frames_l = labels["frames"]
    if all(fl.get("image") and (clip / fl["image"]).is_file() for fl in frames_l):
        frames = [
            cv2.cvtColor(cv2.imread(str(clip / fl["image"]), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
            for fl in frames_l
        ]
    else:
        frames = read_frames(clip / labels["video"])
    masks = []
    for fl in frames_l:
        m = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
        if m is None:
            raise PovgenError(f"{clip}/{fl['mask']}: missing or unreadable mask")
        masks.append(m.astype(np.uint16))
    if len(frames) != len(masks):
        raise PovgenError(f"{clip}: {len(frames)} frames but {len(masks)} masks")
    return ClipData(clip.name, np.stack(frames), np.stack(masks), labels, plan, Path(clip))
