"""Every surface of every shipped scene is textured; the baked textures tile, vary and repeat per seed; outdoor
skies are bundled photographs matching the time of day with their sun turned to the sun light."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROOT

from generator.config import load_config
from generator.plan.model import Material
from generator.plan.places.light import HDRI, TOD_HDRI, hdri_rotation
from generator.plan.places.textures import SIZE, TEXTURED, is_textured, maps, normal_map
from generator.plan.planner import plan_clip

SCENES = sorted((ROOT / "scenes").glob("*.yaml"))


@pytest.mark.parametrize("scene", SCENES, ids=[s.stem for s in SCENES])
def test_no_surface_of_a_shipped_scene_is_a_flat_colour(scene):
    cfg = load_config(scene, [])
    for index in range(4):
        plan = plan_clip(cfg, 5, index)
        models = [p.model for p in plan.environment] + [a.model for a in plan.actors]
        flat = [f"{m.name}.{key}" for m in models for key, mat in m.materials.items() if not is_textured(mat)]
        assert not flat, f"{scene.name} clip {index}: untextured {flat[:8]}"
        assert sum(len(m.parts) for m in models) > 5


def test_the_check_catches_a_flat_colour():
    assert not is_textured(Material(color=(0.5, 0.5, 0.5)))
    assert is_textured(Material(color=(0.5, 0.5, 0.5), emission=3.0))


def _material(pattern: str, seed: int = 3) -> Material:
    return Material(
        color=(0.4, 0.3, 0.2), color2=(0.2, 0.2, 0.2), roughness=0.6, pattern=pattern, seed=seed, scale=3.0
    )


@pytest.mark.parametrize("pattern", sorted(TEXTURED))
def test_textures_vary_and_tile(pattern):
    alb, rough, height = maps(_material(pattern))
    assert alb.shape == (SIZE, SIZE, 3) and rough.shape == height.shape == (SIZE, SIZE)
    lum = alb.mean(-1)
    if pattern == "glass":  # clear glass shows its texture as smudges in the roughness
        assert rough.std() > 0.01
    else:
        assert lum.std() / lum.mean() > 0.015, f"{pattern}: nearly flat albedo"
    assert 0.0 <= rough.min() and rough.max() <= 1.0 and rough.std() > 0.003
    # seamless: the jump across the wrap is like any step between neighbouring columns / rows
    for axis in (0, 1):
        steps = np.abs(np.diff(lum, axis=axis)).mean()
        wrap = np.abs(np.take(lum, 0, axis) - np.take(lum, -1, axis)).mean()
        assert wrap < 3 * steps + 1e-4, f"{pattern}: seam along axis {axis}"


def test_textures_repeat_per_seed_and_differ_between_seeds():
    a, b, c = maps(_material("concrete", 1)), maps(_material("concrete", 1)), maps(_material("concrete", 2))
    assert np.array_equal(a[0], b[0]) and not np.array_equal(a[0], c[0])


def test_normal_map_tilts_towards_falling_height():
    ramp = np.tile(np.sin(np.linspace(0, 2 * np.pi, 64, endpoint=False)), (64, 1))
    n = normal_map(ramp, 5.0) * 2 - 1
    assert np.allclose(np.linalg.norm(n, axis=-1), 1, atol=1e-5)
    # where height rises along u (columns), the normal leans to -u
    assert n[10, 0, 0] < -0.1 and n[10, 32, 0] > 0.1


@pytest.mark.parametrize("tod", sorted(TOD_HDRI))
def test_outdoor_sky_photograph_matches_time_of_day(tod):
    cfg = load_config(ROOT / "scenes" / "street.yaml", [f"lighting.time_of_day={tod}"])
    for index in range(3):
        plan = plan_clip(cfg, 1, index)
        assert plan.world_hdri in TOD_HDRI[tod]
        assert plan.world_strength > 0
        suns = [li for li in plan.lights if li.kind == "sun" and li.power_w > 0.5]
        if tod == "day":
            assert suns
        if suns:
            assert plan.world_hdri_rotation == hdri_rotation(plan.world_hdri, suns[0].rot[2])


@pytest.mark.parametrize("name", sorted(HDRI))
def test_hdri_rotation_turns_the_photographed_sun_onto_the_sun_light(name):
    for azimuth in np.linspace(0, 2 * np.pi, 7):
        theta = hdri_rotation(name, float(azimuth))
        # direction towards a sun light turned by ``azimuth`` (it shines along its local -Z)
        a = np.pi / 2 - 0.5
        d = np.array([np.sin(a) * np.sin(azimuth), -np.sin(a) * np.cos(azimuth), np.cos(a)])
        # the world shader turns the view vector by theta about Z, then looks up the equirectangular image
        c, s = np.cos(theta), np.sin(theta)
        x, y = c * d[0] - s * d[1], s * d[0] + c * d[1]
        u = np.arctan2(y, -x) / (2 * np.pi) + 0.5
        assert abs((u - HDRI[name][0] + 0.5) % 1.0 - 0.5) < 1e-3
