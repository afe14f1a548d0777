"""Camera mounts: where the camera sits on the wearer, its typical lens, and how it couples to the body.

Coupling factors scale each shake component: a head camera follows head scanning fully and is steadied against
the gait by the neck; a chest camera bobs more, breathes more and turns only with the torso; a handheld phone
has the hand's tremor; a weapon-mounted camera moves with the weapon, recoil included.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mount:
    """A mount's place (offset from the eye point in the body frame: x right, y forward, z up) and couplings."""

    lens: str
    offset: tuple[float, float, float]
    gait: float
    tremor: float
    breathing: float
    scan: float
    recoil_share: float  # share of the weapon's muzzle rise that reaches the camera
    pitch0_deg: tuple[float, float]  # range of the camera's resting pitch


MOUNTS: dict[str, Mount] = {
    "head": Mount("fisheye_equisolid", (0.0, 0.06, 0.12), 0.8, 0.5, 0.6, 1.0, 0.12, (-10.0, 0.0)),
    "chest": Mount("fisheye_equisolid", (0.0, 0.14, -0.38), 1.2, 0.3, 1.5, 0.25, 0.06, (-12.0, -2.0)),
    "handheld": Mount("perspective", (0.12, 0.35, -0.22), 1.0, 1.0, 0.8, 0.6, 0.08, (-8.0, 2.0)),
    "weapon": Mount("perspective", (0.04, 0.45, -0.14), 1.0, 1.5, 1.0, 0.8, 1.0, (-4.0, 2.0)),
}


def mount_of(name: str) -> Mount:
    """The mount called ``name`` (the config validates names, so a KeyError here is a bug)."""
    return MOUNTS[name]
