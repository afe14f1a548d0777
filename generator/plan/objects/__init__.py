"""Held-object factories: each takes a generator and returns a Model (parts, materials, named points, metadata).

Firearms (firearms.py), their replicas (replicas.py) and harmless look-alikes (negatives.py). Every model has
``meta['class']``, ``meta['kind']`` (real / replica / none), ``meta['length_m']`` and ``meta['two_handed']``;
firearms also carry ``points`` grip, support, muzzle, muzzle_axis and sight.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from generator.plan.model import Model
from generator.plan.objects import firearms as legacy
from generator.plan.objects import negatives as neg
from generator.plan.objects.families import class_factory
from generator.plan.objects.negatives import phone
from generator.plan.objects.replicas import replica_of

Factory = Callable[[np.random.Generator], Model]

FIREARMS: dict[str, Factory] = {c: class_factory(c) for c in ("handgun", "rifle", "shotgun")}
# the box-and-cylinder firearms of earlier versions (benchmarks compare against them)
LEGACY_FIREARMS: dict[str, Factory] = {"handgun": legacy.handgun, "rifle": legacy.rifle, "shotgun": legacy.shotgun}
handgun, rifle, shotgun = FIREARMS["handgun"], FIREARMS["rifle"], FIREARMS["shotgun"]
REPLICAS: dict[str, Factory] = {f"replica_{k}": replica_of(f) for k, f in FIREARMS.items()}
NEGATIVES: dict[str, Factory] = {
    "phone": neg.phone,
    "tablet": neg.tablet,
    "flashlight": neg.flashlight,
    "drill": neg.drill,
    "umbrella": neg.umbrella,
    "game_controller": neg.game_controller,
    "camera": neg.camera,
    "hair_dryer": neg.hair_dryer,
    "spray_bottle": neg.spray_bottle,
    "hammer": neg.hammer,
    "water_bottle": neg.water_bottle,
    "selfie_stick": neg.selfie_stick,
}
FACTORIES: dict[str, Factory] = {**FIREARMS, **REPLICAS, **NEGATIVES}
# clip-level weapon class of each held name (harmless objects: none)
WEAPON_CLASSES = {name: name.removeprefix("replica_") for name in (*FIREARMS, *REPLICAS)}
# harmless counterpart of each firearm class in counterfactual pairs (similar size and grip)
COUNTERPARTS = {
    "handgun": ("drill", "hair_dryer", "spray_bottle", "flashlight", "phone"),
    "rifle": ("umbrella", "selfie_stick"),
    "shotgun": ("umbrella",),
}


def weapon_kind(name: str) -> str:
    """real, replica or none for a held name."""
    if name.startswith("replica_"):
        return "replica"
    return "real" if name in FIREARMS else "none"


def build_held(
    name: str,
    rng: np.random.Generator,
    families: Mapping[str, float] | None = None,
    accessories: Mapping[str, float] | None = None,
) -> Model | None:
    """The held model for ``name`` (firearms: families weighted, accessories with their probabilities), or
    None for empty hands."""
    if name == "empty_hands":
        return None
    if name.removeprefix("replica_") in FIREARMS and not LEGACY["on"]:
        return FACTORIES[name](rng, families=families, accessories=accessories)
    if name in LEGACY_FIREARMS and LEGACY["on"]:
        return LEGACY_FIREARMS[name](rng)
    if name.startswith("replica_") and LEGACY["on"]:
        return replica_of(LEGACY_FIREARMS[name.removeprefix("replica_")])(rng)
    return FACTORIES[name](rng)


LEGACY = {"on": False}  # benchmarks: plan with the legacy firearms to measure the new ones' cost


def use_legacy_firearms(on: bool) -> None:
    """Build firearms with the legacy box-and-cylinder factories (benchmark 'before' runs only)."""
    LEGACY["on"] = bool(on)


__all__ = [
    "FACTORIES",
    "FIREARMS",
    "NEGATIVES",
    "REPLICAS",
    "WEAPON_CLASSES",
    "build_held",
    "use_legacy_firearms",
    "handgun",
    "phone",
    "rifle",
    "shotgun",
]
