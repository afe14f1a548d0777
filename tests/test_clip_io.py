"""ClipWriter writes a clip folder atomically (with extra files and an audio track); ClipReader reads it back."""

from __future__ import annotations

import av
import numpy as np
import pytest

from generator.dataset.clip import ClipReader, ClipWriter
from generator.dataset.manifest import reconcile
from generator.errors import PovgenError


def _labels_and_plan() -> tuple[dict, dict]:
    """Valid labels (no instances) and the plan of the golden fixture: 64x48, 4 frames."""
    from golden_clip import FIXTURE

    from generator.dataset.clip import ClipWriter as W
    from generator.labels.make import clip_labels, frame_labels
    from generator.plan import load_plan

    plan = load_plan(FIXTURE / "plan.json")
    ids = np.zeros((48, 64), np.uint16)
    frames = [frame_labels(plan, i, ids, [], np.eye(4), W.frame_files(i)) for i in range(4)]
    return clip_labels(plan, frames, {}).model_dump(mode="json"), plan.model_dump(mode="json")


def _clip(n=4, h=48, w=64):
    rng = np.random.default_rng(0)
    return rng.integers(0, 255, (n, h, w, 3), dtype=np.uint8), rng.integers(0, 3, (n, h, w)).astype(np.uint16)


def test_writer_commits_atomically_and_reader_reads_back(tmp_path):
    frames, masks = _clip()
    with ClipWriter(tmp_path, "c1") as w:
        w.add_frames(frames, masks)
        w.add_images("alpha", [np.full((48, 64), 255, np.uint8)] * 4)
        w.add_file("notes/extra.json", {"a": 1})
        w.add_audio(np.sin(np.linspace(0, 100, 16000)) * 0.2, 16000, keep_wav=True)
        assert not (tmp_path / "clips" / "c1").exists()  # nothing in place before commit
        labels, plan = _labels_and_plan()
        rec = w.commit(labels, plan)
    r = ClipReader(tmp_path / "clips" / "c1")
    assert rec["clip_id"] == "c1" and r.labels["clip_id"] == "c1" and r.plan["clip_id"] == "c1"
    assert r.is_complete() and r.has("notes/extra.json") and r.has("audio.wav")
    assert (r.frames() == frames).all() and (r.masks() == masks).all()  # PNG is lossless
    with av.open(str(r.folder / "video.mp4")) as c:
        assert sorted(s.type for s in c.streams) == ["audio", "video"]
    assert list(reconcile(tmp_path)) == ["c1"]


def test_writer_leaves_nothing_when_it_fails(tmp_path):
    frames, masks = _clip()
    with pytest.raises(RuntimeError), ClipWriter(tmp_path, "c2") as w:
        w.add_frames(frames, masks)
        raise RuntimeError("render failed")
    assert list((tmp_path / "clips").iterdir()) == []


def test_writer_refuses_labels_that_break_the_schema(tmp_path):
    frames, masks = _clip()
    bad = {**_labels_and_plan()[0], "fps": -1}
    with pytest.raises(ValueError), ClipWriter(tmp_path, "c3") as w:
        w.add_frames(frames, masks)
        w.commit(bad, {}, fps=10)
    assert list((tmp_path / "clips").iterdir()) == []


def test_reader_names_the_broken_file(tmp_path):
    (tmp_path / "labels.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PovgenError, match="labels.json"):
        _ = ClipReader(tmp_path).labels
    with pytest.raises(PovgenError, match="plan.json"):
        _ = ClipReader(tmp_path).plan
