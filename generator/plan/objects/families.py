"""Profile-modelled firearm families: pick a family and variant, size its drawing to the reference, add
accessories and finishes, and publish the points and grip measures the hands and labels use.

Model frame: origin at the grip point (centre of the firing hand's palm), +Y forward (muzzle), +Z up, +X right.
Accessory parts are named ``acc_*`` (the body's reference size excludes them).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from generator.plan.geometry import r3
from generator.plan.model import Material, Model
from generator.plan.objects import accessories as acc
from generator.plan.objects import gunfinish as fin
from generator.plan.objects import handguns, longguns
from generator.plan.objects.gunkit import Kit
from generator.plan.objects.gunspecs import CLASS_FAMILIES, FAMILIES, Ref

# default probability of each accessory (content.accessories overrides)
ACCESSORY_PROBS: dict[str, float] = {
    "red_dot": 0.3,
    "scope": 0.25,
    "light": 0.3,
    "laser": 0.1,
    "sling": 0.35,
    "foregrip": 0.3,
    "suppressor": 0.1,
    "extended_mag": 0.15,
}
VARY = 0.03  # per-seed size variation (fraction) of length, height and width


def pick_family(cls: str, rng: np.random.Generator, weights: Mapping[str, float] | None = None) -> str:
    """A family of class ``cls``, drawn with the configured weights (missing names weigh 1; 0 excludes)."""
    names = CLASS_FAMILIES[cls]
    w = np.array([float((weights or {}).get(n, 1.0)) for n in names])
    if w.sum() <= 0:
        w = np.ones(len(names))
    return str(names[int(rng.choice(len(names), p=w / w.sum()))])


def _options(family: str, cls: str, rng: np.random.Generator, probs: Mapping[str, float]) -> dict:
    """Per-seed choices of a family (stock position, furniture, accessories) drawn before drawing it."""
    p = {**ACCESSORY_PROBS, **(probs or {})}
    o: dict = {k: bool(rng.random() < v) for k, v in sorted(p.items())}
    o["stock_pos"] = float(rng.uniform(0, 1))
    o["wood"] = bool(rng.random() < {"ak": 0.5, "pump_shotgun": 0.45, "bolt_rifle": 0.7}.get(family, 0.0))
    o["handguard"] = str(rng.choice(["mlok", "quad", "classic"], p=[0.55, 0.3, 0.15]))
    o["colour"] = str(rng.choice(list(fin.PALETTE), p=[0.6, 0.2, 0.1, 0.1]))
    if cls == "handgun":
        o["scope"] = o["foregrip"] = o["sling"] = False
        if family.endswith("revolver"):
            o["red_dot"] = o["light"] = o["laser"] = o["suppressor"] = o["extended_mag"] = False
    if family == "bolt_rifle":
        o["scope"], o["red_dot"], o["foregrip"], o["extended_mag"] = True, False, False, False
    if o["scope"] and o["red_dot"]:
        o["red_dot"] = False
    if family in ("pump_shotgun", "semi_shotgun"):
        o["foregrip"] = o["extended_mag"] = o["scope"] = False
    return o


def _draw(family: str, variant: str, k: Kit, o: dict) -> dict:
    if FAMILIES[family][0] == "handgun":
        return handguns.draw(family, variant, k)
    return longguns.draw(family, variant, k, o)


def _materials(family: str, cls: str, rng: np.random.Generator, o: dict) -> dict[str, Material]:
    """Finishes: steel slide / receiver, polymer, aluminium or wood furniture in the palette."""
    colour = o["colour"]
    revolver = family.endswith("revolver")
    steel_kind = str(rng.choice(["nitride", "parkerized", "stainless"], p=[0.6, 0.25, 0.15]))
    if cls == "rifle" or (cls == "shotgun" and steel_kind == "stainless" and rng.random() < 0.7):
        steel_kind = "parkerized" if family == "ak" else "nitride"
    mats = {
        "slide": fin.steel(rng, steel_kind if (revolver or family != "striker_pistol") else "nitride"),
        "steel": fin.steel(rng, "nitride"),
        "dark": Material(color=(0.012, 0.012, 0.013), roughness=0.6, metallic=0.3),
        "bore": fin.BORE,
        "sight": fin.sights(rng),
        "glass": fin.glass(rng),
        "mag": fin.polymer(rng, "black" if rng.random() < 0.7 else colour),
        "rubber": fin.rubber(rng),
        "alloy": fin.anodized(rng, "black"),
        "sling": Material(
            color=fin._jit(rng, fin.PALETTE[str(rng.choice(["black", "od", "fde"]))]),
            roughness=0.9,
            pattern="fabric",
            scale=400,
        ),
    }
    if family in ("striker_pistol",):
        mats["frame"] = fin.polymer(rng, colour)
        mats["grip"] = mats["frame"].model_copy(update={"scale": mats["frame"].scale * 1.6, "roughness": 0.8})
    elif family in ("hammer_pistol", "m1911"):
        mats["frame"] = fin.anodized(rng, "black") if rng.random() < 0.7 else mats["slide"]
        mats["grip"] = (
            fin.wood(rng) if (family == "m1911" and rng.random() < 0.6) else fin.polymer(rng, "black")
        )
    elif revolver:
        mats["frame"] = mats["slide"]
        mats["grip"] = fin.wood(rng) if rng.random() < 0.35 else fin.rubber(rng)
    else:
        furn = fin.wood(rng) if o["wood"] else fin.polymer(rng, colour)
        mats["frame"] = fin.anodized(rng, "black" if rng.random() < 0.7 else colour)
        mats["furniture"] = furn
        mats["grip"] = furn if o["wood"] and family != "ar15" else fin.polymer(rng, colour)
        mats["alloy"] = fin.anodized(rng, colour if rng.random() < 0.4 else "black")
    return mats


def build_family(
    family: str,
    rng: np.random.Generator,
    probs: Mapping[str, float] | None = None,
) -> Model:
    """One firearm of ``family``: sized to a reference variant (+-3 %), with accessories and finishes."""
    cls, refs = FAMILIES[family]
    ref: Ref = refs[int(rng.integers(len(refs)))]
    o = _options(family, cls, rng, probs or {})
    probe = Kit(1e-3, 1e-3, 1e-3, 0.0, 0.0, check=False)
    d0 = _draw(family, ref.variant, probe, {**o, "stock_pos": 1.0, "extended_mag": False})
    size = probe.hi - probe.lo
    length = (
        ref.length if not ref.length_min else ref.length_min + (ref.length - ref.length_min) * o["stock_pos"]
    )
    # the probe is drawn with the stock extended: size it to the extended length
    f = 1 + rng.uniform(-VARY, VARY, 3)
    sy = ref.length * f[1] / size[1] * 1e-3
    sz, sx = ref.height * f[2] / size[2] * 1e-3, ref.width * f[0] / size[0] * 1e-3
    for _ in range(
        2
    ):  # lathed parts are round (their X size follows Z): correct X once if they set the width
        k = Kit(sy=sy, sz=sz, sx=sx, gy=d0["grip"][0], gz=d0["grip"][1])
        d = _draw(family, ref.variant, k, o)
        w = float(k.hi[0] - k.lo[0])
        if abs(w / (ref.width * f[0]) - 1) < 0.02:
            break
        sx *= ref.width * f[0] / w
    body_lo, body_hi = k.lo.copy(), k.hi.copy()
    muzzle = np.array(k.at(*d["muzzle"]))
    top = d["top"] or (d["muzzle"][0] - 8, 0, d["muzzle"][1] + 10)
    sight = np.array(k.at(top[0], top[2] + 4))
    extras = acc.attach(k, d, o, cls, rng)
    muzzle = extras.get("muzzle", muzzle)
    sight = extras.get("sight", sight)
    mats = _materials(family, cls, rng, o)
    mats.update(extras.get("materials", {}))
    used = {p.material for p in k.parts}
    rake = float(d["rake_deg"])
    grip_w = float(d.get("grip_w", d["W"]) * k.sx)
    grip_d = float(d["grip_d"] * k.sy)  # across the grip, front to back
    points = {
        "grip": (0.0, 0.0, 0.0),
        "muzzle": tuple(muzzle),
        "muzzle_axis": (0.0, 1.0, 0.0),
        "sight": tuple(sight),
        "trigger": k.at(*d["trigger"]),
    }
    meta: dict = {
        "class": cls,
        "kind": "real",
        "family": family,
        "variant": ref.variant,
        "two_handed": True,
        "grip_width_m": round(grip_w, 4),
        "grip_depth_m": round(grip_d, 4),
        "grip_angle_deg": round(rake, 2),
        "barrel_m": round(float((d.get("barrel_end", d["muzzle"][0]) - d["breech"]) * k.sy), 4),
        "body_length_m": round(float(body_hi[1] - body_lo[1]), 4),
        "body_height_m": round(float(body_hi[2] - body_lo[2]), 4),
        "body_width_m": round(float(body_hi[0] - body_lo[0]), 4),
        "ref_length_m": round(length, 4),
        "handle_w": round(grip_w, 4),
        "handle_d": round(grip_d, 4),
        "handle_tilt": round(float(np.deg2rad(rake)), 4),
        "handle_y": 0.0,
        "finish": o["colour"],
        "furniture": "wood" if o["wood"] and cls != "handgun" else "synthetic",
    }
    meta.update({f"acc_{n}": bool(v) for n, v in extras.get("fitted", {}).items()})
    if cls == "handgun":
        w = float(body_hi[0] - body_lo[0])
        points["support"] = (-w / 2 - 0.015, 0.005, -0.02)
        meta["grip"] = "pistol"
    else:
        sup = extras.get("support", k.at(*d["support"]))
        points["support"] = tuple(sup)
        meta["grip"] = "shoulder"
        meta["fore_end_diameter_m"] = round(float(d["fore_d"] * k.sz), 4)
        meta["support_axis"] = extras.get("support_axis", "y")
        meta["support_d"] = round(float(extras.get("support_d", d["fore_d"] * k.sz)), 4)
        meta["stock_pos"] = round(o["stock_pos"], 3)
    lo = np.min([body_lo, extras.get("lo", body_lo)], axis=0)
    hi = np.max([body_hi, extras.get("hi", body_hi)], axis=0)
    meta["length_m"] = round(float(hi[1] - lo[1]), 4)
    return Model(
        name=family,
        category=cls,
        parts=k.parts,
        materials={n: m for n, m in mats.items() if n in used},
        points={n: r3(v) for n, v in points.items()},
        meta=meta,
    )


def class_factory(cls: str):
    """The factory of class ``cls``: ``f(rng, families=None, accessories=None) -> Model``."""

    def build(
        rng: np.random.Generator,
        families: Mapping[str, float] | None = None,
        accessories: Mapping[str, float] | None = None,
    ) -> Model:
        return build_family(pick_family(cls, rng, families), rng, accessories)

    build.__name__ = cls
    build.__doc__ = f"A {cls} of one of the families {', '.join(CLASS_FAMILIES[cls])}."
    return build


handgun = class_factory("handgun")
rifle = class_factory("rifle")
shotgun = class_factory("shotgun")
