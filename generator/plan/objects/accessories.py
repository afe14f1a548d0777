"""Firearm accessories as real parts in real sizes: optics with lens glass, weapon lights, lasers, slings,
foregrips, suppressors and extended magazines, fitted at a family drawing's anchors (see handguns / longguns).
"""

from __future__ import annotations

import numpy as np

from generator.plan.objects.gunkit import Kit, slab_m, strap, tube_m
from generator.plan.objects.parts import lathed


class _Acc:
    """Collects accessory parts and their bounds."""

    def __init__(self, k: Kit):
        self.k = k
        self.lo = np.full(3, np.inf)
        self.hi = np.full(3, -np.inf)

    def add(self, part, lo, hi):
        self.k.add(part)
        self.lo = np.minimum(self.lo, lo)
        self.hi = np.maximum(self.hi, hi)

    def tube(self, name, y0, z, profile, material, x=0.0, segments=20):
        p = np.asarray(profile, float)
        r = p[:, 0].max()
        self.add(
            tube_m(name, y0, z, profile, material, x, segments),
            (x - r, y0 + p[:, 1].min(), z - r),
            (x + r, y0 + p[:, 1].max(), z + r),
        )

    def slab(self, name, pts, depth, material, x=0.0, bevel=0.0012, holes=()):
        q = np.asarray(pts, float)
        self.add(
            slab_m(name, q, depth, material, x, bevel, holes),
            (x - depth / 2, q[:, 0].min(), q[:, 1].min()),
            (x + depth / 2, q[:, 0].max(), q[:, 1].max()),
        )


def _box(y0, y1, z0, z1):
    return [(y0, z0), (y1, z0), (y1, z1), (y0, z1)]


def suppressor(a: _Acc, y: float, z: float, dia: float, length: float, material: str = "alloy") -> float:
    """A can screwed on the muzzle; returns the new muzzle y (front face of its bore)."""
    r = dia / 2
    a.tube(
        "acc_suppressor",
        y - 0.004,
        z,
        [(0, 0), (r * 0.8, 0), (r, 0.006), (r, length - 0.006), (r * 0.85, length), (0, length)],
        material,
        segments=24,
    )
    return y - 0.004 + length


def red_dot_pistol(a: _Acc, y: float, z: float, w: float) -> tuple[float, float, float]:
    """An open reflex sight (RMR-like) on a pistol slide; returns the sight point (lens centre)."""
    ln = 0.045
    body = [
        (y, z),
        (y + ln, z),
        (y + ln, z + 0.008),
        (y + ln - 0.006, z + 0.026),
        (y + 0.008, z + 0.026),
        (y + 0.003, z + 0.012),
    ]
    hole = [
        (y + 0.01, z + 0.01),
        (y + ln - 0.012, z + 0.01),
        (y + ln - 0.012, z + 0.022),
        (y + 0.012, z + 0.022),
    ]
    a.slab("acc_red_dot", body, w * 0.9, "alloy", holes=[hole])
    a.slab(
        "acc_red_dot_glass",
        [
            (y + ln - 0.014, z + 0.009),
            (y + ln - 0.012, z + 0.009),
            (y + ln - 0.01, z + 0.023),
            (y + ln - 0.012, z + 0.023),
        ],
        w * 0.75,
        "glass",
        bevel=0.0003,
    )
    return (0.0, y + 0.02, z + 0.016)


def red_dot_tube(a: _Acc, y: float, z: float) -> tuple[float, float, float]:
    """A tube red dot (Aimpoint-like) on a riser on the rail; returns the sight point (tube axis)."""
    a.slab("acc_optic_mount", _box(y - 0.02, y + 0.02, z, z + 0.03), 0.03, "alloy", bevel=0.002)
    cz = z + 0.045
    a.tube(
        "acc_red_dot",
        y - 0.06,
        cz,
        [
            (0, 0),
            (0.017, 0),
            (0.019, 0.004),
            (0.018, 0.03),
            (0.015, 0.035),
            (0.015, 0.085),
            (0.019, 0.09),
            (0.019, 0.12),
            (0, 0.12),
        ],
        "alloy",
    )
    a.tube(
        "acc_red_dot_turret", y - 0.012, cz + 0.0, [(0, 0), (0.011, 0), (0.011, 0.024), (0, 0.024)], "alloy"
    )
    for s, yy in (("rear", y - 0.0605), ("front", y + 0.0595)):
        a.tube(f"acc_red_dot_glass_{s}", yy, cz, [(0, 0), (0.015, 0), (0.015, 0.0012), (0, 0.0012)], "glass")
    return (0.0, y - 0.06, cz)


