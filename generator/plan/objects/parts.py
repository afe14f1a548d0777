"""Small builders for model parts (primitives, extrusions, lathes, sweeps) and model-frame geometry helpers."""

from __future__ import annotations

import numpy as np

from generator import shapes
from generator.plan.geometry import euler_to_matrix, hsv_to_linear, matrix_to_euler, r3
from generator.plan.model import Material, Part

CYL_ALONG_Y = (-np.pi / 2, 0.0, 0.0)  # turns a cylinder's local +Z onto +Y
CYL_ALONG_X = (0.0, np.pi / 2, 0.0)  # turns a cylinder's local +Z onto +X
ORANGE = (1.0, 0.22, 0.0)  # linear RGB of blaze orange (replica tips)


def box(name: str, size, pos, material: str, rot=(0.0, 0.0, 0.0)) -> Part:
    """A box with full extents ``size`` centred at ``pos``."""
    return Part(shape="box", size=r3(size), pos=r3(pos), rot=r3(rot), material=material, name=name)


def cyl_y(
    name: str, diameter: float, length: float, y0: float, z: float, material: str, x: float = 0.0
) -> Part:
    """A cylinder along +Y from ``y0`` to ``y0 + length`` at height ``z``."""
    d = float(diameter)
    return Part(
        shape="cylinder",
        size=r3((d, d, length)),
        pos=r3((x, y0 + length / 2, z)),
        rot=CYL_ALONG_Y,
        material=material,
        name=name,
    )


def cyl_z(
    name: str, diameter: float, length: float, z0: float, material: str, x: float = 0.0, y: float = 0.0
) -> Part:
    """A cylinder along +Z from ``z0`` to ``z0 + length``."""
    d = float(diameter)
    return Part(
        shape="cylinder",
        size=r3((d, d, length)),
        pos=r3((x, y, z0 + length / 2)),
        material=material,
        name=name,
    )


def _plain(v):
    """Numpy arrays and tuples as nested lists of floats (plan.json stays plain data)."""
    if isinstance(v, np.ndarray | list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, np.floating | float):
        return round(float(v), 6)
    if isinstance(v, np.integer):
        return int(v)
    return v


def builder_part(
    name: str,
    shape: str,
    material: str,
    geom: dict,
    pos=(0.0, 0.0, 0.0),
    rot=(0.0, 0.0, 0.0),
    scale=(1.0, 1.0, 1.0),
) -> Part:
    """A part made by a ``generator.shapes`` builder from plain parameters."""
    return Part(
        shape=shape,
        geom={k: _plain(v) for k, v in geom.items()},
        size=r3(scale),
        pos=r3(pos),
        rot=r3(rot),
        material=material,
        name=name,
    )


def extruded(
    name: str,
    outline,
    depth: float,
    material: str,
    holes=(),
    bevel: float = 0.0,
    bevel_segments: int = 2,
    plane: str = "yz",
    pos=(0.0, 0.0, 0.0),
    rot=(0.0, 0.0, 0.0),
) -> Part:
    """An outline (side profile in Y-Z by default) with holes, extruded ``depth`` thick with bevelled edges."""
    geom = {
        "outline": outline,
        "depth": depth,
        "holes": list(holes),
        "bevel": bevel,
        "bevel_segments": bevel_segments,
        "plane": plane,
    }
    return builder_part(name, "extrude", material, geom, pos, rot)


def lathed(
    name: str,
    profile,
    material: str,
    segments: int = 24,
    closed: bool = False,
    pos=(0.0, 0.0, 0.0),
    rot=(0.0, 0.0, 0.0),
) -> Part:
    """A (radius, z) profile revolved about the part's local Z (use ``CYL_ALONG_Y`` for a barrel along +Y)."""
    return builder_part(
        name, "lathe", material, {"profile": profile, "segments": segments, "closed": closed}, pos, rot
    )


def swept(
    name: str,
    path,
    radius,
    material: str,
    section: str = "circle",
    segments: int = 12,
    caps: str = "round",
    pos=(0.0, 0.0, 0.0),
    rot=(0.0, 0.0, 0.0),
    **kw,
) -> Part:
    """A circle or rounded rectangle swept along a 3D path with per-point radius."""
    geom = {"path": path, "radius": radius, "section": section, "segments": segments, "caps": caps, **kw}
    return builder_part(name, "sweep", material, geom, pos, rot)


