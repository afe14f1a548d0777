"""manifest.jsonl (one line per finished clip) and failures.jsonl, with resume-time reconciliation."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from generator.dataset.clip import ClipReader
from generator.dataset.layout import CLIPS, FAILURES, MANIFEST, TMP_PREFIX
from generator.dataset.records import manifest_record
from generator.errors import PovgenError


def read_jsonl(path: Path) -> list[dict]:
    """Lines of a JSONL file; a torn last line (from a crash) is ignored."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def append_jsonl(path: Path, record: dict) -> None:
    """Append one record and flush it to disk."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, sort_keys=True) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def write_jsonl_atomic(path: Path, records: list[dict]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    os.replace(tmp, path)


def is_complete(clip: Path) -> bool:
    """A clip folder is complete when its labels, plan and video are all there (written last by the writer)."""
    return ClipReader(clip).is_complete()


def reconcile(root: Path) -> dict[str, dict]:
    """Make manifest and folders agree before a run: drop temp folders and lines without a complete folder,
    add lines for complete folders a crash left unlisted. Returns the finished clips by id."""
    clips = root / CLIPS
    clips.mkdir(parents=True, exist_ok=True)
    for d in clips.iterdir():
        if d.name.startswith(TMP_PREFIX):
            shutil.rmtree(d, ignore_errors=True)
    done: dict[str, dict] = {}
    for rec in read_jsonl(root / MANIFEST):
        if not isinstance(rec, dict) or not isinstance(rec.get("clip_id"), str):
            continue  # a junk line: dropped like a line without a folder
        if is_complete(clips / rec["clip_id"]):
            done[rec["clip_id"]] = rec
    for d in sorted(clips.iterdir()):
        if d.name in done or d.name.startswith(TMP_PREFIX):
            continue
        if is_complete(d):
            try:
                done[d.name] = manifest_record(ClipReader(d).labels)
                continue
            except (PovgenError, KeyError):
                pass
        shutil.rmtree(d, ignore_errors=True)  # incomplete or unreadable: redo it
    records = sorted(done.values(), key=lambda r: r["index"])
    write_jsonl_atomic(root / MANIFEST, records)
    return {r["clip_id"]: r for r in records}


def record_failure(root: Path, record: dict) -> None:
    append_jsonl(root / FAILURES, record)
