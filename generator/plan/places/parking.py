"""Parking: an open lot or a multi-storey garage deck, with bays of parked cars either side of a driving aisle."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, grid_spots, indoor, outdoor, outdoor_light
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights, street_lamp
from generator.plan.places.props import car, car_materials
from generator.plan.places.surfaces import plain, surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """Walk down the driving aisle (x = 0); bays of parked cars on both sides."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    garage = bool(rng.random() < 0.5)
    aisle = float(rng.uniform(5.0, 7.0))
    bay_w, bay_d = float(rng.uniform(2.4, 2.8)), float(rng.uniform(4.8, 5.5))
    ln = float(rng.uniform(25, 45)) * s
    w = aisle + 4 * bay_d + (0 if garage else 6)
    x0, x1, y0, y1 = -w / 2, w / 2, -ln / 2, ln / 2
    g = Kit("parking")
    g.mat("ground", surface("concrete" if garage else "asphalt", rng, wear))
    g.mat("line", plain(((0.8, 0.8, 0.78) if rng.random() < 0.7 else (0.8, 0.6, 0.05)), 0.6))
    g.mat("column", surface("concrete", rng, wear))
    h = float(rng.uniform(2.4, 2.9))
    if garage:
        g.mat("wall", surface("concrete", rng, wear))
        room_shell(g, x0, x1, y0, y1, h, "ground", "wall", "wall")
    else:
        g.box("ground", (w + 60, ln + 60, 0.1), (0, 0, -0.05))
    cars = Kit("cars")
    car_materials(cars, rng)
    for side in (-1, 1):
        for row in (0, 1):
            xc = side * (aisle / 2 + bay_d / 2 + row * bay_d)
            for y in np.arange(y0 + 1.0, y1 - 1.0, bay_w):
                g.box("line", (bay_d * 0.9, 0.1, 0.005), (xc, y, 0.003))
                if rng.random() < 0.65 * min(dens, 1.4):
                    car(cars, rng, xc + rng.uniform(-0.2, 0.2), y + bay_w / 2, along_y=False)
            if garage and row == 0:
                for y in np.arange(y0 + 1.0, y1 - 1.0, 3 * bay_w):
                    g.box("column", (0.5, 0.5, h), (side * (aisle / 2 + 0.25), y, h / 2))
    lamps = Kit("lamps")
    if garage:
        lights = ceiling_lights(
            lamps, cfg.lighting, rng, grid_spots(x0, x1, y0, y1, float(rng.uniform(5, 7))), h
        )
    else:
        sky, tod = outdoor_light(cfg, rng)
        lights = []
        for y in np.arange(y0 + 5, y1, float(rng.uniform(12, 20))):
            lights += street_lamp(
                lamps,
                float(rng.choice([-1, 1])) * (aisle / 2 + 0.3),
                float(y),
                float(rng.uniform(6, 9)),
                rng,
                sky.dark,
            )
    zones = [Zone(-aisle / 2 + 0.4, -1.0, y0 + 2, y1 - 2), Zone(1.0, aisle / 2 - 0.4, y0 + 2, y1 - 2)]
    movers = figures_in(e, rng, zones)
    start = (0.0, y0 + 1.5, 0.0)
    if garage:
        return indoor(
            cfg, rng, [g, cars, lamps], lights, start, ln - 3.0, "parking", (x0, x1, y0, y1, h), movers
        )
    return outdoor(
        cfg, rng, [g, cars, lamps], lights, sky, tod, start, ln - 3.0, "parking", (x0, x1, y0, y1), movers
    )
