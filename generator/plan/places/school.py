"""School-like hallway: lockers in banks along both walls, classroom doors, notice boards, tube lights."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, indoor, posters_on_wall
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.fixtures import Wall, door, exit_sign, extinguisher, fixture_materials, skirting
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights
from generator.plan.places.surfaces import surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """A randomised school hallway along +Y."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    w, ln, h = rng.uniform(2.8, 4.2) * s, rng.uniform(16, 30) * s, float(rng.uniform(2.8, 3.4))
    x0, x1, y0, y1 = -w / 2, w / 2, -ln / 2, ln / 2
    room = Kit("school")
    room.mat("floor", surface(str(rng.choice(["tiles", "concrete"])), rng, wear))
    room.mat("wall", surface(str(rng.choice(["plaster", "brick", "tiles"])), rng, wear))
    room.mat("ceiling", surface("ceiling_tile", rng, 0.0))
    room.mat("door", surface(str(rng.choice(["wood", "paint"])), rng, wear))
    room_shell(room, x0, x1, y0, y1, h, "floor", "wall", "ceiling")
    fix = Kit("school_fixtures")
    fixture_materials(fix, rng, wear)
    skirting(fix, x0, x1, y0, y1)
    door(fix, Wall(1, y1, -1.0), 0.0, rng, width=min(1.6, w - 0.6))
    if rng.random() < 0.7:
        exit_sign(fix, 0.0, y1 - 1.0, h, rng)
    lock = Kit("lockers")
    hue = float(rng.uniform(0, 1))
    lock.mat("locker", surface("paint", rng, wear, hue=hue).model_copy(update={"metallic": 0.4}))
    lock.mat("vent", surface("metal", rng))
    lw, ld, lh = float(rng.uniform(0.3, 0.4)), float(rng.uniform(0.35, 0.5)), float(rng.uniform(1.5, 1.9))
    for side in (-1, 1):
        x = side * (w / 2 - ld / 2)
        y = y0 + 0.5
        while y < y1 - 1.5:
            if rng.random() < 0.25:  # a classroom door instead of a locker bank
                door(fix, Wall(0, side * w / 2, -side), y + 0.6, rng, width=1.0, height=2.1)
                y += 1.6
                continue
            n = int(rng.integers(4, 12) * min(dens, 1.5))
            for _ in range(n):
                if y + lw > y1 - 0.5:
                    break
                lock.box("locker", (ld, lw - 0.01, lh), (x, y + lw / 2, lh / 2 + 0.1))
                lock.box("vent", (0.01, lw * 0.6, 0.1), (x - side * ld / 2, y + lw / 2, lh - 0.1))
                y += lw
            y += float(rng.uniform(0.3, 1.2))
        posters_on_wall(room, cfg, rng, side * w / 2, y0 + 1, y1 - 1, (lh + 0.4, min(h - 0.3, lh + 0.9)))
        if rng.random() < 0.6:
            extinguisher(fix, Wall(0, side * w / 2, -side), float(rng.uniform(y0 + 2, y1 - 2)), rng)
    lamps = Kit("school_lamps")
    n = max(2, int(ln / rng.uniform(2.5, 4)))
    spots = [(0.0, y0 + (i + 0.5) * ln / n) for i in range(n)]
    lights = ceiling_lights(lamps, cfg.lighting, rng, spots, h)
    half = w / 2 - ld - 0.3
    zones = [Zone(-half, -0.8, y0 + 1, y1 - 1), Zone(0.8, half, y0 + 1, y1 - 1)] if half > 0.8 else []
    movers = figures_in(e, rng, zones)
    return indoor(
        cfg,
        rng,
        [room, fix, lock, lamps],
        lights,
        (0.0, y0 + 0.8, 0.0),
        ln - 2.0,
        "school",
        (x0, x1, y0, y1, h),
        movers,
    )
