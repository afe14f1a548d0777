"""Per-clip, per-area random generators derived with numpy's SeedSequence (order- and worker-independent)."""

from __future__ import annotations

import numpy as np

# add new areas at the end with new numbers: existing numbers must never change, or old datasets change
AREAS = {"content": 0, "environment": 1, "held": 2, "hands": 3, "camera": 4, "motion": 5, "carry": 6}
AREAS |= {"events": 50, "effects": 51}  # motion: numbers far from the other areas' new ones
AREAS.update({"pair": 30, "assets": 31})  # held objects: pair counterparts, user-asset draws
AREAS.update({"onset": 60, "device": 61})  # carry pose and onset; device post-processing (watermark)
AREAS["audio"] = 62  # the sound track's draws (generator/audio)


def area_rng(dataset_seed: int, index: int, area: str) -> np.random.Generator:
    """The generator of one area of one clip."""
    return np.random.default_rng(
        np.random.SeedSequence(int(dataset_seed), spawn_key=(int(index), AREAS[area]))
    )


def clip_id(index: int) -> str:
    """Folder name and id of clip ``index``."""
    return f"{index:06d}"
