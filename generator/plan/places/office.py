"""Office floor: an open-plan room with desk rows, partitions, monitors and chairs either side of a walkway."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, grid_spots, indoor, posters_on_wall
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.fixtures import (
    Wall,
    ceiling_vent,
    door,
    dress_walls,
    fixture_materials,
    side_walls,
    skirting,
)
from generator.plan.places.furniture import bin_, desk, furniture_materials, office_chair, plant
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights
from generator.plan.places.surfaces import surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """A randomised office floor; the walkway runs along +Y at x = 0."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    w, ln, h = rng.uniform(7, 12) * s, rng.uniform(12, 22) * s, float(rng.uniform(2.6, 3.2))
    aisle = float(rng.uniform(2.0, 2.8))
    x0, x1, y0, y1 = -w / 2, w / 2, -ln / 2, ln / 2
    room = Kit("office")
    room.mat("floor", surface(str(rng.choice(["carpet", "tiles", "concrete"])), rng, wear))
    room.mat("wall", surface("plaster", rng, wear))
    room.mat("ceiling", surface("ceiling_tile", rng, 0.0))
    room_shell(room, x0, x1, y0, y1, h, "floor", "wall", "ceiling")
    fix = Kit("office_fixtures")
    fixture_materials(fix, rng, wear)
    skirting(fix, x0, x1, y0, y1)
    left, right = side_walls(x0, x1)
    windowed = [left, right][int(rng.integers(0, 2))] if rng.random() < 0.7 else None
    for wall in (left, right):
        dress_walls(
            fix,
            rng,
            [wall],
            y0 + 0.6,
            y1 - 0.6,
            h,
            doors=0 if wall is windowed else 2,
            windows=int(rng.integers(2, 5)) if wall is windowed else 0,
            boards=int(rng.random() < 0.6),
        )
    door(fix, Wall(1, y1, -1.0), float(rng.uniform(x0 + 1, x1 - 1)), rng)
    for x, y in grid_spots(x0, x1, y0, y1, 4.0)[:: int(rng.integers(2, 4))]:
        ceiling_vent(fix, x + 0.9, y, h, 0.6)
    posters_on_wall(room, cfg, rng, float(rng.choice([x0, x1])), y0 + 1, y1 - 1, (1.3, 1.9))
    furn = Kit("office_furniture")
    furniture_materials(furn, rng, wear)
    furn.mat("screen", surface("fabric", rng))
    depth = float(rng.uniform(0.7, 0.85))
    pitch = float(rng.uniform(1.4, 1.8))
    for side in (-1, 1):
        xa, xb = aisle / 2 + 0.3, w / 2 - 0.3
        cols = max(1, int((xb - xa) / (2 * depth + 1.4)))
        for c in range(cols):
            xc = side * (xa + depth / 2 + c * (2 * depth + 1.4))
            for y in np.arange(y0 + 1.0, y1 - 1.0, pitch):
                if rng.random() > 0.85 * min(dens, 1.2):
                    continue
                # a desk facing the walkway's side (its front, +Y in its own frame, towards the aisle)
                face = float(np.pi / 2 if side > 0 else -np.pi / 2)
                furn.add(desk(rng, pitch - 0.05, depth), xc, y + pitch / 2, face)
                furn.box(
                    "screen",
                    (0.04, pitch - 0.05, float(rng.uniform(1.1, 1.5))),
                    (xc + side * depth / 2, y + pitch / 2, 0.6),
                )
                if rng.random() < 0.7:
                    turn = face + float(rng.uniform(-0.6, 0.6))
                    cy = y + pitch / 2 + rng.uniform(-0.2, 0.2)
                    furn.add(office_chair(rng), xc - side * (depth / 2 + 0.35), cy, turn + np.pi)
                if rng.random() < 0.3:
                    furn.add(bin_(rng), xc - side * (depth / 2 - 0.2), y + 0.25)
    for _ in range(int(rng.integers(1, 4))):
        furn.add(
            plant(rng), float(rng.choice([x0 + 0.35, x1 - 0.35])), float(rng.uniform(y0 + 0.5, y1 - 0.5))
        )
    lamps = Kit("office_lamps")
    lights = ceiling_lights(
        lamps, cfg.lighting, rng, grid_spots(x0, x1, y0, y1, float(rng.uniform(2.6, 3.6))), h
    )
    zones = [Zone(-aisle / 2 + 0.05, -0.75, y0 + 1, y1 - 1), Zone(0.75, aisle / 2 - 0.05, y0 + 1, y1 - 1)]
    movers = figures_in(e, rng, zones)
    start = (0.0, y0 + 0.8, 0.0)
    return indoor(
        cfg, rng, [room, fix, furn, lamps], lights, start, ln - 2.0, "office", (x0, x1, y0, y1, h), movers
    )
