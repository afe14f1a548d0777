"""Places at plan level (no bpy): every family for many seeds, a free walking lane, figures, game screens,
the scene files and the mixed scene's variety."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from conftest import ROOT

from generator.config import load_config
from generator.config.models import SceneConfig
from generator.errors import ConfigError
from generator.plan.geometry import euler_to_matrix
from generator.plan.places import FAMILIES
from generator.plan.places.light import flicker_factors
from generator.plan.places.pictures import game_frame, poster_image, target_image
from generator.plan.planner import plan_clip

SEEDS = range(10)


def cfg_for(family: str, **env) -> SceneConfig:
    cfg = SceneConfig()
    cfg.render.frames = 30
    cfg.environment.family = family
    for k, v in env.items():
        setattr(cfg.environment, k, v)
    return cfg


def part_boxes(placed):
    """World AABBs (lo, hi) of every part of a placed model (conservative for rotated parts)."""
    r_m, t_m = euler_to_matrix(placed.rot), np.asarray(placed.pos)
    for p in placed.model.parts:
        corners = np.array(list(itertools.product(*[(-s / 2, s / 2) for s in p.size])))
        local = corners @ euler_to_matrix(p.rot).T + np.asarray(p.pos)
        world = local @ r_m.T + t_m
        yield p, world.min(0), world.max(0)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_family_plans_for_many_seeds(family):
    cfg = cfg_for(family)
    for seed in SEEDS:
        plan = plan_clip(cfg, seed, 0)
        assert plan.axes.environment == family
        assert plan.environment and plan.lights is not None
        assert all(p.model.instance_id == 0 for p in plan.environment)
        assert plan.axes.lighting
        ids = [a.model.instance_id for a in plan.actors]
        assert len(ids) == len(set(ids)) and all(i >= 10 for i in ids)
        for a in plan.actors:
            assert len(a.position) == len(a.rotation) == cfg.render.frames
        for placed in plan.environment:
            for m in placed.model.materials.values():
                assert all(0 <= c <= 1 for c in m.color) and 0 <= m.roughness <= 1


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_walking_lane_is_free_of_geometry(family):
    """The camera (eye height, with the held object ~0.5 m ahead) never enters a static part."""
    cfg = cfg_for(family)
    for seed in SEEDS:
        plan = plan_clip(cfg, seed, 0)
        cams = np.asarray(plan.camera.position)
        boxes = [(p, lo, hi) for placed in plan.environment for p, lo, hi in part_boxes(placed)]
        for c in cams[:: max(1, len(cams) // 6)]:
            for z in (0.6, 1.2, c[2]):
                q = np.array([c[0], c[1], z])
                for p, lo, hi in boxes:
                    inside = np.all(q > lo + 1e-6) and np.all(q < hi - 1e-6)
                    assert not inside, f"{family} seed {seed}: camera lane at {q.round(2)} inside part {p}"


def test_figures_stand_or_walk_and_targets_stand_on_the_range():
    cfg = cfg_for("office", figures=6, walking_fraction=0.5)
    moved = still = 0
    for seed in range(10):
        for a in plan_clip(cfg, seed, 0).actors:
            assert a.role == "person" and a.model.category == "person"
            travel = np.linalg.norm(np.subtract(a.position[-1], a.position[0])[:2])
            moved += travel > 0.3
            still += travel == 0
            assert min(abs(p[0]) for p in a.position) >= 0.7  # off the lane
    assert moved and still
    r = cfg_for("range", targets=5)
    for seed in range(10):
        plan = plan_clip(r, seed, 0)
        assert plan.axes.context == "training_range"
        targets = [a for a in plan.actors if a.role == "target"]
        assert len(targets) == 5 and all(a.model.category == "target" for a in targets)
        # targets stand downrange, beyond the shooter's longest walk
        start_y = plan.camera.position[0][1]
        assert all(a.position[0][1] > start_y + 3.5 for a in targets)


def test_game_screen_is_a_virtual_weapon_negative():
    cfg = cfg_for("game_screen")
    cfg.content.positive_fraction = 1.0
    for seed in range(10):
        plan = plan_clip(cfg, seed, 0)
        assert plan.category == "negative" and not plan.axes.weapon_present
        assert plan.axes.weapon_kind == "virtual" and plan.axes.context == "game_screen"
        screens = [m for p in plan.environment for m in p.model.materials.values() if m.pattern == "screen"]
        assert len(screens) == 1 and screens[0].emission > 0


def test_outdoor_light_follows_time_of_day():
    for tod, expect_sun in (("day", True), ("golden_hour", True), ("dusk", False)):
        cfg = cfg_for("street")
        cfg.lighting.time_of_day = tod
        cfg.lighting.flashlight = 0.0
        plan = plan_clip(cfg, 3, 0)
        assert plan.axes.lighting == tod and plan.world_zenith is not None
        suns = [light for light in plan.lights if light.kind == "sun" and light.power_w > 1]
        assert bool(suns) == expect_sun
    night = cfg_for("street")
    night.lighting.time_of_day = "night"
    night.lighting.flashlight = 1.0
    plan = plan_clip(night, 3, 0)
    assert plan.exposure > 1 and any(
        light.attach == "camera" and light.kind == "spot" for light in plan.lights
    )
    day = plan_clip(cfg_for("street"), 3, 0)
    assert day.world_strength > 0


def test_rain_wets_outdoor_surfaces_and_stays_outdoors():
    cfg = cfg_for("street")
    cfg.atmosphere.weather = "rain"
    dry = cfg_for("street")
    dry.atmosphere.weather = "clear"
    wet_plan, dry_plan = plan_clip(cfg, 5, 0), plan_clip(dry, 5, 0)
    assert wet_plan.atmosphere.rain_streaks > 0
    road_wet = wet_plan.environment[0].model.materials["road"]
    road_dry = dry_plan.environment[0].model.materials["road"]
    assert road_wet.roughness < road_dry.roughness and sum(road_wet.color) < sum(road_dry.color)
    inside = cfg_for("office")
    inside.atmosphere.weather = "rain"
    assert plan_clip(inside, 5, 0).atmosphere.weather == "clear"


def test_every_scene_file_draws_its_family_and_mixed_draws_many():
    for family in FAMILIES:
        cfg = load_config(ROOT / "scenes" / f"{family}.yaml")
        assert plan_clip(cfg, cfg.seed, 0).axes.environment == family
    mixed = load_config(ROOT / "scenes" / "mixed.yaml")
    plans = [plan_clip(mixed, mixed.seed, i) for i in range(24)]
    assert len({p.axes.environment for p in plans}) >= 7
    assert len({p.axes.lighting for p in plans}) >= 3
    # no two clips look alike: the place's first wall/floor colours differ between every pair
    keys = [tuple(next(iter(p.environment[0].model.materials.values())).color) for p in plans]
    assert len(set(keys)) == 24


def test_unknown_family_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("environment: {family: moon}\n")
    with pytest.raises(ConfigError, match="environment.family"):
        load_config(path)


def test_pictures_are_seeded_and_differ():
    a, b = game_frame(1), game_frame(2)
    assert a.shape == (270, 480, 3) and a.dtype == np.uint8
    assert np.array_equal(a, game_frame(1)) and not np.array_equal(a, b)
    grid = game_frame(1, subpixels=True)
    # the subpixel grid darkens two of three columns per channel: a strong 3-pixel period
    spec = np.abs(np.fft.rfft(grid[:, :, 0].astype(float).mean(0) - grid[:, :, 0].mean()))
    assert spec[480 // 3] > 5 * np.median(spec)
    ink = [
        (poster_image(3, text, (0.8, 0.1, 0.1), (0, 0, 0))[10:150] == 0).all(-1).mean()
        for text in ("EXIT 12", "")
    ]
    assert ink[0] > ink[1] + 0.02  # the words are printed
    t = target_image(3, (0.9, 0.9, 0.8), (0, 0, 0))
    assert t.shape == (300, 200, 3) and (t < 50).any()


def test_flicker_dips_but_never_exceeds_full_power():
    f = flicker_factors(0.8, 7, 200)
    assert f.max() <= 1.0 and f.min() < 0.7 and (f == 1.0).mean() > 0.4
    assert np.array_equal(f, flicker_factors(0.8, 7, 200))
