"""The wearer's arms stay out of the lens: for every mount, carry pose and onset, no vertex of a hand model (hand,
forearm, sleeve, watch) comes within 10 cm of the camera centre or behind the camera plane, in each of its arm keys
and on the way between them (checked on the mesh arrays the renderer uploads, weighted as the renderer weights
them). An onset starts with the object behind the camera plane and brings the hand past the lens: on the way from
there the sleeves alone are checked, for the near field only, and between keys (linear blends cut chords across the
boundary of the near field) to 8 cm."""

from __future__ import annotations

import numpy as np
import pytest

from generator.plan import arms as A
from generator.plan.geometry import euler_to_matrix
from generator.plan.hands import hand_style, solve_grip
from generator.plan.held import HeldPlan
from generator.plan.model import Placed
from generator.plan.objects import FACTORIES
from generator.plan.objects.parts import part_mesh
from generator.plan.onset import CarryPlan, clip_arms

HELD = ["handgun", "rifle", "shotgun", "phone", None]
MOUNTS = ["head", "chest", "handheld", "weapon"]
POSES = ["aimed", "held_out", "chest", "hip"]


@pytest.fixture(scope="module")
def solved():
    out = {}
    for k, name in enumerate(HELD):
        style = hand_style(np.random.default_rng(k), 0.4, k % 2 == 0, 0.3, 0.4, ["long", "jacket", "rolled",
                                                                                 "short", "long"][k], True)
        model = FACTORIES[name](np.random.default_rng(k)) if name else None
        held = Placed(model=model.model_copy(update={"instance_id": 1})) if model else None
        out[name] = HeldPlan(held=held, hands=[], solved=solve_grip(model, style, True), style=style)
    return out


def _camera_verts(model, weights, deltas, pose, sleeves_only: bool = False) -> np.ndarray:
    v = np.concatenate([part_mesh(p).verts for p in model.parts])
    for w, d in zip(weights, deltas, strict=True):
        v = v + w * d
    if sleeves_only:
        keep = np.concatenate([np.full(len(part_mesh(p).verts), p.shape == "sleeve") for p in model.parts])
        v = v[keep]
    return v @ euler_to_matrix(pose[1]).T + np.asarray(pose[0])


@pytest.mark.parametrize("mount", MOUNTS)
def test_no_arm_vertex_near_or_behind_the_lens(solved, mount):
    checked = 0
    for name, held in solved.items():
        carry_as = name or "empty_hands"
        for i, pose in enumerate(POSES):
            onset = ["none", "holster", "below", "side"][i]
            plan = CarryPlan(pose, onset, 0.5, 0.5, (0.2 + 0.2 * i, 0.5, 0.8 - 0.2 * i), True)
            for hand in clip_arms(held, plan, carry_as, mount):
                info = A.arm_info(hand.model)
                deltas = A.key_deltas(hand.model)
                poses = [np.array(p) for p in info["poses"]]
                assert len(deltas) == len(poses) - 1
                for k, name_k in enumerate(info["names"]):
                    if k == 0 or name_k == "mid":
                        continue
                    # the anchor moving from the clip's pose to this key's, weighted as the renderer does; an
                    # onset starts behind the camera plane and its path (generator/plan/onset.py) brings the hand
                    # past the lens: on that way only the sleeves, and only for the near field, are checked
                    a = np.linspace(0.0, 1.0, 9)[:, None]
                    track = poses[0] + a * (poses[k] - poses[0])
                    weights = A.key_weights(poses, track[:, :3], track[:, 3:], info["names"])
                    for w, x in zip(weights, track, strict=True):
                        p = (x[:3], x[3:])
                        if A.to_cam(np.array([info["pivot"]]), p)[0, 2] > -0.15:  # the hand out of view
                            continue
                        v = _camera_verts(hand.model, w, deltas, p, sleeves_only=name_k == "onset")
                        near = float(np.linalg.norm(v, axis=1).min())
                        at_key = w.max() in (0.0, 1.0)
                        bound = 0.10 if name_k != "onset" or at_key else 0.08  # blends cut chords on the way
                        assert near >= bound, (mount, name, pose, onset, hand.model.name, name_k, w.tolist(), near)
                        if name_k != "onset":
                            assert float(v[:, 2].max()) < 0.0, (mount, name, pose, onset, hand.model.name, name_k)
                        checked += 1
    assert checked > 40


