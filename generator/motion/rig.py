"""Compose a camera track from a path and shake components, each kept apart for the labels."""

from __future__ import annotations

import numpy as np

BASE_TILT = np.pi / 2  # a Blender camera with rotation (pi/2, 0, 0) looks along +Y with +Z up


def body_to_world(offsets: np.ndarray, yaw: np.ndarray) -> np.ndarray:
    """Rotate body-frame offsets (x right, y forward, z up) into the world by each frame's yaw."""
    c, s = np.cos(yaw), np.sin(yaw)
    x = c * offsets[:, 0] - s * offsets[:, 1]
    y = s * offsets[:, 0] + c * offsets[:, 1]
    return np.stack([x, y, offsets[:, 2]], axis=1)


def compose_camera(
    path: dict[str, np.ndarray],
    components: dict[str, dict[str, np.ndarray]],
    eye_height: float,
    pitch0: float,
    mount_offset: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> tuple[np.ndarray, np.ndarray, dict[str, dict[str, list]]]:
    """Sum path and components into world positions and XYZ Euler rotations of the camera.

    Component rotations are (pitch, roll, yaw) offsets in radians; positions are body-frame offsets.
    Returns (position (N,3), euler (N,3), components as lists for the plan).
    """
    n = len(path["yaw"])
    pos = path["position"].copy()
    pos[:, 2] += eye_height
    pos += body_to_world(np.tile(np.asarray(mount_offset, dtype=float), (n, 1)), path["yaw"])
    rot = np.zeros((n, 3))
    for comp in components.values():
        pos += body_to_world(comp["position"], path["yaw"])
        rot += comp["rotation"]
    pitch, roll, yaw = rot[:, 0], rot[:, 1], rot[:, 2]
    euler = np.stack([BASE_TILT + pitch0 + pitch, roll, path["yaw"] + yaw], axis=1)
    listed = {
        name: {"position": rows(c["position"]), "rotation": rows(c["rotation"])}
        for name, c in components.items()
    }
    return pos, euler, listed


def rows(a: np.ndarray, decimals: int = 7) -> list:
    """Rows of an (N,3) array as rounded tuples (stable JSON), vectorised."""
    return [tuple(row) for row in np.round(np.asarray(a, dtype=float), decimals).tolist()]
