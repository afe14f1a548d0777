"""Procedural places: one module per environment family, all returning a ``Place``.

World frame: floor at z = 0; the camera walks along +Y from ``Place.start`` (the lane around x = 0 is kept
free). ``plan_place`` draws a family's place; ``actor_tracks`` turns its movers into per-frame actor poses.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import numpy as np

from generator.catalog import PLACES, place_family
from generator.config.models import SceneConfig
from generator.plan.places.base import Place
from generator.plan.places.figures import actor_tracks

Planner = Callable[[SceneConfig, np.random.Generator], Place]


def planner(family: str) -> Planner:
    """The planner of catalog family ``family`` (resolved from its dotted name)."""
    row = place_family(family)
    if row is None:
        raise KeyError(family)
    module, _, attr = row.planner.partition(":")
    return getattr(importlib.import_module(module), attr)


FAMILIES: dict[str, Planner] = {p.name: planner(p.name) for p in PLACES}


def plan_place(family: str, cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """The place of ``family`` drawn with ``rng``."""
    return planner(family)(cfg, rng)


__all__ = ["FAMILIES", "Place", "actor_tracks", "plan_place", "planner"]
