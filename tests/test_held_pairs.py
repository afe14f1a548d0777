"""Real bpy renders: counterfactual pairs differ only at the held objects and hands; a weapon raised into view."""

from __future__ import annotations

import json
import subprocess
import sys

import cv2
import numpy as np
import pytest
from conftest import ROOT, SMOKE

from generator.config import load_config
from generator.dataset.validate import validate_dataset
from generator.plan import plan_clip, save_plan
from generator.plan.held import carry_track
from generator.run.generate import generate
from generator.run.pool import PoolOptions

pytestmark = pytest.mark.render  # every test here starts Blender

SETS = [
    "render.frames=2",
    "render.samples=2",
    "content.pairs=true",
    "content.weapon={choice: [handgun, rifle, shotgun, replica_handgun]}",
]
W, H, SEED = 96, 54, 7


def test_pair_pixels_outside_held_and_hands_are_equal(tmp_path):
    cfg = load_config(SMOKE, SETS + [f"render.width={W}", f"render.height={H}"])
    out = tmp_path / "pairs"
    report = generate(cfg, out, 4, SEED, PoolOptions(workers=1, retries=0))
    assert report.rendered == 4
    for k in range(2):
        check_pair(out, k)
    assert validate_dataset(out).ok


def check_pair(out, k):
    a_dir, b_dir = out / "clips" / f"{2 * k:06d}", out / "clips" / f"{2 * k + 1:06d}"
    la, lb = (json.loads((d / "labels.json").read_text()) for d in (a_dir, b_dir))
    assert la["pair_id"] == lb["pair_id"] == f"pair{k:06d}"
    assert la["axes"]["weapon_present"] and not lb["axes"]["weapon_present"]
    assert la["axes"]["weapon_class"] != "none" and lb["axes"]["weapon_kind"] == "none"
    changed_inside = 0
    for fa, fb in zip(la["frames"], lb["frames"], strict=True):
        ia = cv2.imread(str(a_dir / fa["image"])).astype(int)
        ib = cv2.imread(str(b_dir / fb["image"])).astype(int)
        ma = cv2.imread(str(a_dir / fa["mask"]), cv2.IMREAD_UNCHANGED)
        mb = cv2.imread(str(b_dir / fb["mask"]), cv2.IMREAD_UNCHANGED)
        union = np.isin(ma, [1, 2, 3]) | np.isin(mb, [1, 2, 3])
        # ids are not anti-aliased but colours are: allow one pixel round the union
        near = cv2.dilate(union.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        diff = np.abs(ia - ib).max(axis=2)
        outside = diff[~near]
        assert outside.size > 0.4 * diff.size
        assert (outside > 12).mean() < 0.01, (outside > 12).mean()
        assert np.median(outside) <= 1
        changed_inside += int((diff[union] > 12).sum())
    assert changed_inside > 20  # the held objects do differ


def test_weapon_enters_the_view_and_its_first_visible_frame_is_labelled(tmp_path):
    cfg = load_config(
        SMOKE,
        [
            "render.width=64",
            "render.height=48",
            "render.frames=8",
            "render.fps=10",
            "render.samples=1",
            "content.positive_fraction=1",
            "motion.path=stand",
        ],
    )
    plan = plan_clip(cfg, 3, 0)
    t = np.arange(8) / 10
    states = ["side"] * 3 + ["aimed"] * 5
    track = carry_track(plan.axes.held_object, plan.camera.mount, states, t, 2.0, np.random.default_rng(0))
    plan = plan.model_copy(update={"held_track": track})
    save_plan(plan, tmp_path / "plan.json")
    cmd = [
        sys.executable,
        "-m",
        "generator.cli",
        "render-plan",
        str(tmp_path / "plan.json"),
        "--out",
        str(tmp_path / "ds"),
    ]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    clip = tmp_path / "ds" / "clips" / "000000"
    labels = json.loads((clip / "labels.json").read_text())
    areas = []
    for fl in labels["frames"]:
        mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
        areas.append(int((mask == 1).sum()))
    assert areas[:3] == [0, 0, 0] and areas[-1] > 0  # at the side out of view, then raised into it
    first = next(i for i, a in enumerate(areas) if a > 0)
    assert (
        labels["first_visible"]["type"] == "weapon_visible_start"
        and labels["first_visible"]["frame"] == first
    )
