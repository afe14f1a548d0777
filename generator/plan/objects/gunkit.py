"""Drawing kit of the profile-modelled firearms: side outlines in design millimetres become builder parts.

A family draws its side profile in a design frame (millimetres, ``y`` forward from the rear, ``z`` up from the
bottom) and the kit turns each outline into an extruded, bevelled part (plane "yz") or each (radius, y) profile
into a lathed part along +Y, in the model frame: metres, origin at the grip point, scaled per axis so the model
has its reference size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from generator import shapes
from generator.plan.model import Part
from generator.plan.objects.parts import extruded, lathed, part_mesh, swept

ALONG_Y = (-np.pi / 2, 0.0, 0.0)  # lathe axis (local +Z) onto +Y


def _pts(points) -> np.ndarray:
    return np.asarray(points, dtype=float).reshape(-1, 2)


def fillet(points, radius: float, segments: int = 3) -> np.ndarray:
    """Round every corner of a closed polygon by up to ``radius`` (clamped to a third of the shorter edge)."""
    p = _pts(points)
    if radius <= 0:
        return p
    prev, nxt = np.roll(p, 1, axis=0), np.roll(p, -1, axis=0)
    u, v = prev - p, nxt - p
    lu, lv = np.linalg.norm(u, axis=1), np.linalg.norm(v, axis=1)
    ok = (lu > 1e-9) & (lv > 1e-9)
    p, u, v, lu, lv = p[ok], u[ok], v[ok], lu[ok], lv[ok]
    u, v = u / lu[:, None], v / lv[:, None]
    cosang = np.clip(np.einsum("ij,ij->i", u, v), -1, 1)
    half = np.arccos(cosang) / 2
    t = np.minimum(np.minimum(radius / np.maximum(np.tan(half), 1e-9), lu / 3), lv / 3)
    t = np.where(cosang < -0.985, 0.0, t)  # straight through: keep the point
    p0, p1 = p + u * t[:, None], p + v * t[:, None]
    s = np.linspace(0, 1, segments + 2)[None, :, None]
    arcs = (1 - s) ** 2 * p0[:, None] + 2 * (1 - s) * s * p[:, None] + s**2 * p1[:, None]
    arcs = np.where((t > 0)[:, None, None], arcs, p[:, None])
    out = arcs.reshape(-1, 2)
    keep = np.ones(len(out), bool)
    keep[1:] = np.any(np.abs(np.diff(out, axis=0)) > 1e-12, axis=1)
    return out[keep]


def circle(cy: float, cz: float, r: float, n: int = 16) -> np.ndarray:
    """A circle outline (for holes and round details)."""
    a = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.stack([cy + r * np.cos(a), cz + r * np.sin(a)], axis=1)


def closed_extrusion(
    name: str,
    outline,
    depth: float,
    material: str,
    holes=(),
    bevel: float = 0.0,
    plane: str = "yz",
    pos=(0.0, 0.0, 0.0),
    check: bool = True,
) -> Part:
    """An extruded part whose bevel is halved until its mesh is closed (a bevel wider than a fillet folds)."""
    for _ in range(4):
        part = extruded(
            name,
            outline,
            round(depth, 6),
            material,
            holes=holes,
            bevel=round(bevel, 6),
            bevel_segments=2,
            plane=plane,
            pos=pos,
        )
        if bevel <= 0 or not check or shapes.is_closed(part_mesh(part)):
            return part.model_copy(update={"smooth": False})
        bevel *= 0.5
    part = extruded(name, outline, round(depth, 6), material, holes=holes, plane=plane, pos=pos)
    return part.model_copy(update={"smooth": False})


@dataclass
class Kit:
    """Design-millimetre to model-metre mapping of one firearm, and the parts drawn so far."""

    sy: float  # metres per design mm along Y (length)
    sz: float  # metres per design mm along Z (height)
    sx: float  # metres per design mm along X (width)
    gy: float  # grip point in design mm
    gz: float
    parts: list[Part] = field(default_factory=list)
    round_mm: float = 1.2  # default corner fillet of outlines
    check: bool = True  # check each extrusion's mesh is closed (off for the sizing probe)
    lo: np.ndarray = field(default_factory=lambda: np.full(3, np.inf))  # model-frame bounds of the body
    hi: np.ndarray = field(default_factory=lambda: np.full(3, -np.inf))

    def track(self, lo, hi) -> None:
        """Grow the body bounds (metres, model frame) by a box."""
        self.lo = np.minimum(self.lo, lo)
        self.hi = np.maximum(self.hi, hi)

    def y(self, v: float) -> float:
        return (v - self.gy) * self.sy

    def z(self, v: float) -> float:
        return (v - self.gz) * self.sz

    def at(self, y: float, z: float, x: float = 0.0) -> tuple[float, float, float]:
        """A model-frame point from design millimetres."""
        return (x * self.sx, self.y(y), self.z(z))

    def outline(self, points, round_mm: float | None = None) -> list[list[float]]:
        r = self.round_mm if round_mm is None else round_mm
        p = fillet(points, r) if r > 0 else _pts(points)
        m = np.stack([(p[:, 0] - self.gy) * self.sy, (p[:, 1] - self.gz) * self.sz], axis=1)
        return np.round(m, 6).tolist()

    def slab(
        self,
        name: str,
        points,
        width_mm: float,
        material: str,
        x_mm: float = 0.0,
        holes=(),
        bevel_mm: float | None = None,
        round_mm: float | None = None,
    ) -> Part:
        """An outline extruded ``width_mm`` wide (X), centred at ``x_mm``, edges bevelled."""
        depth = width_mm * self.sx
        bevel_mm = min(1.2, width_mm * 0.3) if bevel_mm is None else bevel_mm
        r = max(self.round_mm if round_mm is None else round_mm, bevel_mm * 1.1)
        bevel = min(bevel_mm * self.sx, depth * 0.45)
        outline = self.outline(points, r)
        part = closed_extrusion(
            name,
            outline,
            depth,
            material,
            holes=[self.outline(h, 0.0 if len(_pts(h)) > 8 else r) for h in holes],
            bevel=bevel,
            pos=(x_mm * self.sx, 0.0, 0.0),
            check=self.check and bevel_mm > 0.3,  # hair-thin bevels (grooves, slots) cannot fold
        )
        o = np.asarray(outline)
        x = x_mm * self.sx
        self.track(
            (x - depth / 2, o[:, 0].min(), o[:, 1].min()), (x + depth / 2, o[:, 0].max(), o[:, 1].max())
        )
        self.parts.append(part)
        return part

    def tube(
        self,
        name: str,
        y0: float,
        profile,
        z: float,
        material: str,
        x_mm: float = 0.0,
        segments: int = 20,
        wide: bool = False,
    ) -> Part:
        """A round part along +Y from design ``y0``: ``profile`` is [(radius_mm, dy_mm), ...]; the radius scales
        like heights (``wide``: like widths, for parts that set the width, e.g. a revolver's cylinder)."""
        rs = self.sx if wide else self.sz
        prof = [[round(r * rs, 6), round(dy * self.sy, 6)] for r, dy in profile]
        part = lathed(name, prof, material, segments=segments, pos=self.at(y0, z, x_mm), rot=ALONG_Y)
        p = np.asarray(prof)
        c = np.asarray(self.at(y0, z, x_mm))
        r = p[:, 0].max()
        self.track(c + (-r, p[:, 1].min(), -r), c + (r, p[:, 1].max(), r))
        self.parts.append(part)
        return part

    def add(self, part: Part) -> Part:
        self.parts.append(part)
        return part


def tube_m(
    name: str, y0: float, z: float, profile, material: str, x: float = 0.0, segments: int = 20
) -> Part:
    """A lathed part along +Y in model metres: ``profile`` [(radius, dy), ...] from ``y0``."""
    prof = [[round(float(r), 6), round(float(d), 6)] for r, d in profile]
    return lathed(name, prof, material, segments=segments, pos=(x, y0, z), rot=ALONG_Y)


def slab_m(
    name: str, points, depth: float, material: str, x: float = 0.0, bevel: float = 0.001, holes=()
) -> Part:
    """A side outline in model metres (y, z) extruded ``depth`` along X."""
    return closed_extrusion(
        name,
        np.round(_pts(points), 6).tolist(),
        depth,
        material,
        holes=[np.round(_pts(h), 6).tolist() for h in holes],
        bevel=min(bevel, depth * 0.45),
        pos=(x, 0.0, 0.0),
    )


def strap(name: str, path, radius, material: str, flat: bool = True) -> Part:
    """A sling or cord swept along a model-metre path."""
    path = np.round(np.asarray(path, dtype=float), 6)
    rad = np.asarray(radius, dtype=float)
    if flat and rad.shape == (2,):
        rad = np.tile(rad, (len(path), 1))
    return swept(
        name,
        path.tolist(),
        rad.tolist(),
        material,
        section="rounded_rect" if flat else "circle",
        segments=8,
        caps="flat" if flat else "round",
    )
