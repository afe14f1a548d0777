"""Shared numpy math, the one copy: rotations (XYZ Euler, Blender's convention: R = Rz @ Ry @ Rx) and colours.

Below every package (imports only numpy), so planner, motion, labels and augmentation use the same functions.
"""

from __future__ import annotations

import numpy as np


def euler_to_matrix(euler) -> np.ndarray:
    """3x3 rotation of an XYZ Euler triple (radians)."""
    x, y, z = (float(a) for a in euler)
    cx, sx, cy, sy, cz, sz = np.cos(x), np.sin(x), np.cos(y), np.sin(y), np.cos(z), np.sin(z)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


def matrix_to_euler(m: np.ndarray) -> tuple[float, float, float]:
    """XYZ Euler triple of a 3x3 rotation (inverse of ``euler_to_matrix`` away from gimbal lock)."""
    sy = -m[2, 0]
    y = float(np.arcsin(np.clip(sy, -1.0, 1.0)))
    if abs(sy) < 0.999999:
        x = float(np.arctan2(m[2, 1], m[2, 2]))
        z = float(np.arctan2(m[1, 0], m[0, 0]))
    else:
        x = float(np.arctan2(-m[1, 2], m[1, 1]))
        z = 0.0
    return (x, y, z)


def align_z(direction) -> tuple[float, float, float]:
    """Euler rotation that turns local +Z onto ``direction`` (for cylinders along a limb)."""
    d = np.asarray(direction, dtype=float)
    d = d / np.linalg.norm(d)
    ref = np.array([1.0, 0.0, 0.0]) if abs(d[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    x = np.cross(ref, d)
    x /= np.linalg.norm(x)
    y = np.cross(d, x)
    return matrix_to_euler(np.stack([x, y, d], axis=1))


def pose_matrix(pos, rot) -> np.ndarray:
    """4x4 transform of a position and XYZ Euler rotation."""
    m = np.eye(4)
    m[:3, :3] = euler_to_matrix(rot)
    m[:3, 3] = np.asarray(pos, dtype=float)
    return m


def srgb_to_linear_array(x: np.ndarray) -> np.ndarray:
    """sRGB values (0..1, any shape, dtype kept) to linear (the IEC 61966-2-1 curve)."""
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def srgb_to_linear(c) -> tuple[float, float, float]:
    """Convert an sRGB colour (0..1) to the scene-linear values Blender's base colour expects."""
    lin = srgb_to_linear_array(np.asarray(c, dtype=float))
    return tuple(float(round(v, 6)) for v in lin)


def hsv_to_linear(h: float, s: float, v: float) -> tuple[float, float, float]:
    """An sRGB hue/saturation/value colour as scene-linear RGB."""
    import colorsys

    return srgb_to_linear(colorsys.hsv_to_rgb(h % 1.0, s, v))


def kelvin_to_rgb(kelvin: float) -> tuple[float, float, float]:
    """Approximate linear RGB of a black body at ``kelvin`` (normalised to max 1)."""
    t = kelvin / 100.0
    r = 255.0 if t <= 66 else 329.698727446 * (t - 60) ** -0.1332047592
    g = 99.4708025861 * np.log(t) - 161.1195681661 if t <= 66 else 288.1221695283 * (t - 60) ** -0.0755148492
    b = 255.0 if t >= 66 else (0.0 if t <= 19 else 138.5177312231 * np.log(t - 10) - 305.0447927307)
    rgb = np.clip(np.array([r, g, b]) / 255.0, 0, 1)
    lin = np.asarray(srgb_to_linear(rgb))
    return tuple(float(round(v, 6)) for v in lin / lin.max())


def r3(v) -> tuple[float, float, float]:
    """A 3-vector as a tuple of rounded floats (stable JSON)."""
    return tuple(float(round(float(x), 6)) for x in v)
