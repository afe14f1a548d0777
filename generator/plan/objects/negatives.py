"""Hard negatives: harmless objects held the way people hold them on first-person video, each with its grip.

Same model frame as the firearms (origin at the grip point, +Y forward, +Z up). ``meta['grip']`` names the
hand pose (see generator/plan/hands.py): pistol (handle below, like a drill), fist_z (upright handle), fist_y
(handle along the forward axis), phone (held out upright), two_side (held by both side edges).
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import hsv_to_linear, r3
from generator.plan.model import Material, Model, Part
from generator.plan.objects.parts import CYL_ALONG_Y, bounds, box, cyl_y, cyl_z, dark, plastic

BLACK = Material(color=(0.01, 0.01, 0.01), roughness=0.1)
METAL = Material(color=(0.5, 0.5, 0.52), roughness=0.3, metallic=1.0)


def _model(
    name: str, parts: list[Part], mats: dict[str, Material], grip: str, points=None, meta=None
) -> Model:
    used = {p.material for p in parts}
    pts = {"grip": (0.0, 0.0, 0.0), **{k: r3(v) for k, v in (points or {}).items()}}
    return Model(
        name=name,
        category=name,
        parts=parts,
        materials={k: v for k, v in mats.items() if k in used},
        points=pts,
        meta={
            "class": name,
            "kind": "none",
            "grip": grip,
            "length_m": round(float(np.max(np.subtract(*bounds(parts)[::-1]))), 4),
            "two_handed": grip == "two_side",
            **(meta or {}),
        },
    )


def phone(rng: np.random.Generator) -> Model:
    """A smartphone held upright to film: body, camera bump, screen (facing the wearer)."""
    h, w, t = (
        float(rng.uniform(0.14, 0.165)),
        float(rng.uniform(0.068, 0.078)),
        float(rng.uniform(0.007, 0.0095)),
    )
    mats = {
        "body": Material(
            color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.5), rng.uniform(0.05, 0.9)),
            roughness=float(rng.uniform(0.2, 0.6)),
            metallic=float(rng.uniform(0, 0.6)),
        ),
        "screen": Material(color=(0.01, 0.012, 0.02), roughness=0.05, emission=float(rng.uniform(0.0, 1.5))),
        "lens": BLACK,
    }
    zc = h * 0.18  # the hand holds the lower part
    parts = [
        box("body", (w, t, h), (0, 0, zc), "body"),
        box("screen", (w * 0.93, 0.0005, h * 0.95), (0, -t / 2 - 0.0002, zc), "screen"),
        Part(
            shape="cylinder",
            size=(0.012, 0.012, 0.003),
            pos=r3((w * 0.28, t / 2 + 0.001, zc + h * 0.4)),
            rot=CYL_ALONG_Y,
            material="lens",
            name="camera",
        ),
    ]
    return _model("phone", parts, mats, "phone", {"top": (0, 0, zc + h / 2)}, {"width_m": round(w, 4)})


def tablet(rng: np.random.Generator) -> Model:
    """A tablet held in landscape with both hands, screen towards the wearer."""
    w, h = float(rng.uniform(0.22, 0.28)), float(rng.uniform(0.15, 0.19))
    mats = {
        "body": plastic(rng, value=(0.1, 0.8), sat=(0, 0.2)),
        "screen": Material(color=(0.01, 0.012, 0.02), roughness=0.05, emission=float(rng.uniform(0, 1.2))),
        "lens": BLACK,
    }
    parts = [
        box("body", (w, 0.008, h), (0, 0, h * 0.2), "body"),
        box("screen", (w * 0.92, 0.0005, h * 0.9), (0, -0.0045, h * 0.2), "screen"),
        cyl_y("camera", 0.008, 0.002, 0.004, h * 0.6, "lens", x=0.0),
    ]
    return _model("tablet", parts, mats, "two_side", meta={"width_m": round(w, 4)})


def flashlight(rng: np.random.Generator) -> Model:
    """A torch held in the fist, pointing forward: body tube, wider head, lens."""
    length, d = float(rng.uniform(0.12, 0.3)), float(rng.uniform(0.022, 0.035))
    mats = {
        "body": dark(rng)
        if rng.random() < 0.6
        else Material(color=hsv_to_linear(rng.uniform(0, 1), 0.4, 0.4), roughness=0.3, metallic=0.8),
        "lens": Material(color=(0.9, 0.9, 0.8), roughness=0.05, emission=float(rng.uniform(0, 3))),
    }
    back = -0.05
    head = float(rng.uniform(0.035, 0.05))
    parts = [
        cyl_y("body", d, length - 0.04, back, 0.0, "body"),
        cyl_y("head", d * float(rng.uniform(1.2, 1.7)), 0.04, back + length - 0.04, 0.0, "body"),
        cyl_y("lens", head * 0.7, 0.002, back + length - 0.0005, 0.0, "lens"),
    ]
    return _model("flashlight", parts, mats, "fist_y", meta={"handle_d": round(d, 4)})


def drill(rng: np.random.Generator) -> Model:
    """A cordless drill held like a pistol at the hip: motor body, chuck, bit, handle, battery."""
    body_col = hsv_to_linear(
        rng.choice([0.08, 0.13, 0.0, 0.55, 0.3]), rng.uniform(0.6, 1.0), rng.uniform(0.5, 0.9)
    )
    mats = {"body": Material(color=body_col, roughness=0.5), "dark": dark(rng), "metal": METAL}
    body_len = float(rng.uniform(0.16, 0.21))
    parts = [
        box("handle", (0.04, 0.05, 0.12), (0, 0.0, -0.01), "dark", rot=(-0.2, 0, 0)),
        box("battery", (0.07, 0.11, 0.07), (0, 0.01, -0.095), "body"),
        cyl_y("motor", 0.06, body_len, -0.05, 0.075, "body"),
        cyl_y("chuck", 0.04, 0.045, -0.05 + body_len, 0.075, "dark"),
        cyl_y("bit", 0.008, float(rng.uniform(0.03, 0.08)), -0.05 + body_len + 0.045, 0.075, "metal"),
    ]
    return _model(
        "drill",
        parts,
        mats,
        "pistol",
        {"front": (0, -0.05 + body_len + 0.045, 0.075)},
        {"handle_w": 0.04, "handle_d": 0.05, "handle_tilt": 0.2, "handle_y": 0.0},
    )


def umbrella(rng: np.random.Generator) -> Model:
    """A closed umbrella held by its handle, canopy pointing forward and down."""
    length = float(rng.uniform(0.8, 1.0))
    mats = {"canopy": plastic(rng, value=(0.05, 0.8), sat=(0, 0.8)), "handle": dark(rng), "metal": METAL}
    parts = [
        cyl_y("handle", 0.03, 0.11, -0.06, 0.0, "handle"),
        cyl_y("shaft", 0.01, 0.08, 0.05, 0.0, "metal"),
        Part(
            shape="cylinder",
            size=(0.05, 0.05, length - 0.2),
            pos=r3((0, 0.13 + (length - 0.2) / 2, 0)),
            rot=CYL_ALONG_Y,
            material="canopy",
            name="canopy",
        ),
        cyl_y("tip", 0.008, 0.06, 0.13 + length - 0.2, 0.0, "metal"),
    ]
    return _model("umbrella", parts, mats, "fist_y", meta={"handle_d": 0.03})


def game_controller(rng: np.random.Generator) -> Model:
    """A game controller held in both hands: body, two grips, sticks and buttons."""
    mats = {
        "body": plastic(rng, value=(0.05, 0.9), sat=(0, 0.4)),
        "dark": dark(rng),
        "button": plastic(rng, value=(0.5, 0.9), sat=(0.6, 1)),
    }
    w = float(rng.uniform(0.14, 0.16))
    parts = [
        box("body", (w * 0.7, 0.06, 0.03), (0, 0.0, 0.0), "body"),
        box("grip_left", (0.04, 0.07, 0.03), (-w / 2 + 0.02, -0.02, -0.005), "body", rot=(0, 0, -0.3)),
        box("grip_right", (0.04, 0.07, 0.03), (w / 2 - 0.02, -0.02, -0.005), "body", rot=(0, 0, 0.3)),
        cyl_z("stick_left", 0.018, 0.012, 0.015, "dark", x=-0.03, y=0.0),
        cyl_z("stick_right", 0.018, 0.012, 0.015, "dark", x=0.03, y=-0.012),
        box("buttons", (0.03, 0.02, 0.006), (0.045, 0.012, 0.016), "button"),
    ]
    return _model("game_controller", parts, mats, "two_side", meta={"width_m": round(w, 4)})


def camera(rng: np.random.Generator) -> Model:
    """A compact camera held out in both hands, lens forward."""
    w, h, t = float(rng.uniform(0.1, 0.13)), float(rng.uniform(0.06, 0.075)), float(rng.uniform(0.03, 0.045))
    mats = {
        "body": plastic(rng, value=(0.05, 0.8), sat=(0, 0.3)),
        "lens": BLACK,
        "ring": METAL,
        "screen": Material(color=(0.01, 0.012, 0.02), roughness=0.05, emission=float(rng.uniform(0, 1))),
    }
    parts = [
        box("body", (w, t, h), (0, 0, h * 0.25), "body"),
        cyl_y("lens_barrel", 0.045, float(rng.uniform(0.015, 0.04)), t / 2, h * 0.25, "ring", x=w * 0.1),
        cyl_y("lens", 0.03, 0.002, t / 2 + 0.012, h * 0.25, "lens", x=w * 0.1),
        box("screen", (w * 0.6, 0.0005, h * 0.7), (-w * 0.1, -t / 2 - 0.0003, h * 0.25), "screen"),
    ]
    return _model("camera", parts, mats, "two_side", meta={"width_m": round(w, 4)})


def hair_dryer(rng: np.random.Generator) -> Model:
    """A hair dryer held by its handle like a pistol: barrel body, nozzle, back grille."""
    mats = {"body": plastic(rng, value=(0.2, 0.95), sat=(0, 0.7)), "dark": dark(rng)}
    blen = float(rng.uniform(0.16, 0.22))
    parts = [
        box("handle", (0.035, 0.045, 0.12), (0, 0, -0.02), "body", rot=(-0.15, 0, 0)),
        cyl_y("body", float(rng.uniform(0.07, 0.09)), blen, -0.07, 0.085, "body"),
        cyl_y("nozzle", 0.05, 0.05, -0.07 + blen, 0.085, "dark"),
        cyl_y("grille", 0.06, 0.004, -0.072, 0.085, "dark"),
    ]
    return _model(
        "hair_dryer",
        parts,
        mats,
        "pistol",
        meta={"handle_w": 0.035, "handle_d": 0.045, "handle_tilt": 0.15, "handle_y": 0.0},
    )


def spray_bottle(rng: np.random.Generator) -> Model:
    """A trigger spray bottle held by its neck: bottle, sprayer head, trigger."""
    mats = {
        "bottle": Material(
            color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0.2, 0.8), rng.uniform(0.5, 0.95)),
            roughness=0.2,
            transmission=float(rng.uniform(0, 0.7)),
        ),
        "head": plastic(rng, value=(0.1, 0.9), sat=(0, 1)),
    }
    bh, bd = float(rng.uniform(0.14, 0.2)), float(rng.uniform(0.06, 0.075))
    parts = [
        cyl_z("bottle", bd, bh, -0.02 - bh, "bottle", y=-0.01),
        cyl_z("neck", 0.03, 0.05, -0.02, "head"),
        box("sprayer", (0.03, 0.08, 0.035), (0, 0.02, 0.045), "head"),
        box("trigger", (0.012, 0.012, 0.04), (0, 0.04, 0.01), "head", rot=(0.2, 0, 0)),
    ]
    return _model(
        "spray_bottle",
        parts,
        mats,
        "pistol",
        meta={"handle_w": round(bd, 4), "handle_d": round(bd, 4), "handle_tilt": 0.0, "handle_y": -0.01},
    )


def hammer(rng: np.random.Generator) -> Model:
    """A claw hammer held upright by its handle, head at the top."""
    hl = float(rng.uniform(0.26, 0.34))
    mats = {
        "handle": plastic(rng, value=(0.1, 0.7), sat=(0.3, 0.9))
        if rng.random() < 0.5
        else Material(color=hsv_to_linear(0.08, 0.5, 0.5), roughness=0.5),
        "metal": METAL,
    }
    parts = [
        cyl_z("handle", 0.03, hl, -0.06, "handle"),
        box("head", (0.028, float(rng.uniform(0.11, 0.14)), 0.028), (0, 0.01, hl - 0.06), "metal"),
    ]
    return _model("hammer", parts, mats, "fist_z", meta={"handle_d": 0.03})


def water_bottle(rng: np.random.Generator) -> Model:
    """A water bottle held upright in the fist: body, cap."""
    d, h = float(rng.uniform(0.06, 0.08)), float(rng.uniform(0.18, 0.26))
    mats = {
        "body": Material(
            color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.8), rng.uniform(0.3, 0.95)),
            roughness=float(rng.uniform(0.1, 0.5)),
            metallic=float(rng.choice([0.0, 0.9])),
            transmission=float(rng.choice([0.0, 0.8])),
        ),
        "cap": plastic(rng),
    }
    parts = [cyl_z("body", d, h, -h * 0.35, "body"), cyl_z("cap", d * 0.55, 0.025, h * 0.65, "cap")]
    return _model("water_bottle", parts, mats, "fist_z", meta={"handle_d": round(d, 4)})


def selfie_stick(rng: np.random.Generator) -> Model:
    """A selfie stick held out forward and up, a phone clamped at its end facing the wearer."""
    length = float(rng.uniform(0.5, 0.9))
    mats = {
        "stick": dark(rng),
        "metal": METAL,
        "phone": plastic(rng, value=(0.05, 0.6), sat=(0, 0.3)),
        "screen": Material(color=(0.01, 0.012, 0.02), roughness=0.05, emission=float(rng.uniform(0, 1.2))),
    }
    parts = [
        cyl_y("handle", 0.03, 0.13, -0.06, 0.0, "stick"),
        cyl_y("pole", 0.014, length - 0.13, 0.07, 0.0, "metal"),
        box("clamp", (0.09, 0.015, 0.02), (0, length - 0.06, 0.0), "stick"),
        box("phone", (0.075, 0.009, 0.15), (0, length - 0.06 + 0.012, 0.0), "phone"),
        box("screen", (0.07, 0.0005, 0.14), (0, length - 0.06 + 0.007, 0.0), "screen"),
    ]
    return _model("selfie_stick", parts, mats, "fist_y", meta={"handle_d": 0.03})
