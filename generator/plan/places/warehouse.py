"""Warehouse: tall hall with pallet racks and boxes along an aisle, pallets, high-bay lights, often dusty."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.objects.parts import swept
from generator.plan.places.base import Place, indoor
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.fixtures import Wall, door, exit_sign, extinguisher, fixture_materials, side_walls
from generator.plan.places.furniture import pallet
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights
from generator.plan.places.surfaces import surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """A randomised warehouse aisle along +Y."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    aisle = float(rng.uniform(3.0, 4.4))
    rack_d, rack_h = float(rng.uniform(0.9, 1.2)), float(rng.uniform(3.0, 6.0))
    w, ln, h = aisle + 4 * rack_d + 6, rng.uniform(20, 36) * s, float(rng.uniform(rack_h + 1.5, rack_h + 4))
    x0, x1, y0, y1 = -w / 2, w / 2, -ln / 2, ln / 2
    room = Kit("warehouse")
    room.mat("floor", surface("concrete", rng, min(1.0, wear + 0.3)))
    room.mat("wall", surface(str(rng.choice(["metal", "concrete", "brick"])), rng, wear))
    room.mat("ceiling", surface("metal", rng))
    room.mat("line", surface("paint", rng, wear))
    room_shell(room, x0, x1, y0, y1, h, "floor", "wall", "ceiling")
    for side in (-1, 1):
        room.box("line", (0.1, ln - 1, 0.005), (side * (aisle / 2 - 0.1), 0, 0.003))
    racks = Kit("racks")
    racks.mat("upright", surface("paint", rng, wear).model_copy(update={"metallic": 0.5}))
    racks.mat("beam", surface("paint", rng, wear).model_copy(update={"metallic": 0.5}))
    racks.mat("shelf", surface(str(rng.choice(["wood", "metal"])), rng, wear))
    for i in range(4):
        racks.mat(f"box{i}", surface("cardboard", rng, wear))
    levels = int(rack_h // 1.4) + 1
    bay = float(rng.uniform(2.2, 2.8))
    for side in (-1, 1):
        xr = side * (aisle / 2 + rack_d / 2)
        for y in np.arange(y0 + 1.0, y1 - 1.0 - bay, bay):
            for dy in (0.0, bay):  # an upright frame: two posts and zig-zag bracing
                for px in (-1, 1):
                    racks.box(
                        "upright", (0.08, 0.07, rack_h), (xr + px * (rack_d / 2 - 0.04), y + dy, rack_h / 2)
                    )
                zs = np.arange(0.1, rack_h - 0.1, 0.7)
                path = [
                    [xr + (1 if i % 2 else -1) * (rack_d / 2 - 0.06), y + dy, float(z)]
                    for i, z in enumerate(zs)
                ]
                if len(path) >= 2:
                    racks.parts.append(swept("brace", path, 0.015, "upright", segments=6, caps="flat"))
            for lv in range(levels):
                z = 0.15 + lv * rack_h / levels
                racks.box("beam", (0.06, bay, 0.1), (xr - side * rack_d / 2, y + bay / 2, z))
                racks.box("shelf", (rack_d, bay, 0.03), (xr, y + bay / 2, z + 0.06))
                for k in range(int(rng.integers(0, 4) * min(dens, 1.5))):
                    bs = rng.uniform([0.4, 0.4, 0.3], [rack_d * 0.9, 0.9, min(1.1, rack_h / levels - 0.2)])
                    racks.box(
                        f"box{int(rng.integers(0, 4))}", bs, (xr, y + 0.4 + k * 0.65, z + 0.08 + bs[2] / 2)
                    )
        # pallets and loose boxes at the aisle edge
        for _ in range(int(rng.integers(0, 4) * dens) if aisle / 2 - 1.05 >= 0.7 else 0):
            y = float(rng.uniform(y0 + 2, y1 - 2))
            racks.add(pallet(), side * (aisle / 2 - 0.55), y)
            bh = float(rng.uniform(0.3, 1.2))
            racks.box("box0", (0.9, 1.0, bh), (side * (aisle / 2 - 0.55), y, 0.124 + bh / 2))
    fix = Kit("warehouse_fixtures")
    fixture_materials(fix, rng, wear)
    door(fix, Wall(1, y1, -1.0), float(rng.uniform(-1.5, 1.5)), rng, width=1.0)
    for wall in side_walls(x0, x1):
        if rng.random() < 0.7:
            extinguisher(fix, wall, float(rng.uniform(y0 + 2, y1 - 2)), rng)
    if rng.random() < 0.7:
        exit_sign(fix, 0.0, y1 - 1.0, min(h, 3.5), rng)
    lamps = Kit("warehouse_lamps")
    spots = [(0.0, y) for y in np.arange(y0 + 2, y1 - 1, float(rng.uniform(4, 7)))]
    lights = ceiling_lights(lamps, cfg.lighting, rng, spots, h)
    for light in lights:
        light.power_w *= 3.0  # high bay
    zones = [Zone(-aisle / 2 + 1.2, -0.8, y0 + 1, y1 - 1), Zone(0.8, aisle / 2 - 1.2, y0 + 1, y1 - 1)]
    zones = [z for z in zones if z.x1 >= z.x0]
    movers = figures_in(e, rng, zones)
    return indoor(
        cfg,
        rng,
        [room, fix, racks, lamps],
        lights,
        (0.0, y0 + 0.8, 0.0),
        ln - 2.0,
        "warehouse",
        (x0, x1, y0, y1, h),
        movers,
    )
