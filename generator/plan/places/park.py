"""Park or woodland edge: grass, a footpath, trees and bushes, benches, lamps; often hazy or wet."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, outdoor, outdoor_light
from generator.plan.places.figures import Zone, figures_in
from generator.plan.places.furniture import bench, furniture_materials, litter_bin
from generator.plan.places.kit import Kit
from generator.plan.places.light import street_lamp
from generator.plan.places.props import tree
from generator.plan.places.surfaces import surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The walk follows a footpath along +Y; trees thicken into woodland on one side."""
    e = cfg.environment
    wear, dens = e.draw("wear", rng), e.draw("clutter", rng)
    sky, tod = outdoor_light(cfg, rng)
    path_w = float(rng.uniform(1.6, 3.0))
    ln = 60.0
    g = Kit("park")
    g.mat("grass", surface("grass", rng))
    g.mat("path", surface(str(rng.choice(["dirt", "asphalt", "concrete"])), rng, wear))
    g.mat("wood", surface("wood", rng, wear))
    g.mat("metal", surface("metal", rng))
    furniture_materials(g, rng, wear)
    g.box("grass", (200, 200, 0.1), (0, 20, -0.06))
    g.box("path", (path_w, ln + 20, 0.1), (0, 20, -0.045))
    flora = Kit("trees")
    flora.mat("bark", surface("bark", rng))
    flora.mat("leaf0", surface("foliage", rng))
    flora.mat("leaf1", surface("foliage", rng))
    wood_side = float(rng.choice([-1, 1]))
    for side in (-1, 1):
        n = int((25 if side == wood_side else 8) * min(dens, 2.0))
        for _ in range(n):
            x = side * float(rng.uniform(path_w / 2 + 2.0, 9.0 if side == wood_side else 25.0))
            y = float(rng.uniform(-5, ln))
            tree(flora, rng, x, y)
        for _ in range(int(6 * dens)):  # bushes
            d = float(rng.uniform(0.6, 1.6))
            flora.sphere(
                "leaf1",
                (d, d, d * 0.7),
                (side * float(rng.uniform(path_w / 2 + 0.8, 8)), float(rng.uniform(-5, ln)), d * 0.3),
            )
    for _ in range(int(rng.integers(0, 4))):  # benches beside the path
        side = float(rng.choice([-1, 1]))
        x, y = side * (path_w / 2 + 0.7), float(rng.uniform(3, ln - 5))
        g.add(bench(rng), x, y, float(side * np.pi / 2))
        if rng.random() < 0.6:
            g.add(litter_bin(rng), x, y + 1.3)
    lamps = Kit("lamps")
    lights = []
    if rng.random() < 0.6:
        for y in np.arange(rng.uniform(0, 8), ln, float(rng.uniform(18, 30))):
            lights += street_lamp(
                lamps, float(rng.choice([-1, 1])) * (path_w / 2 + 0.5), float(y), 4.0, rng, sky.dark
            )
    zones = [Zone(-6.0, -path_w / 2 - 0.6, 3, ln - 5), Zone(path_w / 2 + 0.6, 6.0, 3, ln - 5)]
    movers = figures_in(e, rng, zones)
    return outdoor(
        cfg,
        rng,
        [g, flora, lamps],
        lights,
        sky,
        tod,
        (0.0, 0.0, 0.0),
        40.0,
        "park",
        (-25, 25, -5, ln),
        movers,
    )
