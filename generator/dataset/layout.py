"""Names of the files and folders of a dataset, in one place, and the guard that keeps paths inside it."""

from __future__ import annotations

from pathlib import Path

from generator.errors import PovgenError

CLIPS = "clips"
MANIFEST = "manifest.jsonl"
CARD = "dataset.json"
FAILURES = "failures.jsonl"
LOGS = "logs"
TMP_PREFIX = ".tmp-"


def frame_name(i: int) -> str:
    return f"{i:06d}.png"


def clip_dir(root: Path, clip_id: str) -> Path:
    """The folder of a clip, refusing ids that would leave the dataset root."""
    return inside(root, Path(CLIPS) / clip_id)


def inside(root: Path, rel: str | Path) -> Path:
    """``root / rel`` if it stays inside root, else an error naming the path."""
    root = Path(root).resolve()
    target = (root / rel).resolve()
    if target != root and root not in target.parents:
        raise PovgenError(f"{rel}: path escapes the output root {root}")
    return target
