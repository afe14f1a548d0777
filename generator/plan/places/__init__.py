"""Procedural places: one module per environment family, all returning a ``Place``.

World frame: floor at z = 0; the camera walks along +Y from ``Place.start`` (the lane around x = 0 is kept
free). ``plan_place`` draws a family's place; ``actor_tracks`` turns its movers into per-frame actor poses.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.places import (
    corridor,
    game_screen,
    home,
    office,
    park,
    parking,
    range_,
    retail,
    school,
    street,
    warehouse,
)
from generator.plan.places.base import Place
from generator.plan.places.figures import actor_tracks

FAMILIES: dict[str, Callable[[SceneConfig, np.random.Generator], Place]] = {
    "corridor": corridor.build,
    "office": office.build,
    "school": school.build,
    "warehouse": warehouse.build,
    "home": home.build,
    "retail": retail.build,
    "street": street.build,
    "parking": parking.build,
    "park": park.build,
    "range": range_.build,
    "game_screen": game_screen.build,
}


def plan_place(family: str, cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The place of ``family`` drawn with ``rng``."""
    return FAMILIES[family](cfg, rng)


__all__ = ["FAMILIES", "Place", "actor_tracks", "plan_place"]
