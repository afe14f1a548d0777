"""Mannequin figures without Blender: closed meshes in every pose, heights and joint limits, feet on the floor,
poses that move, determinism, and the plan's figures (persons with the mannequin builder)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from generator.config.models import SceneConfig
from generator.plan.model import ClipPlan
from generator.plan.objects.parts import part_mesh
from generator.plan.places.figures import draw_pose, mannequin
from generator.plan.planner import plan_clip
from generator.shapes import is_closed, is_oriented, merge, volume
from generator.shapes.mannequin import BOTTOMS, HEIGHT_RANGE, LAYERS, TOPS, figure_mesh, joint_positions
from generator.shapes.poses import JOINTS, MOVING, POSES, angles, limits_of

TIMES = np.arange(0.0, 4.0, 1 / 15)


def _figure(pose: dict, seed: int = 0, height: float | None = None):
    return mannequin(np.random.default_rng(seed), 10, pose, height)


def _verts(model, t: float) -> np.ndarray:
    parts = [p.model_copy(update={"geom": {**p.geom, "t": t}}) for p in model.parts]
    return np.concatenate([part_mesh(p).verts for p in parts])


@pytest.mark.parametrize("name", POSES)
def test_every_pose_gives_closed_outward_meshes_of_a_few_thousand_triangles(name):
    for (top, bottom), t in itertools.product(itertools.product(TOPS, BOTTOMS), (0.0, 0.45, 1.3)):
        body = {"height": 1.72, "build": 1.1, "girth": 0.9, "top": top, "bottom": bottom}
        layers = [figure_mesh(layer, body, {"name": name, "t0": 0.2, "dur": 0.8}, t) for layer in LAYERS]
        for layer, m in zip(LAYERS, layers, strict=True):
            assert is_closed(m) and is_oriented(m), (name, top, bottom, t, layer)
            assert volume(m) > 0
        tris = len(merge(layers).faces)
        assert 2000 <= tris <= 6000, tris


def test_heights_are_adult_and_within_the_configured_range():
    cfg = SceneConfig()
    cfg.render.frames = 4
    cfg.environment.family = "office"
    cfg.environment.figures = 6
    seen = []
    for seed in range(6):
        for a in plan_clip(cfg, seed, 0).actors:
            h = a.model.meta["height_m"]
            assert HEIGHT_RANGE[0] <= h <= HEIGHT_RANGE[1]
            assert a.model.category == "person" and {p.shape for p in a.model.parts} == {"mannequin"}
            seen.append(h)
    assert max(seen) - min(seen) > 0.15  # varied
    for h in (1.5, 1.72, 1.95):  # the standing mesh is as tall as the figure (head top, soles on the floor)
        m = _figure({"name": "standing", "look": 0.0}, height=h)
        v = _verts(m, 0.0)
        assert abs(v[:, 2].max() - h) < 0.03 * h and abs(v[:, 2].min()) < 0.005


@pytest.mark.parametrize("name", POSES)
def test_joint_angles_stay_within_limits_and_feet_stay_on_the_floor(name):
    rng = np.random.default_rng(3)
    for _ in range(5):
        h = float(rng.uniform(*HEIGHT_RANGE))
        pose = {**draw_pose(rng, name in MOVING, h, 1.2 if name == "walking" else 3.5), "name": name}
        for t in TIMES:
            a = angles(pose, float(t))
            assert set(a) == set(JOINTS)
            for j, v in a.items():
                for x, (lo, hi) in zip(v, limits_of(j), strict=True):
                    assert lo - 1e-9 <= x <= hi + 1e-9, (name, j, t)
            j = joint_positions({"height": h}, pose, float(t))
            ankles = min(j["ankle_l"][2], j["ankle_r"][2])
            assert 0.0 < ankles < (0.08 if name == "running_away" else 0.06) * h  # a foot on the floor


@pytest.mark.parametrize("name", POSES)
def test_every_pose_moves_the_figure_over_the_clip(name):
    pose = {"name": name, "t0": 0.2, "dur": 0.8, "turn": 1.5, "hz": 1.8, "amp": 0.4, "look": 0.4}
    m = _figure(pose)
    frames = [_verts(m, float(t)) for t in TIMES[:20]]  # 1.3 s at 15 fps
    moved = max(np.linalg.norm(f - frames[0], axis=1).max() for f in frames)
    assert moved > 0.04, f"{name}: limbs move only {moved:.3f} m"
    assert all(len(f) == len(frames[0]) for f in frames)  # one topology: shape keys


def test_raised_arms_and_hands_up_lift_the_wrists_above_the_head_and_the_shoulders():
    body = {"height": 1.75}
    up = joint_positions(body, {"name": "arms_raised", "t0": 0.0, "dur": 1.0}, 1.5)
    assert min(up["wrist_l"][2], up["wrist_r"][2]) > 1.75
    hands = joint_positions(body, {"name": "hands_up", "t0": 0.0, "dur": 1.0}, 1.5)
    for s in ("l", "r"):
        assert hands[f"wrist_{s}"][2] > hands[f"elbow_{s}"][2] + 0.15 > hands[f"shoulder_{s}"][2]
    low = joint_positions(body, {"name": "crouching", "t0": 0.0, "dur": 1.0}, 1.5)
    assert low["neck"][2] < 0.65 * 1.75 and low["root"][2] < 0.6 * 0.53 * 1.75


def test_same_seed_same_figures_and_small_plans():
    cfg = SceneConfig()
    cfg.render.frames = 30
    cfg.environment.family = "street"
    cfg.environment.figures = 5
    a, b = plan_clip(cfg, 11, 2), plan_clip(cfg, 11, 2)
    assert [x.model_dump() for x in a.actors] == [x.model_dump() for x in b.actors]
    c = plan_clip(cfg, 12, 2)
    assert [x.model_dump() for x in a.actors] != [x.model_dump() for x in c.actors]
    per_figure = len(a.model_dump_json()) - len(a.model_copy(update={"actors": []}).model_dump_json())
    assert per_figure / max(1, len(a.actors)) < 12000  # pose names and numbers, not meshes
    again = ClipPlan.model_validate_json(a.model_dump_json())  # plan.json gives back the same figures
    assert [x.model_dump() for x in again.actors] == [x.model_dump() for x in a.actors]


def test_every_pose_is_drawn_and_turns_and_runs_move_the_actor():
    cfg = SceneConfig()
    cfg.render.frames = 30
    cfg.environment.family = "warehouse"
    cfg.environment.figures = 8
    names, turned, ran = set(), 0, 0
    for seed in range(12):
        for a in plan_clip(cfg, seed, 0).actors:
            names.add(a.model.meta["pose"])
            if a.model.meta["pose"] == "turning":
                turned += abs(a.rotation[-1][2] - a.rotation[0][2]) > 0.5
            if a.model.meta["pose"] == "running_away":
                ran += a.position[-1][1] - a.position[0][1] > 1.0  # away from the camera (+Y)
    assert names == set(POSES)
    assert turned and ran
