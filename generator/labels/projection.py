"""Project geometry through the plan's camera model: points, silhouettes and amodal boxes.

Camera convention (Blender): the camera looks along its local -Z with +Y up. Pixel coordinates are continuous,
x right and y down, with pixel centres at i + 0.5.
"""

from __future__ import annotations

import cv2
import numpy as np

NEAR = 1e-3


def world_to_camera(points: np.ndarray, cam_matrix_world: np.ndarray) -> np.ndarray:
    """World points (N,3) into camera coordinates."""
    inv = np.linalg.inv(cam_matrix_world)
    return points @ inv[:3, :3].T + inv[:3, 3]


def project(points_cam: np.ndarray, intr: dict) -> tuple[np.ndarray, np.ndarray]:
    """Pinhole projection of camera-frame points: (pixel xy (N,2), depth along the view axis (N,))."""
    depth = -points_cam[:, 2]
    safe = np.where(depth > NEAR, depth, np.nan)
    x = intr["fx"] * points_cam[:, 0] / safe + intr["cx"]
    y = intr["cy"] - intr["fy"] * points_cam[:, 1] / safe
    return np.stack([x, y], axis=1), depth


def amodal_box(xy: np.ndarray, depth: np.ndarray) -> list[float] | None:
    """Unclipped box of the projected vertices in front of the camera."""
    ok = depth > NEAR
    if not ok.any():
        return None
    p = xy[ok]
    return [float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max())]


def silhouette_area(
    xy: np.ndarray, depth: np.ndarray, tris: np.ndarray, width: int, height: int
) -> tuple[int, int]:
    """Pixel area of the projected triangles: (inside the image, in total), rasterised at pixel centres.

    The canvas extends one image size beyond each border so that truncated parts are counted.
    """
    ok = (depth[tris] > NEAR).all(axis=1)
    if not ok.any():
        return 0, 0
    pad_x, pad_y = width, height
    canvas = np.zeros((height + 2 * pad_y, width + 2 * pad_x), dtype=np.uint8)
    shift = 4
    pts = np.round((xy[tris[ok]] - 0.5 + np.array([pad_x, pad_y])) * (1 << shift)).astype(np.int64)
    lim = np.int64(1 << 28)
    pts = np.clip(pts, -lim, lim).astype(np.int32)
    for tri in pts:  # one convex fill per triangle: overlaps must add up, not cancel as in fillPoly
        cv2.fillConvexPoly(canvas, tri, 1, lineType=cv2.LINE_8, shift=shift)
    total = int(canvas.sum())
    inside = int(canvas[pad_y : pad_y + height, pad_x : pad_x + width].sum())
    return inside, total
