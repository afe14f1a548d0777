"""The articulated hand: a closed mesh of human size, joint angles within limits, fingers on (not in) the object."""

from __future__ import annotations

import numpy as np
import pytest

from generator.plan.contact import MeshDistance, closest_distance, winding_number
from generator.plan.grasp import MIRROR, model_arrays
from generator.plan.hands import grip_hands, hand_style
from generator.plan.objects import FACTORIES
from generator.plan.objects.parts import part_mesh
from generator.shapes import hand as H
from generator.shapes import is_closed, is_oriented, volume


def edges_twice(faces: np.ndarray) -> bool:
    """Every edge shared by exactly two triangles (computed here, independently of generator.shapes)."""
    e = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    _, counts = np.unique(e, axis=0, return_counts=True)
    return bool(np.all(counts == 2))


@pytest.mark.parametrize("side", ["right", "left"])
def test_hand_mesh_is_one_closed_outward_surface_of_a_few_thousand_triangles(side):
    pose = H.default_pose()
    v, f = H.hand_mesh_arrays(0.18, 0.082, pose, side=side)
    from generator.shapes import Mesh

    m = Mesh(v, f)
    assert edges_twice(f) and is_closed(m) and is_oriented(m)
    assert volume(m) > 2e-4  # outward: positive volume (a hand and forearm are some 0.5-1 litre)
    assert 2000 <= len(f) <= 8000
    # one connected component: a union, not overlapping pieces
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    e = np.concatenate([f[:, [0, 1]], f[:, [1, 2]]])
    g = sp.coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(len(v), len(v)))
    assert connected_components(g, directed=False)[0] == 1


def test_hand_size_and_finger_lengths_are_anthropometric():
    rng = np.random.default_rng(0)
    sizes = np.array([H.draw_size(rng) for _ in range(300)])
    assert sizes[:, 0].min() >= 0.165 and sizes[:, 0].max() <= 0.205
    assert sizes[:, 1].min() >= 0.070 and sizes[:, 1].max() <= 0.095
    assert sizes[:, 0].std() > 0.005  # varied per wearer
    flat = {d: [0.0, 0.0, 0.0, 0.0] for d in H.FINGERS} | {"thumb": [0.0, 10.0, 0.0, 0.0], "wrist": [0.0, 0.0]}
    for length, breadth in sizes[:5]:
        v, _ = H.hand_mesh_arrays(float(length), float(breadth), flat, forearm=0.05)
        tip = v[:, 1].max()  # middle fingertip beyond the wrist (origin at the wrist, fingers along +Y)
        assert abs(tip - length) < 0.012, (tip, length)
        fl = H.finger_lengths(float(length), float(breadth))
        ratio = {d: fl[d] / fl["middle"] for d in fl}
        # Chatzioglou et al. 2024: index 0.90, ring 0.93, little 0.75 of the middle finger
        assert 0.85 < ratio["index"] < 0.95 and 0.88 < ratio["ring"] < 0.97 and 0.7 < ratio["little"] < 0.8
        knuckles = np.array([H.skeleton(float(length), float(breadth), flat)[f][0][0] for f in H.FINGERS])
        width = knuckles[:, 0].ptp() + 2 * 0.009 * breadth / H.REF_BREADTH_M
        assert 0.8 * breadth < width < 1.1 * breadth


def test_clamp_pose_respects_every_joint_limit():
    wild = {d: [500.0, -500.0, 500.0, -500.0] for d in H.DIGITS} | {"wrist": [300.0, -300.0]}
    assert H.pose_violations(wild)
    assert not H.pose_violations(H.clamp_pose(wild))


GRIPPED = ["handgun", "rifle", "shotgun", "phone", "tablet", "flashlight", "drill", "water_bottle"]


def _pose_of(placed):
    from generator.geometry import euler_to_matrix
    from generator.plan.grasp import HandPose

    p = next(q for q in placed.model.parts if q.name == "hand")
    g = p.geom
    contact = tuple(placed.model.meta.get("contact", "").split(",")) if placed.model.meta.get("contact") else ()
    return HandPose(g["side"], g["length"], g["breadth"], g["pose"], euler_to_matrix(p.rot), np.array(p.pos), contact)


@pytest.fixture(scope="module")
def solved():
    style = hand_style(np.random.default_rng(3), 0.5, False, 0.3, 0.4, "long", False)
    out = {}
    for name in GRIPPED:
        m = FACTORIES[name](np.random.default_rng(1))
        hands = grip_hands(m, style, True)  # solved and with arms aimed; read the poses back from the parts
        out[name] = (m, {h.model.name: _pose_of(h) for h in hands if h.model.instance_id})
    return out


