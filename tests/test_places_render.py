"""Real tiny renders of every family: figures and targets get masks and boxes that agree with the pixels and
with the projected geometry, game screens show their picture, and every family renders."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from conftest import ROOT

from generator.config import load_config
from generator.dataset.layout import clip_dir
from generator.labels.schema import ClipLabels
from generator.plan.places import FAMILIES
from generator.plan.planner import plan_clip
from generator.run.pool import PoolOptions, WorkerPool

pytestmark = pytest.mark.render  # every test here starts Blender

TINY = [
    "render.width=64",
    "render.height=48",
    "render.frames=2",
    "render.samples=1",
    'render.denoise="off"',
    "render.max_bounces=1",
]


@pytest.fixture(scope="module")
def family_renders(tmp_path_factory):
    """One tiny clip per family (figures and range targets forced on), rendered by one pool of real workers."""
    root = tmp_path_factory.mktemp("places")
    plans = {}
    for i, family in enumerate(FAMILIES):
        cfg = load_config(
            ROOT / "scenes" / f"{family}.yaml",
            [
                *TINY,
                "environment.figures=4",
                "environment.walking_fraction=0.5",
                "environment.targets=6",
                "atmosphere.weather=clear",
                "lighting.time_of_day=day",
            ],
        )
        plans[family] = plan_clip(cfg, 3, i)
    done, failed = [], []
    pool = WorkerPool(root, PoolOptions(workers=2, retries=0))
    try:
        pool.run(
            list(plans.values()),
            done.append,
            lambda plan, err, n: failed.append((plan.axes.environment, err)),
        )
    finally:
        pool.shutdown()
    assert not failed and len(done) == len(plans), failed
    return {family: clip_dir(root, plan.clip_id) for family, plan in plans.items()}


def _clips(clip):
    yield clip, json.loads((clip / "labels.json").read_text())


def test_every_family_renders_and_validates(family_renders):
    for family, out in family_renders.items():
        for clip, labels in _clips(out):
            ClipLabels.model_validate(labels)
            assert labels["axes"]["environment"] == family
            assert len(labels["frames"]) == 2 and (clip / "video.mp4").stat().st_size > 0
            img = cv2.imread(str(clip / "frames" / "000000.png"))
            assert img.std() > 3, f"{family}: a flat frame"


def test_figure_and_target_boxes_match_masks_and_projections(family_renders):
    tol = 1.0
    seen = {"person": 0, "target": 0}
    for out in family_renders.values():
        for clip, labels in _clips(out):
            roles = {i["instance_id"]: i["role"] for i in labels["instances"]}
            for fl in labels["frames"]:
                mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
                assert set(np.unique(mask)) - {0} <= set(roles)
                for a in fl["annotations"]:
                    if roles[a["instance_id"]] not in seen:
                        continue
                    ys, xs = np.nonzero(mask == a["instance_id"])
                    if xs.size == 0:
                        assert a["bbox_modal"] is None and a["area_px"] == 0
                        continue
                    assert a["bbox_modal"] == [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
                    assert a["area_px"] == xs.size
                    m, am = a["bbox_modal"], a["bbox_amodal"]
                    assert (
                        am[0] <= m[0] + tol
                        and am[1] <= m[1] + tol
                        and am[2] >= m[2] - tol
                        and am[3] >= m[3] - tol
                    )
                    seen[roles[a["instance_id"]]] += 1
    assert seen["person"] >= 5 and seen["target"] >= 2, seen


def test_game_screen_shows_a_bright_picture(family_renders):
    for clip, labels in _clips(family_renders["game_screen"]):
        assert labels["axes"]["weapon_kind"] == "virtual" and not labels["axes"]["weapon_present"]
        img = cv2.imread(str(clip / "frames" / "000000.png")).astype(float)
        # the emissive screen is the brightest thing in the room: a clearly brighter blob than the median
        assert np.percentile(img, 99) > np.median(img) + 40
