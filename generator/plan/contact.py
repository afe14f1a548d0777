"""Signed distances from points to a closed triangle mesh (numpy): how far a finger is from a held object's surface.

Distance is the exact point-triangle distance (Ericson, *Real-Time Collision Detection*, 5.1.5); the sign comes
from the generalised winding number (Jacobson et al. 2013: inside where the solid angles sum to more than half of
4 pi), which also holds for meshes made of overlapping closed parts.
"""

from __future__ import annotations

import numba
import numpy as np


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("...i,...i->...", a, b)


def closest_distance(points: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """Unsigned distance from each point (N,3) to the nearest of the triangles (M,3,3)."""
    if len(tris) == 0:
        return np.full(len(points), np.inf)
    p = points[:, None, :]
    a, b, c = tris[None, :, 0], tris[None, :, 1], tris[None, :, 2]
    ab, ac, ap = b - a, c - a, p - a
    d1, d2 = _dot(ab, ap), _dot(ac, ap)
    bp = p - b
    d3, d4 = _dot(ab, bp), _dot(ac, bp)
    cp = p - c
    d5, d6 = _dot(ab, cp), _dot(ac, cp)
    va = d3 * d6 - d5 * d4
    vb = d5 * d2 - d1 * d6
    vc = d1 * d4 - d3 * d2
    denom = va + vb + vc
    denom = np.where(np.abs(denom) < 1e-30, 1e-30, denom)
    v = vb / denom
    w = vc / denom
    q = a + ab * v[..., None] + ac * w[..., None]  # interior
    # edge regions
    with np.errstate(divide="ignore", invalid="ignore"):
        t_ab = np.clip(d1 / (d1 - d3), 0, 1)
        t_ac = np.clip(d2 / (d2 - d6), 0, 1)
        t_bc = np.clip((d4 - d3) / ((d4 - d3) + (d5 - d6)), 0, 1)
    e_ab = (vc <= 0) & (d1 >= 0) & (d3 <= 0)
    e_ac = (vb <= 0) & (d2 >= 0) & (d6 <= 0)
    e_bc = (va <= 0) & ((d4 - d3) >= 0) & ((d5 - d6) >= 0)
    q = np.where(e_bc[..., None], b + (c - b) * t_bc[..., None], q)
    q = np.where(e_ac[..., None], a + ac * t_ac[..., None], q)
    q = np.where(e_ab[..., None], a + ab * t_ab[..., None], q)
    # vertex regions
    q = np.where(((d6 >= 0) & (d5 <= d6))[..., None], c, q)
    q = np.where(((d3 >= 0) & (d4 <= d3))[..., None], b, q)
    q = np.where(((d1 <= 0) & (d2 <= 0))[..., None], a, q)
    return np.sqrt(_dot(p - q, p - q).min(axis=1))


def winding_number(points: np.ndarray, tris: np.ndarray) -> np.ndarray:
    """Generalised winding number of each point (1 inside a closed outward mesh, 0 outside)."""
    a = tris[None, :, 0] - points[:, None, :]
    b = tris[None, :, 1] - points[:, None, :]
    c = tris[None, :, 2] - points[:, None, :]
    la, lb, lc = (np.linalg.norm(x, axis=-1) for x in (a, b, c))
    det = _dot(a, np.cross(b, c))
    den = la * lb * lc + _dot(a, b) * lc + _dot(b, c) * la + _dot(c, a) * lb
    return (2.0 * np.arctan2(det, den)).sum(axis=1) / (4.0 * np.pi)


@numba.njit(cache=True, fastmath=False)
def _point_triangle_sq(px, py, pz, a, b, c) -> float:
    """Squared distance from a point to one triangle (Ericson 5.1.5), scalar code for the compiled loop."""
    abx, aby, abz = b[0] - a[0], b[1] - a[1], b[2] - a[2]
    acx, acy, acz = c[0] - a[0], c[1] - a[1], c[2] - a[2]
    apx, apy, apz = px - a[0], py - a[1], pz - a[2]
    d1 = abx * apx + aby * apy + abz * apz
    d2 = acx * apx + acy * apy + acz * apz
    if d1 <= 0.0 and d2 <= 0.0:
        return apx * apx + apy * apy + apz * apz
    bpx, bpy, bpz = px - b[0], py - b[1], pz - b[2]
    d3 = abx * bpx + aby * bpy + abz * bpz
    d4 = acx * bpx + acy * bpy + acz * bpz
    if d3 >= 0.0 and d4 <= d3:
        return bpx * bpx + bpy * bpy + bpz * bpz
    vc = d1 * d4 - d3 * d2
    if vc <= 0.0 and d1 >= 0.0 and d3 <= 0.0:
        t = d1 / (d1 - d3)
        qx, qy, qz = a[0] + t * abx - px, a[1] + t * aby - py, a[2] + t * abz - pz
        return qx * qx + qy * qy + qz * qz
    cpx, cpy, cpz = px - c[0], py - c[1], pz - c[2]
    d5 = abx * cpx + aby * cpy + abz * cpz
    d6 = acx * cpx + acy * cpy + acz * cpz
    if d6 >= 0.0 and d5 <= d6:
        return cpx * cpx + cpy * cpy + cpz * cpz
    vb = d5 * d2 - d1 * d6
    if vb <= 0.0 and d2 >= 0.0 and d6 <= 0.0:
        t = d2 / (d2 - d6)
        qx, qy, qz = a[0] + t * acx - px, a[1] + t * acy - py, a[2] + t * acz - pz
        return qx * qx + qy * qy + qz * qz
    va = d3 * d6 - d5 * d4
    if va <= 0.0 and (d4 - d3) >= 0.0 and (d5 - d6) >= 0.0:
        t = (d4 - d3) / ((d4 - d3) + (d5 - d6))
        qx = b[0] + t * (c[0] - b[0]) - px
        qy = b[1] + t * (c[1] - b[1]) - py
        qz = b[2] + t * (c[2] - b[2]) - pz
        return qx * qx + qy * qy + qz * qz
    denom = va + vb + vc
    if abs(denom) < 1e-30:
        denom = 1e-30
    v = vb / denom
    w = vc / denom
    qx = a[0] + abx * v + acx * w - px
    qy = a[1] + aby * v + acy * w - py
    qz = a[2] + abz * v + acz * w - pz
    return qx * qx + qy * qy + qz * qz


@numba.njit(cache=True, parallel=False)
def _signed_compiled(points: np.ndarray, tris: np.ndarray, wind_tris: np.ndarray) -> np.ndarray:
    """Signed distances (negative inside): the same maths as ``closest_distance`` and ``winding_number``."""
    n = points.shape[0]
    out = np.empty(n)
    for i in range(n):
        px, py, pz = points[i, 0], points[i, 1], points[i, 2]
        best = np.inf
        for t in range(tris.shape[0]):
            d = _point_triangle_sq(px, py, pz, tris[t, 0], tris[t, 1], tris[t, 2])
            if d < best:
                best = d
        total = 0.0
        for t in range(wind_tris.shape[0]):
            ax, ay, az = wind_tris[t, 0, 0] - px, wind_tris[t, 0, 1] - py, wind_tris[t, 0, 2] - pz
            bx, by, bz = wind_tris[t, 1, 0] - px, wind_tris[t, 1, 1] - py, wind_tris[t, 1, 2] - pz
            cx, cy, cz = wind_tris[t, 2, 0] - px, wind_tris[t, 2, 1] - py, wind_tris[t, 2, 2] - pz
            la = np.sqrt(ax * ax + ay * ay + az * az)
            lb = np.sqrt(bx * bx + by * by + bz * bz)
            lc = np.sqrt(cx * cx + cy * cy + cz * cz)
            det = ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx)
            den = la * lb * lc + (ax * bx + ay * by + az * bz) * lc + (bx * cx + by * cy + bz * cz) * la
            den += (cx * ax + cy * ay + cz * az) * lb
            total += 2.0 * np.arctan2(det, den)
        d = np.sqrt(best)
        out[i] = -d if total / (4.0 * np.pi) > 0.5 else d
    return out


