"""Held-object factories: each takes a generator and returns a Model (parts, materials, named points, metadata).

Firearms (firearms.py), their replicas (replicas.py) and harmless look-alikes (negatives.py). Every model has
``meta['class']``, ``meta['kind']`` (real / replica / none), ``meta['length_m']`` and ``meta['two_handed']``;
firearms also carry ``points`` grip, support, muzzle, muzzle_axis and sight.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from generator.plan.model import Model
from generator.plan.objects import negatives as neg
from generator.plan.objects.firearms import handgun, rifle, shotgun
from generator.plan.objects.negatives import phone
from generator.plan.objects.replicas import replica_of

Factory = Callable[[np.random.Generator], Model]

FIREARMS: dict[str, Factory] = {"handgun": handgun, "rifle": rifle, "shotgun": shotgun}
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


def build_held(name: str, rng: np.random.Generator) -> Model | None:
    """The held model for ``name``, or None for empty hands."""
    if name == "empty_hands":
        return None
    return FACTORIES[name](rng)


__all__ = [
    "FACTORIES",
    "FIREARMS",
    "NEGATIVES",
    "REPLICAS",
    "WEAPON_CLASSES",
    "build_held",
    "handgun",
    "phone",
    "rifle",
    "shotgun",
]
