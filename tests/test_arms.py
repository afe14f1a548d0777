"""The wearer's arms stay out of the lens: for every mount, carry pose and onset, no vertex of a hand model (hand,
forearm, sleeve, watch) comes within 10 cm of the camera centre or behind the camera plane, in each of its arm keys
and half-way between them (checked on the mesh arrays the renderer uploads). An onset starts with the object behind
the camera plane: on the way from there only the near field is checked."""

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


def _camera_verts(model, weights, deltas, pose) -> np.ndarray:
    v = np.concatenate([part_mesh(p).verts for p in model.parts])
    for w, d in zip(weights, deltas, strict=True):
        v = v + w * d
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
                poses = [(np.array(p[:3]), np.array(p[3:])) for p in info["poses"]]
                assert len(deltas) == len(poses) - 1
                cases = [(np.zeros(len(deltas)), poses[0], True)]
                for k in range(len(deltas)):
                    one = np.eye(len(deltas))[k]
                    # an onset starts behind the camera plane (its last key): on the way the hand and arm cross
                    # that plane, so there only the near field is checked
                    plane = not (onset != "none" and k == len(deltas) - 1)
                    cases.append((one, poses[k + 1], plane))
                    mid = (poses[0][0] + poses[k + 1][0]) / 2, (poses[0][1] + poses[k + 1][1]) / 2
                    cases.append((one / 2, mid, plane))
                for w, p, plane in cases:
                    if A.to_cam(np.array([info["pivot"]]), p)[0, 2] > -0.15:  # the hand itself out of view
                        continue
                    v = _camera_verts(hand.model, w, deltas, p)
                    near = float(np.linalg.norm(v, axis=1).min())
                    assert near >= 0.10, (mount, name, pose, onset, hand.model.name, w.tolist(), near)
                    if plane:
                        assert float(v[:, 2].max()) < 0.0, (mount, name, pose, onset, hand.model.name, w.tolist())
                    checked += 1
    assert checked > 40


def test_key_weights_follow_the_track_between_key_poses():
    poses = [np.array([0.0, -0.1, -0.5, -1.57, 0.0, 0.0]), np.array([0.0, -0.25, -0.5, -2.2, 0.0, 0.0])]
    a = np.linspace(0, 1, 5)
    pos = poses[0][:3] + a[:, None] * (poses[1][:3] - poses[0][:3])
    rot = poses[0][3:] + a[:, None] * (poses[1][3:] - poses[0][3:])
    w = A.key_weights(poses, pos, rot)
    assert np.allclose(w[:, 0], a, atol=1e-6)


def test_forearm_turns_about_the_wrist_and_the_hand_stays():
    d0, d1 = np.array([0.0, -1.0, 0.0]), np.array([0.0, -0.6, -0.8])
    v = np.array([[0.0, 0.05, 0.0], [0.0, -0.2, 0.0]])  # a finger tip, a point on the forearm
    out = A.turn_forearm(v, np.zeros(3), d0, d1)
    assert np.allclose(out[0], v[0])
    assert np.allclose(out[1], 0.2 * d1, atol=1e-9)
