"""2D outlines: orientation, rounded corners, smooth curves through control points, inward offsets."""

from __future__ import annotations

import numpy as np


def clean(points) -> np.ndarray:
    """(K, 2) float array without a repeated closing point or consecutive duplicates."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    keep = np.ones(len(p), dtype=bool)
    keep[1:] = np.any(np.abs(np.diff(p, axis=0)) > 1e-12, axis=1)
    p = p[keep]
    if len(p) > 1 and np.allclose(p[0], p[-1]):
        p = p[:-1]
    if len(p) < 3:
        raise ValueError(f"an outline needs at least 3 distinct points, got {len(p)}")
    return p


def signed_area(points) -> float:
    """Shoelace area: positive for counter-clockwise outlines."""
    p = np.asarray(points, dtype=np.float64)
    x, y = p[:, 0], p[:, 1]
    return float(0.5 * (np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def oriented(points, ccw: bool) -> np.ndarray:
    """The outline in the asked winding."""
    p = clean(points)
    return p if (signed_area(p) > 0) == ccw else p[::-1].copy()


def rounded_outline(points, radius, segments: int = 4) -> np.ndarray:
    """Fillet every corner of a closed polygon with an arc (``radius`` scalar or one per corner; 0 keeps it)."""
    p = clean(points)
    n = len(p)
    radii = np.broadcast_to(np.asarray(radius, dtype=float), (n,))
    out = []
    for i in range(n):
        prev, cur, nxt = p[i - 1], p[i], p[(i + 1) % n]
        a, b = prev - cur, nxt - cur
        la, lb = np.linalg.norm(a), np.linalg.norm(b)
        cos_t = np.clip(np.dot(a, b) / (la * lb), -1.0, 1.0)
        theta = np.arccos(cos_t)  # interior angle at the corner
        r = radii[i]
        if r <= 0 or theta > np.pi - 1e-3 or theta < 1e-3:
            out.append(cur)
            continue
        d = min(r / np.tan(theta / 2), 0.49 * la, 0.49 * lb)  # tangent distance, kept inside both edges
        r_eff = d * np.tan(theta / 2)
        ua, ub = a / la, b / lb
        t0, t1 = cur + ua * d, cur + ub * d
        bis = ua + ub
        centre = cur + bis / np.linalg.norm(bis) * (r_eff / np.sin(theta / 2))
        a0 = np.arctan2(*(t0 - centre)[::-1])
        a1 = np.arctan2(*(t1 - centre)[::-1])
        sweep = (a1 - a0 + np.pi) % (2 * np.pi) - np.pi  # the short way round
        for k in range(segments + 1):
            ang = a0 + sweep * k / segments
            out.append(centre + r_eff * np.array([np.cos(ang), np.sin(ang)]))
    return clean(np.array(out))


def spline_outline(points, samples: int = 6, closed: bool = True) -> np.ndarray:
    """A centripetal Catmull-Rom curve through control points (``samples`` points per span)."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if closed:
        ext = np.concatenate([p[-1:], p, p[:2]])
        spans = len(p)
    else:
        ext = np.concatenate([2 * p[:1] - p[1:2], p, 2 * p[-1:] - p[-2:-1]])
        spans = len(p) - 1
    out = []
    for i in range(spans):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-9) ** 0.5
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-9) ** 0.5
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-9) ** 0.5
        for t in np.linspace(t1, t2, samples, endpoint=False):
            a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
            a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
            a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
            b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
            b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
            out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    if not closed:
        out.append(p[-1])
    return np.array(out)


def inset_directions(ring: np.ndarray, max_miter: float = 3.0) -> np.ndarray:
    """Per-vertex offset vectors that move a ring's edges one unit to their left (into the material for a
    counter-clockwise outer ring or a clockwise hole); miters are clamped at sharp corners."""
    d_next = np.roll(ring, -1, axis=0) - ring
    d_next /= np.linalg.norm(d_next, axis=1, keepdims=True)
    left = np.stack([-d_next[:, 1], d_next[:, 0]], axis=1)  # left normal of edge i -> i+1
    left_prev = np.roll(left, 1, axis=0)
    bis = left + left_prev
    norm = np.linalg.norm(bis, axis=1, keepdims=True)
    bis = np.where(norm > 1e-9, bis / np.maximum(norm, 1e-12), left)
    cos_half = np.clip(np.einsum("ij,ij->i", bis, left), 1.0 / max_miter, 1.0)
    return bis / cos_half[:, None]
