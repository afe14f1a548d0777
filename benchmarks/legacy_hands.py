"""The block hands (rings of fingers on box forearms) povgen drew before the articulated hand model: kept only so
benchmarks/hands.py can measure the render cost of the new hands against them in one run."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.plan.geometry import align_z, hsv_to_linear, r3, srgb_to_linear
from generator.plan.model import Material, Model, Part, Placed
from generator.plan.objects.parts import CYL_ALONG_Y, box, transform_parts

LIGHT_SKIN = np.array([0.93, 0.78, 0.67])
DARK_SKIN = np.array([0.27, 0.16, 0.11])
HAND_IDS = {"hand_right": 2, "hand_left": 3}
# sleeve kind -> (range of the sleeve's start along the forearm from the wrist in metres, sleeve diameter)
SLEEVES = {
    "long": ((0.02, 0.08), 0.1),
    "rolled": ((0.12, 0.2), 0.11),
    "short": ((0.3, 0.3), 0.12),
    "jacket": ((0.0, 0.03), 0.12),
}
ARM_M = 0.26  # forearm length drawn from the wrist
SEGMENT_M = 0.05  # longest piece of a forearm or sleeve
GRIPS = ("pistol", "shoulder", "fist_y", "fist_z", "phone", "two_side", "open")


@dataclass
class HandStyle:
    """How the wearer's hands look: materials, sleeve start and width, watch on the left wrist."""

    mats: dict[str, Material]
    sleeve_from: float
    sleeve_d: float
    watch: bool


def hand_materials(
    rng: np.random.Generator, skin_tone: float, gloved: bool, sleeve_hue: float, sleeve_value: float
) -> dict[str, Material]:
    """Skin (or glove), sleeve and watch materials."""
    skin = srgb_to_linear(LIGHT_SKIN + (DARK_SKIN - LIGHT_SKIN) * skin_tone)
    glove = hsv_to_linear(rng.choice([0.08, 0.25, 0.0]), rng.uniform(0, 0.4), rng.uniform(0.03, 0.35))
    sleeve = hsv_to_linear(sleeve_hue, rng.uniform(0.1, 0.6), sleeve_value)
    return {
        "skin": Material(color=skin, roughness=0.55),
        "hand": Material(color=glove if gloved else skin, roughness=0.8 if gloved else 0.55),
        "sleeve": Material(color=sleeve, roughness=0.9),
        "watch": Material(
            color=hsv_to_linear(0, 0, rng.uniform(0.02, 0.6)),
            roughness=0.3,
            metallic=float(rng.uniform(0, 1)),
        ),
    }


def hand_style(
    rng: np.random.Generator,
    skin_tone: float,
    gloved: bool,
    sleeve_hue: float,
    sleeve_value: float,
    sleeve: str,
    watch: bool,
) -> HandStyle:
    """A HandStyle from drawn config values."""
    (lo, hi), d = SLEEVES[sleeve]
    mats = hand_materials(rng, skin_tone, gloved, sleeve_hue, sleeve_value)
    return HandStyle(mats=mats, sleeve_from=float(rng.uniform(lo, hi)), sleeve_d=d, watch=watch)


def _segments(name: str, size_xy, start: float, length: float, w, d, rot, material: str) -> list[Part]:
    """A cylinder along ``d`` from ``w + d*start`` split into pieces of at most SEGMENT_M: under a fisheye lens a
    long straight edge bows outward, and labels take amodal boxes from vertices."""
    n = max(1, int(np.ceil(length / SEGMENT_M)))
    step = length / n
    return [
        Part(
            shape="cylinder",
            size=r3((size_xy[0], size_xy[1], step)),
            pos=r3(w + d * (start + step * (i + 0.5))),
            rot=rot,
            material=material,
            name=name,
        )
        for i in range(n)
    ]