def rounded(name: str, size, pos, material: str, radius: float = 0.002, rot=(0.0, 0.0, 0.0)) -> Part:
    """A box of full extents ``size`` with rounded edges (nothing real has perfectly sharp box edges)."""
    return builder_part(name, "rounded_box", material, {"size": size, "radius": radius}, pos, rot)


_PRIMITIVE_MESHES: dict[str, shapes.Mesh] = {}


def _primitive_mesh(shape: str) -> shapes.Mesh:
    """Unit primitives as the renderer builds them (box, 16-sided cylinder, 16x8 sphere), centred at 0."""
    if shape not in _PRIMITIVE_MESHES:
        if shape == "box":
            v = np.array([[i, j, k] for i in (-0.5, 0.5) for j in (-0.5, 0.5) for k in (-0.5, 0.5)])
            f = [
                [0, 1, 3],
                [0, 3, 2],
                [4, 6, 7],
                [4, 7, 5],
                [0, 4, 5],
                [0, 5, 1],
                [2, 3, 7],
                [2, 7, 6],
                [0, 2, 6],
                [0, 6, 4],
                [1, 5, 7],
                [1, 7, 3],
            ]
            m = shapes.outward(shapes.Mesh(v, f))
        elif shape == "cylinder":
            m = shapes.lathe([[0.5, -0.5], [0.5, 0.5]], segments=16)
        else:
            ang = np.linspace(0, np.pi, 9)
            m = shapes.lathe(np.stack([0.5 * np.sin(ang), -0.5 * np.cos(ang)], axis=1), segments=16)
        _PRIMITIVE_MESHES[shape] = m
    return _PRIMITIVE_MESHES[shape]


def local_mesh(p: Part) -> shapes.Mesh:
    """A part's mesh in its own frame (before ``rot`` and ``pos``), size or scale applied."""
    if p.geom is None:
        return _primitive_mesh(p.shape).transformed(scale=p.size)
    return shapes.build(p.shape, p.geom).transformed(scale=p.size)


def part_mesh(p: Part) -> shapes.Mesh:
    """A part's mesh in the model frame: the arrays the renderer uploads for builder parts."""
    return local_mesh(p).transformed(pos=p.pos, rot=p.rot)


def part_corners(p: Part) -> np.ndarray:
    """Model-frame points enclosing a part: a primitive's bounding-box corners (8, 3), a builder's vertices."""
    if p.geom is not None:
        return part_mesh(p).verts
    s = np.asarray(p.size) / 2
    signs = np.array([[i, j, k] for i in (-1, 1) for j in (-1, 1) for k in (-1, 1)], dtype=float)
    return (signs * s) @ euler_to_matrix(p.rot).T + np.asarray(p.pos)


def bounds(parts: list[Part]) -> tuple[np.ndarray, np.ndarray]:
    """Axis-aligned bounds (min, max) of parts in the model frame."""
    pts = np.concatenate([part_corners(p) for p in parts])
    return pts.min(axis=0), pts.max(axis=0)


def length_y(parts: list[Part]) -> float:
    """Overall length along +Y (the forward axis) in metres."""
    lo, hi = bounds(parts)
    return float(hi[1] - lo[1])


def transform_parts(parts: list[Part], rot, offset=(0.0, 0.0, 0.0)) -> list[Part]:
    """Parts rotated by an XYZ Euler ``rot`` about the origin, then moved by ``offset``."""
    m = euler_to_matrix(rot)
    out = []
    for p in parts:
        pos = m @ np.asarray(p.pos) + np.asarray(offset)
        out.append(
            p.model_copy(update={"pos": r3(pos), "rot": r3(matrix_to_euler(m @ euler_to_matrix(p.rot)))})
        )
    return out


def plastic(rng: np.random.Generator, value=(0.05, 0.9), sat=(0.0, 0.6)) -> Material:
    """A plastic of random colour."""
    return Material(
        color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(*sat), rng.uniform(*value)),
        roughness=float(rng.uniform(0.3, 0.7)),
    )


def dark(rng: np.random.Generator, roughness=(0.4, 0.8)) -> Material:
    """A near-black polymer or rubber."""
    return Material(
        color=hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.15), rng.uniform(0.03, 0.14)),
        roughness=float(rng.uniform(*roughness)),
    )
