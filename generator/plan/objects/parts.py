"""Small builders for model parts (boxes and cylinders along an axis) and model-frame geometry helpers."""

from __future__ import annotations

import numpy as np

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


def part_corners(p: Part) -> np.ndarray:
    """Model-frame corners of a part's bounding box (8, 3): a box's corners, a cylinder's enclosing box."""
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