def forearm(wrist, direction, style: HandStyle, watch: bool = False) -> list[Part]:
    """Forearm (skin) from the wrist along ``direction``, a sleeve over its far part, a watch at the wrist.

    The arm is kept ARM_M long so that it ends in front of the camera in every carry pose (labels project the
    geometry, which must not cross the camera plane); beyond that it is out of view anyway.
    """
    d = np.asarray(direction, dtype=float)
    d /= np.linalg.norm(d)
    w = np.asarray(wrist, dtype=float)
    rot = align_z(d)
    parts = _segments("forearm", (0.062, 0.055), 0.0, ARM_M, w, d, rot, "skin")
    sleeve_len = ARM_M + 0.02 - style.sleeve_from
    if sleeve_len > 0.02:
        size = (style.sleeve_d, style.sleeve_d * 0.95)
        parts += _segments("sleeve", size, style.sleeve_from, sleeve_len, w, d, rot, "sleeve")
    if watch and style.sleeve_from > 0.06:
        parts.append(
            Part(
                shape="cylinder",
                size=(0.072, 0.066, 0.02),
                pos=r3(w + d * 0.035),
                rot=rot,
                material="watch",
                name="watch",
            )
        )
    return parts


def rings(name: str, size_xy, s_values, material: str = "hand") -> list[Part]:
    """Finger rings around the local Z axis at heights ``s_values`` (fingers closed round a handle)."""
    sx, sy = size_xy
    return [
        Part(
            shape="cylinder",
            size=r3((sx, sy, 0.017)),
            pos=(0.0, 0.0, float(s)),
            material=material,
            name=f"{name}{i}",
        )
        for i, s in enumerate(s_values)
    ]


def _hand(name: str, parts: list[Part], style: HandStyle) -> Placed:
    used = {p.material for p in parts}
    mats = {k: v for k, v in style.mats.items() if k in used}
    return Placed(
        model=Model(name=name, category=name, parts=parts, materials=mats, instance_id=HAND_IDS[name])
    )


def pistol_hand(
    handle_w: float, handle_d: float, tilt: float, centre_y: float, style: HandStyle
) -> list[Part]:
    """Firing hand closed round a handle below the object (pistol grip, drill, dryer), index finger forward."""
    local = rings("finger", (handle_w + 0.024, handle_d + 0.02), (-0.02, -0.039, -0.058, -0.077))
    local += [
        box("palm", (handle_w + 0.02, 0.028, 0.085), (0.004, -handle_d / 2 - 0.006, -0.045), "hand"),
        box("heel", (handle_w * 0.6 + 0.02, 0.03, 0.05), (0.02, -handle_d / 2 - 0.012, -0.06), "hand"),
    ]
    parts = transform_parts(local, (-tilt, 0.0, 0.0), (0.0, centre_y, 0.0))
    parts += [
        Part(
            shape="cylinder",
            size=(0.018, 0.018, 0.06),
            pos=r3((handle_w / 2 + 0.01, 0.035, 0.008)),
            rot=CYL_ALONG_Y,
            material="hand",
            name="index",
        ),
        Part(
            shape="cylinder",
            size=(0.021, 0.021, 0.055),
            pos=r3((-handle_w / 2 - 0.011, 0.005, 0.018)),
            rot=(-np.pi / 2 - 0.15, 0, 0),
            material="hand",
            name="thumb",
        ),
    ]
    return parts + forearm((0.01, centre_y - 0.045, -0.085), (0.25, -1.0, -0.8), style)


