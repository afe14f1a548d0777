"""Firearm finishes: polymer, nitride / parkerized steel, anodized aluminium, wood, rubber, in the real palette."""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import hsv_to_linear, srgb_to_linear
from generator.plan.model import Material

# palette of furniture and frames (sRGB): black, FDE / tan, OD green, grey
PALETTE = {
    "black": (0.06, 0.06, 0.065),
    "fde": (0.55, 0.45, 0.32),
    "od": (0.29, 0.31, 0.22),
    "grey": (0.32, 0.33, 0.34),
}
BORE = Material(color=(0.004, 0.004, 0.004), roughness=0.9)


def _jit(rng: np.random.Generator, rgb, amount: float = 0.06) -> tuple[float, float, float]:
    """A palette colour varied a little per seed, in linear RGB."""
    c = np.clip(np.asarray(rgb) * (1 + rng.uniform(-amount, amount, 3)), 0, 1)
    return srgb_to_linear(tuple(float(v) for v in c))


def polymer(rng: np.random.Generator, colour: str) -> Material:
    """Injection-moulded polymer: fine stipple texture, matte, fingerprints as roughness variation."""
    return Material(
        color=_jit(rng, PALETTE[colour]),
        roughness=float(rng.uniform(0.5, 0.7)),
        pattern="polymer",
        scale=float(rng.uniform(900, 1400)),
        wear=float(rng.uniform(0, 0.1)),
    )


def steel(rng: np.random.Generator, kind: str = "nitride") -> Material:
    """Nitride (black, satin), parkerized (grey-black, matte) or stainless steel, with edge and handling wear."""
    if kind == "stainless":
        col, rough = (0.55, 0.55, 0.56), rng.uniform(0.25, 0.4)
    elif kind == "parkerized":
        col, rough = (0.13, 0.13, 0.13), rng.uniform(0.55, 0.7)
    else:
        col, rough = (0.07, 0.07, 0.075), rng.uniform(0.3, 0.45)
    return Material(
        color=_jit(rng, col, 0.04),
        roughness=float(rough),
        metallic=1.0 if kind == "stainless" else 0.75,
        pattern="metal",
        scale=float(rng.uniform(150, 300)),
        wear=float(rng.uniform(0, 0.12)),
    )


def anodized(rng: np.random.Generator, colour: str = "black") -> Material:
    """Hard-anodized aluminium (receivers, handguards, optics): matte, slightly metallic."""
    return Material(
        color=_jit(rng, PALETTE[colour]),
        roughness=float(rng.uniform(0.45, 0.6)),
        metallic=0.4,
        pattern="metal",
        scale=float(rng.uniform(200, 400)),
        wear=float(rng.uniform(0, 0.12)),
    )


def wood(rng: np.random.Generator) -> Material:
    """Walnut, birch or laminate furniture: warm brown with grain along the part."""
    h, s, v = rng.uniform(0.03, 0.08), rng.uniform(0.5, 0.8), rng.uniform(0.22, 0.5)
    base = hsv_to_linear(h, s, v)
    return Material(
        color=base,
        color2=tuple(float(c) * 0.55 for c in base),
        roughness=float(rng.uniform(0.35, 0.55)),
        pattern="wood",
        scale=float(rng.uniform(25, 45)),
    )


def rubber(rng: np.random.Generator) -> Material:
    """Black rubber (revolver grips, butt pads)."""
    return Material(color=_jit(rng, (0.05, 0.05, 0.05)), roughness=0.85, pattern="polymer", scale=600)


def sights(rng: np.random.Generator) -> Material:
    """Sight dots: mostly black, sometimes white or tritium green-yellow."""
    col = [(0.05, 0.05, 0.05), (0.9, 0.9, 0.85), (0.75, 0.9, 0.2)][int(rng.choice(3, p=[0.5, 0.3, 0.2]))]
    return Material(color=srgb_to_linear(col), roughness=0.5)


def glass(rng: np.random.Generator) -> Material:
    """Coated optic glass: dark, glossy, faint blue-green or amber tint."""
    tint = [(0.02, 0.04, 0.06), (0.06, 0.04, 0.01), (0.02, 0.05, 0.03)][int(rng.integers(3))]
    return Material(color=tint, roughness=0.03, metallic=0.6)
