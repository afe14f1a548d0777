"""The one class list of every export: names in id order, the same for every dataset whatever it holds.

Exporters take class names and ids only from ``class_names()``, which derives them from the class catalog.
"""

from __future__ import annotations

from generator.catalog import names as held_names
from generator.errors import OptionError

HANDS = ("hand_right", "hand_left")
SCENE = ("person", "target")


def class_names() -> list[str]:
    """Every instance class povgen labels, in id order: firearms, hands, harmless held objects, scene figures.

    Replicas are labelled with their firearm's class (``weapon_kind`` tells them apart); empty hands hold nothing.
    """
    harmless = (n for n in held_names("none") if n != "empty_hands")
    return [*held_names("real"), *HANDS, *harmless, *SCENE]


def pick_classes(names: list[str] | None) -> list[str]:
    """The export's class list: ``names`` in the given order (checked against class_names()), or all of them."""
    valid = class_names()
    if names is None:
        return valid
    if not names or len(set(names)) != len(names):
        raise OptionError(f"--classes {','.join(names)}: give each class name once")
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise OptionError(f"--classes {unknown[0]}: unknown class; valid classes: {', '.join(valid)}")
    return list(names)
