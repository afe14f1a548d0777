"""Props shared by outdoor families: parked cars, trees, benches, building fronts."""

from __future__ import annotations

import numpy as np

from generator.plan.places.furniture import car as shaped_car
from generator.plan.places.furniture import car_materials  # noqa: F401  (re-exported for the families)
from generator.plan.places.furniture import tree as shaped_tree
from generator.plan.places.kit import Kit
from generator.plan.places.surfaces import surface


def car(k: Kit, rng: np.random.Generator, x: float, y: float, along_y: bool = True) -> None:
    """A parked car (see furniture.car) centred at (x, y), long axis along Y or X, either way round."""
    paint = f"paint{int(rng.integers(0, 4))}"
    rz = (0.0 if along_y else np.pi / 2) + (np.pi if rng.random() < 0.5 else 0.0)
    k.add(shaped_car(rng, paint), x, y, float(rz))


def tree(k: Kit, rng: np.random.Generator, x: float, y: float) -> None:
    """A tree (see furniture.tree): bent tapered trunk, branches and a crown of leafy clumps."""
    k.add(shaped_tree(rng, ["leaf0", "leaf1"]), x, y, float(rng.uniform(0, 2 * np.pi)))


def facade(k: Kit, rng: np.random.Generator, x: float, y0: float, y1: float, side: int, wear: float) -> None:
    """Building fronts along the plane x (facing the street on the other side), with windows and doors."""
    y = y0
    i = 0
    while y < y1:
        bw = float(rng.uniform(6, 16))
        bh = float(rng.uniform(4, 18))
        k.mat("sill", surface(str(rng.choice(["paint", "concrete", "metal"])), rng, wear))
        key = k.mat(
            f"facade{i}", surface(str(rng.choice(["brick", "plaster", "concrete", "tiles"])), rng, wear)
        )
        k.box(key, (4.0, bw - 0.05, bh), (x + side * 2.0, y + bw / 2, bh / 2))
        floors = max(1, int(bh // 3.2))
        for f in range(floors):
            z = 1.1 + f * 3.2 if f else 1.0
            for wy in np.arange(y + 0.8, y + bw - 0.8, float(rng.uniform(1.6, 2.6))):
                if f == 0 and rng.random() < 0.25:
                    k.box("door", (0.06, 1.1, 2.2), (x - side * 0.01, wy + 0.55, 1.1))
                else:
                    k.box("sill", (0.1, 1.25, 1.55), (x - side * 0.005, wy + 0.55, z + 0.7))
                    k.box("window", (0.08, 1.1, 1.4), (x - side * 0.012, wy + 0.55, z + 0.7))
                    k.box("sill", (0.1, 0.05, 1.4), (x - side * 0.02, wy + 0.55, z + 0.7))
                    k.box("sill", (0.2, 1.3, 0.06), (x - side * 0.05, wy + 0.55, z - 0.04))
        y += bw
        i += 1
