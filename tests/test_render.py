"""Real bpy renders at tiny size: labels checked against the masks, the projections and the video."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import cv2
import numpy as np
import pytest
from conftest import ROOT, render_tiny

from generator.dataset.manifest import read_jsonl
from generator.dataset.validate import validate_dataset
from generator.dataset.video import probe

pytestmark = pytest.mark.render  # every test here starts Blender


def load_labels(clip):
    return json.loads((clip / "labels.json").read_text())


def clips_of(ds):
    return sorted(p for p in (ds / "clips").iterdir() if p.is_dir())


def test_dataset_folder_layout(tiny_dataset):
    assert (tiny_dataset / "dataset.json").is_file()
    card = json.loads((tiny_dataset / "dataset.json").read_text())
    assert card["counts"]["clips"] == 4 and card["status"] == "complete"
    assert card["versions"]["blender"].startswith("5.0")
    assert len(read_jsonl(tiny_dataset / "manifest.jsonl")) == 4
    for clip in clips_of(tiny_dataset):
        assert {"labels.json", "plan.json", "video.mp4", "frames", "masks"} <= {
            p.name for p in clip.iterdir()
        }


def test_modal_boxes_equal_tight_boxes_of_mask_pixels(tiny_dataset):
    checked = 0
    for clip in clips_of(tiny_dataset):
        labels = load_labels(clip)
        ids = {i["instance_id"] for i in labels["instances"]}
        for fl in labels["frames"]:
            mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
            assert mask.dtype == np.uint16 and mask.shape == (labels["height"], labels["width"])
            assert set(np.unique(mask)) - {0} <= ids
            for a in fl["annotations"]:
                ys, xs = np.nonzero(mask == a["instance_id"])
                if xs.size == 0:
                    assert a["bbox_modal"] is None and a["area_px"] == 0
                    continue
                assert a["bbox_modal"] == [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
                assert a["area_px"] == xs.size
                checked += 1
    assert checked > 10


def test_amodal_box_contains_modal_box(tiny_dataset):
    tol = 1.0  # Cycles takes the id from the first sample, jittered inside the pixel filter
    n = 0
    for clip in clips_of(tiny_dataset):
        for fl in load_labels(clip)["frames"]:
            for a in fl["annotations"]:
                if a["bbox_modal"] is None:
                    continue
                m, am = a["bbox_modal"], a["bbox_amodal"]
                assert am is not None
                assert am[0] <= m[0] + tol and am[1] <= m[1] + tol
                assert am[2] >= m[2] - tol and am[3] >= m[3] - tol
                assert 0 < a["visible_fraction"] <= 1 and 0 <= a["truncation"] <= 1
                n += 1
    assert n > 10


def test_hands_and_held_objects_are_visible(tiny_dataset):
    seen = set()
    for clip in clips_of(tiny_dataset):
        labels = load_labels(clip)
        for fl in labels["frames"]:
            seen |= {a["category"] for a in fl["annotations"] if a["area_px"] > 0}
        if labels["axes"]["weapon_present"]:
            assert labels["first_visible"]["type"] == "weapon_visible_start"
    assert "hand_right" in seen


def test_video_decodes_to_labelled_frames_and_fps(tiny_dataset):
    for clip in clips_of(tiny_dataset):
        labels = load_labels(clip)
        n, fps, w, h = probe(clip / "video.mp4")
        assert n == labels["num_frames"] == len(labels["frames"])
        assert abs(fps - labels["fps"]) < 1e-6 and (w, h) == (labels["width"], labels["height"])


def test_validator_passes_and_catches_corruption(tiny_dataset, tmp_path):
    assert validate_dataset(tiny_dataset).ok
    bad = tmp_path / "bad"
    shutil.copytree(tiny_dataset, bad)
    clip = clips_of(bad)[0]
    labels = load_labels(clip)
    for fl in labels["frames"]:
        for a in fl["annotations"]:
            if a["bbox_modal"]:
                a["bbox_modal"][0] += 2
                break
    (clip / "labels.json").write_text(json.dumps(labels))
    problems = validate_dataset(bad).problems
    assert any("modal box" in p for p in problems)


def test_same_seed_gives_identical_labels(tiny_dataset, tmp_path):
    again = tmp_path / "again"
    render_tiny(again, clips=2)
    for cid in ("000000", "000001"):
        a = load_labels(tiny_dataset / "clips" / cid)
        b = load_labels(again / "clips" / cid)
        a.pop("timings"), b.pop("timings")
        assert a == b


def test_half_written_clip_is_redone(tiny_dataset, tmp_path):
    ds = tmp_path / "resume"
    shutil.copytree(tiny_dataset, ds)
    victim = ds / "clips" / "000002"
    (victim / "labels.json").unlink()  # as if the worker died before finishing
    lines = [r for r in read_jsonl(ds / "manifest.jsonl") if r["clip_id"] != "000002"]
    (ds / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    (ds / "clips" / ".tmp-000003-12345").mkdir()
    report = render_tiny(ds, clips=4)
    assert report.rendered == 1 and report.skipped == 3
    assert validate_dataset(ds).ok
    assert sorted(r["clip_id"] for r in read_jsonl(ds / "manifest.jsonl")) == [f"{i:06d}" for i in range(4)]


def test_failing_clip_is_retried_then_recorded(tmp_path, monkeypatch):
    monkeypatch.setenv("POVGEN_TEST_CRASH_ON", "000001")
    ds = tmp_path / "crash"
    report = render_tiny(ds, clips=2, retries=1)
    assert report.rendered == 1 and report.failed == 1
    failures = read_jsonl(ds / "failures.jsonl")
    assert [f["clip_id"] for f in failures] == ["000001"] and failures[0]["attempts"] == 2
    assert "worker died" in failures[0]["error"]
    assert (ds / failures[0]["plan"]).is_file()
    assert validate_dataset(ds).ok


def test_cli_generate_and_render_plan(tmp_path):
    out = tmp_path / "cli"
    cmd = [
        sys.executable,
        "-m",
        "generator.cli",
        "generate",
        str(ROOT / "scenes" / "smoke.yaml"),
        "--out",
        str(out),
        "--clips",
        "1",
        "--quiet",
        "--set",
        "render.frames=2",
    ]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    first = load_labels(out / "clips" / "000000")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "render-plan",
            str(out / "clips/000000/plan.json"),
            "--out",
            str(tmp_path / "again"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 0, res.stderr
    second = load_labels(tmp_path / "again" / "clips" / "000000")
    first.pop("timings"), second.pop("timings")
    assert first == second
    assert validate_dataset(tmp_path / "again").ok
