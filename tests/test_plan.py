import json

import numpy as np
import pytest

from generator.config import validate_config
from generator.errors import PlanError
from generator.plan import load_plan, plan_clip, plan_dataset, save_plan
from generator.plan.geometry import euler_to_matrix, matrix_to_euler
from generator.plan.objects import handgun, phone

CFG = validate_config({"render": {"frames": 12}})


def dump(plan):
    return plan.model_dump_json()


def test_same_seed_same_plan_other_seed_differs():
    assert dump(plan_clip(CFG, 1, 3)) == dump(plan_clip(CFG, 1, 3))
    assert dump(plan_clip(CFG, 1, 3)) != dump(plan_clip(CFG, 2, 3))
    assert dump(plan_clip(CFG, 1, 3)) != dump(plan_clip(CFG, 1, 4))


def test_clip_does_not_depend_on_count_or_order():
    ten = plan_dataset(CFG, 5, 10)
    twenty = plan_dataset(CFG, 5, 20)
    reverse = [plan_clip(CFG, 5, i) for i in reversed(range(10))][::-1]
    assert dump(ten[5]) == dump(twenty[5]) == dump(reverse[5])


def test_plan_round_trips_through_json(tmp_path):
    plan = plan_clip(CFG, 0, 2)
    save_plan(plan, tmp_path / "plan.json")
    assert dump(load_plan(tmp_path / "plan.json")) == dump(plan)
    data = json.loads((tmp_path / "plan.json").read_text())
    assert data["schema_version"] == 1 and data["kind"] == "povgen.clip_plan"


def test_bad_plan_is_one_line(tmp_path):
    p = tmp_path / "plan.json"
    p.write_text('{"schema_version": 1}')
    with pytest.raises(PlanError) as exc:
        load_plan(p)
    assert "\n" not in str(exc.value)
    with pytest.raises(PlanError, match="not found"):
        load_plan(tmp_path / "nope.json")


def test_positive_fraction_mixes_classes():
    plans = plan_dataset(validate_config({"content": {"positive_fraction": 0.5}}), 0, 40)
    cats = {p.category for p in plans}
    assert cats == {"positive", "negative"}
    for p in plans:
        assert p.axes.weapon_present == (p.category == "positive")
        assert (p.axes.weapon_class == "handgun") == (p.category == "positive")
    assert all(
        p.category == "negative"
        for p in plan_dataset(validate_config({"content": {"positive_fraction": 0}}), 0, 10)
    )


def test_every_frame_has_a_pose_and_ids_are_unique():
    plan = plan_clip(CFG, 0, 1)
    n = CFG.render.frames
    assert len(plan.camera.position) == len(plan.camera.rotation) == len(plan.held_track.position) == n
    hands = [h for h in plan.hands if not h.model.name.startswith("arm_")]  # upper arms: unlabelled scenery
    ids = [p.model.instance_id for p in ([plan.held] if plan.held else []) + hands]
    assert len(ids) == len(set(ids)) and min(ids) >= 1
    assert all(p.model.instance_id == 0 for p in plan.environment)


def _extent(model):
    pts = []
    for part in model.parts:
        if part.geom is not None:  # builder parts: their mesh vertices
            from generator.plan.objects.parts import part_mesh

            pts.extend(part_mesh(part).verts)
            continue
        r = euler_to_matrix(part.rot)
        half = np.array(part.size) / 2
        for corner in np.array(np.meshgrid(*[[-1, 1]] * 3)).T.reshape(-1, 3):
            pts.append(r @ (corner * half) + np.array(part.pos))
    pts = np.array(pts)
    return pts.min(axis=0), pts.max(axis=0)


@pytest.mark.parametrize("seed", range(20))
def test_handgun_size_and_muzzle_in_front(seed):
    g = handgun(np.random.default_rng(seed))
    lo, hi = _extent(g)
    assert 0.15 <= hi[1] - lo[1] <= 0.42  # overall length along the barrel axis (a suppressor adds 0.18)
    muzzle = np.array(g.points["muzzle"])
    assert muzzle[1] >= hi[1] - 0.01  # at the front of the model
    assert {"frame", "trigger", "bore"} <= {p.name for p in g.parts}
    assert all(p.material in g.materials for p in g.parts)


def test_phone_size():
    for seed in range(10):
        lo, hi = _extent(phone(np.random.default_rng(seed)))
        assert 0.13 <= hi[2] - lo[2] <= 0.17


def test_euler_round_trip():
    rng = np.random.default_rng(0)
    for _ in range(50):
        e = rng.uniform(-1.2, 1.2, size=3)
        assert np.allclose(matrix_to_euler(euler_to_matrix(e)), e, atol=1e-9)


def test_weather_is_a_label_axis():
    for weather in ("clear", "rain", "fog"):
        cfg = validate_config({"environment": {"family": "street"}, "atmosphere": {"weather": weather}})
        assert plan_clip(cfg, 0, 0).axes.weather == weather
