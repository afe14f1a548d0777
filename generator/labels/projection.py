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


def project(points_cam: np.ndarray, intr: dict, lens: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Project camera-frame points with the plan's lens: (pixel xy (N,2), depth (N,), > NEAR where seen).

    Perspective (no lens, or model 'perspective'): pinhole, depth along the view axis. Fisheye: Cycles'
    equisolid (r = 2 f sin(theta/2)) or equidistant (r = theta, scaled per axis) model; depth is the distance
    to the camera for points inside the lens's image circle and -1 outside it.
    """
    model = (lens or {}).get("model", "perspective")
    if model != "perspective":
        return project_fisheye(points_cam, intr, model, float(lens.get("fisheye_fov_deg") or 360.0))
    depth = -points_cam[:, 2]
    safe = np.where(depth > NEAR, depth, np.nan)
    x = intr["fx"] * points_cam[:, 0] / safe + intr["cx"]
    y = intr["cy"] - intr["fy"] * points_cam[:, 1] / safe
    return np.stack([x, y], axis=1), depth


def project_fisheye(
    points_cam: np.ndarray, intr: dict, model: str, circle_deg: float
) -> tuple[np.ndarray, np.ndarray]:
    """Fisheye projection as Cycles renders it (verified against renders in tests/test_motion_render.py)."""
    x, y, z = points_cam[:, 0], points_cam[:, 1], points_cam[:, 2]
    rho = np.hypot(x, y)
    theta = np.arctan2(rho, -z)  # angle from the view axis (-Z)
    lens_r = 2.0 * np.sin(theta / 2.0) if model == "fisheye_equisolid" else theta
    safe = np.where(rho > 1e-12, rho, 1.0)
    ux, uy = np.where(rho > 1e-12, x / safe, 0.0), np.where(rho > 1e-12, y / safe, 0.0)
    px = intr["cx"] + intr["fx"] * lens_r * ux
    py = intr["cy"] - intr["fy"] * lens_r * uy
    dist = np.linalg.norm(points_cam, axis=1)
    seen = (theta <= np.deg2rad(min(circle_deg, 358.0)) / 2.0) & (dist > NEAR)
    return np.stack([px, py], axis=1), np.where(seen, dist, -1.0)


def amodal_box(xy: np.ndarray, depth: np.ndarray) -> list[float] | None:
    """Unclipped box of the projected vertices in front of the camera."""
    ok = depth > NEAR
    if not ok.any():
        return None
    p = xy[ok]
    return [float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max())]


def edge_points(points_cam: np.ndarray, tris: np.ndarray, steps: int = 8) -> np.ndarray:
    """Points along every triangle edge (ends excluded): a fisheye bends straight edges outward, so an
    amodal box from the vertices alone can be smaller than the rendered silhouette."""
    if len(tris) == 0:
        return np.zeros((0, 3))
    edges = np.concatenate([tris[:, [0, 1]], tris[:, [1, 2]], tris[:, [2, 0]]])
    edges = np.unique(np.sort(edges, axis=1), axis=0)
    t = np.linspace(0.0, 1.0, steps + 1)[1:-1]
    a, b = points_cam[edges[:, 0]], points_cam[edges[:, 1]]
    return (a[:, None, :] + t[None, :, None] * (b - a)[:, None, :]).reshape(-1, 3)


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
