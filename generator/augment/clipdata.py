"""A clip in memory (frames, instance masks, labels, plan) and reading one from a povgen clip folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.dataset.clip import ClipReader
from generator.errors import PovgenError


@dataclass
class ClipData:
    """frames (T,H,W,3) uint8 RGB; masks (T,H,W) uint16 instance ids; labels and plan as JSON dicts."""

    name: str
    frames: np.ndarray
    masks: np.ndarray
    labels: dict
    plan: dict


def read_povgen_clip(clip: Path) -> ClipData:
    """A finished clip folder of a povgen dataset (frames from PNGs, or decoded from video.mp4 when not kept)."""
    r = ClipReader(clip)
    labels, plan = r.labels, r.plan
    frames, masks = r.frames(), r.masks()
    if len(frames) != len(masks):
        raise PovgenError(f"{clip}: {len(frames)} frames but {len(masks)} masks")
    return ClipData(r.name, frames, masks, labels, plan)
