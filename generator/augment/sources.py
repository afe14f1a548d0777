"""Where augment's input clips come from: a povgen dataset folder or a folder of real footage."""

from __future__ import annotations

from pathlib import Path

from generator.errors import PovgenError


def clip_sources(src: Path):
    """(names, loaders) of the clips of a povgen dataset folder or of a real-footage folder."""
    from generator.augment.clipdata import read_povgen_clip
    from generator.augment.real_footage import find_footage
    from generator.dataset.manifest import read_jsonl

    if not src.exists():
        raise PovgenError(f"{src}: no such file or folder")
    if (src / "clips").is_dir():
        ids = [r["clip_id"] for r in read_jsonl(src / "manifest.jsonl")]
        if not ids:
            raise PovgenError(f"{src}: a povgen dataset without finished clips (manifest.jsonl is empty)")
        return ids, [lambda c=src / "clips" / i: read_povgen_clip(c) for i in ids]
    if src.is_file():
        raise PovgenError(f"{src}: give the folder that holds the videos (and their labels), not a file")
    found = find_footage(src)
    return [n for n, _ in found], [f for _, f in found]