@pytest.mark.parametrize("name", GRIPPED)
def test_grip_joint_angles_within_limits(solved, name):
    _, hands = solved[name]
    for hp in hands.values():
        assert not H.pose_violations(hp.pose), (name, H.pose_violations(hp.pose))


@pytest.mark.parametrize("name", ["handgun", "rifle", "phone", "flashlight"])
def test_fingers_touch_the_object_without_passing_into_it(solved, name):
    model, hands = solved[name]
    v, f, _ = model_arrays(model)
    tris = v[f]
    for key, hp in hands.items():
        hv, _ = H.hand_mesh_arrays(hp.length, hp.breadth, hp.pose, side=hp.side, forearm=0.25 * hp.length / 0.189)
        world = hv @ hp.rot.T + hp.pos
        lo, hi = v.min(axis=0) - 0.01, v.max(axis=0) + 0.01
        near = world[np.all((world > lo) & (world < hi), axis=1)]
        if len(near):
            inside = winding_number(near, tris) > 0.5
            depth = closest_distance(near[inside], tris) if inside.any() else np.zeros(1)
            assert depth.max() <= 0.002, (name, key, float(depth.max()))
        pads = hp.pads()
        dist = MeshDistance(v, f)
        touching = [d for d in H.FINGERS if float(np.abs(dist(pads[d])).min()) <= 0.005]
        assert len(touching) >= 2, (name, key, touching)  # the gripping fingers' pads lie on the surface


def test_left_hand_is_the_mirror_image():
    v, f = H.hand_mesh_arrays(0.18, 0.08, H.default_pose(), side="right")
    lv, lf = H.hand_mesh_arrays(0.18, 0.08, H.default_pose(), side="left")
    assert np.allclose(lv, v @ MIRROR)
    assert np.array_equal(lf, f[:, ::-1])


def test_pairs_keep_identical_hands_except_the_grip():
    style = hand_style(np.random.default_rng(7), 0.3, False, 0.3, 0.4, "long", True)
    a = grip_hands(FACTORIES["handgun"](np.random.default_rng(1)), style, True)
    assert {h.model.name for h in a} == {"hand_right", "hand_left"}
    b = grip_hands(FACTORIES["drill"](np.random.default_rng(1)), style, True)
    ga = next(p for h in a for p in h.model.parts if p.name == "hand")
    gb = next(p for h in b for p in h.model.parts if p.name == "hand")
    assert ga.geom["length"] == gb.geom["length"] and ga.geom["breadth"] == gb.geom["breadth"]
    assert a[0].model.materials["hand"] == b[0].model.materials["hand"]
    mesh = part_mesh(ga)
    assert is_closed(mesh)


@pytest.mark.render
@pytest.mark.parametrize("name", ["handgun", "rifle", "phone", "tablet"])
def test_each_grip_renders_both_hands_with_visible_fingers(name, tmp_path):
    """A tiny real render per grip: the hands' mask ids are present (both where the grip is two-handed) and
    cover enough pixels for fingers to show; labels name them hand_right / hand_left."""
    import json

    import cv2

    from generator.config import load_config
    from generator.config.models import WEAPONS
    from generator.preview.grips import SCENE
    from generator.run.generate import generate
    from generator.run.pool import PoolOptions

    positive = name in WEAPONS
    cfg = load_config(SCENE, [
        "render.width=128", "render.height=72", "render.frames=1", "render.samples=1", "render.denoise=off",
        "motion.path=stand", "events.start_aimed=1", "events.shots=0", "events.lower=0", "hands.two_handed=1",
        "camera.mount=head",
        f"content.positive_fraction={1 if positive else 0}", f"content.{'weapon' if positive else 'negative'}={name}",
    ])
    generate(cfg, tmp_path, 1, 3, PoolOptions(workers=1, retries=0))
    clip = tmp_path / "clips" / "000000"
    labels = json.loads((clip / "labels.json").read_text())
    mask = cv2.imread(str(clip / labels["frames"][0]["mask"]), cv2.IMREAD_UNCHANGED)
    # a shouldered rifle's firing hand sits behind the stock as seen from a helmet camera: only the support hand
    # is sure to show there
    want = {"handgun": {2, 3}, "rifle": {3}, "phone": {2}, "tablet": {2, 3}}[name]
    for iid in want:
        assert (mask == iid).sum() >= 40, (name, iid, int((mask == iid).sum()))
    names = {a["instance_id"]: a["category"] for a in labels["frames"][0]["annotations"]}
    assert names.get(2) == "hand_right" and (name == "phone" or names.get(3) == "hand_left")
