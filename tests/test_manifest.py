import json

import pytest

from generator.dataset.layout import inside
from generator.dataset.manifest import append_jsonl, read_jsonl, reconcile
from generator.errors import PovgenError


def fake_clip(root, cid, complete=True):
    d = root / "clips" / cid
    d.mkdir(parents=True)
    labels = {
        "clip_id": cid,
        "index": int(cid),
        "category": "negative",
        "num_frames": 1,
        "fps": 15,
        "axes": {
            "weapon_present": False,
            "weapon_class": "none",
            "held_object": "phone",
            "environment": "corridor",
        },
    }
    (d / "plan.json").write_text("{}")
    (d / "video.mp4").write_bytes(b"x")
    if complete:
        (d / "labels.json").write_text(json.dumps(labels))
    return d


def test_reconcile_drops_partial_and_temp_and_lists_orphans(tmp_path):
    fake_clip(tmp_path, "000000")
    fake_clip(tmp_path, "000001", complete=False)
    fake_clip(tmp_path, "000002")
    (tmp_path / "clips" / ".tmp-000003-99").mkdir()
    append_jsonl(tmp_path / "manifest.jsonl", {"clip_id": "000000", "index": 0})
    append_jsonl(tmp_path / "manifest.jsonl", {"clip_id": "000009", "index": 9})  # no folder
    append_jsonl(tmp_path / "manifest.jsonl", {"hello": 1})  # junk
    with open(tmp_path / "manifest.jsonl", "a") as fh:
        fh.write('{"clip_id": "0000')  # torn line from a crash
    done = reconcile(tmp_path)
    assert sorted(done) == ["000000", "000002"]
    assert not (tmp_path / "clips" / "000001").exists()
    assert not (tmp_path / "clips" / ".tmp-000003-99").exists()
    assert [r["clip_id"] for r in read_jsonl(tmp_path / "manifest.jsonl")] == ["000000", "000002"]


def test_paths_cannot_escape_the_root(tmp_path):
    assert inside(tmp_path, "clips/000001") == (tmp_path / "clips" / "000001").resolve()
    with pytest.raises(PovgenError, match="escapes the output root"):
        inside(tmp_path, "../elsewhere")