@pytest.mark.parametrize("name", ["handgun", "rifle", "shotgun"])
def test_aimed_forearms_run_back_towards_the_body(solved, name):
    """Aimed under a head camera, each forearm runs from the wrist back towards the wearer (not out sideways
    across the picture), and its elbow is no higher than the wrist (a long gun's firing arm, folded with the
    elbow out beside the stock, is left out)."""
    plan = CarryPlan("aimed", "none", 0.0, 0.5, (0.5, 0.5, 0.5), True)
    hands = clip_arms(solved[name], plan, name, "head")
    assert len(hands) == 2
    for hand in hands:
        if name != "handgun" and hand.model.name == "hand_right":
            continue
        info = A.arm_info(hand.model)
        pose = (np.array(info["poses"][0][:3]), np.array(info["poses"][0][3:]))
        wrist, elbow = A.to_cam(np.array([info["pivot"], np.add(info["pivot"], np.multiply(info["dirs"][0], 0.25))]),
                                pose)
        d = (elbow - wrist) / 0.25
        assert d[2] > 0.55, (name, hand.model.name, d.round(2).tolist())  # mostly back towards the camera
        assert d[1] < 0.05, (name, hand.model.name, d.round(2).tolist())  # level or down, never up


def test_aimed_poses_follow_the_mount():
    """A long gun aimed under a head camera: its sight line below the lens and its butt just in front of the camera
    plane; under a chest camera an aimed object is at eye level, above the lens."""
    from generator.plan.onset import pose_of

    rifle = FACTORIES["rifle"](np.random.default_rng(0))
    pos, rot = pose_of("rifle", "head", "aimed", (0.5, 0.5, 0.5))
    v = _camera_verts(rifle, [], [], (pos, rot))
    assert -0.02 > float(v[:, 2].max()) > -0.2  # the butt in front of the camera plane, near it
    assert float(np.median(v[:, 1])) < -0.05  # the gun below the lens, seen from above
    for name in ("handgun", "phone"):
        head = pose_of(name, "head", "aimed" if name == "handgun" else "held_out", (0.5, 0.5, 0.5))[0]
        chest = pose_of(name, "chest", "aimed" if name == "handgun" else "held_out", (0.5, 0.5, 0.5))[0]
        assert head[1] < 0.0 < chest[1] and chest[1] - head[1] > 0.15, (name, head, chest)


def test_key_weights_follow_the_track_between_key_poses():
    poses = [np.array([0.0, -0.1, -0.5, -1.57, 0.0, 0.0]), np.array([0.0, -0.25, -0.5, -2.2, 0.0, 0.0])]
    a = np.linspace(0, 1, 5)
    pos = poses[0][:3] + a[:, None] * (poses[1][:3] - poses[0][:3])
    rot = poses[0][3:] + a[:, None] * (poses[1][3:] - poses[0][3:])
    w = A.key_weights(poses, pos, rot)
    assert np.allclose(w[:, 0], a, atol=1e-6)
    mid = (poses[0] + poses[1]) / 2
    w = A.key_weights([poses[0], mid, poses[1]], pos, rot, ["pose", "mid", "onset"])
    assert np.allclose(w[:, 0], [0, 0.5, 1, 0.5, 0], atol=1e-6)  # through the middle key
    assert np.allclose(w[:, 1], [0, 0, 0, 0.5, 1], atol=1e-6)


