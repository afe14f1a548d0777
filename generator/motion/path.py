"""The path of the wearer through a place: where the body is, and which way it faces, per frame."""

from __future__ import annotations

import numpy as np


def straight_path(
    t: np.ndarray, start: np.ndarray, heading: float, speed_mps: float
) -> dict[str, np.ndarray]:
    """Walk (or stand, speed 0) in a straight line from ``start`` along ``heading`` (radians, 0 = +Y)."""
    direction = np.array([-np.sin(heading), np.cos(heading), 0.0])
    pos = start[None, :] + (speed_mps * t)[:, None] * direction[None, :]
    yaw = np.full_like(t, heading)
    return {"position": pos, "yaw": yaw}
