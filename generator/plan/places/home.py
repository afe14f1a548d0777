"""Home interior: rooms joined by door openings on the walk, sofas, tables, shelves, rugs, lamps, windows."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.geometry import kelvin_to_rgb
from generator.plan.model import Light
from generator.plan.places.base import Place, indoor, posters_on_wall
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.fixtures import Wall, door, fixture_materials, skirting, window
from generator.plan.places.furniture import bookshelf, dining_table, furniture_materials, plant, sofa
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights
from generator.plan.places.surfaces import plain, surface


def _furnish(
    k: Kit, rng: np.random.Generator, side: int, w: float, ya: float, yb: float, dens: float
) -> None:
    """Furniture against the wall on ``side`` between ya and yb, leaving the middle free."""
    y = ya + 0.2
    while y < yb - 0.8:
        kind = str(rng.choice(["sofa", "table", "shelf", "cabinet", "plant", "none"]))
        if rng.random() > 0.8 * min(dens, 1.25):
            kind = "none"
        xw = side * w / 2
        face = float(side * np.pi / 2)  # a piece's front (+Y in its own frame) towards the middle of the room
        if kind == "sofa":
            ln = float(rng.uniform(1.6, 2.3))
            k.add(sofa(rng, ln), xw - side * 0.47, y + ln / 2, face)
            y += ln
        elif kind == "table":
            tw = float(min(1.4, w / 2 - 0.8))
            if tw > 0.7:
                k.add(dining_table(rng, tw), xw - side * (tw / 2 + 0.1), y + 0.8, 0.0)
                y += 1.6
        elif kind == "shelf":
            hh = float(rng.uniform(1.2, 2.1))
            k.add(bookshelf(rng, 0.9, hh, [f"book{i}" for i in range(4)]), xw - side * 0.16, y + 0.45, face)
            y += 0.9
        elif kind == "plant":
            k.add(plant(rng), xw - side * 0.3, y + 0.3)
            y += 0.6
        elif kind == "cabinet":
            k.box("wood2", (0.5, 1.2, 0.6), (xw - side * 0.26, y + 0.6, 0.3))
            if rng.random() < 0.5:
                k.box("tv", (0.08, 1.0, 0.6), (xw - side * 0.2, y + 0.6, 0.95))
            y += 1.2
        y += float(rng.uniform(0.2, 0.9))


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """Two or three rooms in a row, joined by door openings the walk passes through."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    w, h = rng.uniform(3.4, 5.5) * s, float(rng.uniform(2.4, 2.8))
    rooms = int(rng.integers(2, 4))
    lens = rng.uniform(3.5, 6.0, size=rooms) * s
    ln = float(lens.sum())
    x0, x1, y0, y1 = -w / 2, w / 2, -ln / 2, ln / 2
    shell = Kit("home")
    shell.mat("floor", surface(str(rng.choice(["wood", "carpet", "tiles"])), rng, wear))
    shell.mat("wall", surface("plaster", rng, wear * 0.5))
    shell.mat("ceiling", surface("plaster", rng))
    shell.mat("door", surface("wood", rng, wear))
    room_shell(shell, x0, x1, y0, y1, h, "floor", "wall", "ceiling")
    furn = Kit("home_furniture")
    furn.mat("fabric", surface("fabric", rng, wear))
    furn.mat("wood", surface("wood", rng, wear))
    furn.mat("wood2", surface(str(rng.choice(["wood", "paint"])), rng, wear))
    furn.mat("books", surface("plastic", rng))
    furniture_materials(furn, rng, wear)
    for i in range(4):
        furn.mat(f"book{i}", surface(str(rng.choice(["paint", "fabric", "cardboard"])), rng, wear))
    furn.mat("tv", plain((0.01, 0.01, 0.01), 0.15))
    furn.mat("rug", surface("carpet", rng, wear))
    lamps = Kit("home_lamps")
    fix = Kit("home_fixtures")
    fixture_materials(fix, rng, e.draw("wear", rng))
    skirting(fix, x0, x1, y0, y1)
    lights: list[Light] = []
    ya = y0
    opening = float(rng.uniform(0.9, 1.2))
    for i, rl in enumerate(lens):
        yb = ya + float(rl)
        for side in (-1, 1):
            _furnish(furn, rng, side, w, ya + 0.1, yb - 0.1, dens)
            if rng.random() < 0.5:  # a closed door or a window in the side wall
                wall, u = Wall(0, side * w / 2, -side), float(rng.uniform(ya + 0.6, yb - 0.6))
                if rng.random() < 0.5:
                    door(fix, wall, u, rng, width=0.8, height=2.0)
                else:
                    ww = float(min(rng.uniform(0.8, 1.5), yb - ya - 0.4))
                    window(
                        fix, wall, float(np.clip(u, ya + ww / 2 + 0.1, yb - ww / 2 - 0.1)), 1.55, ww, 1.1, rng
                    )
        if rng.random() < 0.6:
            furn.box(
                "rug", (float(rng.uniform(1.2, 2.0)), float(rl) * 0.5, 0.01), (0.0, (ya + yb) / 2, 0.005)
            )
        posters_on_wall(shell, cfg, rng, float(rng.choice([x0, x1])), ya + 0.5, yb - 0.5, (1.3, 1.8))
        if i < rooms - 1:  # partition wall with a door opening on the walk
            side_w = (w - opening) / 2
            for sgn in (-1, 1):
                shell.box("wall", (side_w, 0.12, h), (sgn * (opening / 2 + side_w / 2), yb, h / 2))
            shell.box("wall", (opening, 0.12, h - 2.05), (0.0, yb, 2.05 + (h - 2.05) / 2))
        if rng.random() < 0.7:
            lights += ceiling_lights(lamps, cfg.lighting, rng, [(0.0, (ya + yb) / 2)], h)
        else:  # a warm floor lamp in a corner
            lx, ly = float(rng.choice([-1, 1])) * (w / 2 - 0.3), float(yb - 0.4)
            lamps.mat("shade", plain(kelvin_to_rgb(2700), 0.8, emission=3.0))
            lamps.cyl("shade", 0.35, 0.3, (lx, ly, 1.5))
            lights.append(
                Light(
                    kind="point",
                    pos=(lx, ly, 1.45),
                    size=0.2,
                    power_w=float(rng.uniform(60, 200)),
                    color=kelvin_to_rgb(2700),
                )
            )
        ya = yb
    zones = [Zone(-w / 2 + 1.1, -0.8, y0 + 0.8, y1 - 0.8), Zone(0.8, w / 2 - 1.1, y0 + 0.8, y1 - 0.8)]
    movers = figures_in(e, rng, [z for z in zones if z.x1 >= z.x0])
    return indoor(
        cfg,
        rng,
        [shell, fix, furn, lamps],
        lights,
        (0.0, y0 + 0.7, 0.0),
        ln - 1.5,
        "home",
        (x0, x1, y0, y1, h),
        movers,
    )