class MeshDistance:
    """Signed distance to a triangle mesh (negative inside), for points near ``centre`` (triangles farther than
    ``radius`` are dropped for speed, which only matters for points outside that ball)."""

    def __init__(self, verts: np.ndarray, faces: np.ndarray, centre=None, radius: float = np.inf,
                 components: np.ndarray | None = None):
        """``components``: per-triangle index of the closed part it belongs to; whole parts farther than
        ``radius`` from ``centre`` are dropped (exact: a closed part adds nothing to the winding number of a
        point outside it)."""
        tris = np.asarray(verts, dtype=float)[np.asarray(faces)]
        if centre is not None and np.isfinite(radius):
            c = np.asarray(centre, dtype=float)
            comp = np.zeros(len(tris), int) if components is None else np.asarray(components)
            keep = np.zeros(len(tris), bool)
            for k in np.unique(comp):
                sel = comp == k
                lo, hi = tris[sel].min(axis=(0, 1)), tris[sel].max(axis=(0, 1))
                if np.linalg.norm(np.maximum(0.0, np.maximum(lo - c, c - hi))) < radius:
                    keep |= sel
            tris = tris[keep]
        self.tris = tris
        self.all_tris = tris

    def __call__(self, points: np.ndarray) -> np.ndarray:
        """Signed distances of points (N,3): compiled loops (the numpy functions above are the reference)."""
        pts = np.ascontiguousarray(np.asarray(points, dtype=np.float64).reshape(-1, 3))
        if len(self.tris) == 0:
            return np.full(len(pts), np.inf)
        return _signed_compiled(pts, np.ascontiguousarray(self.tris), np.ascontiguousarray(self.all_tris))


