"""Sweeps: a circle or rounded rectangle carried along a 3D path with varying size (straps, fingers, sleeves)."""

from __future__ import annotations

import numpy as np

from generator.shapes.mesh import Mesh, outward


def section(kind: str, segments: int, corner: float = 0.35) -> np.ndarray:
    """Unit cross-section points (S, 2) in (normal, binormal) units: a circle or a rounded square."""
    if kind == "circle":
        a = 2 * np.pi * np.arange(segments) / segments
        return np.stack([np.cos(a), np.sin(a)], axis=1)
    if kind == "rounded_rect":
        # a superellipse: |x|^e + |y|^e = 1; e from 2 (ellipse) to large (square) as the rounding shrinks
        e = 2.0 + 8.0 * (1.0 - float(np.clip(corner, 0.0, 1.0)))
        a = 2 * np.pi * np.arange(segments) / segments
        c, s = np.cos(a), np.sin(a)
        return np.stack([np.sign(c) * np.abs(c) ** (2 / e), np.sign(s) * np.abs(s) ** (2 / e)], axis=1)
    raise ValueError(f"section must be 'circle' or 'rounded_rect', got {kind!r}")


def frames(path: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tangents, normals and binormals along a polyline by parallel transport (no sudden twists)."""
    k = len(path)
    t = np.gradient(path, axis=0) if k > 2 else np.repeat((path[1] - path[0])[None], k, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    ref = np.array([0.0, 0.0, 1.0]) if abs(t[0, 2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    n = np.zeros_like(t)
    n[0] = np.cross(ref, t[0])
    n[0] /= np.linalg.norm(n[0])
    for i in range(1, k):
        v = n[i - 1] - np.dot(n[i - 1], t[i]) * t[i]  # project the previous normal onto the new plane
        norm = np.linalg.norm(v)
        n[i] = v / norm if norm > 1e-9 else n[i - 1]
    b = np.cross(t, n)
    return t, n, b


def sweep(
    path,
    radius,
    section_kind: str = "circle",
    segments: int = 12,
    corner: float = 0.35,
    caps: str = "round",
    cap_rings: int = 3,
    twist: float = 0.0,
) -> Mesh:
    """A closed tube along ``path`` (K, 3); ``radius`` scalar, (K,) or (K, 2) half-sizes along (normal, binormal).

    caps "round" close each end with a dome (finger tips), "flat" with a disc. ``twist`` turns the section by
    that many radians from start to end.
    """
    path = np.asarray(path, dtype=np.float64).reshape(-1, 3)
    k = len(path)
    if k < 2:
        raise ValueError("a sweep path needs at least 2 points")
    r = np.asarray(radius, dtype=np.float64)
    if r.ndim == 0:
        r = np.full((k, 2), float(r))
    elif r.ndim == 1:
        r = np.stack([r, r], axis=1)
    if r.shape != (k, 2) or np.any(r <= 0):
        raise ValueError(
            "radius must be > 0: a scalar, one per path point, or (half-width, half-height) pairs"
        )
    if caps not in ("round", "flat"):
        raise ValueError(f"caps must be 'round' or 'flat', got {caps!r}")
    sec = section(section_kind, int(segments), corner)
    s = len(sec)
    t, n, b = frames(path)
    if twist:
        ang = np.linspace(0.0, float(twist), k)[:, None]
        n, b = n * np.cos(ang) + b * np.sin(ang), b * np.cos(ang) - n * np.sin(ang)

    def ring(centre, nn, bb, rr):
        return centre + np.outer(sec[:, 0] * rr[0], nn) + np.outer(sec[:, 1] * rr[1], bb)

    rings = [ring(path[i], n[i], b[i], r[i]) for i in range(k)]
    start_pole = end_pole = None
    if caps == "round":
        m = max(1, int(cap_rings))
        start, end = [], []
        for j in range(1, m + 1):
            a = np.pi / 2 * j / (m + 1)
            start.append(ring(path[0] - t[0] * r[0].mean() * np.sin(a), n[0], b[0], r[0] * np.cos(a)))
            end.append(ring(path[-1] + t[-1] * r[-1].mean() * np.sin(a), n[-1], b[-1], r[-1] * np.cos(a)))
        rings = start[::-1] + rings + end
        start_pole = path[0] - t[0] * r[0].mean()
        end_pole = path[-1] + t[-1] * r[-1].mean()
    else:
        start_pole, end_pole = path[0], path[-1]
    verts = np.concatenate(rings + [start_pole[None], end_pole[None]])
    nr = len(rings)
    idx = np.arange(nr * s).reshape(nr, s)
    nxt = np.roll(idx, -1, axis=1)
    a, bq, c, d = idx[:-1], nxt[:-1], nxt[1:], idx[1:]
    faces = [np.stack([a, c, bq], axis=-1).reshape(-1, 3), np.stack([a, d, c], axis=-1).reshape(-1, 3)]
    p0, p1 = nr * s, nr * s + 1
    i = np.arange(s)
    j = (i + 1) % s
    faces.append(np.stack([np.full(s, p0), idx[0, i], idx[0, j]], axis=1))
    faces.append(np.stack([np.full(s, p1), idx[-1, j], idx[-1, i]], axis=1))
    return outward(Mesh(verts, np.concatenate(faces)))