def support_on_pistol(
    handle_w: float, handle_d: float, tilt: float, centre_y: float, style: HandStyle
) -> list[Part]:
    """Support hand cupping the firing hand from the left (two-handed pistol grip), thumb forward."""
    local = rings("finger", (handle_w + 0.055, handle_d + 0.045), (-0.032, -0.051, -0.07))
    local = [p.model_copy(update={"pos": r3((-0.004, 0.006, p.pos[2]))}) for p in local]
    local.append(box("palm", (0.026, handle_d + 0.03, 0.08), (-handle_w / 2 - 0.03, 0.0, -0.05), "hand"))
    parts = transform_parts(local, (-tilt, 0.0, 0.0), (0.0, centre_y, 0.0))
    parts.append(
        Part(
            shape="cylinder",
            size=(0.021, 0.021, 0.055),
            pos=r3((-handle_w / 2 - 0.018, 0.03, 0.004)),
            rot=CYL_ALONG_Y,
            material="hand",
            name="thumb",
        )
    )
    return parts + forearm(
        (-handle_w / 2 - 0.035, centre_y - 0.035, -0.08), (-0.5, -1.0, -0.75), style, watch=style.watch
    )


def support_on_fore_end(point, axis: str, diameter: float, style: HandStyle) -> list[Part]:
    """Support hand round a fore-end (axis y) or vertical foregrip (axis z) at ``point``."""
    p = np.asarray(point, dtype=float)
    local = rings("finger", (diameter + 0.028, diameter + 0.022), (-0.028, -0.009, 0.01, 0.029))
    if axis == "y":
        centre = p + np.array([0.0, 0.0, diameter / 2])
        parts = transform_parts(local, CYL_ALONG_Y, centre)
        parts.append(
            box(
                "palm",
                (0.03, 0.085, 0.03),
                r3(centre + np.array([-diameter / 2 - 0.008, 0.0, -diameter / 2 - 0.005])),
                "hand",
            )
        )
        wrist = centre + np.array([-0.03, -0.05, -0.035])
    else:
        parts = transform_parts(local, (0.0, 0.0, 0.0), p + np.array([0.0, 0.0, -0.01]))
        parts.append(
            box("palm", (0.03, 0.03, 0.085), r3(p + np.array([-0.012, -diameter / 2 - 0.01, -0.01])), "hand")
        )
        wrist = p + np.array([-0.02, -0.04, -0.06])
    return parts + forearm(wrist, (-0.45, -1.0, -0.6), style, watch=style.watch)


def fist(axis: str, diameter: float, style: HandStyle) -> list[Part]:
    """Right fist round a handle along Y (torch, umbrella, selfie stick) or Z (bottle, hammer) at the origin."""
    local = rings("finger", (diameter + 0.026, diameter + 0.022), (-0.029, -0.01, 0.009, 0.028))
    local.append(box("palm", (0.028, diameter + 0.02, 0.085), (diameter / 2 + 0.012, 0.0, -0.002), "hand"))
    local.append(
        Part(
            shape="cylinder",
            size=(0.021, 0.021, 0.05),
            pos=r3((-0.004, -diameter / 2 - 0.008, 0.04)),
            rot=(0.3, 0.0, 0.0),
            material="hand",
            name="thumb",
        )
    )
    if axis == "y":
        parts = transform_parts(local, (-np.pi / 2, 0.0, 0.0))
        wrist, direction = (0.03, -0.05, -0.02), (0.3, -1.0, -0.5)
    else:
        parts = local
        wrist, direction = (diameter / 2 + 0.02, -0.01, -0.045), (0.4, -1.0, -0.6)
    return parts + forearm(wrist, direction, style)


def phone_hand(phone_width: float, style: HandStyle) -> list[Part]:
    """A phone held upright by its lower half: fingers on the left edge, thumb on the right, palm behind."""
    parts = [
        box("palm", (0.065, 0.03, 0.075), (0.012, 0.02, -0.025), "hand"),
        box("fingers", (0.016, 0.022, 0.07), (-phone_width / 2 - 0.004, 0.004, 0.0), "hand"),
        Part(
            shape="cylinder",
            size=(0.02, 0.02, 0.05),
            pos=r3((phone_width / 2 + 0.004, -0.004, 0.005)),
            rot=(0.2, 0, 0),
            material="hand",
            name="thumb",
        ),
    ]
    return parts + forearm((0.025, 0.0, -0.06), (0.3, -0.9, -0.6), style)