@numba.njit(cache=True)
def _signed_nearest(points: np.ndarray, tris: np.ndarray, normals: np.ndarray, comp: np.ndarray,
                    comp_lo: np.ndarray, comp_hi: np.ndarray, centres: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Signed distances (negative inside) to triangles grouped by closed part (``comp``, ascending): the distance
    to the nearest triangle of all, inside when inside any part whose box holds the point, a part's side from
    its nearest triangle (of triangles equally near, the one facing the point most squarely: right at edges and
    corners of one closed surface)."""
    n = points.shape[0]
    out = np.empty(n)
    for i in range(n):
        px, py, pz = points[i, 0], points[i, 1], points[i, 2]
        best_all = np.inf
        inside = False
        t = 0
        while t < tris.shape[0]:
            c = comp[t]
            holds = (comp_lo[c, 0] <= px <= comp_hi[c, 0] and comp_lo[c, 1] <= py <= comp_hi[c, 1]
                     and comp_lo[c, 2] <= pz <= comp_hi[c, 2])
            best = np.inf
            best_cos = -1.0
            sign = 1.0
            while t < tris.shape[0] and comp[t] == c:
                cx, cy, cz = centres[t, 0] - px, centres[t, 1] - py, centres[t, 2] - pz
                lower = np.sqrt(cx * cx + cy * cy + cz * cz) - radii[t]  # no nearer than its bounding sphere
                if lower > 0.0 and lower * lower > (best if holds else best_all):
                    t += 1
                    continue
                d2 = _point_triangle_sq(px, py, pz, tris[t, 0], tris[t, 1], tris[t, 2])
                if d2 < best_all:
                    best_all = d2
                if holds and d2 <= best * (1.0 + 1e-6) + 1e-14:
                    a = tris[t, 0]
                    plane = (px - a[0]) * normals[t, 0] + (py - a[1]) * normals[t, 1] + (pz - a[2]) * normals[t, 2]
                    cos = abs(plane) / max(np.sqrt(d2), 1e-12)
                    if d2 < best * (1.0 - 1e-6) - 1e-14 or cos > best_cos:
                        best_cos = cos
                        sign = 1.0 if plane >= 0.0 else -1.0
                    if d2 < best:
                        best = d2
                t += 1
            if holds and sign < 0.0:
                inside = True
        d = np.sqrt(best_all)
        out[i] = -d if inside else d
    return out


class NearDistance:
    """A fast signed distance for solving grips: only the triangles near the query points (within ``margin`` of
    their bounding box; farther points read as ``margin`` away, outside), the sign from each closed part's
    nearest triangle (hands are checked against ``MeshDistance``)."""

    def __init__(self, verts: np.ndarray, faces: np.ndarray, components: np.ndarray | None = None,
                 margin: float = 0.03, near=None):
        """``components``: the closed part of each triangle; ``near``: (centres (K,3), radii (K,)) of the
        regions queried (triangles outside all of them are dropped once here)."""
        tris = np.asarray(verts, dtype=float)[np.asarray(faces)]
        comp = np.zeros(len(tris), np.int64) if components is None else np.asarray(components, dtype=np.int64)
        _, comp = np.unique(comp, return_inverse=True)
        self.comp_lo = np.array([tris[comp == k].min(axis=(0, 1)) for k in range(comp.max() + 1)])
        self.comp_hi = np.array([tris[comp == k].max(axis=(0, 1)) for k in range(comp.max() + 1)])
        keep = np.ones(len(tris), bool)
        if near is not None:
            c, r = np.asarray(near[0], dtype=float).reshape(-1, 3), np.asarray(near[1], dtype=float).reshape(-1)
            lo, hi = tris.min(axis=1), tris.max(axis=1)
            gap = np.linalg.norm(np.maximum(0.0, np.maximum(lo[:, None] - c[None], c[None] - hi[:, None])), axis=2)
            keep = (gap < r[None]).any(axis=1)
        nrm = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
        ln = np.linalg.norm(nrm, axis=1)
        keep &= ln > 1e-14
        order = np.argsort(comp[keep], kind="stable")
        self.tris = np.ascontiguousarray(tris[keep][order])
        self.normals = np.ascontiguousarray((nrm[keep] / ln[keep, None])[order])
        self.comp = np.ascontiguousarray(comp[keep][order])
        self.lo, self.hi = self.tris.min(axis=1), self.tris.max(axis=1)
        self.centres = np.ascontiguousarray(self.tris.mean(axis=1))
        self.radii = np.linalg.norm(self.tris - self.centres[:, None], axis=2).max(axis=1)
        self.margin = margin

    def __call__(self, points: np.ndarray) -> np.ndarray:
        pts = np.ascontiguousarray(np.asarray(points, dtype=np.float64).reshape(-1, 3))
        lo, hi = pts.min(axis=0) - self.margin, pts.max(axis=0) + self.margin
        sel = np.flatnonzero(np.all((self.hi >= lo) & (self.lo <= hi), axis=1))
        if len(sel) == 0:
            return np.full(len(pts), self.margin)
        d = _signed_nearest(pts, self.tris[sel], self.normals[sel], self.comp[sel], self.comp_lo, self.comp_hi,
                            self.centres[sel], self.radii[sel])
        return np.minimum(d, self.margin)
