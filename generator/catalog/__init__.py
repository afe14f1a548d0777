"""The catalog: held-object classes and environment families, the one table every other layer derives from.

Plain data (no bpy, no planner imports): config builds its enums from it, the planner resolves its dotted
factory and planner names, exporters and label models take their class lists from it. See docs/architecture.md.
"""

from __future__ import annotations

from generator.catalog.held import (
    DEFAULT_ACTION,
    HELD,
    OTHER_GRIP,
    HeldClass,
    class_ids,
    family_class,
    held_class,
    names,
    register_held,
    weapon_class_values,
    weapon_classes,
    weapon_families,
)
from generator.catalog.places import PLACES, PlaceFamily, family_names, place_family, register_place

__all__ = [
    "DEFAULT_ACTION",
    "HELD",
    "OTHER_GRIP",
    "PLACES",
    "HeldClass",
    "PlaceFamily",
    "class_ids",
    "family_class",
    "family_names",
    "held_class",
    "names",
    "place_family",
    "register_held",
    "register_place",
    "weapon_class_values",
    "weapon_classes",
    "weapon_families",
]
