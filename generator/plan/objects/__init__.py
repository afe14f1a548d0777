"""Held-object factories: each takes a generator and returns a Model (parts, materials, named points, metadata).

Which classes exist, and each one's factory, grip, carry pose and counterparts, is the catalog's
(generator/catalog/held.py); this module resolves the catalog's dotted factory names. Firearms (firearms.py),
their replicas (replicas.py) and harmless look-alikes (negatives.py). Every model has ``meta['class']``,
``meta['kind']`` (real / replica / none), ``meta['length_m']`` and ``meta['two_handed']``; firearms also carry
``points`` grip, support, muzzle, muzzle_axis and sight.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

import numpy as np

from generator.catalog import HELD, held_class
from generator.plan.model import Model
from generator.plan.objects import firearms as legacy
from generator.plan.objects.families import handgun, rifle, shotgun
from generator.plan.objects.negatives import phone

Factory = Callable[[np.random.Generator], Model]


def resolve(dotted: str) -> Callable:
    """The function named ``module:function``."""
    module, _, attr = dotted.partition(":")
    return getattr(importlib.import_module(module), attr)


def factory(name: str) -> Factory:
    """The factory of catalog class ``name``; KeyError when it has none."""
    row = held_class(name)
    if row is None or row.factory is None:
        raise KeyError(name)
    return resolve(row.factory)


FIREARMS: dict[str, Factory] = {c.name: factory(c.name) for c in HELD if c.kind == "real"}
REPLICAS: dict[str, Factory] = {c.name: factory(c.name) for c in HELD if c.kind == "replica"}
NEGATIVES: dict[str, Factory] = {c.name: factory(c.name) for c in HELD if c.kind == "none" and c.factory}
FACTORIES: dict[str, Factory] = {**FIREARMS, **REPLICAS, **NEGATIVES}
# clip-level weapon class of each held name (harmless objects: none)
WEAPON_CLASSES = {c.name: c.weapon_class for c in HELD if c.firearm}
# harmless counterpart of each firearm class in counterfactual pairs (similar size and grip)
COUNTERPARTS = {c.name: c.counterparts for c in HELD if c.counterparts}


def weapon_kind(name: str) -> str:
    """real, replica or none for a held name (names outside the catalog: none)."""
    row = held_class(name)
    return row.kind if row is not None else "none"


# the box-and-cylinder firearms of earlier versions (benchmarks compare against them)
LEGACY_FIREARMS: dict[str, Factory] = {
    "handgun": legacy.handgun,
    "rifle": legacy.rifle,
    "shotgun": legacy.shotgun,
}
LEGACY = {"on": False}


def use_legacy_firearms(on: bool) -> None:
    """Build firearms with the legacy box-and-cylinder factories (benchmark 'before' runs only)."""
    LEGACY["on"] = bool(on)


def build_held(
    name: str,
    rng: np.random.Generator,
    families: Mapping[str, float] | None = None,
    accessories: Mapping[str, float] | None = None,
) -> Model | None:
    """The held model for ``name`` (firearms: families weighted, accessories with their probabilities), or
    None for empty hands."""
    row = held_class(name)
    if row is not None and row.factory is None:
        return None
    real_row = held_class(row.weapon_class) if row is not None and row.firearm else None
    if row is not None and real_row is not None and real_row.families:
        if LEGACY["on"]:
            from generator.plan.objects.replicas import make_replica

            real = LEGACY_FIREARMS[row.weapon_class](rng)
            return real if row.kind == "real" else make_replica(real, rng)
        return factory(name)(rng, families=families, accessories=accessories)
    return factory(name)(rng)


__all__ = [
    "FACTORIES",
    "FIREARMS",
    "NEGATIVES",
    "REPLICAS",
    "WEAPON_CLASSES",
    "build_held",
    "use_legacy_firearms",
    "factory",
    "handgun",
    "phone",
    "resolve",
    "rifle",
    "shotgun",
]
