"""Surface materials: brick, concrete, tiles, wood, carpet, vinyl, ceiling tiles, asphalt, plaster, metal, glass...

Each kind draws random colours, pattern scale, roughness, wear and a texture seed; the worker bakes the pattern
into small tileable images (generator/plan/places/textures.py). Every surface gets a pattern: ``plain`` colours
get the subtle ``smooth`` finish (mottling, scuffs, roughness variation); only emitters stay flat.
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import hsv_to_linear
from generator.plan.model import Material

# kind: (hue range, saturation range, value range, roughness range, pattern features per metre range)
PALETTE = {
    "brick": ((0.0, 0.08), (0.35, 0.7), (0.25, 0.6), (0.7, 0.95), (2.0, 3.5)),
    "concrete": ((0.0, 1.0), (0.0, 0.08), (0.35, 0.7), (0.6, 0.95), (1.0, 4.0)),
    "tiles": ((0.0, 1.0), (0.0, 0.3), (0.45, 0.95), (0.1, 0.4), (2.0, 5.0)),
    "wood": ((0.05, 0.11), (0.35, 0.75), (0.15, 0.6), (0.35, 0.7), (1.5, 4.0)),
    "carpet": ((0.0, 1.0), (0.05, 0.5), (0.1, 0.5), (0.85, 1.0), (20.0, 60.0)),
    "asphalt": ((0.0, 1.0), (0.0, 0.05), (0.08, 0.22), (0.6, 0.9), (3.0, 8.0)),
    "plaster": ((0.0, 1.0), (0.0, 0.12), (0.55, 0.92), (0.7, 0.95), (1.0, 3.0)),
    "metal": ((0.0, 1.0), (0.0, 0.25), (0.35, 0.8), (0.2, 0.55), (2.0, 6.0)),
    "glass": ((0.45, 0.6), (0.0, 0.15), (0.7, 0.95), (0.0, 0.08), (1.0, 1.0)),
    "paint": ((0.0, 1.0), (0.05, 0.6), (0.25, 0.85), (0.3, 0.7), (1.0, 1.0)),
    "plastic": ((0.0, 1.0), (0.1, 0.8), (0.15, 0.9), (0.3, 0.6), (1.0, 1.0)),
    "fabric": ((0.0, 1.0), (0.1, 0.6), (0.1, 0.7), (0.85, 1.0), (30.0, 60.0)),
    "grass": ((0.2, 0.33), (0.4, 0.8), (0.2, 0.5), (0.8, 1.0), (4.0, 10.0)),
    "foliage": ((0.18, 0.3), (0.4, 0.8), (0.22, 0.5), (0.7, 0.95), (3.0, 8.0)),
    "bark": ((0.04, 0.1), (0.2, 0.5), (0.1, 0.3), (0.8, 1.0), (5.0, 12.0)),
    "dirt": ((0.06, 0.12), (0.25, 0.55), (0.2, 0.45), (0.85, 1.0), (2.0, 6.0)),
    "cardboard": ((0.07, 0.11), (0.35, 0.6), (0.35, 0.65), (0.8, 0.95), (1.0, 1.0)),
    "ceiling_tile": ((0.05, 0.15), (0.0, 0.06), (0.7, 0.9), (0.8, 0.95), (1.0, 1.0)),
    "vinyl": ((0.0, 1.0), (0.03, 0.35), (0.3, 0.8), (0.25, 0.5), (1.0, 1.0)),
    "rubber": ((0.0, 1.0), (0.0, 0.05), (0.02, 0.06), (0.8, 0.95), (1.0, 1.0)),
}
# second colour of the pattern, relative to the first: (value factor, saturation factor) or a fixed colour
_SECOND = {
    "brick": "mortar",
    "tiles": "grout",
    "wood": (0.55, 1.1),
    "carpet": (0.7, 1.0),
    "concrete": (0.8, 1.0),
    "asphalt": (1.8, 1.0),
    "plaster": (0.9, 1.0),
    "metal": (0.8, 1.0),
    "grass": (0.6, 1.1),
    "foliage": (0.6, 1.0),
    "bark": (0.5, 1.0),
    "dirt": (0.7, 1.0),
    "fabric": (0.75, 1.0),
    "vinyl": (1.5, 0.4),
}


def surface(kind: str, rng: np.random.Generator, wear: float = 0.0, hue: float | None = None) -> Material:
    """A random material of ``kind`` (see PALETTE) with its pattern, scale and wear."""
    (h0, h1), (s0, s1), (v0, v1), (r0, r1), (k0, k1) = PALETTE[kind]
    h = float(rng.uniform(h0, h1)) if hue is None else hue
    s, v = float(rng.uniform(s0, s1)), float(rng.uniform(v0, v1))
    color = hsv_to_linear(h, s, v)
    second = _SECOND.get(kind)
    if second == "mortar":
        color2 = hsv_to_linear(0.1, rng.uniform(0, 0.15), rng.uniform(0.45, 0.8))
    elif second == "grout":
        color2 = hsv_to_linear(0.1, rng.uniform(0, 0.1), rng.uniform(0.2, 0.7))
    elif second is not None:
        color2 = hsv_to_linear(h + rng.uniform(-0.02, 0.02), min(1.0, s * second[1]), min(1.0, v * second[0]))
    else:
        color2 = None
    return Material(
        color=color,
        color2=color2,
        roughness=float(rng.uniform(r0, r1)),
        metallic=1.0 if kind == "metal" else 0.0,
        pattern=kind,
        scale=float(round(rng.uniform(k0, k1), 4)),
        seed=int(rng.integers(0, 2**31 - 1)),
        wear=float(round(wear * rng.uniform(0.5, 1.0), 4)) if kind not in ("glass",) else 0.0,
        transmission=1.0 if kind == "glass" else 0.0,
    )


def plain(
    color, roughness: float = 0.5, emission: float = 0.0, metallic: float = 0.0, pattern: str = "smooth"
) -> Material:
    """A single-colour material with a subtle ``smooth`` finish texture (emitters stay flat)."""
    return Material(
        color=tuple(float(c) for c in color),
        roughness=roughness,
        emission=emission,
        metallic=metallic,
        pattern="" if emission > 0 else pattern,
    )


def textured(m: Material, pattern: str, rng: np.random.Generator) -> Material:
    """``m`` with the texture ``pattern`` and a fresh texture seed."""
    return m.model_copy(update={"pattern": pattern, "seed": int(rng.integers(0, 2**31 - 1))})


def wet(m: Material) -> Material:
    """The same material after rain: darker and glossier."""
    if m.emission > 0 or m.transmission > 0:
        return m
    dark = tuple(float(round(c * 0.6, 6)) for c in m.color)
    gloss = (
        0.75 if m.pattern in ("foliage", "grass", "bark", "fabric", "carpet") else 0.25
    )  # soaks, not films
    return m.model_copy(
        update={"color": dark, "roughness": float(round(m.roughness * gloss, 4)), "wear": 0.0}
    )


WORDS = (
    "EXIT",
    "NO ENTRY",
    "OPEN",
    "SALE",
    "STAFF ONLY",
    "FIRE DOOR",
    "KEEP CLEAR",
    "WELCOME",
    "LOBBY",
    "ROOM",
    "PARKING",
    "LEVEL",
    "TICKETS",
    "PHARMACY",
    "CAFE",
    "LIBRARY",
    "GYM",
    "OFFICE",
    "DELIVERIES",
    "SILENCE",
    "MEETING",
    "NOTICE",
    "LOST & FOUND",
    "AUDITIONS",
    "BAKE SALE",
    "CONCERT",
    "SPRING FAIR",
    "RECYCLE",
)


def poster(rng: np.random.Generator) -> Material:
    """A poster or sign with random text, drawn as an image in the worker from this seed."""
    words = " ".join(rng.choice(WORDS, size=int(rng.integers(1, 3)), replace=False))
    if rng.random() < 0.5:
        words += f" {int(rng.integers(1, 400))}"
    return Material(
        color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0.2, 0.9), rng.uniform(0.5, 1.0)),
        color2=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0.0, 1.0), rng.uniform(0.0, 0.4)),
        roughness=0.6,
        pattern="poster",
        seed=int(rng.integers(0, 2**31 - 1)),
        text=str(words),
    )
