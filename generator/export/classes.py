"""The one class list of every export: names in id order, the same for every dataset whatever it holds.

Exporters take class names and ids only from ``class_names()``; a later class catalog replaces its body.
"""

from __future__ import annotations

from generator.config.models import NEGATIVES, WEAPONS
from generator.errors import PovgenError

HANDS = ("hand_right", "hand_left")
SCENE = ("person", "target")


def class_names() -> list[str]:
    """Every instance class povgen labels, in id order: firearms, hands, harmless held objects, scene figures.

    Replicas are labelled with their firearm's class (``weapon_kind`` tells them apart); empty hands hold nothing.
    """
    return [*WEAPONS, *HANDS, *(n for n in NEGATIVES if n != "empty_hands"), *SCENE]


def pick_classes(names: list[str] | None) -> list[str]:
    """The export's class list: ``names`` in the given order (checked against class_names()), or all of them."""
    valid = class_names()
    if names is None:
        return valid
    if not names or len(set(names)) != len(names):
        raise PovgenError(f"--classes {','.join(names)}: give each class name once")
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise PovgenError(f"--classes {unknown[0]}: unknown class; valid classes: {', '.join(valid)}")
    return list(names)
