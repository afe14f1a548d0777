"""Replicas: firearm shapes in toy or airsoft plastics with a blaze-orange tip (weapon present, kind replica)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from generator.plan.geometry import hsv_to_linear
from generator.plan.model import Material, Model
from generator.plan.objects import firearms
from generator.plan.objects.parts import ORANGE, cyl_y, length_y

STYLES = ("black_airsoft", "bright", "translucent")


def _plastics(rng: np.random.Generator, style: str, names) -> dict[str, Material]:
    """Replica materials: matte black airsoft, bright toy colours, or translucent coloured plastic."""
    if style == "black_airsoft":
        base = hsv_to_linear(0, 0, rng.uniform(0.04, 0.12))
        return {n: Material(color=base, roughness=0.75) for n in names}
    hues = rng.uniform(0, 1, size=2)
    out = {}
    for i, n in enumerate(names):
        col = hsv_to_linear(hues[i % 2], rng.uniform(0.6, 1.0), rng.uniform(0.6, 0.95))
        if style == "translucent":
            out[n] = Material(color=col, roughness=0.15, transmission=float(rng.uniform(0.6, 0.95)))
        else:
            out[n] = Material(color=col, roughness=float(rng.uniform(0.3, 0.6)))
    return out


def make_replica(real: Model, rng: np.random.Generator) -> Model:
    """A replica of ``real``: recoloured plastics and an orange tip over the muzzle (which moves to its front)."""
    style = str(rng.choice(STYLES, p=[0.4, 0.35, 0.25]))
    mats = _plastics(rng, style, [m for m in real.materials if m != "bore"])
    mats["bore"] = real.materials.get("bore", Material(color=(0.005, 0.005, 0.005), roughness=0.9))
    mats["tip"] = Material(color=ORANGE, roughness=0.5)
    mx, my, mz = real.points["muzzle"]
    tip_len = 0.012 if real.category == "handgun" else 0.02
    bore_d = {"handgun": 0.016, "rifle": 0.026, "shotgun": 0.028}.get(real.category, 0.02)
    parts = [p for p in real.parts if p.name != "bore"]
    parts.append(cyl_y("orange_tip", bore_d, tip_len, my - 0.002, mz, "tip", x=mx))
    new_y = my - 0.002 + tip_len
    parts.append(cyl_y("bore", bore_d * 0.5, 0.002, new_y - 0.0012, mz, "bore", x=mx))
    points = dict(real.points)
    points["muzzle"] = (mx, round(new_y, 6), mz)
    meta = dict(real.meta)
    meta.update(kind="replica", style=style, length_m=round(length_y(parts), 4))
    return real.model_copy(
        update={
            "name": f"replica_{real.name}",
            "parts": parts,
            "materials": mats,
            "points": points,
            "meta": meta,
        }
    )


def replica_of(factory: Callable[[np.random.Generator], Model]) -> Callable[[np.random.Generator], Model]:
    """A factory of replicas of ``factory``'s firearms."""

    def build(rng: np.random.Generator) -> Model:
        return make_replica(factory(rng), rng)

    build.__doc__ = f"Replica of {factory.__name__}."
    return build


def replica_handgun(rng: np.random.Generator) -> Model:
    """A toy or airsoft handgun."""
    return make_replica(firearms.handgun(rng), rng)


def replica_rifle(rng: np.random.Generator) -> Model:
    """A toy or airsoft rifle."""
    return make_replica(firearms.rifle(rng), rng)


def replica_shotgun(rng: np.random.Generator) -> Model:
    """A toy or airsoft shotgun."""
    return make_replica(firearms.shotgun(rng), rng)
