"""Corridor: the foundation's corridor or long room (kept as it was so that old scene files still render)."""

from __future__ import annotations

import numpy as np

from generator.config.models import EnvironmentConfig, LightingConfig, SceneConfig
from generator.plan.geometry import hsv_to_linear, kelvin_to_rgb
from generator.plan.model import Light, Material
from generator.plan.places.base import Place, finish
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.fixtures import (
    Wall,
    ceiling_vent,
    door,
    dress_walls,
    exit_sign,
    fixture_materials,
    side_walls,
)
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.surfaces import textured

SHELL_T = 0.1  # room_shell's wall thickness (its default)


def corridor(env: EnvironmentConfig, light: LightingConfig, rng: np.random.Generator) -> Place:
    """A corridor or long room: floor, ceiling, walls, doors, ceiling light panels, boxes along the walls."""
    w = env.draw("width_m", rng)
    length = env.draw("length_m", rng)
    h = env.draw("height_m", rng)
    hue = rng.uniform(0, 1)
    floor_pattern = str(rng.choice(["vinyl", "tiles", "carpet", "concrete"]))
    mats = {
        "wall": Material(
            color=hsv_to_linear(hue, env.draw("wall_saturation", rng), env.draw("wall_value", rng)),
            roughness=float(rng.uniform(0.6, 0.95)),
        ),
        "floor": Material(
            color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.3), env.draw("floor_value", rng)),
            roughness=float(rng.uniform(0.2, 0.8)),
        ),
        "ceiling": Material(color=hsv_to_linear(0, 0, rng.uniform(0.6, 0.9)), roughness=0.9),
        "door": Material(
            color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0.1, 0.6), rng.uniform(0.1, 0.6)),
            roughness=0.5,
        ),
        "base": Material(color=hsv_to_linear(0, 0, rng.uniform(0.05, 0.3)), roughness=0.5),
    }
    for key, pattern in (
        ("wall", "plaster"),
        ("floor", floor_pattern),
        ("ceiling", "ceiling_tile"),
        ("door", str(rng.choice(["wood", "paint"]))),
        ("base", "plastic"),
    ):
        mats[key] = textured(mats[key], pattern, rng)
    if floor_pattern != "carpet":
        mats["floor"] = mats["floor"].model_copy(update={"color2": hsv_to_linear(0.1, 0.05, 0.4)})
    shell = Kit("corridor")
    for key, m in mats.items():
        shell.mat(key, m)
    room_shell(shell, -w / 2, w / 2, -length / 2, length / 2, h, "floor", "wall", "ceiling")
    for side in (-1, 1):
        shell.box("base", (0.02, length, 0.1), (side * (w / 2 - 0.01), 0, 0.05), name="baseboard")
    (room,) = shell.placed()
    fix = Kit("corridor_fixtures")
    fixture_materials(fix, rng, float(rng.uniform(0, 0.5)))
    walls = list(side_walls(-w / 2, w / 2))
    dress_walls(
        fix,
        rng,
        walls,
        -length / 2 + 0.8,
        length / 2 - 0.5,
        h,
        doors=int(rng.integers(1, 4)),
        windows=int(rng.random() < 0.3),
        boards=int(rng.integers(0, 2)),
    )
    door(fix, Wall(1, length / 2, -1.0), float(rng.uniform(-w / 4, w / 4)), rng, width=min(1.2, w - 0.4))
    if rng.random() < 0.7:
        exit_sign(fix, 0.0, length / 2 - 1.0, h, rng)
    for y in np.arange(-length / 2 + 2, length / 2 - 1, float(rng.uniform(4, 8))):
        ceiling_vent(fix, float(rng.uniform(-w / 4, w / 4)), float(y), h)

    boxes = Kit("boxes")
    for i in range(env.draw("boxes", rng)):
        size = rng.uniform([0.25, 0.25, 0.2], [0.8, 0.8, 1.0])
        side = rng.choice([-1, 1])
        x = side * (w / 2 - size[0] / 2 - rng.uniform(0.02, 0.2))
        y = rng.uniform(-length / 2 + size[1], length / 2 - size[1])
        col = hsv_to_linear(rng.uniform(0.05, 0.12), rng.uniform(0.2, 0.6), rng.uniform(0.2, 0.7))
        mat = boxes.mat(f"cardboard{i}", textured(Material(color=col, roughness=0.85), "cardboard", rng))
        boxes.box(mat, size, (x, y, size[2] / 2), rz=float(rng.uniform(-0.3, 0.3)))
    clutter = boxes.placed()

    lights, panels = [], Kit("light_panels")
    n = light.draw("ceiling_lights", rng)
    kelvin = light.draw("color_temperature_k", rng)
    color = kelvin_to_rgb(kelvin)
    for i in range(n):
        y = -length / 2 + (i + 0.5) * length / max(n, 1)
        power = light.draw("light_power_w", rng)
        lights.append(
            Light(kind="area", pos=(0.0, float(y), h - 0.03), size=0.8, power_w=float(power), color=color)
        )
        panels.box("panel", (0.6, 1.2, 0.02), (0, y, h - 0.01))
    panels.mat("panel", Material(color=color, roughness=0.5, emission=4.0))
    clutter += panels.placed()
    clutter += fix.placed()
    ambient = light.draw("ambient", rng)
    start = (0.0, -length / 2 + 0.8, 0.0)
    return Place(
        models=[room, *clutter],
        lights=lights,
        world_color=color,
        world_strength=float(ambient),
        start=start,
        walk_length=length - 2.0,
        context="indoor_corridor",
        lighting="indoor_ceiling",
    )


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The corridor plus figures in it and the weather."""
    place = corridor(cfg.environment, cfg.lighting, rng)
    floor = place.models[0].model.parts[0]  # room_shell's floor: the corridor plus the walls' thickness
    half = floor.size[0] / 2 - SHELL_T - 0.3
    ln = floor.size[1] - 2 * SHELL_T
    zones = [Zone(-half, -0.8, -ln / 2 + 1, ln / 2 - 1), Zone(0.8, half, -ln / 2 + 1, ln / 2 - 1)]
    place.movers = figures_in(cfg.environment, rng, [z for z in zones if z.x1 >= z.x0])
    fog = tuple(0.25 * c for c in place.world_color)
    return finish(cfg, rng, place, False, (0.0, 0.0, 1.5), (half * 2 + 0.6, ln, 3.4), fog_color=fog)
