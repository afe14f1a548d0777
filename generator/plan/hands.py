"""Hands and forearms as plain parts, posed around a held object's grip (or empty and open).

All positions are in the grip anchor's frame (+Y forward, +Z up, +X right; origin at the grip point).
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import align_z, hsv_to_linear, srgb_to_linear
from generator.plan.model import Material, Model, Part, Placed

LIGHT_SKIN = np.array([0.93, 0.78, 0.67])
DARK_SKIN = np.array([0.27, 0.16, 0.11])
HAND_IDS = {"hand_right": 2, "hand_left": 3}


def hand_materials(
    rng: np.random.Generator, skin_tone: float, gloved: bool, sleeve_hue: float, sleeve_value: float
) -> dict[str, Material]:
    """Skin (or glove) and sleeve materials."""
    skin = srgb_to_linear(LIGHT_SKIN + (DARK_SKIN - LIGHT_SKIN) * skin_tone)
    glove = hsv_to_linear(rng.choice([0.08, 0.25, 0.0]), rng.uniform(0, 0.4), rng.uniform(0.03, 0.35))
    sleeve = hsv_to_linear(sleeve_hue, rng.uniform(0.1, 0.6), sleeve_value)
    return {
        "skin": Material(color=skin, roughness=0.55),
        "hand": Material(color=glove if gloved else skin, roughness=0.8 if gloved else 0.55),
        "sleeve": Material(color=sleeve, roughness=0.9),
    }


def _forearm(wrist, direction, sleeve_from: float) -> list[Part]:
    """Forearm (skin) from the wrist along ``direction``, with a sleeve over its far part."""
    d = np.asarray(direction, dtype=float)
    d /= np.linalg.norm(d)
    w = np.asarray(wrist, dtype=float)
    arm_len, sleeve_len = 0.30, 0.45
    rot = align_z(d)
    arm_c = w + d * arm_len / 2
    sleeve_c = w + d * (sleeve_from + sleeve_len / 2)
    return [
        Part(
            shape="cylinder",
            size=(0.062, 0.055, arm_len),
            pos=tuple(arm_c),
            rot=rot,
            material="skin",
            name="forearm",
        ),
        Part(
            shape="cylinder",
            size=(0.1, 0.095, sleeve_len),
            pos=tuple(sleeve_c),
            rot=rot,
            material="sleeve",
            name="sleeve",
        ),
    ]


def _hand(name: str, parts: list[Part], mats: dict[str, Material]) -> Placed:
    return Placed(
        model=Model(name=name, category=name, parts=parts, materials=mats, instance_id=HAND_IDS[name])
    )


def handgun_grip(mats: dict[str, Material], two_handed: bool, sleeve_from: float) -> list[Placed]:
    """Firing hand wrapped round the grip; support hand cupping it from the left."""
    right = [
        Part(
            shape="box",
            size=(0.052, 0.07, 0.085),
            pos=(0.004, -0.012, -0.03),
            rot=(-0.3, 0, 0),
            material="hand",
            name="fist",
        ),
        Part(
            shape="box",
            size=(0.05, 0.028, 0.07),
            pos=(0.004, 0.028, -0.035),
            rot=(-0.3, 0, 0),
            material="hand",
            name="fingers",
        ),
        Part(
            shape="cylinder",
            size=(0.02, 0.02, 0.055),
            pos=(-0.02, 0.01, 0.012),
            rot=(-np.pi / 2, 0, 0),
            material="hand",
            name="thumb",
        ),
    ]
    right += _forearm((0.006, -0.05, -0.05), (0.2, -1.0, -0.75), sleeve_from)
    hands = [_hand("hand_right", right, mats)]
    if two_handed:
        left = [
            Part(
                shape="box",
                size=(0.04, 0.075, 0.08),
                pos=(-0.04, 0.0, -0.035),
                rot=(-0.3, 0, 0),
                material="hand",
                name="palm",
            ),
            Part(
                shape="cylinder",
                size=(0.02, 0.02, 0.05),
                pos=(-0.03, 0.022, 0.005),
                rot=(-np.pi / 2, 0, 0),
                material="hand",
                name="thumb",
            ),
        ]
        left += _forearm((-0.045, -0.04, -0.055), (-0.45, -1.0, -0.75), sleeve_from)
        hands.append(_hand("hand_left", left, mats))
    return hands


def phone_grip(mats: dict[str, Material], phone_width: float, sleeve_from: float) -> list[Placed]:
    """A phone held upright by its lower half: fingers on the left edge, thumb on the right, palm behind."""
    right = [
        Part(shape="box", size=(0.065, 0.03, 0.075), pos=(0.012, 0.02, -0.025), material="hand", name="palm"),
        Part(
            shape="box",
            size=(0.016, 0.022, 0.07),
            pos=(-phone_width / 2 - 0.004, 0.004, 0.0),
            material="hand",
            name="fingers",
        ),
        Part(
            shape="cylinder",
            size=(0.02, 0.02, 0.05),
            pos=(phone_width / 2 + 0.004, -0.004, 0.005),
            rot=(0.2, 0, 0),
            material="hand",
            name="thumb",
        ),
    ]
    right += _forearm((0.025, 0.0, -0.06), (0.3, -0.9, -0.6), sleeve_from)
    return [_hand("hand_right", right, mats)]


def open_hands(mats: dict[str, Material], sleeve_from: float) -> list[Placed]:
    """Both hands open and relaxed in front of the wearer, palms down."""
    hands = []
    for name, side in (("hand_right", 1.0), ("hand_left", -1.0)):
        parts = [
            Part(
                shape="box",
                size=(0.085, 0.1, 0.026),
                pos=(0.13 * side, 0.0, 0.0),
                rot=(0.15, 0, 0),
                material="hand",
                name="palm",
            ),
            Part(
                shape="box",
                size=(0.08, 0.07, 0.018),
                pos=(0.13 * side, 0.08, -0.012),
                rot=(0.4, 0, 0),
                material="hand",
                name="fingers",
            ),
            Part(
                shape="cylinder",
                size=(0.02, 0.02, 0.05),
                pos=(0.13 * side - 0.05 * side, 0.04, 0.0),
                rot=align_z((-0.6 * side, 1.0, 0.0)),
                material="hand",
                name="thumb",
            ),
        ]
        parts += _forearm((0.13 * side, -0.055, 0.0), (0.18 * side, -1.0, -0.3), sleeve_from)
        hands.append(_hand(name, parts, mats))
    return hands
