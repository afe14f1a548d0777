"""dataset.json, the dataset card: config, versions, counts from the manifest and timings; written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections import Counter
from pathlib import Path

import numpy as np

import generator
from generator.dataset.layout import CARD, FAILURES, MANIFEST
from generator.dataset.manifest import read_jsonl

TIMING_KEYS = ("plan", "build", "render", "labels", "encode", "write", "total")


def dict_hash(config: dict) -> str:
    """A stable short hash of a JSON-able config."""
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


def write_card(
    root: Path,
    name: str,
    seed: int,
    config: dict,
    config_hash: str | None = None,
    counts: dict | None = None,
    timings: dict | None = None,
    extra: dict | None = None,
) -> dict:
    """Rebuild dataset.json from the manifest: counts per category, held object and weapon class (plus
    ``counts``), per-stage timings summed over the clips unless ``timings`` is given, and ``extra`` keys."""
    root = Path(root)
    records = read_jsonl(root / MANIFEST)
    frames = sum(r.get("frames", 0) for r in records)
    if timings is None:
        sums = {k: sum(r.get("timings", {}).get(k, 0.0) for r in records) for k in TIMING_KEYS}
        timings = {
            "seconds_total": {k: round(v, 3) for k, v in sums.items()},
            "seconds_per_frame": {k: round(v / frames, 4) if frames else None for k, v in sums.items()},
        }
    card = {
        "schema_version": 1,
        "kind": "povgen.dataset",
        "name": name,
        "seed": int(seed),
        "config_hash": config_hash or dict_hash(config),
        "config": config,
        "versions": {
            "povgen": generator.__version__,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "blender": next((r["blender"] for r in records if r.get("blender")), None),
        },
        "counts": {
            **(counts or {}),
            "clips": len(records),
            "frames": frames,
            "by_category": dict(Counter(r["category"] for r in records)),
            "by_held_object": dict(Counter(r["held_object"] for r in records)),
            "by_weapon_class": dict(Counter(r["weapon_class"] for r in records)),
        },
        "timings": timings,
        **(extra or {}),
    }
    tmp = root / (CARD + ".tmp")
    tmp.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, root / CARD)
    return card


def failed_ids(root: Path) -> set[str]:
    """Clips listed as failed and not finished since."""
    done = {r["clip_id"] for r in read_jsonl(Path(root) / MANIFEST)}
    return {f["clip_id"] for f in read_jsonl(Path(root) / FAILURES)} - done