def scope(a: _Acc, y: float, z: float, length: float, obj_d: float) -> tuple[float, float, float]:
    """A magnified riflescope with rings, bells, turrets and lens glass; returns the sight point (eyepiece)."""
    cz = z + max(0.035, obj_d / 2 + 0.012)
    y0 = y - length * 0.5
    r = 0.0127
    ro = obj_d / 2
    prof = [
        (0, 0),
        (0.018, 0),
        (0.02, 0.012),
        (0.02, 0.07),
        (r, 0.1),
        (r, length - 0.13),
        (ro, length - 0.07),
        (ro, length),
        (0, length),
    ]
    a.tube("acc_scope", y0, cz, prof, "alloy", segments=28)
    mid = y0 + length * 0.45
    a.add(
        lathed(
            "acc_scope_turret",
            [[0, 0], [0.014, 0], [0.014, 0.02], [0, 0.02]],
            "alloy",
            segments=16,
            pos=(0.0, round(mid, 6), round(cz, 6)),
        ),
        (-0.014, mid - 0.014, cz),
        (0.014, mid + 0.014, cz + 0.02),
    )
    a.add(
        lathed(
            "acc_scope_turret_side",
            [[0, 0], [0.013, 0], [0.013, 0.018], [0, 0.018]],
            "alloy",
            segments=16,
            pos=(0.0, round(mid, 6), round(cz, 6)),
            rot=(0.0, np.pi / 2, 0.0),
        ),
        (0, mid - 0.013, cz - 0.013),
        (0.018, mid + 0.013, cz + 0.013),
    )
    for i, yy in enumerate((y0 + length * 0.3, y0 + length * 0.62)):
        a.slab(f"acc_scope_ring{i}", _box(yy - 0.01, yy + 0.01, z, cz + 0.004), 0.03, "alloy", bevel=0.002)
    a.tube(
        "acc_scope_glass_front",
        y0 + length - 0.003,
        cz,
        [(0, 0), (ro - 0.002, 0), (ro - 0.002, 0.0015), (0, 0.0015)],
        "glass",
    )
    a.tube(
        "acc_scope_glass_rear", y0 - 0.0005, cz, [(0, 0), (0.016, 0), (0.016, 0.0015), (0, 0.0015)], "glass"
    )
    return (0.0, y0, cz)


def light_pistol(a: _Acc, y0: float, y1: float, z: float, w: float) -> None:
    """A pistol weapon light clamped under the dust cover, lens forward."""
    ln = min(0.07, y1 - y0 + 0.015)
    ya = y1 - ln - 0.002
    body = [(ya, z), (ya + ln, z), (ya + ln, z - 0.03), (ya + 0.012, z - 0.03), (ya, z - 0.012)]
    a.slab("acc_light", body, w * 0.95, "alloy", bevel=0.003)
    a.tube(
        "acc_light_lens",
        ya + ln - 0.0005,
        z - 0.016,
        [(0, 0), (0.011, 0), (0.011, 0.0015), (0, 0.0015)],
        "glass",
        segments=16,
    )


def light_rifle(a: _Acc, y: float, z: float, x: float) -> None:
    """A rifle weapon light on the handguard's side rail, lens forward."""
    a.slab(
        "acc_light_mount",
        _box(y - 0.02, y + 0.02, z - 0.01, z + 0.01),
        abs(x) * 0.9,
        "alloy",
        x=x / 2,
        bevel=0.002,
    )
    a.tube(
        "acc_light",
        y - 0.06,
        z,
        [(0, 0), (0.0125, 0), (0.0125, 0.08), (0.016, 0.095), (0.016, 0.125), (0, 0.125)],
        "alloy",
        x=x + 0.006 * np.sign(x),
    )
    a.tube(
        "acc_light_lens",
        y + 0.065,
        z,
        [(0, 0), (0.0145, 0), (0.0145, 0.0015), (0, 0.0015)],
        "glass",
        x=x + 0.006 * np.sign(x),
    )


def laser(a: _Acc, y: float, z: float, x: float) -> None:
    """A small laser module with its emitter."""
    a.slab("acc_laser", _box(y - 0.035, y, z - 0.012, z + 0.012), 0.022, "alloy", x=x, bevel=0.002)
    a.tube(
        "acc_laser_lens",
        y - 0.0005,
        z + 0.004,
        [(0, 0), (0.003, 0), (0.003, 0.0015), (0, 0.0015)],
        "glass",
        x=x,
        segments=12,
    )


def foregrip(a: _Acc, y: float, z: float, angled: bool) -> tuple[tuple[float, float, float], str, float]:
    """A vertical (round, tapered) or angled foregrip under the handguard; returns support point, axis, size."""
    if angled:
        pts = [
            (y - 0.045, z),
            (y + 0.03, z),
            (y + 0.035, z - 0.004),
            (y - 0.005, z - 0.04),
            (y - 0.03, z - 0.035),
        ]
        a.slab("acc_foregrip", pts, 0.03, "mag", bevel=0.004)
        return (0.0, y - 0.01, z - 0.012), "y", 0.04
    a.slab("acc_foregrip_mount", _box(y - 0.02, y + 0.02, z - 0.006, z + 0.002), 0.028, "mag", bevel=0.002)
    a.add(
        lathed(
            "acc_foregrip",
            [[0, 0], [0.0145, 0], [0.0165, 0.006], [0.016, 0.07], [0.0135, 0.09], [0, 0.09]],
            "mag",
            segments=20,
            pos=(0.0, round(y, 6), round(z - 0.095, 6)),
        ),
        (-0.0165, y - 0.0165, z - 0.095),
        (0.0165, y + 0.0165, z - 0.005),
    )
    return (0.0, y, z - 0.05), "z", 0.032


