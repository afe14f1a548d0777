"""A real tiny render of a mannequin raising its arms in front of a still camera: the person mask changes between
frames (the limbs move, not the actor), and the labelled boxes agree with the mask pixels and the posed mesh."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cv2
import numpy as np
import pytest
from conftest import ROOT

from generator.config import load_config
from generator.dataset.layout import clip_dir
from generator.plan.geometry import euler_to_matrix
from generator.plan.model import Actor
from generator.plan.objects.parts import part_mesh
from generator.plan.places.figures import mannequin
from generator.plan.planner import plan_clip
from generator.run.pool import PoolOptions, WorkerPool

pytestmark = pytest.mark.render  # starts Blender

FRAMES = 4


@pytest.fixture(scope="module")
def raised(tmp_path_factory):
    root = tmp_path_factory.mktemp("figures")
    cfg = load_config(
        ROOT / "scenes" / "office.yaml",
        [
            "render.width=128",
            "render.height=96",
            f"render.frames={FRAMES}",
            "render.fps=5",
            "render.samples=2",
            'render.denoise="off"',
            "render.max_bounces=1",
            "environment.figures=0",
            "motion.path=stand",
            "content.positive_fraction=0",
            "content.negative=phone",
            "lighting.time_of_day=day",
        ],
    )
    plan = plan_clip(cfg, 5, 0)
    cam = np.asarray(plan.camera.position[0])
    fwd = euler_to_matrix(plan.camera.rotation[0]) @ np.array([0.0, 0.0, -1.0])
    fwd[2] = 0.0
    fwd /= np.linalg.norm(fwd)
    left = np.array([-fwd[1], fwd[0], 0.0])
    pos = cam + 3.2 * fwd + 0.5 * left
    pos[2] = 0.0
    yaw = float(np.arctan2(fwd[0], -fwd[1]) + np.pi)  # facing the camera
    pose = {"name": "arms_raised", "t0": 0.0, "dur": 0.6, "hz": 1.0, "look": 0.2}
    model = mannequin(np.random.default_rng(1), 10, pose, 1.75)
    actor = Actor(
        model=model,
        position=[tuple(float(v) for v in pos)] * FRAMES,
        rotation=[(0.0, 0.0, yaw)] * FRAMES,
    )
    plan = plan.model_copy(update={"actors": [actor]})
    done, failed = [], []
    pool = WorkerPool(root, PoolOptions(workers=1, retries=0))
    try:
        pool.run([plan], done.append, lambda p, err, n: failed.append(err))
    finally:
        pool.shutdown()
    assert not failed and done, failed
    clip = clip_dir(root, plan.clip_id)
    return clip, json.loads((clip / "labels.json").read_text())


def test_raised_arms_move_the_person_mask_and_boxes_match_the_pixels(raised):
    clip, labels = raised
    masks, boxes = [], []
    for fl in labels["frames"]:
        mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
        person = [a for a in fl["annotations"] if a["instance_id"] == 10]
        assert len(person) == 1 and person[0]["category"] == "person"
        a = person[0]
        ys, xs = np.nonzero(mask == 10)
        assert xs.size > 30, "the figure is in view"
        assert a["bbox_modal"] == [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
        assert a["area_px"] == xs.size
        # unoccluded and inside the frame: the amodal box of this frame's posed mesh hugs the mask (a raised
        # hand's tip may cover too little of a pixel to show in the id pass)
        am = a["bbox_amodal"]
        assert all(abs(p - q) <= 2.0 for p, q in zip(am, a["bbox_modal"], strict=True)), (am, a["bbox_modal"])
        masks.append(mask == 10)
        boxes.append(a["bbox_modal"])
    first, last = masks[0], masks[-1]
    iou = (first & last).sum() / (first | last).sum()
    assert iou < 0.85, f"the figure barely changes: IoU {iou:.2f}"
    tall = [b[3] - b[1] for b in boxes]  # hands above the head make the figure taller (the camera may sway)
    assert tall[-1] >= tall[0] * 1.1 + 1, tall


SNIPPET = r"""
import json, sys
import bpy, numpy as np
from generator.blender import session
from generator.blender.figurekeys import add_pose_keys, live_verts
from generator.blender.meshes import build_model
from generator.plan.model import Model
model = Model.model_validate_json(open(sys.argv[1]).read())
session.reset()
scene = bpy.context.scene
obj = build_model(model, scene.collection)
keys = add_pose_keys(obj, model, 5.0, 6)
out = {"keys": keys, "frames": [], "half": []}
for f in range(6):
    scene.frame_set(f + 1)
    out["frames"].append(live_verts(obj, None).tolist())
    scene.frame_set(f + 1, subframe=0.25)
    out["half"].append(live_verts(obj, None).tolist())
print("RESULT" + json.dumps(out))
"""


def test_blender_shows_each_frame_the_posed_arrays_of_the_plan(tmp_path):
    """The object Blender evaluates in frame f has exactly the builder's vertices of frame f (a quarter frame
    later: 3/4 of frame f and 1/4 of frame f + 1): what the labels project is what Cycles renders."""
    pose = {"name": "crouching", "t0": 0.0, "dur": 1.0, "look": 0.3, "phase": 1.0}
    model = mannequin(np.random.default_rng(2), 10, pose, 1.68)
    path = tmp_path / "model.json"
    path.write_text(model.model_dump_json())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(
        [sys.executable, "-c", SNIPPET, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(next(ln for ln in res.stdout.splitlines() if ln.startswith("RESULT"))[6:])
    assert out["keys"] == 5
    want = []
    for f in range(6):
        parts = [p.model_copy(update={"geom": {**p.geom, "t": f / 5.0}}) for p in model.parts]
        want.append(np.concatenate([part_mesh(p).verts for p in parts]))
    for f in range(6):
        assert np.abs(np.asarray(out["frames"][f]) - want[f]).max() < 1e-5, f
        blend = 0.75 * want[f] + 0.25 * want[min(f + 1, 5)]
        assert np.abs(np.asarray(out["half"][f]) - blend).max() < 1e-5, f
    assert np.abs(np.asarray(out["frames"][5]) - np.asarray(out["frames"][0])).max() > 0.3  # it crouched
