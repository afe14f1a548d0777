"""Surfaces of revolution: a (radius, z) profile turned about the local Z axis."""

from __future__ import annotations

import numpy as np

from generator.shapes.mesh import Mesh, outward

POLE = 1e-9  # a profile point with a smaller radius becomes a single pole vertex


def lathe(profile, segments: int = 24, closed: bool = False) -> Mesh:
    """Revolve ``profile`` (K, 2) of (radius, z) about +Z with ``segments`` steps.

    Open profiles are capped at both ends (a point on the axis becomes a pole); ``closed=True`` treats the
    profile as a loop (e.g. a tube wall around a bore) and gives a ring-shaped solid.
    """
    p = np.asarray(profile, dtype=np.float64).reshape(-1, 2)
    if len(p) < 2 or np.any(p[:, 0] < 0):
        raise ValueError("a lathe profile needs >= 2 points with radius >= 0")
    n = int(segments)
    if n < 3:
        raise ValueError(f"segments must be >= 3, got {n}")
    ang = 2 * np.pi * np.arange(n) / n
    cos, sin = np.cos(ang), np.sin(ang)
    verts: list[np.ndarray] = []
    rings: list[np.ndarray | int] = []  # vertex ids of each profile point's ring, or a pole's id
    count = 0
    for r, z in p:
        if r <= POLE and not closed:
            verts.append(np.array([[0.0, 0.0, z]]))
            rings.append(count)
            count += 1
        else:
            verts.append(np.stack([r * cos, r * sin, np.full(n, z)], axis=1))
            rings.append(count + np.arange(n))
            count += n
    faces = []
    pairs = list(zip(rings[:-1], rings[1:], strict=True))
    if closed:
        pairs.append((rings[-1], rings[0]))
    for lo, hi in pairs:
        faces.extend(_band(lo, hi, n))
    if not closed:
        for ring, bottom in ((rings[0], True), (rings[-1], False)):
            if isinstance(ring, np.ndarray):  # an open end off the axis: fan to a centre vertex
                z = p[0, 1] if bottom else p[-1, 1]
                verts.append(np.array([[0.0, 0.0, z]]))
                c = count
                count += 1
                faces.extend(_band(c, ring, n) if bottom else _band(ring, c, n))
    return outward(Mesh(np.concatenate(verts), np.array(faces, dtype=np.int64)))


def _band(lo, hi, n: int) -> list[list[int]]:
    """Triangles between two consecutive rings (or a ring and a pole), facing outward for a profile with z rising."""
    out = []
    for i in range(n):
        j = (i + 1) % n
        if isinstance(lo, int | np.integer):
            out.append([lo, hi[j], hi[i]])
        elif isinstance(hi, int | np.integer):
            out.append([lo[i], lo[j], hi])
        else:
            out.append([lo[i], lo[j], hi[j]])
            out.append([lo[i], hi[j], hi[i]])
    return out
