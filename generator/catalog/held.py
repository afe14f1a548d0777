"""Held-object classes: one row per class, the single source of every per-class table in the package.

Config enums, carry poses, default asset grips, pair counterparts, exporters' firearm classes, the
``weapon_class`` literals of the plan and label models and the negatives' actions are all derived from
``HELD``. Factories are named by dotted path (``module:function``) so that this module imports nothing of the
planner; ``generator.plan.objects.factory`` resolves them. Class ids are the row order: append, never reorder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["real", "replica", "none"]


@dataclass(frozen=True)
class HeldClass:
    """One class of held object: what it is, how it is built, held, carried and used."""

    name: str
    kind: Kind  # real firearm, replica (toy/airsoft) or none (harmless)
    weapon_class: str  # clip-level weapon class: a firearm class, or "none"
    factory: (
        str | None
    )  # "module:function" taking a numpy Generator, returning a plan Model; None = no object
    grip: str  # hand pose of a user asset of this class (config/assets.py GRIPS)
    carry: str  # carry-pose family (plan/held.py CARRY)
    action: str = ""  # event name of a harmless object's "shot" (motion/timeline.py); "" for firearms
    counterparts: tuple[str, ...] = ()  # firearms: harmless classes of similar size and grip (pairs)
    families: tuple[str, ...] = ()  # weapon families of this class (sub-types its factory can build)
    asset: bool = True  # users' asset manifests may use this class

    @property
    def firearm(self) -> bool:
        """True for real firearms and their replicas (a positive clip's held object)."""
        return self.kind != "none"


_F = "generator.plan.objects.families"  # profile-modelled families (legacy box models: objects/firearms.py)
_R = "generator.plan.objects.replicas"
_N = "generator.plan.objects.negatives"
# weapon families (generator/plan/objects/gunspecs.py holds their reference sizes)
_HANDGUNS = ("striker_pistol", "hammer_pistol", "m1911", "duty_revolver", "snub_revolver")
_RIFLES = ("ar15", "ak", "smg", "bolt_rifle")
_SHOTGUNS = ("pump_shotgun", "semi_shotgun")

HELD: list[HeldClass] = [
    HeldClass(
        "handgun",
        "real",
        "handgun",
        f"{_F}:handgun",
        "pistol",
        "handgun",
        counterparts=("drill", "hair_dryer", "spray_bottle", "flashlight", "phone"),
        families=_HANDGUNS,
    ),
    HeldClass(
        "rifle",
        "real",
        "rifle",
        f"{_F}:rifle",
        "shoulder",
        "long",
        counterparts=("umbrella", "selfie_stick"),
        families=_RIFLES,
    ),
    HeldClass(
        "shotgun",
        "real",
        "shotgun",
        f"{_F}:shotgun",
        "shoulder",
        "long",
        counterparts=("umbrella",),
        families=_SHOTGUNS,
    ),
    HeldClass(
        "replica_handgun", "replica", "handgun", f"{_R}:replica_handgun", "pistol", "handgun", asset=False
    ),
    HeldClass("replica_rifle", "replica", "rifle", f"{_R}:replica_rifle", "shoulder", "long", asset=False),
    HeldClass(
        "replica_shotgun", "replica", "shotgun", f"{_R}:replica_shotgun", "shoulder", "long", asset=False
    ),
    HeldClass("phone", "none", "none", f"{_N}:phone", "phone", "phone", action="phone_tap"),
    HeldClass("tablet", "none", "none", f"{_N}:tablet", "two_side", "two_side", action="gesture"),
    HeldClass(
        "flashlight", "none", "none", f"{_N}:flashlight", "fist_y", "fist_y", action="flashlight_click"
    ),
    HeldClass("drill", "none", "none", f"{_N}:drill", "pistol", "tool", action="drill_trigger"),
    HeldClass("umbrella", "none", "none", f"{_N}:umbrella", "fist_y", "fist_down", action="gesture"),
    HeldClass(
        "game_controller", "none", "none", f"{_N}:game_controller", "two_side", "two_side", action="gesture"
    ),
    HeldClass("camera", "none", "none", f"{_N}:camera", "two_side", "two_side", action="gesture"),
    HeldClass("hair_dryer", "none", "none", f"{_N}:hair_dryer", "pistol", "tool", action="gesture"),
    HeldClass("spray_bottle", "none", "none", f"{_N}:spray_bottle", "pistol", "tool", action="gesture"),
    HeldClass("hammer", "none", "none", f"{_N}:hammer", "fist_z", "fist_z", action="gesture"),
    HeldClass("water_bottle", "none", "none", f"{_N}:water_bottle", "fist_z", "fist_z", action="gesture"),
    HeldClass("selfie_stick", "none", "none", f"{_N}:selfie_stick", "fist_y", "fist_up", action="gesture"),
    HeldClass("empty_hands", "none", "none", None, "fist_z", "empty", action="gesture", asset=False),
]
# A user asset of a class outside the catalog: held in a fist, carried like a handgun.
OTHER_GRIP = "fist_z"
DEFAULT_ACTION = "gesture"


def held_class(name: str) -> HeldClass | None:
    """The catalog row of ``name``, or None for a name outside the catalog (e.g. a user asset's name)."""
    return _BY_NAME().get(name)


def _BY_NAME() -> dict[str, HeldClass]:  # noqa: N802 - rebuilt on demand so registered rows are seen
    return {c.name: c for c in HELD}


def register_held(entry: HeldClass) -> None:
    """Add a class at run time (plugins, tests); register before importing generator.config so its enums see it."""
    if held_class(entry.name) is not None:
        raise ValueError(f"held class {entry.name!r} is already in the catalog")
    HELD.append(entry)


def names(kind: Kind | None = None) -> tuple[str, ...]:
    """Class names in catalog order, optionally only those of one kind."""
    return tuple(c.name for c in HELD if kind is None or c.kind == kind)


def weapon_classes() -> tuple[str, ...]:
    """The clip-level firearm classes (real firearm rows), in catalog order."""
    return names("real")


def weapon_class_values() -> tuple[str, ...]:
    """Every clip-level weapon_class value: the firearm classes and "none"."""
    return (*weapon_classes(), "none")


def weapon_families(cls: str | None = None) -> tuple[str, ...]:
    """Weapon family names of one class (or of every class), in catalog order."""
    return tuple(f for c in HELD if cls is None or c.name == cls for f in c.families)


def family_class(family: str) -> str | None:
    """The class a weapon family belongs to, or None."""
    return next((c.name for c in HELD if family in c.families), None)


def class_ids() -> dict[str, int]:
    """Stable integer id of every class: its catalog position."""
    return {c.name: i for i, c in enumerate(HELD)}
