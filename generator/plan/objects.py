"""Held-object factories: each takes a generator and returns a Model (parts, materials, named points, metadata).

Model frame: origin at the grip point (centre of the firing or holding hand's palm), +Y forward (muzzle
direction), +Z up, +X right. Sizes are real-world metres.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from generator.plan.geometry import hsv_to_linear, r3, srgb_to_linear
from generator.plan.model import Material, Model, Part

CYL_ALONG_Y = (-np.pi / 2, 0.0, 0.0)  # turns a cylinder's local +Z onto +Y


def _finish(rng: np.random.Generator) -> tuple[str, dict[str, Material]]:
    kind = str(rng.choice(["polymer", "metal", "two_tone"]))
    dark = hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.15), rng.uniform(0.04, 0.16))
    tan = hsv_to_linear(rng.uniform(0.07, 0.12), rng.uniform(0.25, 0.5), rng.uniform(0.35, 0.6))
    steel = srgb_to_linear((0.25, 0.25, 0.27))
    frame_col = tan if kind == "two_tone" else dark
    mats = {
        "slide": Material(
            color=steel if kind == "metal" else dark,
            roughness=float(rng.uniform(0.25, 0.5)),
            metallic=0.9 if kind == "metal" else 0.2,
        ),
        "frame": Material(color=frame_col, roughness=float(rng.uniform(0.5, 0.8)), metallic=0.0),
        "barrel": Material(color=steel, roughness=0.3, metallic=1.0),
        "bore": Material(color=(0.005, 0.005, 0.005), roughness=0.9),
        "sight": Material(
            color=srgb_to_linear((0.9, 0.9, 0.2)) if rng.random() < 0.3 else dark, roughness=0.6
        ),
    }
    return kind, mats


def handgun(rng: np.random.Generator) -> Model:
    """A semi-automatic pistol: slide, frame, tilted grip, trigger guard, barrel, sights."""
    length = float(rng.uniform(0.165, 0.215))  # overall length (slide)
    slide_h = float(rng.uniform(0.026, 0.034))
    width = float(rng.uniform(0.024, 0.032))
    grip_len = float(rng.uniform(0.095, 0.125))
    grip_angle = float(np.deg2rad(rng.uniform(12, 22)))
    finish, mats = _finish(rng)

    rear = -0.045  # slide rear sits a little behind the grip point
    front = rear + length
    slide_z = 0.045  # slide centre height above the grip point
    bore_z = slide_z - 0.004
    parts = [
        Part(
            shape="box",
            size=(width, length, slide_h),
            pos=(0, (rear + front) / 2, slide_z),
            material="slide",
            name="slide",
        ),
        Part(
            shape="box",
            size=(width * 0.92, length * 0.78, 0.018),
            pos=(0, rear + length * 0.39 + 0.01, slide_z - slide_h / 2 - 0.008),
            material="frame",
            name="frame",
        ),
        Part(
            shape="box",
            size=(width * 0.98, 0.045, grip_len),
            rot=(-grip_angle, 0, 0),
            pos=(0, -0.012, -grip_len / 2 + 0.03),
            material="frame",
            name="grip",
        ),
        Part(
            shape="box",
            size=(width * 0.5, 0.05, 0.006),
            pos=(0, 0.045, 0.0),
            material="frame",
            name="trigger_guard_bottom",
        ),
        Part(
            shape="box",
            size=(width * 0.5, 0.006, 0.026),
            pos=(0, 0.068, 0.012),
            material="frame",
            name="trigger_guard_front",
        ),
        Part(
            shape="box",
            size=(0.005, 0.006, 0.018),
            pos=(0, 0.038, 0.014),
            rot=(0.3, 0, 0),
            material="barrel",
            name="trigger",
        ),
        Part(
            shape="cylinder",
            size=(0.014, 0.014, 0.006),
            pos=(0, front + 0.002, bore_z),
            rot=CYL_ALONG_Y,
            material="barrel",
            name="barrel",
        ),
        Part(
            shape="cylinder",
            size=(0.009, 0.009, 0.004),
            pos=(0, front + 0.0031, bore_z),
            rot=CYL_ALONG_Y,
            material="bore",
            name="bore",
        ),
        Part(
            shape="box",
            size=(0.004, 0.008, 0.006),
            pos=(0, front - 0.01, slide_z + slide_h / 2 + 0.003),
            material="sight",
            name="front_sight",
        ),
        Part(
            shape="box",
            size=(width * 0.8, 0.008, 0.007),
            pos=(0, rear + 0.012, slide_z + slide_h / 2 + 0.0035),
            material="sight",
            name="rear_sight",
        ),
    ]
    return Model(
        name="handgun",
        category="handgun",
        parts=parts,
        materials=mats,
        points={
            "grip": (0.0, 0.0, 0.0),
            "support": (-width / 2 - 0.015, 0.005, -0.02),
            "muzzle": r3((0.0, front + 0.005, bore_z)),
            "muzzle_axis": (0.0, 1.0, 0.0),
            "sight": r3((0.0, rear + 0.012, slide_z + slide_h / 2 + 0.007)),
        },
        meta={
            "class": "handgun",
            "kind": "real",
            "finish": finish,
            "length_m": round(length, 4),
            "two_handed": True,
        },
    )


def phone(rng: np.random.Generator) -> Model:
    """A smartphone held upright to film: body, camera bump, screen (facing the wearer)."""
    h = float(rng.uniform(0.14, 0.165))
    w = float(rng.uniform(0.068, 0.078))
    t = float(rng.uniform(0.007, 0.0095))
    body = hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.5), rng.uniform(0.05, 0.9))
    mats = {
        "body": Material(
            color=body, roughness=float(rng.uniform(0.2, 0.6)), metallic=float(rng.uniform(0, 0.6))
        ),
        "screen": Material(color=(0.01, 0.012, 0.02), roughness=0.05, emission=float(rng.uniform(0.0, 1.5))),
        "lens": Material(color=(0.01, 0.01, 0.01), roughness=0.1),
    }
    zc = h * 0.18  # phone centre above the grip point: the hand holds its lower part
    parts = [
        Part(shape="box", size=(w, t, h), pos=(0, 0, zc), material="body", name="body"),
        Part(
            shape="box",
            size=(w * 0.93, 0.0005, h * 0.95),
            pos=(0, -t / 2 - 0.0002, zc),
            material="screen",
            name="screen",
        ),
        Part(
            shape="cylinder",
            size=(0.012, 0.012, 0.003),
            pos=(w * 0.28, t / 2 + 0.001, zc + h * 0.4),
            rot=CYL_ALONG_Y,
            material="lens",
            name="camera",
        ),
    ]
    return Model(
        name="phone",
        category="phone",
        parts=parts,
        materials=mats,
        points={"grip": (0.0, 0.0, 0.0), "top": r3((0, 0, zc + h / 2))},
        meta={"class": "phone", "kind": "none", "length_m": round(h, 4), "two_handed": False},
    )


FACTORIES: dict[str, Callable[[np.random.Generator], Model]] = {"handgun": handgun, "phone": phone}
WEAPON_CLASSES = {"handgun": "handgun"}


def build_held(name: str, rng: np.random.Generator) -> Model | None:
    """The held model for ``name``, or None for empty hands."""
    if name == "empty_hands":
        return None
    return FACTORIES[name](rng)
