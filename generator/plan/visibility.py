"""Where the held object and the hands fall in the image, from the plan alone (no rendering).

Each part is sampled at its corners and rims, carried through the grip anchor's per-frame pose in the camera
frame and projected with the clip's lens. Used to plan when the held object first comes into view and to
measure the hands' image boxes (tests and the pose-balance check), not for the labels, which come from masks.
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import euler_to_matrix
from generator.plan.model import CameraTrack, HeldTrack, Model, Part, Placed

_RIM = np.linspace(0.0, 2 * np.pi, 12, endpoint=False)
_SPHERE = np.array(
    [[x, y, z] for x in (-1, 0, 1) for y in (-1, 0, 1) for z in (-1, 0, 1) if x or y or z], float
)


NEAR = 1e-3


def project(points_cam: np.ndarray, intr: dict, lens: dict) -> tuple[np.ndarray, np.ndarray]:
    """Camera-frame points to pixels with the plan's lens, as Cycles renders it: (xy (N,2), depth, > NEAR when
    seen). The same formulas as generator.labels.projection (the plan layer may not import labels; a test
    checks that both agree)."""
    x, y, z = points_cam[:, 0], points_cam[:, 1], points_cam[:, 2]
    model = lens.get("model", "perspective")
    if model == "perspective":
        depth = -z
        safe = np.where(depth > NEAR, depth, np.nan)
        return np.stack(
            [intr["fx"] * x / safe + intr["cx"], intr["cy"] - intr["fy"] * y / safe], axis=1
        ), depth
    rho = np.hypot(x, y)
    theta = np.arctan2(rho, -z)
    r = 2.0 * np.sin(theta / 2.0) if model == "fisheye_equisolid" else theta
    safe = np.where(rho > 1e-12, rho, 1.0)
    ux, uy = np.where(rho > 1e-12, x / safe, 0.0), np.where(rho > 1e-12, y / safe, 0.0)
    xy = np.stack([intr["cx"] + intr["fx"] * r * ux, intr["cy"] - intr["fy"] * r * uy], axis=1)
    circle = np.deg2rad(min(float(lens.get("fisheye_fov_deg") or 360.0), 358.0)) / 2.0
    dist = np.linalg.norm(points_cam, axis=1)
    return xy, np.where((theta <= circle) & (dist > NEAR), dist, -1.0)


def part_points(part: Part) -> np.ndarray:
    """Sample points on a part's surface, in its model's frame."""
    sx, sy, sz = (s / 2.0 for s in part.size)
    if part.shape == "box":
        local = np.array([[x, y, z] for x in (-sx, sx) for y in (-sy, sy) for z in (-sz, 0.0, sz)])
    elif part.shape == "cylinder":
        ring = np.stack([sx * np.cos(_RIM), sy * np.sin(_RIM)], axis=1)
        local = np.concatenate([np.column_stack([ring, np.full(len(ring), z)]) for z in (-sz, 0.0, sz)])
    else:
        d = _SPHERE / np.linalg.norm(_SPHERE, axis=1, keepdims=True)
        local = d * np.array([sx, sy, sz])
    return local @ euler_to_matrix(part.rot).T + np.asarray(part.pos, dtype=float)


def model_points(model: Model) -> np.ndarray:
    """Surface samples of a model (asset models: their points of interest, else a 20 cm cube)."""
    if model.parts:
        return np.concatenate([part_points(p) for p in model.parts])
    pts = np.array(list(model.points.values()), dtype=float).reshape(-1, 3)
    if len(pts):
        return pts
    return np.array([[x, y, z] for x in (-0.1, 0.1) for y in (-0.1, 0.1) for z in (-0.1, 0.1)])


def placed_points(placed: Placed) -> np.ndarray:
    """A placed model's samples in its parent's frame."""
    return model_points(placed.model) @ euler_to_matrix(placed.rot).T + np.asarray(placed.pos, dtype=float)


def hands_centre(hands: list[Placed]) -> np.ndarray | None:
    """Centre of the hands' palms and fingers (forearms left out) in the anchor frame."""
    pts = [
        part_points(p) @ euler_to_matrix(h.rot).T + np.asarray(h.pos, dtype=float)
        for h in hands
        for p in h.model.parts
        if not p.name.startswith(("forearm", "sleeve", "arm", "watch", "cuff"))
    ]
    if not pts:
        return None
    allp = np.concatenate(pts)
    return (allp.min(axis=0) + allp.max(axis=0)) / 2.0


def image_points(points_anchor: np.ndarray, track: HeldTrack, camera: CameraTrack, f: int) -> np.ndarray:
    """Anchor-frame points at frame ``f`` projected into the image; rows of points behind the lens dropped."""
    cam = points_anchor @ euler_to_matrix(track.rotation[f]).T + np.asarray(track.position[f], dtype=float)
    xy, depth = project(cam, camera.intrinsics.model_dump(), camera.lens.model_dump())
    return xy[depth > NEAR]


def image_box(points: np.ndarray, width: int, height: int) -> list[float] | None:
    """The box of the points clipped to the image (None when none fall inside it)."""
    if not len(points):
        return None
    x0, y0 = np.clip(points.min(axis=0), 0, [width, height])
    x1, y1 = np.clip(points.max(axis=0), 0, [width, height])
    if x1 - x0 < 1 or y1 - y0 < 1:
        return None
    return [float(x0), float(y0), float(x1), float(y1)]


def in_view(points: np.ndarray, width: int, height: int) -> bool:
    """Whether any projected point lies inside the image."""
    if not len(points):
        return False
    ok = (points[:, 0] >= 0) & (points[:, 0] < width) & (points[:, 1] >= 0) & (points[:, 1] < height)
    return bool(ok.any())


def first_in_view(models: list[Placed], track: HeldTrack, camera: CameraTrack) -> int | None:
    """The first frame whose image shows part of the anchored models (None: never, or no models)."""
    if not models:
        return None
    pts = np.concatenate([placed_points(m) for m in models])
    w, h = camera.intrinsics.width, camera.intrinsics.height
    for f in range(len(track.position)):
        if in_view(image_points(pts, track, camera, f), w, h):
            return f
    return None


def hands_box(hands: list[Placed], track: HeldTrack, camera: CameraTrack, f: int) -> list[float] | None:
    """The image box of all hands (and forearms) at frame ``f``, clipped to the image."""
    if not hands:
        return None
    pts = np.concatenate([placed_points(p) for p in hands])
    return image_box(image_points(pts, track, camera, f), camera.intrinsics.width, camera.intrinsics.height)