def test_key_weights_do_not_jump_where_the_track_angle_wraps():
    """A track pitched past straight down wraps from +pi to -pi (Euler angles of a composed rotation): the same
    pose, so the same weights (an onset from below once popped the arms at that frame)."""
    poses = [np.array([0.0, -0.06, -0.5, -1.57, 0.0, 0.0]), np.array([0.05, -0.72, 0.12, -2.67, 0.0, 0.0])]
    a = np.linspace(0, 1, 7)
    pos = poses[0][:3] + a[:, None] * (poses[1][:3] - poses[0][:3])
    rot = poses[0][3:] + a[:, None] * np.array([-1.9, 0.0, 0.0])  # beyond the key, through -pi
    wrapped = (rot + np.pi) % (2 * np.pi) - np.pi
    assert (wrapped != rot).any()
    assert np.allclose(A.key_weights(poses, pos, wrapped), A.key_weights(poses, pos, rot), atol=1e-9)


def test_forearm_turns_about_the_wrist_and_the_hand_stays():
    d0, d1 = np.array([0.0, -1.0, 0.0]), np.array([0.0, -0.6, -0.8])
    v = np.array([[0.0, 0.05, 0.0], [0.0, -0.2, 0.0]])  # a finger tip, a point on the forearm
    out = A.turn_forearm(v, np.zeros(3), d0, d1)
    assert np.allclose(out[0], v[0])
    assert np.allclose(out[1], 0.2 * d1, atol=1e-9)


CHECK_KEYS = r"""
import json, sys
import bpy
import numpy as np
from generator.blender.render import close_render, open_render
from generator.config import load_config
from generator.plan.planner import plan_clip
from generator.preview.grips import SCENE

cfg = load_config(SCENE, [
    "render.width=64", "render.height=48", "render.frames=24", "render.samples=1", "render.denoise=off",
    "content.positive_fraction=1", "content.weapon=handgun", "events.shots=2", "events.start_aimed=1",
    "events.onset=1", "events.onset_at=0.1", "events.lower=0", "camera.mount=head",
])
plan = next(p for p in (plan_clip(cfg, 5, i) for i in range(1, 8)) if any(e.type == "shot" for e in p.timeline.events))
r = open_render(plan)
out = {"names": {}, "trigger": [], "worst": 0.0, "moved": {}}
try:
    for iid, hk in r._built.hand_keys.items():
        out["names"][iid] = hk.names
        if "trigger" in hk.names:
            out["trigger"] = hk.values[:, hk.names.index("trigger")].tolist()
        obj = r._built.labelled[iid]
        basis = np.array([v.co[:] for v in obj.data.vertices])
        moved = 0.0
        for f in range(plan.render.frames):
            r._built.scene.frame_set(f + 1)
            ev = obj.evaluated_get(bpy.context.evaluated_depsgraph_get())
            got = np.array([v.co[:] for v in ev.data.vertices])
            out["worst"] = max(out["worst"], float(np.abs(got - hk.verts(basis, f)).max()))
            moved = max(moved, float(np.abs(got - basis).max()))
        out["moved"][iid] = moved
finally:
    close_render(r)
json.dump(out, open(sys.argv[1], "w"))
"""


@pytest.mark.render
def test_rendered_hand_keys_match_the_labelled_vertices(tmp_path):
    """A tiny clip with shots and an onset: the hands get their trigger and arm shape keys in Blender (keyed with
    constant interpolation), and Blender's evaluated mesh in each frame is the array the labels project (checked
    in a child process: bpy stays out of the test process)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    script = tmp_path / "check_keys.py"
    script.write_text(CHECK_KEYS)
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, str(script), str(tmp_path / "out.json")], check=True, cwd=root, env=env,
                   timeout=600, capture_output=True)
    out = json.loads((tmp_path / "out.json").read_text())
    right = out["names"]["2"]
    assert "trigger" in right and any(n.startswith("arm") for n in right)
    assert max(out["trigger"]) == 1.0 and min(out["trigger"]) == 0.0  # on the trigger only around the shots
    assert out["worst"] < 1e-4  # Blender's mesh is the labelled array in every frame
    assert all(m > 0.005 for m in out["moved"].values())  # the keys do move the meshes