def side_hand(width: float, side: float, style: HandStyle) -> list[Part]:
    """One hand holding a flat object's side edge: palm and fingers behind it, thumb on its front face."""
    x = side * (width / 2)
    parts = [
        box("palm", (0.035, 0.03, 0.085), r3((x + side * 0.004, 0.022, -0.005)), "hand"),
        box("fingers", (0.045, 0.018, 0.075), r3((x - side * 0.018, 0.03, 0.0)), "hand"),
        Part(
            shape="cylinder",
            size=(0.02, 0.02, 0.05),
            pos=r3((x - side * 0.014, -0.016, 0.012)),
            rot=(0.0, side * 0.5, 0.0),
            material="hand",
            name="thumb",
        ),
    ]
    return parts + forearm(
        (x + side * 0.01, -0.01, -0.05), (side * 0.3, -1.0, -0.7), style, watch=style.watch and side < 0
    )


def open_hands(style: HandStyle) -> list[Placed]:
    """Both hands open and relaxed in front of the wearer, palms down."""
    hands = []
    for name, side in (("hand_right", 1.0), ("hand_left", -1.0)):
        parts = [
            box("palm", (0.085, 0.1, 0.026), (0.13 * side, 0.0, 0.0), "hand", rot=(0.15, 0, 0)),
            box("fingers", (0.08, 0.07, 0.018), (0.13 * side, 0.08, -0.012), "hand", rot=(0.4, 0, 0)),
            Part(
                shape="cylinder",
                size=(0.02, 0.02, 0.05),
                pos=r3((0.08 * side, 0.04, 0.0)),
                rot=align_z((-0.6 * side, 1.0, 0.0)),
                material="hand",
                name="thumb",
            ),
        ]
        parts += forearm(
            (0.13 * side, -0.055, 0.0), (0.18 * side, -1.0, -0.3), style, watch=style.watch and side < 0
        )
        hands.append(_hand(name, parts, style))
    return hands


def grip_hands(held: Model | None, style: HandStyle, two_handed: bool) -> list[Placed]:
    """The hands posed for a held model's grip (``meta['grip']``; firearms by class), or open empty hands."""
    if held is None:
        return open_hands(style)
    meta = held.meta
    cls = str(meta.get("class", ""))
    grip = str(meta.get("grip", "shoulder" if cls in ("rifle", "shotgun") else "pistol"))
    hw, hd = float(meta.get("handle_w", 0.03)), float(meta.get("handle_d", 0.045))
    tilt, cy = float(meta.get("handle_tilt", 0.3)), float(meta.get("handle_y", -0.012))
    if grip == "pistol":
        hands = [_hand("hand_right", pistol_hand(hw, hd, tilt, cy, style), style)]
        if two_handed and cls == "handgun":
            hands.append(_hand("hand_left", support_on_pistol(hw, hd, tilt, cy, style), style))
        return hands
    if grip == "shoulder":
        right = _hand("hand_right", pistol_hand(hw, hd, tilt, cy, style), style)
        axis = str(meta.get("support_axis", "y"))
        left = support_on_fore_end(held.points["support"], axis, float(meta.get("support_d", 0.05)), style)
        return [right, _hand("hand_left", left, style)]
    if grip in ("fist_y", "fist_z"):
        return [_hand("hand_right", fist(grip[-1], float(meta.get("handle_d", 0.03)), style), style)]
    if grip == "phone":
        return [_hand("hand_right", phone_hand(float(meta.get("width_m", 0.075)), style), style)]
    if grip == "two_side":
        w = float(meta.get("width_m", 0.2))
        return [
            _hand("hand_right", side_hand(w, 1.0, style), style),
            _hand("hand_left", side_hand(w, -1.0, style), style),
        ]
    raise ValueError(f"unknown grip {grip!r} of held object {held.name!r}")
