"""Replicas: firearm shapes in toy or airsoft plastics with a blaze-orange tip (weapon present, kind replica).

Styles: ``black_airsoft`` (matte black plastic), ``bright`` and ``translucent`` (toy colours, chunkier
proportions and a light mould seam round the body) and ``airsoft_real`` (the real finishes: the orange tip is
the only tell, a hard positive for a weapon-kind head).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from generator.geometry import hsv_to_linear
from generator.plan.model import Material, Model, Part
from generator.plan.objects.gunkit import tube_m
from generator.plan.objects.parts import ORANGE, length_y
from generator.shapes.outline import inset_directions, oriented

STYLES = ("black_airsoft", "bright", "translucent", "airsoft_real")
TOY_WIDTH = 1.22  # toys are chunkier than the real thing


def _plastics(rng: np.random.Generator, style: str, real: dict[str, Material]) -> dict[str, Material]:
    """Replica materials: matte black airsoft, bright toy colours, translucent plastic, or the real finishes."""
    names = [m for m in real if m != "bore"]
    if style == "airsoft_real":
        return {n: real[n] for n in names}
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


def _seams(parts: list[Part]) -> list[Part]:
    """A thin mould seam round the two largest side outlines (the parting line of a two-half mould)."""
    side = [p for p in parts if p.shape == "extrude" and p.geom and p.geom.get("plane") == "yz"]
    side.sort(key=lambda p: -np.ptp(np.asarray(p.geom["outline"]), axis=0).prod())
    out = []
    for p in side[:2]:
        ring = oriented(p.geom["outline"], ccw=True)
        grown = ring - inset_directions(ring) * 0.0006
        geom = {**p.geom, "outline": np.round(grown, 6).tolist(), "holes": [], "depth": 0.0008, "bevel": 0.0}
        out.append(p.model_copy(update={"name": f"seam_{p.name}", "geom": geom, "material": "seam"}))
    return out


def make_replica(real: Model, rng: np.random.Generator) -> Model:
    """A replica of ``real``: restyled plastics and an orange tip over the muzzle (which moves to its front)."""
    style = str(rng.choice(STYLES, p=[0.3, 0.25, 0.2, 0.25]))
    mats = _plastics(rng, style, real.materials)
    mats["bore"] = real.materials.get("bore", Material(color=(0.005, 0.005, 0.005), roughness=0.9))
    mats["tip"] = Material(color=ORANGE, roughness=0.5)
    mx, my, mz = real.points["muzzle"]
    tip_len = 0.012 if real.category == "handgun" else 0.02
    r = {"handgun": 0.008, "rifle": 0.013, "shotgun": 0.014}.get(real.category, 0.01)
    parts = [p for p in real.parts if p.name != "bore"]
    toy = style in ("bright", "translucent")
    if toy:
        parts += _seams(parts)
        mats["seam"] = Material(
            color=tuple(min(1.0, c * 1.6 + 0.05) for c in mats[parts[0].material].color), roughness=0.5
        )
        parts = [
            p.model_copy(
                update={
                    "size": (p.size[0] * TOY_WIDTH, p.size[1], p.size[2]),
                    "pos": (p.pos[0] * TOY_WIDTH, p.pos[1], p.pos[2]),
                }
            )
            for p in parts
        ]
    parts.append(
        tube_m("orange_tip", my - 0.002, mz, [(0, 0), (r, 0), (r, tip_len), (0, tip_len)], "tip", x=mx)
    )
    new_y = my - 0.002 + tip_len
    parts.append(
        tube_m(
            "bore", new_y - 0.0015, mz, [(0, 0), (r * 0.5, 0), (r * 0.5, 0.0016), (0, 0.0016)], "bore", x=mx
        )
    )
    points = dict(real.points)
    points["muzzle"] = (mx, round(new_y + 0.0001, 6), mz)
    meta = dict(real.meta)
    meta.update(kind="replica", style=style, length_m=round(length_y(parts), 4))
    if toy:
        for key in ("grip_width_m", "handle_w", "body_width_m"):
            if key in meta:
                meta[key] = round(float(meta[key]) * TOY_WIDTH, 4)
    return real.model_copy(
        update={
            "name": f"replica_{real.name}",
            "parts": parts,
            "materials": {n: m for n, m in mats.items() if n in {p.material for p in parts}},
            "points": points,
            "meta": meta,
        }
    )


def replica_of(factory: Callable[..., Model]) -> Callable[..., Model]:
    """A factory of replicas of ``factory``'s firearms (keyword options pass through to it)."""

    def build(rng: np.random.Generator, **kw) -> Model:
        return make_replica(factory(rng, **kw), rng)

    build.__doc__ = f"Replica of {getattr(factory, '__name__', 'a firearm')}."
    return build


def replica_handgun(rng: np.random.Generator, **kw) -> Model:
    """A toy or airsoft handgun of one of the handgun families."""
    from generator.plan.objects.families import handgun

    return make_replica(handgun(rng, **kw), rng)


def replica_rifle(rng: np.random.Generator, **kw) -> Model:
    """A toy or airsoft rifle of one of the rifle families."""
    from generator.plan.objects.families import rifle

    return make_replica(rifle(rng, **kw), rng)


def replica_shotgun(rng: np.random.Generator, **kw) -> Model:
    """A toy or airsoft shotgun of one of the shotgun families."""
    from generator.plan.objects.families import shotgun

    return make_replica(shotgun(rng, **kw), rng)
