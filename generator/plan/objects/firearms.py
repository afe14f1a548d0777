"""Parametric firearms (handguns, rifles/carbines, shotguns) as parts with grip, support and muzzle points.

Model frame: origin at the grip point (centre of the firing hand's palm), +Y forward (muzzle direction),
+Z up, +X right. Sizes are real-world metres; overall lengths stay in real ranges (handgun 0.15-0.25,
rifle/carbine 0.65-1.0, shotgun 0.9-1.25).
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import hsv_to_linear, r3, srgb_to_linear
from generator.plan.model import Material, Model, Part
from generator.plan.objects.parts import box, cyl_y, cyl_z, length_y

STEEL = srgb_to_linear((0.25, 0.25, 0.27))
BORE = Material(color=(0.005, 0.005, 0.005), roughness=0.9)


def finish(rng: np.random.Generator, kind: str | None = None) -> tuple[str, dict[str, Material]]:
    """Polymer, metal or two-tone finish with wear (lighter, rougher metal showing through)."""
    kind = kind or str(rng.choice(["polymer", "metal", "two_tone"]))
    wear = float(rng.uniform(0, 1))
    black = np.asarray(hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.15), rng.uniform(0.04, 0.16)))
    tan = hsv_to_linear(rng.uniform(0.07, 0.12), rng.uniform(0.25, 0.5), rng.uniform(0.35, 0.6))
    od = hsv_to_linear(rng.uniform(0.2, 0.28), rng.uniform(0.25, 0.5), rng.uniform(0.2, 0.35))
    worn = tuple(float(v) for v in black + (np.asarray(STEEL) - black) * 0.35 * wear)
    metal = kind == "metal"
    frame = {"two_tone": tan if rng.random() < 0.6 else od}.get(kind, worn if metal else tuple(black))
    mats = {
        "slide": Material(
            color=STEEL if metal and rng.random() < 0.4 else worn,
            roughness=float(0.25 + 0.35 * wear),
            metallic=0.9 if metal else 0.3,
        ),
        "frame": Material(color=frame, roughness=float(rng.uniform(0.5, 0.8)), metallic=0.0),
        "barrel": Material(color=STEEL, roughness=0.3, metallic=1.0),
        "bore": BORE,
        "sight": Material(
            color=srgb_to_linear((0.9, 0.9, 0.2)) if rng.random() < 0.3 else tuple(black), roughness=0.6
        ),
        "glass": Material(color=(0.02, 0.03, 0.05), roughness=0.05, metallic=0.5),
    }
    return kind, mats


def _model(name: str, cls: str, parts: list[Part], mats, points: dict, meta: dict) -> Model:
    """A firearm Model whose ``length_m`` is the measured overall length of its parts."""
    used = {p.material for p in parts}
    return Model(
        name=name,
        category=cls,
        parts=parts,
        materials={k: v for k, v in mats.items() if k in used},
        points={k: r3(v) for k, v in points.items()},
        meta={"class": cls, "kind": "real", "length_m": round(length_y(parts), 4), **meta},
    )


def handgun(rng: np.random.Generator) -> Model:
    """A semi-automatic pistol: slide, frame, tilted grip, guard, barrel, sights; optional light, optic, suppressor."""
    suppressor = rng.random() < 0.15
    slide_len = float(rng.uniform(0.145, 0.165 if suppressor else 0.195))
    slide_h = float(rng.uniform(0.026, 0.034))
    width = float(rng.uniform(0.024, 0.032))
    grip_len = float(rng.uniform(0.085, 0.125))
    grip_angle = float(np.deg2rad(rng.uniform(12, 22)))
    kind, mats = finish(rng)

    rear, slide_z = -0.045, 0.045
    front = rear + slide_len
    bore_z = slide_z - 0.004
    top = slide_z + slide_h / 2
    parts = [
        box("slide", (width, slide_len, slide_h), (0, (rear + front) / 2, slide_z), "slide"),
        box(
            "frame",
            (width * 0.92, slide_len * 0.78, 0.018),
            (0, rear + slide_len * 0.39 + 0.01, slide_z - slide_h / 2 - 0.008),
            "frame",
        ),
        box(
            "grip",
            (width * 0.98, 0.045, grip_len),
            (0, -0.012, -grip_len / 2 + 0.03),
            "frame",
            rot=(-grip_angle, 0, 0),
        ),
        box("trigger_guard_bottom", (width * 0.5, 0.05, 0.006), (0, 0.045, 0.0), "frame"),
        box("trigger_guard_front", (width * 0.5, 0.006, 0.026), (0, 0.068, 0.012), "frame"),
        box("trigger", (0.005, 0.006, 0.018), (0, 0.038, 0.014), "barrel", rot=(0.3, 0, 0)),
        cyl_y("barrel", 0.014, 0.006, front - 0.001, bore_z, "barrel"),
        box("front_sight", (0.004, 0.008, 0.006), (0, front - 0.01, top + 0.003), "sight"),
        box("rear_sight", (width * 0.8, 0.008, 0.007), (0, rear + 0.012, top + 0.0035), "sight"),
    ]
    muzzle_y = front + 0.005
    if suppressor:
        sup_len = float(rng.uniform(0.035, 0.05))
        parts.append(cyl_y("suppressor", 0.03, sup_len, front + 0.005, bore_z, "frame"))
        muzzle_y = front + 0.005 + sup_len
    parts.append(cyl_y("bore", 0.009, 0.002, muzzle_y - 0.0012, bore_z, "bore"))
    sight = (0.0, rear + 0.012, top + 0.007)
    light = rng.random() < 0.3
    if light:
        lz = slide_z - slide_h / 2 - 0.03
        parts.append(box("light", (width * 0.9, 0.05, 0.03), (0, front - 0.04, lz), "frame"))
        parts.append(cyl_y("light_lens", 0.022, 0.003, front - 0.015, lz, "glass"))
    optic = rng.random() < 0.3
    if optic:
        parts.append(box("optic", (width * 0.85, 0.042, 0.028), (0, rear + 0.05, top + 0.014), "frame"))
        parts.append(box("optic_glass", (width * 0.6, 0.002, 0.018), (0, rear + 0.05, top + 0.018), "glass"))
        sight = (0.0, rear + 0.03, top + 0.022)
    return _model(
        "handgun",
        "handgun",
        parts,
        mats,
        {
            "grip": (0.0, 0.0, 0.0),
            "support": (-width / 2 - 0.015, 0.005, -0.02),
            "muzzle": (0.0, muzzle_y, bore_z),
            "muzzle_axis": (0.0, 1.0, 0.0),
            "sight": sight,
        },
        {
            "finish": kind,
            "two_handed": True,
            "suppressor": suppressor,
            "light": light,
            "optic": optic,
            "grip": "pistol",
            "handle_w": round(width * 0.98, 4),
            "handle_d": 0.045,
            "handle_tilt": round(grip_angle, 4),
            "handle_y": -0.012,
        },
    )


def _stock(kind: str, length: float, y_back: float, z: float, mat: str) -> list[Part]:
    """A butt stock ending ``length`` behind ``y_back``: fixed (solid), collapsible (tube + butt) or skeleton."""
    if kind == "fixed":
        return [
            box("stock", (0.038, length, 0.11), (0, y_back - length / 2, z - 0.025), mat, rot=(0.05, 0, 0))
        ]
    if kind == "collapsible":
        return [
            cyl_y("buffer_tube", 0.03, length - 0.06, y_back - length + 0.06, z, "barrel"),
            box("stock", (0.036, 0.09, 0.12), (0, y_back - length + 0.045, z - 0.025), mat),
        ]
    return [
        box("stock_top", (0.02, length, 0.015), (0, y_back - length / 2, z + 0.01), mat),
        box("stock_bottom", (0.02, length, 0.015), (0, y_back - length / 2, z - 0.06), mat, rot=(0.08, 0, 0)),
        box("stock", (0.03, 0.02, 0.12), (0, y_back - length + 0.01, z - 0.025), mat),
    ]


def rifle(rng: np.random.Generator) -> Model:
    """A rifle or carbine: receiver, pistol grip, magazine, handguard, barrel, stock; optional optic, foregrip, sling."""
    kind, mats = finish(rng, str(rng.choice(["polymer", "two_tone", "metal"], p=[0.5, 0.3, 0.2])))
    overall = float(rng.uniform(0.68, 0.98))
    stock_kind = str(rng.choice(["fixed", "collapsible", "skeleton"]))
    stock_len = float(rng.uniform(0.2, 0.3))
    rec_back, rec_front, bore_z = -0.08, 0.14, 0.075
    front = rec_back - stock_len + overall
    rest = front - rec_front  # handguard + barrel + muzzle device
    hg_len = float(rest * rng.uniform(0.45, 0.7))
    dev_len = 0.04
    barrel_len = rest - hg_len - dev_len
    hg_front = rec_front + hg_len
    hg_d = float(rng.uniform(0.042, 0.055))
    parts = [
        box(
            "receiver", (0.032, rec_front - rec_back, 0.06), (0, (rec_front + rec_back) / 2, bore_z), "slide"
        ),
        box("grip", (0.03, 0.035, 0.1), (0, -0.01, -0.03), "frame", rot=(-0.35, 0, 0)),
        box("trigger_guard", (0.012, 0.06, 0.005), (0, 0.03, 0.02), "frame"),
        box("trigger", (0.005, 0.006, 0.018), (0, 0.03, 0.035), "barrel", rot=(0.3, 0, 0)),
        cyl_y("handguard", hg_d, hg_len, rec_front, bore_z, "frame"),
        cyl_y("barrel", 0.018, barrel_len + 0.01, hg_front - 0.01, bore_z, "barrel"),
        cyl_y("muzzle_device", 0.024, dev_len, front - dev_len, bore_z, "barrel"),
        cyl_y("bore", 0.01, 0.002, front - 0.0012, bore_z, "bore"),
    ]
    parts += _stock(stock_kind, stock_len, rec_back, bore_z, "frame")
    mag = str(rng.choice(["straight", "curved", "drum"], p=[0.45, 0.45, 0.1]))
    mag_len = float(rng.uniform(0.1, 0.2))
    if mag == "straight":
        parts.append(
            box("magazine", (0.024, 0.06, mag_len), (0, 0.075, bore_z - 0.03 - mag_len / 2), "frame")
        )
    elif mag == "curved":
        half = mag_len / 2
        parts.append(box("magazine", (0.024, 0.06, half), (0, 0.075, bore_z - 0.03 - half / 2), "frame"))
        parts.append(
            box(
                "magazine_lower",
                (0.024, 0.06, half),
                (0, 0.075 + half * 0.35, bore_z - 0.03 - half * 1.4),
                "frame",
                rot=(0.5, 0, 0),
            )
        )
    else:
        parts.append(cyl_z("magazine", 0.03, 0.04, bore_z - 0.07, "frame", y=0.075))
        parts.append(
            Part(
                shape="cylinder",
                size=(0.12, 0.12, 0.05),
                pos=(0, 0.075, bore_z - 0.11),
                rot=(0, np.pi / 2, 0),
                material="frame",
                name="drum",
            )
        )
    optic = rng.random() < 0.6
    top = bore_z + 0.03
    if optic:
        o_len = float(rng.uniform(0.1, 0.25))
        parts.append(box("optic_mount", (0.02, 0.06, 0.02), (0, 0.03, top + 0.01), "frame"))
        parts.append(
            cyl_y("optic", float(rng.uniform(0.032, 0.045)), o_len, 0.03 - o_len / 2, top + 0.04, "slide")
        )
        parts.append(cyl_y("optic_lens", 0.028, 0.002, 0.03 - o_len / 2 - 0.001, top + 0.04, "glass"))
        sight = (0.0, 0.03 - o_len / 2, top + 0.04)
    else:
        parts.append(box("front_sight", (0.008, 0.01, 0.05), (0, hg_front - 0.02, top + 0.02), "sight"))
        parts.append(box("rear_sight", (0.02, 0.02, 0.025), (0, rec_back + 0.03, top + 0.012), "sight"))
        sight = (0.0, rec_back + 0.03, top + 0.027)
    support = (0.0, rec_front + hg_len * 0.55, bore_z - hg_d / 2)
    foregrip = rng.random() < 0.35
    if foregrip:
        parts.append(cyl_z("foregrip", 0.03, 0.09, bore_z - 0.11, "frame", y=support[1]))
        support = (0.0, support[1], bore_z - 0.09)
    sling = rng.random() < 0.4
    if sling:
        parts.append(
            box(
                "sling",
                (0.004, hg_front - rec_back, 0.025),
                (-0.03, (hg_front + rec_back) / 2 - 0.1, bore_z - 0.12),
                "frame",
                rot=(0.15, 0, 0),
            )
        )
    return _model(
        "rifle",
        "rifle",
        parts,
        mats,
        {
            "grip": (0, 0, 0),
            "support": support,
            "muzzle": (0.0, front, bore_z),
            "muzzle_axis": (0.0, 1.0, 0.0),
            "sight": sight,
        },
        {
            "finish": kind,
            "two_handed": True,
            "stock": stock_kind,
            "magazine": mag,
            "optic": optic,
            "foregrip": foregrip,
            "sling": sling,
            "grip": "shoulder",
            "handle_w": 0.03,
            "handle_d": 0.035,
            "handle_tilt": 0.35,
            "handle_y": -0.01,
            "support_axis": "z" if foregrip else "y",
            "support_d": 0.03 if foregrip else round(hg_d, 4),
        },
    )


def furniture(rng: np.random.Generator, kind: str) -> Material:
    """Wood (warm brown, semi-gloss) or synthetic (black / olive / tan) stock material."""
    if kind == "wood":
        return Material(
            color=hsv_to_linear(rng.uniform(0.04, 0.09), rng.uniform(0.5, 0.8), rng.uniform(0.2, 0.5)),
            roughness=float(rng.uniform(0.3, 0.5)),
        )
    return Material(
        color=hsv_to_linear(rng.choice([0.0, 0.22, 0.1]), rng.uniform(0, 0.35), rng.uniform(0.04, 0.3)),
        roughness=0.7,
    )


def shotgun(rng: np.random.Generator) -> Model:
    """A pump-action or semi-automatic shotgun: stock, receiver, long barrel, magazine tube, fore-end."""
    action = str(rng.choice(["pump", "semi"]))
    furn = str(rng.choice(["wood", "synthetic"]))
    kind, mats = finish(rng, "metal" if rng.random() < 0.5 else "polymer")
    mats["stock"] = furniture(rng, furn)
    overall = float(rng.uniform(0.92, 1.22))
    stock_len = float(rng.uniform(0.3, 0.37))
    rec_back, rec_front, bore_z = -0.05, 0.17, 0.07
    front = rec_back - stock_len + overall
    barrel_len = front - rec_front
    pistol_grip = rng.random() < 0.25
    parts = [
        box("receiver", (0.036, rec_front - rec_back, 0.07), (0, (rec_front + rec_back) / 2, 0.055), "slide"),
        cyl_y("barrel", float(rng.uniform(0.02, 0.024)), barrel_len, rec_front, bore_z, "barrel"),
        cyl_y("bore", 0.016, 0.002, front - 0.0012, bore_z, "bore"),
        box("trigger_guard", (0.012, 0.07, 0.005), (0, 0.05, 0.01), "slide"),
        box("trigger", (0.005, 0.006, 0.02), (0, 0.05, 0.025), "barrel", rot=(0.3, 0, 0)),
        box("bead", (0.004, 0.004, 0.004), (0, front - 0.01, bore_z + 0.013), "sight"),
    ]
    mag_len = barrel_len * float(rng.uniform(0.55, 0.85))
    parts.append(cyl_y("magazine_tube", 0.022, mag_len, rec_front, bore_z - 0.027, "barrel"))
    if action == "pump":
        fe_len = float(rng.uniform(0.17, 0.24))
        fe_y = rec_front + 0.03
        parts.append(cyl_y("fore_end", 0.05, fe_len, fe_y, bore_z - 0.022, "stock"))
    else:
        fe_len = float(rng.uniform(0.25, 0.3))
        fe_y = rec_front
        parts.append(box("fore_end", (0.045, fe_len, 0.045), (0, fe_y + fe_len / 2, bore_z - 0.02), "stock"))
    if pistol_grip:
        parts.append(box("grip", (0.03, 0.04, 0.11), (0, -0.01, -0.04), "stock", rot=(-0.3, 0, 0)))
        parts += _stock("fixed", stock_len, rec_back, bore_z - 0.01, "stock")
    else:
        parts.append(box("wrist", (0.034, 0.12, 0.05), (0, -0.02, 0.01), "stock", rot=(0.25, 0, 0)))
        parts.append(
            box(
                "stock",
                (0.04, stock_len - 0.08, 0.12),
                (0, rec_back - 0.08 - (stock_len - 0.08) / 2 + 0.02, -0.03),
                "stock",
                rot=(0.08, 0, 0),
            )
        )
    return _model(
        "shotgun",
        "shotgun",
        parts,
        mats,
        {
            "grip": (0, 0, 0),
            "support": (0.0, fe_y + fe_len * 0.5, bore_z - 0.047),
            "muzzle": (0.0, front, bore_z),
            "muzzle_axis": (0.0, 1.0, 0.0),
            "sight": (0.0, front - 0.01, bore_z + 0.016),
        },
        {
            "finish": kind,
            "two_handed": True,
            "action": action,
            "furniture": furn,
            "grip": "shoulder",
            "handle_w": 0.03 if pistol_grip else 0.034,
            "handle_d": 0.04 if pistol_grip else 0.05,
            "handle_tilt": 0.3 if pistol_grip else 1.1,
            "handle_y": -0.01 if pistol_grip else -0.03,
            "support_axis": "y",
            "support_d": 0.05,
        },
    )
