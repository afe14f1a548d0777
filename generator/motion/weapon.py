"""Motion of the held object relative to the camera: raise and lower, lag behind camera turns, recoil.

Offsets are small rotations about the camera's axes (x right, y up, z towards the viewer) and translations in
the camera frame; they are composed on top of the carry pose the held-object planner gives.
"""

from __future__ import annotations

import numpy as np

from generator.geometry import euler_to_matrix, matrix_to_euler
from generator.motion.recoil import Kick, recoil

PIVOT_LEVER_M = 0.06  # the wrist sits below and behind the grip: a muzzle rise also lifts the grip a little


def lowpass(x: np.ndarray, t: np.ndarray, tau: float) -> np.ndarray:
    """First-order lag of each column of ``x`` with time constant ``tau`` seconds (exact for any frame step)."""
    if tau <= 0 or len(t) < 2:
        return x.copy()
    y = np.empty_like(x)
    y[0] = x[0]
    for i in range(1, len(t)):
        a = 1.0 - np.exp(-(t[i] - t[i - 1]) / tau)
        y[i] = y[i - 1] + a * (x[i] - y[i - 1])
    return y


def lag(t: np.ndarray, cam_pitch: np.ndarray, cam_yaw: np.ndarray, tau: float) -> dict[str, np.ndarray]:
    """The held object lags camera rotations: offsets (pitch about x, yaw about y) = lagged - actual angle."""
    ang = np.stack([cam_pitch, cam_yaw], axis=1)
    d = lowpass(ang, t, tau) - ang
    n = len(t)
    rot = np.stack([d[:, 0], d[:, 1], np.zeros(n)], axis=1)
    return {"position": np.zeros((n, 3)), "rotation": rot}


def kick_motion(t: np.ndarray, kicks: list[Kick]) -> dict[str, np.ndarray]:
    """Recoil (or a negative's action) on the held object: muzzle rise about the grip, push back, lift."""
    r = recoil(t, kicks)
    n = len(t)
    pos = np.stack([np.zeros(n), PIVOT_LEVER_M * r["pitch"], r["back"]], axis=1)
    rot = np.stack([r["pitch"], np.zeros(n), np.zeros(n)], axis=1)
    return {"position": pos, "rotation": rot}


def raise_motion(
    weight: np.ndarray, low_offset_pos: np.ndarray, low_offset_rot: np.ndarray
) -> dict[str, np.ndarray]:
    """Blend from the low carry pose (weight 0) to the raised one (weight 1), as offsets from the raised pose."""
    k = (1.0 - np.asarray(weight, dtype=float))[:, None]
    return {"position": k * low_offset_pos[None], "rotation": k * low_offset_rot[None]}


def compose_held(
    position: np.ndarray, rotation: np.ndarray, components: dict[str, dict[str, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray]:
    """Add component offsets to a grip-anchor track: positions add, rotations apply about the camera axes."""
    pos = position.copy()
    rot = np.empty_like(rotation)
    total = sum((c["rotation"] for c in components.values()), np.zeros_like(rotation))
    for c in components.values():
        pos += c["position"]
    for i in range(len(rotation)):
        offset = euler_to_matrix(total[i])
        rot[i] = matrix_to_euler(offset @ euler_to_matrix(rotation[i]))
    return pos, rot