def sling(a: _Acc, front, rear, sag: float) -> None:
    """A flat nylon sling hanging between the front and rear sling points on the left side."""
    f, r = np.asarray(front, float), np.asarray(rear, float)
    t = np.linspace(0, 1, 12)
    path = f[None] + (r - f)[None] * t[:, None]
    path[:, 2] -= sag * np.sin(np.pi * t)
    path[:, 0] = -0.028 - 0.01 * np.sin(np.pi * t)
    a.add(
        strap("acc_sling", path, [0.0015, 0.0125], "sling"),
        path.min(axis=0) - 0.013,
        path.max(axis=0) + 0.013,
    )


def attach(k: Kit, d: dict, o: dict, cls: str, rng: np.random.Generator) -> dict:
    """Fit the accessories chosen in ``o`` at the drawing's anchors; returns what changed (muzzle, sight...)."""
    a = _Acc(k)
    out: dict = {"fitted": {}}
    fitted = out["fitted"]
    my, mz = k.y(d["muzzle"][0]), k.z(d["muzzle"][1])
    w = float(d.get("slide_w", d["W"]) * k.sx)
    if o.get("suppressor") and d.get("threaded", True):
        dia = 0.034 if cls == "handgun" else float(rng.uniform(0.036, 0.046))
        ln = float(rng.uniform(0.13, 0.18) if cls == "handgun" else rng.uniform(0.14, 0.2))
        k.parts[:] = [p for p in k.parts if p.name != "bore"]
        front = suppressor(a, my, mz, dia, ln)
        a.tube(
            "bore",
            front - 0.0015,
            mz,
            [(0, 0), (0.0045, 0), (0.0045, 0.0016), (0, 0.0016)],
            "bore",
            segments=16,
        )
        out["muzzle"] = np.array([0.0, front + 0.0001, mz])
        fitted["suppressor"] = True
    top = d.get("top")
    if cls == "handgun":
        if o.get("red_dot") and top:
            out["sight"] = red_dot_pistol(a, k.y(top[0] + 22), k.z(top[2]), w)
            fitted["red_dot"] = True
        rail = d.get("rail")
        if rail and o.get("light"):
            light_pistol(a, k.y(rail[0]), k.y(rail[1]), k.z(rail[2]), w)
            fitted["light"] = True
        elif rail and o.get("laser"):
            laser(a, k.y(rail[1]), k.z(rail[2]) - 0.013, 0.0)
            fitted["laser"] = True
        mag = d.get("mag")
        if mag and o.get("extended_mag"):
            y0, y1, zb = k.y(mag[0]), k.y(mag[1]), k.z(mag[2])
            a.slab(
                "acc_mag_extension",
                [(y0 + 0.002, zb + 0.001), (y1, zb + 0.001), (y1 - 0.01, zb - 0.03), (y0 - 0.006, zb - 0.03)],
                d["W"] * k.sx * 0.85,
                "mag",
                bevel=0.002,
            )
            fitted["extended_mag"] = True
    else:
        if top and o.get("scope"):
            ln = float(rng.uniform(0.28, 0.36))
            out["sight"] = scope(
                a, k.y((top[0] + top[1]) / 2), k.z(top[2]), ln, float(rng.uniform(0.04, 0.056))
            )
            fitted["scope"] = True
        elif top and o.get("red_dot"):
            out["sight"] = red_dot_tube(a, k.y(top[0] + (top[1] - top[0]) * 0.35), k.z(top[2]))
            fitted["red_dot"] = True
        side = d.get("side")
        if side and o.get("light"):
            light_rifle(a, k.y(side[0]), k.z(side[1]), float(side[2] * k.sx))
            fitted["light"] = True
        if side and o.get("laser") and not o.get("light"):
            laser(a, k.y(side[0]), k.z(side[1]), float(side[2] * k.sx) + 0.012)
            fitted["laser"] = True
        rail = d.get("rail")
        if rail and o.get("foregrip"):
            sup, axis, sd = foregrip(
                a, k.y(rail[0] + (rail[1] - rail[0]) * 0.45), k.z(rail[2]), rng.random() < 0.4
            )
            out.update(support=sup, support_axis=axis, support_d=sd)
            fitted["foregrip"] = True
        if o.get("sling") and d.get("sling"):
            f, r = d["sling"]
            sling(a, k.at(*f), k.at(*r), float(rng.uniform(0.06, 0.14)))
            fitted["sling"] = True
        fitted["extended_mag"] = bool(d.get("extended_mag", False))
    if np.isfinite(a.lo).all():
        out["lo"], out["hi"] = a.lo, a.hi
    return out
