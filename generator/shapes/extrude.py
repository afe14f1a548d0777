"""Extrusion of a 2D outline with holes to a thickness, with quarter-round bevelled edges."""

from __future__ import annotations

import mapbox_earcut
import numpy as np

from generator.shapes.mesh import Mesh, outward
from generator.shapes.outline import inset_directions, oriented

# plane -> indices of (u, v, w) in (x, y, z): the outline's two axes and the extrusion axis
PLANES = {"yz": (1, 2, 0), "xy": (0, 1, 2), "xz": (0, 2, 1)}


def _layers(depth: float, bevel: float, segments: int) -> list[tuple[float, float]]:
    """(inset, w) of each vertex layer from the bottom cap's rim to the top cap's rim."""
    h = depth / 2
    if bevel <= 0:
        return [(0.0, -h), (0.0, h)]
    angles = np.linspace(0.0, np.pi / 2, segments + 1)
    top = [(bevel * (1 - np.cos(a)), h - bevel + bevel * np.sin(a)) for a in angles]
    bottom = [(i, -w) for i, w in reversed(top)]
    return bottom + top


def _jittered(pts: np.ndarray) -> np.ndarray:
    """Points moved by a fixed, tiny amount so that no three are exactly collinear: earcut drops collinear
    points (e.g. two holes whose edges line up), which would leave cracks between cap and walls. Only the
    triangulation sees the moved points; the mesh keeps the exact ones."""
    extent = float(np.ptp(pts, axis=0).max()) or 1.0
    k = np.arange(len(pts), dtype=np.float64)
    wobble = np.stack([np.sin(k * 12.9898 + 1.0), np.sin(k * 78.233 + 2.0)], axis=1)
    return pts + wobble * extent * 1e-7


def extrude(
    outline, depth: float, holes=(), bevel: float = 0.0, bevel_segments: int = 2, plane: str = "yz"
) -> Mesh:
    """A closed solid: ``outline`` (K, 2) with ``holes`` cut through, ``depth`` thick centred on 0 along the
    plane's normal, edges rounded with a quarter circle of radius ``bevel``.

    plane "yz": outline in (Y forward, Z up), extruded along X (a side profile); "xy": extruded along Z;
    "xz": outline in (X, Z), extruded along Y.
    """
    if plane not in PLANES:
        raise ValueError(f"plane must be one of {sorted(PLANES)}, got {plane!r}")
    depth = float(depth)
    bevel = float(bevel)
    if depth <= 0:
        raise ValueError(f"depth must be > 0, got {depth}")
    if not 0 <= bevel < depth / 2:
        raise ValueError(f"bevel must be in [0, depth/2), got {bevel} for depth {depth}")
    rings = [oriented(outline, ccw=True)] + [oriented(h, ccw=False) for h in holes]
    layers = _layers(depth, bevel, max(1, int(bevel_segments)))
    nl = len(layers)

    verts2d, wcoord, faces = [], [], []
    rim_top, rim_bottom = [], []
    base = 0
    for ring in rings:
        k = len(ring)
        dirs = inset_directions(ring)
        for inset, w in layers:
            verts2d.append(ring + dirs * inset)
            wcoord.append(np.full(k, w))
        idx = base + np.arange(nl * k).reshape(nl, k)
        nxt = np.roll(idx, -1, axis=1)
        a, b = idx[:-1], nxt[:-1]  # lower layer: i, i+1
        c, d = nxt[1:], idx[1:]  # upper layer: i+1, i
        faces.append(np.stack([a, b, c], axis=-1).reshape(-1, 3))
        faces.append(np.stack([a, c, d], axis=-1).reshape(-1, 3))
        rim_bottom.append(idx[0])
        rim_top.append(idx[-1])
        base += nl * k

    uv = np.concatenate(verts2d)
    w = np.concatenate(wcoord)
    # caps: triangulate the inset rims (outer ring first, then holes) and orient them along -w / +w
    for rims, sign in ((rim_top, 1.0), (rim_bottom, -1.0)):
        ids = np.concatenate(rims)
        ends = np.cumsum([len(r) for r in rims]).astype(np.uint32)
        jit = _jittered(uv[ids])
        tri = mapbox_earcut.triangulate_float64(jit, ends).reshape(-1, 3)
        t = ids[tri]
        p = jit[tri]  # winding judged where earcut worked, so slivers keep their neighbours' orientation
        area = (p[:, 1, 0] - p[:, 0, 0]) * (p[:, 2, 1] - p[:, 0, 1]) - (p[:, 1, 1] - p[:, 0, 1]) * (
            p[:, 2, 0] - p[:, 0, 0]
        )
        flip = (area < 0) if sign > 0 else (area > 0)
        t[flip] = t[flip][:, ::-1]
        faces.append(t)

    iu, iv, iw = PLANES[plane]
    verts = np.zeros((len(uv), 3))
    verts[:, iu], verts[:, iv], verts[:, iw] = uv[:, 0], uv[:, 1], w
    return outward(Mesh(verts, np.concatenate(faces)))
