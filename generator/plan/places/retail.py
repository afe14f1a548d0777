"""Retail store: gondola shelving in aisles stocked with coloured products, aisle signs, bright lights."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, grid_spots, indoor, posters_on_wall
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.fixtures import (
    ceiling_vent,
    dress_walls,
    exit_sign,
    fixture_materials,
    side_walls,
    skirting,
)
from generator.plan.places.furniture import bottle, can, furniture_materials, trolley
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights
from generator.plan.places.surfaces import poster, surface


def _stock(
    k: Kit,
    rng: np.random.Generator,
    facing: bool,
    xs: float,
    y: float,
    pw: float,
    gd: float,
    lv: float,
    side: float,
    colors: int,
) -> None:
    """One facing of products on a shelf: printed boxes, or rows of bottles or cans on the face seen from the walk."""
    kind = str(rng.choice(["boxes", "bottles", "cans"])) if facing else "boxes"
    if kind == "boxes":
        ph = float(rng.uniform(0.12, 0.3))
        key = (
            f"pack{int(rng.integers(0, 6))}"
            if facing and rng.random() < 0.7
            else f"p{int(rng.integers(0, colors))}"
        )
        n = max(1, int(pw / float(rng.uniform(0.08, 0.2))))
        bw = (pw - 0.02) / n
        for i in range(n):  # printed face towards the aisle: the picture is on the part's local -Y
            k.box(
                key,
                (bw - 0.006, 0.01 + gd / 2 - 0.07, ph),
                (xs, y + (i + 0.5) * bw + 0.01, lv + 0.01 + ph / 2),
                rz=float(-side * np.pi / 2),
            )
        return
    mat = f"p{int(rng.integers(0, colors))}"
    cap = f"p{int(rng.integers(0, colors))}"
    proto = bottle(rng, mat, cap) if kind == "bottles" else can(rng, mat)
    r = max(float(proto[0].geom["profile"][3][0]), 0.03) if proto[0].geom else 0.04
    n = max(1, int((pw - 0.02) / (2 * r + 0.005)))
    for depth in range(2):
        xr = xs - side * (gd / 4 - r - 0.02 - depth * (2 * r + 0.01))
        for i in range(n):
            k.add(proto, xr, y + 0.01 + (i + 0.5) * (pw - 0.02) / n, float(rng.uniform(0, 6.28)), z=lv + 0.01)


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The walk runs down the middle aisle of a store along +Y."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    aisle = float(rng.uniform(1.8, 2.6))
    gd, gh = float(rng.uniform(0.9, 1.3)), float(rng.uniform(1.5, 2.2))
    w = aisle * 3 + gd * 4 + 2
    ln, h = rng.uniform(14, 26) * s, float(rng.uniform(3.2, 4.5))
    x0, x1, y0, y1 = -w / 2, w / 2, -ln / 2, ln / 2
    room = Kit("store")
    room.mat("floor", surface(str(rng.choice(["tiles", "concrete"])), rng, wear))
    room.mat("wall", surface("plaster", rng, wear))
    room.mat("ceiling", surface(str(rng.choice(["ceiling_tile", "metal"])), rng))
    room_shell(room, x0, x1, y0, y1, h, "floor", "wall", "ceiling")
    posters_on_wall(room, cfg, rng, float(rng.choice([x0, x1])), y0 + 1, y1 - 1, (2.0, 2.8))
    fix = Kit("store_fixtures")
    fixture_materials(fix, rng, wear)
    skirting(fix, x0, x1, y0, y1)
    dress_walls(fix, rng, list(side_walls(x0, x1)), y0 + 0.6, y1 - 0.6, h, doors=1, boards=0)
    for x, y in grid_spots(x0, x1, y0, y1, 5.0)[::2]:
        ceiling_vent(fix, x, y + 1.2, h, 0.6)
    if rng.random() < 0.7:
        exit_sign(fix, 0.0, y1 - 1.0, h, rng)
    shelves = Kit("gondolas")
    shelves.mat("frame", surface("metal", rng))
    colors = 8
    for i in range(colors):
        shelves.mat(f"p{i}", surface("plastic", rng))
    for i in range(6):  # printed packaging: a brand word on a coloured ground
        shelves.mat(f"pack{i}", poster(rng).model_copy(update={"roughness": 0.4}))
    gl = ln - 4.0
    trol = Kit("trolleys")
    furniture_materials(trol, rng, wear)
    for side in (-1, 1):
        if aisle > 2.2 and rng.random() < 0.5:  # a trolley left beside the shelves
            trol.add(
                trolley(rng),
                side * (aisle / 2 - 0.33),
                float(rng.uniform(y0 + 3, y1 - 3)),
                float(rng.choice([0, np.pi])),
            )
        for j in range(2):  # two gondolas per side, the first one lines the walk
            xc = side * (aisle / 2 + gd / 2 + j * (gd + aisle))
            shelves.box("frame", (gd, gl, 0.1), (xc, 0, 0.05))
            shelves.box("frame", (0.05, gl, gh), (xc, 0, gh / 2))
            for lv in np.arange(0.12, gh - 0.2, float(rng.uniform(0.35, 0.5))):
                for face in (-1, 1):
                    xs = xc + face * gd / 4
                    shelves.box("frame", (gd / 2, gl, 0.02), (xs, 0, lv))
                    y = -gl / 2
                    facing = j == 0 and face == -side  # the shelf face seen from the walk
                    while y < gl / 2 - 0.3:
                        pw = float(rng.uniform(0.25, 0.9))
                        if rng.random() < 0.85 * min(dens, 1.2):
                            _stock(shelves, rng, facing, xs, y, pw, gd, lv, side, colors)
                        y += pw
    signs = Kit("aisle_signs")
    for j in range(int(rng.integers(1, 4))):
        key = signs.mat(f"sign{j}", poster(rng))
        signs.box(
            key,
            (1.2, 0.02, 0.4),
            (float(rng.choice([-1, 1])) * (aisle + gd), float(rng.uniform(y0 + 3, y1 - 3)), h - 0.8),
        )
    lamps = Kit("store_lamps")
    lights = ceiling_lights(
        lamps, cfg.lighting, rng, grid_spots(x0, x1, y0, y1, float(rng.uniform(3, 4.5))), h
    )
    zones = [Zone(-aisle / 2 + 0.3, -0.75, y0 + 2, y1 - 2), Zone(0.75, aisle / 2 - 0.3, y0 + 2, y1 - 2)]
    movers = figures_in(
        e,
        rng,
        [z for z in zones if z.x1 >= z.x0]
        or [Zone(-aisle / 2 - gd - aisle / 2, -aisle / 2 - gd - aisle / 2, y0 + 2, y1 - 2)],
    )
    return indoor(
        cfg,
        rng,
        [room, fix, shelves, trol, signs, lamps],
        lights,
        (0.0, y0 + 0.8, 0.0),
        ln - 2.0,
        "retail",
        (x0, x1, y0, y1, h),
        movers,
    )
