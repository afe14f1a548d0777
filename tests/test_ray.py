"""Ray executor (local Ray instance): the same plans give the same clips as the local executor, and a Ray
worker that dies is retried."""

from __future__ import annotations

import json
import os

import cv2
import numpy as np
import pytest
from conftest import render_tiny

from generator.dataset.manifest import read_jsonl
from generator.dataset.validate import validate_dataset

pytestmark = pytest.mark.render  # every test here starts Blender

pytest.importorskip("ray")


def _labels(clip):
    labels = json.loads((clip / "labels.json").read_text())
    labels.pop("timings", None)  # wall-clock times differ from run to run; everything else must not
    return labels


def test_ray_executor_gives_labels_identical_to_local(tiny_dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")
    monkeypatch.setenv("RAY_TMPDIR", "/tmp")
    monkeypatch.setenv("POVGEN_TEST_CRASH_ONCE", "000002")  # the Ray worker rendering 000002 dies once
    out = tmp_path / "ray"
    report = render_tiny(out, clips=4, executor="ray", workers=2, retries=2)
    assert report.rendered == 4 and report.failed == 0
    assert (out / "logs" / "crashed-once-000002").is_file()
    assert validate_dataset(out).ok
    records = read_jsonl(out / "manifest.jsonl")
    assert [r["clip_id"] for r in records] == ["000000", "000001", "000002", "000003"]
    assert all(r["worker_pid"] != os.getpid() for r in records)
    card = json.loads((out / "dataset.json").read_text())
    assert card["last_run"]["executor"] == "ray"
    for cid in ("000000", "000001", "000002", "000003"):
        local, remote = tiny_dataset / "clips" / cid, out / "clips" / cid
        assert _labels(local) == _labels(remote), cid
        assert (local / "plan.json").read_text() == (remote / "plan.json").read_text()
        for mask in sorted((local / "masks").iterdir()):
            a = cv2.imread(str(mask), cv2.IMREAD_UNCHANGED)
            b = cv2.imread(str(remote / "masks" / mask.name), cv2.IMREAD_UNCHANGED)
            assert np.array_equal(a, b), f"{cid}/{mask.name}"
