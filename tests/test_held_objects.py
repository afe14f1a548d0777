"""Held objects, hands and carry poses, checked against geometry computed here (no Blender)."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROOT

from generator.config import load_config, validate_config
from generator.config.models import NEGATIVES, REPLICAS, WEAPONS
from generator.plan import plan_clip, plan_dataset
from generator.plan.geometry import euler_to_matrix
from generator.plan.hands import HAND_IDS, grip_hands, hand_style
from generator.plan.held import STATES, carry_pose, carry_track
from generator.plan.objects import (
    COUNTERPARTS,
    FACTORIES,
    FIREARMS,
)
from generator.plan.objects import (
    NEGATIVES as NEG_FACTORIES,
)
from generator.plan.objects import (
    REPLICAS as REP,
)
from generator.plan.objects.gunspecs import CLASS_FAMILIES
from generator.plan.objects.parts import part_mesh

# overall length with accessories (a suppressor adds up to 0.2 m)
RANGES = {"handgun": (0.15, 0.42), "rifle": (0.6, 1.35), "shotgun": (0.9, 1.3)}
NEEDED = {
    "handgun": {"frame", "trigger", "bore"},
    "rifle": {"receiver", "barrel", "stock", "trigger", "bore"},
    "shotgun": {"receiver", "barrel", "fore_end", "stock", "magazine_tube", "trigger", "bore"},
}
SEEDS = range(16)


def corners(part) -> np.ndarray:
    """Points enclosing a part in the model frame: a primitive's box corners, a builder part's mesh vertices."""
    if part.geom is not None:
        return part_mesh(part).verts
    half = np.asarray(part.size) / 2
    local = np.array([[sx, sy, sz] for sx in (-1, 1) for sy in (-1, 1) for sz in (-1, 1)]) * half
    return local @ euler_to_matrix(part.rot).T + np.asarray(part.pos)


def all_corners(model) -> np.ndarray:
    return np.concatenate([corners(p) for p in model.parts])


def test_config_names_match_factories():
    assert set(WEAPONS) == set(FIREARMS) and set(REPLICAS) == set(REP)
    assert set(NEGATIVES) == set(NEG_FACTORIES) | {"empty_hands"}
    assert len(NEG_FACTORIES) >= 12


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_every_factory_builds_valid_models(name):
    for seed in SEEDS:
        m = FACTORIES[name](np.random.default_rng(seed))
        assert m.parts, name
        for p in m.parts:
            assert all(np.isfinite(p.size)) and min(p.size) > 0, (name, p.name)
            assert p.material in m.materials, (name, p.name)
        for mat in m.materials.values():
            assert all(0 <= c <= 1 for c in mat.color)
        pts = all_corners(m)
        # the grip point is on or next to the object (the hand holds it there)
        assert np.all(pts.min(axis=0) <= 0.02) and np.all(pts.max(axis=0) >= -0.02), name
        assert {"class", "kind", "length_m", "two_handed"} <= set(m.meta)


@pytest.mark.parametrize("name", sorted(FIREARMS) + sorted(REP))
def test_firearm_size_parts_and_muzzle(name):
    cls = name.removeprefix("replica_")
    lo, hi = RANGES[cls]
    for seed in SEEDS:
        m = FACTORIES[name](np.random.default_rng(seed))
        assert m.meta["class"] == cls and m.category == cls
        assert m.meta["kind"] == ("replica" if name.startswith("replica_") else "real")
        names = {p.name for p in m.parts}
        assert NEEDED[cls] <= names, NEEDED[cls] - names
        pts = all_corners(m)
        length = pts[:, 1].max() - pts[:, 1].min()
        assert lo <= length <= hi, (name, seed, length)
        assert abs(m.meta["length_m"] - length) < 1e-3
        muzzle = np.asarray(m.points["muzzle"])
        assert m.points["muzzle_axis"] == (0.0, 1.0, 0.0)
        assert {"grip", "support", "sight"} <= set(m.points)
        # the muzzle is at the very front of the barrel, on the bore axis of the frontmost part
        assert muzzle[1] >= pts[:, 1].max() - 0.003, (name, seed)
        bore = next(p for p in m.parts if p.name == "bore")
        assert np.allclose([bore.pos[0], bore.pos[2]], [muzzle[0], muzzle[2]], atol=1e-6)
        if m.meta["kind"] == "replica":
            tip = next(p for p in m.parts if p.name == "orange_tip")
            assert m.materials[tip.material].color[0] > 0.8 and m.materials[tip.material].color[2] < 0.05
            assert corners(tip)[:, 1].max() >= muzzle[1] - 0.003


def test_variants_cover_the_options():
    def metas(name, n=30):
        return [FACTORIES[name](np.random.default_rng(s)).meta for s in range(n)]

    hg = metas("handgun")
    assert {m["family"] for m in hg} == set(CLASS_FAMILIES["handgun"])
    assert any(m.get("acc_red_dot") for m in hg) and any(m.get("acc_light") for m in hg)
    assert any(m.get("acc_suppressor") for m in hg)
    rf = metas("rifle")
    assert {m["family"] for m in rf} == set(CLASS_FAMILIES["rifle"])
    assert any(m.get("acc_foregrip") for m in rf) and any(m.get("acc_sling") for m in rf)
    assert any(m.get("acc_scope") for m in rf) and any(m.get("acc_red_dot") for m in rf)
    sg = metas("shotgun")
    assert {m["family"] for m in sg} == {"pump_shotgun", "semi_shotgun"}
    assert {m["furniture"] for m in sg} == {"wood", "synthetic"}
    styles = {m["style"] for m in metas("replica_handgun")}
    assert styles == {"black_airsoft", "bright", "translucent", "airsoft_real"}


def style(seed=0, sleeve="long", watch=True, skin=0.5, gloved=False):
    return hand_style(np.random.default_rng(seed), skin, gloved, 0.3, 0.4, sleeve, watch)


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_hands_close_round_the_grip(name):
    m = FACTORIES[name](np.random.default_rng(1))
    hands = [h for h in grip_hands(m, style(), two_handed=True) if h.model.instance_id]
    ids = {h.model.instance_id for h in hands}
    assert HAND_IDS["hand_right"] in ids
    if (
        m.meta.get("two_handed")
        and m.meta["class"] in ("handgun", "rifle", "shotgun")
        or m.meta.get("grip") == "two_side"
    ):
        assert ids == {2, 3}
    right = next(h for h in hands if h.model.name == "hand_right")
    fingers = [p for p in right.model.parts if p.name not in ("forearm", "sleeve", "watch")]
    pts = np.concatenate([corners(p) for p in fingers])
    if m.meta.get("grip") not in ("two_side", "phone", "fist_z"):  # the holding hand surrounds the grip point
        # (phones and tablets are held by their edges, bottles by their side)
        assert np.all(pts.min(axis=0) < 0.005) and np.all(pts.max(axis=0) > -0.005), name
    if m.meta["class"] in ("rifle", "shotgun"):  # the support hand is at the support point
        left = next(h for h in hands if h.model.name == "hand_left")
        lp = np.concatenate(
            [corners(p) for p in left.model.parts if p.name not in ("forearm", "sleeve", "watch")]
        )
        s = np.asarray(m.points["support"])
        assert np.all(lp.min(axis=0) < s + 0.01) and np.all(lp.max(axis=0) > s - 0.01)


def test_hand_looks_vary():
    a, b = style(1, "short", False, skin=0.0), style(2, "jacket", True, skin=1.0, gloved=True)
    assert a.mats["skin"].color[0] > 3 * b.mats["skin"].color[0]
    assert b.mats["hand"] != b.mats["skin"] and a.mats["hand"] == a.mats["skin"] and a.sleeve_from >= 0.3 > b.sleeve_from
    m = FACTORIES["handgun"](np.random.default_rng(0))
    bare = grip_hands(m, a, True)  # short sleeves: bare forearms, no sleeve part in view
    assert not any(p.name == "sleeve" for h in bare for p in h.model.parts)
    assert all(any(p.name == "sleeve" for p in h.model.parts) for h in grip_hands(m, b, True) if h.model.instance_id)
    left = next(h for h in grip_hands(m, style(3, "rolled", True), True) if h.model.name == "hand_left")
    assert any(p.name == "watch" for p in left.model.parts)


def view_ratio(point, pos, rot):
    """(x, y) of a model point over its depth in front of the camera (tan of the angles off the axis)."""
    c = euler_to_matrix(rot) @ np.asarray(point) + pos
    return c[0] / -c[2], c[1] / -c[2], -c[2]


def test_carry_poses_per_mount_and_state():
    gun = FACTORIES["handgun"](np.random.default_rng(0))
    sight, muzzle = gun.points["sight"], gun.points["muzzle"]
    head = view_ratio(sight, *carry_pose("handgun", "head", "aimed"))
    chest = view_ratio(sight, *carry_pose("handgun", "chest", "aimed"))
    assert abs(head[0]) < np.tan(np.deg2rad(6)) and abs(head[1]) < np.tan(np.deg2rad(6))
    assert chest[1] < head[1] and abs(chest[1]) < np.tan(np.deg2rad(25))
    low = view_ratio(muzzle, *carry_pose("handgun", "head", "low_ready"))
    assert low[1] < view_ratio(muzzle, *carry_pose("handgun", "head", "aimed"))[1]
    # muzzle points down in low ready, forward when aimed
    fwd = euler_to_matrix(carry_pose("handgun", "head", "low_ready")[1]) @ np.array([0, 1.0, 0])
    assert fwd[1] < -0.5
    # held at the side: every corner outside a 90-degree view
    pos, rot = carry_pose("handgun", "head", "side")
    for p in all_corners(gun):
        x, y, z = view_ratio(p, pos, rot)
        assert z < 0.02 or abs(x) > 1.0 or abs(y) > 0.5625
    # weapon mount: the same pose whatever the state, below and left of centre
    wm = [carry_pose("rifle", "weapon", s) for s in STATES]
    assert all(np.allclose(wm[0][0], w[0]) for w in wm)
    assert wm[0][0][0] < 0 and wm[0][0][1] < 0
    # handheld: lower than head-mounted
    assert carry_pose("handgun", "handheld")[0][1] < carry_pose("handgun", "head")[0][1]


def test_carry_track_blends_into_and_out_of_view():
    fps = 30
    t = np.arange(60) / fps
    states = ["side"] * 15 + ["aimed"] * 30 + ["low_ready"] * 15
    track = carry_track("handgun", "head", states, t, 2.0, np.random.default_rng(0))
    pos = np.asarray(track.position)
    side, aim = carry_pose("handgun", "head", "side")[0], carry_pose("handgun", "head", "aimed")[0]
    assert np.linalg.norm(pos[5] - side) < 0.03 and np.linalg.norm(pos[40] - aim) < 0.03
    steps = np.linalg.norm(np.diff(pos, axis=0), axis=1)
    # smooth: the 0.66 m move is spread over many frames, no frame jumps more than a quarter of it
    assert steps.max() < 0.25 * np.linalg.norm(side - aim) and (steps > 0.01).sum() >= 5
    assert track.states == states and track.carry == "aimed"
    with pytest.raises(ValueError, match="unknown carry state"):
        carry_track("handgun", "head", ["jump"] * 60, t, 2.0, np.random.default_rng(0))
    still = carry_track("handgun", "weapon", ["aimed"] * 60, t, 2.0, np.random.default_rng(0))
    assert np.ptp(np.asarray(still.position), axis=0).max() == 0


def test_label_axes_for_replicas_and_negatives():
    cfg = validate_config({"content": {"positive_fraction": 1, "weapon": "replica_rifle"}})
    p = plan_clip(cfg, 0, 0)
    assert p.axes.weapon_present and p.axes.weapon_class == "rifle" and p.axes.weapon_kind == "replica"
    cfg = validate_config({"content": {"positive_fraction": 0, "negative": "drill"}})
    p = plan_clip(cfg, 0, 0)
    assert not p.axes.weapon_present and p.axes.weapon_class == "none" and p.axes.weapon_kind == "none"
    assert p.axes.held_object == "drill" and p.held.model.meta["class"] == "drill"


def test_shipped_scene_plans_every_class():
    cfg = load_config(ROOT / "scenes" / "held_objects.yaml", ["render.frames=2"])
    seen = {p.axes.held_object for p in plan_dataset(cfg, cfg.seed, cfg.clips)}  # its own clips and seed
    assert seen == set(WEAPONS) | set(REPLICAS) | set(NEGATIVES)


def test_pairs_share_everything_but_the_held_object():
    cfg = validate_config(
        {
            "render": {"frames": 6},
            "content": {
                "pairs": True,
                "weapon": {"choice": ["handgun", "rifle", "shotgun", "replica_handgun"]},
            },
        }
    )
    plans = plan_dataset(cfg, 4, 12)
    for k in range(6):
        a, b = plans[2 * k], plans[2 * k + 1]
        assert a.pair_id == b.pair_id == f"pair{k:06d}" and a.pair_index == b.pair_index == k
        assert a.category == "positive" and b.category == "negative"
        assert a.axes.weapon_present and not b.axes.weapon_present
        for field in ("environment", "lights", "world_color"):
            assert getattr(a, field) == getattr(b, field), field
        ca, cb = a.camera.model_dump(exclude={"states"}), b.camera.model_dump(exclude={"states"})
        assert ca == cb  # the camera's state labels say aimed / held_out; its path and motion are the same
        ta, tb = a.held_track, b.held_track
        for comp in ("raise", "lag"):
            assert ta.components.get(comp) == tb.components.get(comp), comp
        # the same carry everywhere but at shots, where a firearm recoils and a harmless object does its action
        calm = [
            i
            for i in range(len(ta.position))
            if all(
                not np.any(trk.components["recoil"][key][i])
                for trk in (ta, tb)
                if "recoil" in trk.components
                for key in ("position", "rotation")
            )
        ]
        assert calm
        for i in calm:
            assert ta.position[i] == tb.position[i] and ta.rotation[i] == tb.rotation[i], (k, i)
        assert a.axes.mount == b.axes.mount and a.axes.environment == b.axes.environment
        assert b.axes.held_object in COUNTERPARTS[a.axes.weapon_class]
        assert [h.model.materials.get("skin") for h in a.hands][:1] == [
            h.model.materials.get("skin") for h in b.hands
        ][:1]
    assert len({p.pair_id for p in plans}) == 6


@pytest.mark.parametrize("name", ["handgun", "rifle", "shotgun", "umbrella", "selfie_stick"])
def test_aimed_and_held_objects_stay_in_front_of_the_camera(name):
    for seed in range(20):
        m = FACTORIES[name](np.random.default_rng(seed))
        for mount in ("head", "chest", "handheld", "weapon"):
            pos, rot = carry_pose(name, mount, "aimed")
            z = (all_corners(m) @ euler_to_matrix(rot).T + pos)[:, 2]
            assert z.max() < -0.01, (name, mount, seed, z.max())


def test_held_objects_and_hands_stay_in_front_of_the_camera_in_every_pose():
    """Labels project geometry: nothing may cross the camera plane in the carry states the timeline uses."""
    from generator.plan.hands import build_hands, solve_grip
    from generator.plan.held import arm_spec

    worst = {}
    for name in sorted(FACTORIES) + ["empty_hands"]:
        m = FACTORIES[name](np.random.default_rng(2)) if name != "empty_hands" else None
        for sleeve in ("long", "jacket"):
            st = style(4, sleeve, True)
            solved = solve_grip(m, st, True)
            for mount in ("head", "chest", "handheld"):
                for state in ("aimed", "low_ready", "held_out"):
                    pose = carry_pose(name, mount, state)
                    # the arms as the renderer poses them in this state (its shape key at full weight)
                    hands = build_hands(m, dict(solved), st, arm_spec(name, mount, [pose]))
                    parts = [p for h in hands for p in h.model.parts] + (m.parts if m else [])
                    pts = np.concatenate([corners(p) for p in parts])
                    z = (pts @ euler_to_matrix(pose[1]).T + pose[0])[:, 2].max()
                    worst[(name, mount, state)] = z
    bad = {k: round(v, 3) for k, v in worst.items() if v > -0.01}
    assert not bad, bad
