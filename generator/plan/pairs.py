"""Counterfactual pairs: clips 2k and 2k+1 share every random draw except the held object's.

Clip 2k holds the firearm, clip 2k+1 a harmless object of similar size and grip; place, light, camera path,
timing, hands' look and carry pose are drawn from the pair index k, so the two clips differ only where the
held object and the hands are.
"""

from __future__ import annotations

import numpy as np

from generator.plan.model import Placed
from generator.plan.objects import COUNTERPARTS, WEAPON_CLASSES


def pair_of(index: int) -> tuple[int, bool]:
    """(pair index k, True for the harmless member 2k+1) of clip ``index``."""
    return index // 2, index % 2 == 1


def pair_id(k: int) -> str:
    """The id shared by both clips of pair k."""
    return f"pair{k:06d}"


def counterpart(weapon: str, rng: np.random.Generator) -> str:
    """A harmless object of similar size and grip for a firearm (or replica) name."""
    options = COUNTERPARTS.get(WEAPON_CLASSES.get(weapon, weapon), ("phone",))
    return str(options[int(rng.integers(len(options)))])


def noise_index(index: int, pair_index: int | None) -> int:
    """The index that seeds the renderer's noise: shared by the clips of a pair."""
    return index if pair_index is None else pair_index


def without_light(placed: Placed | None) -> Placed | None:
    """The held object with its emission turned off: a pair's twin must not add light (screens, torch lenses)
    that would change the rest of the picture."""
    if placed is None:
        return None
    mats = {k: m.model_copy(update={"emission": 0.0}) for k, m in placed.model.materials.items()}
    return placed.model_copy(update={"model": placed.model.model_copy(update={"materials": mats})})
