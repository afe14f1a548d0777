"""Training range: an indoor shooting range (booths, baffles, berm) or an outdoor police training range,
with paper and steel targets downrange (labelled 'target'). context = training_range."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places.base import Place, grid_spots, indoor, outdoor, outdoor_light
from generator.plan.places.figures import FIRST_FIGURE_ID, Mover, paper_target, steel_target
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.light import ceiling_lights
from generator.plan.places.surfaces import surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The wearer stands at the firing line (y ~ 0) and may step forward; targets stand 5-25 m downrange."""
    e = cfg.environment
    s, wear = e.draw("size_scale", rng), e.draw("wear", rng)
    inside = bool(rng.random() < 0.65)
    lanes = int(rng.integers(3, 8))
    lane_w = float(rng.uniform(1.2, 1.8))
    w = lanes * lane_w
    ln = float(rng.uniform(18, 30)) * s
    h = float(rng.uniform(2.8, 3.6))
    x0, x1, y0, y1 = -w / 2, w / 2, -3.0, ln
    g = Kit("range")
    g.mat("floor", surface("concrete", rng, wear))
    g.mat("wall", surface(str(rng.choice(["concrete", "brick", "plaster"])), rng, wear))
    g.mat("baffle", surface(str(rng.choice(["wood", "metal"])), rng, wear))
    g.mat("berm", surface("dirt", rng))
    g.mat("booth", surface(str(rng.choice(["paint", "wood", "metal"])), rng, wear))
    if inside:
        room_shell(g, x0, x1, y0, y1, h, "floor", "wall", "wall")
        for y in np.arange(3.0, ln - 2, float(rng.uniform(2.5, 4.0))):  # angled ceiling baffles
            g.box("baffle", (w, 0.05, 0.8), (0.0, float(y), h - 0.45), rx=0.6)
        g.box("berm", (w, 1.5, h), (0, ln - 0.75, h / 2))
    else:
        g.box("berm", (300, 300, 0.1), (0, 0, -0.05))
        for side in (-1, 1):
            g.box("berm", (3.0, ln + 3, 3.0), (side * (w / 2 + 1.5), ln / 2, 1.2))
        g.box("berm", (w + 6, 4.0, 4.0), (0, ln + 2, 1.6))
    # booths (partitions) at the firing line, between lanes, off the shooter's lane
    for i in range(lanes + 1):
        x = x0 + i * lane_w - (lane_w / 2 if lanes % 2 else 0.0)
        if abs(x) < 0.6 or abs(x) > w / 2:
            continue
        g.box("booth", (0.04, 1.2, 1.8), (x, 0.6, 0.9))
        g.box("booth", (lane_w * 0.8, 0.3, 0.04), (x - np.sign(x) * lane_w * 0.4, 1.0, 1.05))
    # targets downrange: paper or steel, the first labelled id from 10
    movers = []
    n = e.draw("targets", rng)
    for i in range(n):
        iid = FIRST_FIGURE_ID + i
        model = paper_target(rng, iid) if rng.random() < 0.6 else steel_target(rng, iid)
        x = float(rng.uniform(x0 + 0.5, x1 - 0.5))
        y = float(rng.uniform(5.0, ln - 3))
        moving = rng.random() < 0.15  # a target on a carrier, running towards (+) or away from (-) the line
        speed = float(rng.uniform(0.5, 1.5) * rng.choice([-1.0, 1.0])) if moving else 0.0
        movers.append(Mover(model, (x, y, 0.0), 0.0, speed, "target", (5.0, ln - 3)))
    lamps = Kit("lamps")
    start = (0.0, -0.5, 0.0)
    walk = 3.0
    if inside:
        lights = ceiling_lights(
            lamps, cfg.lighting, rng, grid_spots(x0, x1, y0, min(y1, 12.0), float(rng.uniform(2.5, 4))), h
        )
        lights += ceiling_lights(lamps, cfg.lighting, rng, [(0.0, ln - 4)], h)
        place = indoor(
            cfg, rng, [g, lamps], lights, start, walk, "training_range", (x0, x1, y0, y1, h), movers
        )
    else:
        sky, tod = outdoor_light(cfg, rng)
        place = outdoor(
            cfg, rng, [g, lamps], [], sky, tod, start, walk, "training_range", (x0, x1, y0, y1), movers
        )
    return place
