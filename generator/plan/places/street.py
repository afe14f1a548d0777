"""Street: a pavement walk beside a road with kerbs, parked cars, street lamps and building fronts both sides."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, outdoor, outdoor_light, posters_on_wall
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.furniture import bench, furniture_materials, litter_bin
from generator.plan.places.kit import Kit
from generator.plan.places.light import street_lamp
from generator.plan.places.props import car, car_materials, facade
from generator.plan.places.surfaces import plain, surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The camera walks along the pavement (x = 0) with buildings on the left and the road on the right."""
    e = cfg.environment
    s, wear, dens = e.draw("size_scale", rng), e.draw("wear", rng), e.draw("clutter", rng)
    sky, tod = outdoor_light(cfg, rng)
    pw = float(rng.uniform(3.0, 5.0))  # pavement width
    road = float(rng.uniform(6.0, 11.0)) * s
    ln = float(rng.uniform(40, 70))
    y0, y1 = -15.0, ln - 15.0
    xl, xk = -pw / 2, pw / 2  # building line, kerb
    xr = xk + road
    g = Kit("street")
    g.mat("pave", surface(str(rng.choice(["concrete", "tiles"])), rng, wear))
    g.mat("road", surface("asphalt", rng, wear))
    g.mat("kerb", surface("concrete", rng, wear))
    g.mat("line", plain((0.8, 0.8, 0.75), 0.6))
    g.mat(
        "window",
        surface("glass", rng).model_copy(update={"transmission": 0.0, "roughness": 0.05, "metallic": 0.8}),
    )
    g.mat("door", surface(str(rng.choice(["wood", "metal"])), rng, wear))
    g.box("pave", (pw, ln, 0.15), (0, (y0 + y1) / 2, 0.075 - 0.15))
    g.box("pave", (pw, ln, 0.15), (xr + pw / 2, (y0 + y1) / 2, 0.075 - 0.15))
    g.box("road", (road, ln, 0.1), ((xk + xr) / 2, (y0 + y1) / 2, -0.2))
    g.box("road", (200, 200, 0.1), (0, (y0 + y1) / 2, -0.35))
    for xx in (xk, xr):
        g.box("kerb", (0.15, ln, 0.2), (xx, (y0 + y1) / 2, -0.1))
    for yy in np.arange(y0, y1, 6.0):
        g.box("line", (0.12, 3.0, 0.01), ((xk + xr) / 2, yy, -0.145))
    bld = Kit("buildings")
    bld.mat("window", g.materials["window"])
    bld.mat("door", g.materials["door"])
    facade(bld, rng, xl, y0, y1, -1, wear)
    facade(bld, rng, xr + pw, y0, y1, 1, wear)
    posters_on_wall(bld, cfg, rng, xl, 0.0, 20.0, (1.2, 2.4))
    cars = Kit("cars")
    car_materials(cars, rng)
    y = y0 + 2
    while y < y1 - 4:
        if rng.random() < 0.7 * min(dens, 1.4):
            car(cars, rng, xk + 1.2, y + 2.5)
        if rng.random() < 0.5 * min(dens, 1.4):
            car(cars, rng, xr - 1.2, y + 2.5)
        y += float(rng.uniform(5.0, 7.5))
    furniture_materials(cars, rng, wear)
    for yy in np.arange(y0 + float(rng.uniform(2, 8)), y1, float(rng.uniform(8, 20))):
        if rng.random() < 0.6:
            cars.add(litter_bin(rng), xk - 0.35, float(yy))
        elif rng.random() < 0.5:
            cars.add(bench(rng), xl + 0.45, float(yy), float(-np.pi / 2))
    lamps = Kit("lamps")
    lights = []
    for yy in np.arange(y0 + rng.uniform(0, 10), y1, float(rng.uniform(15, 25))):
        lights += street_lamp(lamps, xk - 0.3, float(yy), float(rng.uniform(5, 7)), rng, sky.dark)
    zones = [Zone(xl + 0.4, -0.8, y0 + 16, y1 - 2), Zone(xr + 0.5, xr + pw - 0.5, y0 + 16, y1 - 2)]
    movers = figures_in(e, rng, zones)
    return outdoor(
        cfg,
        rng,
        [g, bld, cars, lamps],
        lights,
        sky,
        tod,
        (0.0, 0.0, 0.0),
        25.0,
        "street",
        (xl - 4, xr + pw + 4, y0, y1),
        movers,
    )
