"""Where the held object and the hands fall in the image, from the plan alone (no rendering).

Each part is sampled at its corners and rims, carried through the grip anchor's per-frame pose in the camera
frame and projected with the clip's lens. Used to plan when the held object first comes into view and to
measure the hands' image boxes (tests and the pose-balance check), not for the labels, which come from masks.
"""

from __future__ import annotations

import numpy as np

from generator.plan import arms as A
from generator.plan.geometry import euler_to_matrix
from generator.plan.model import CameraTrack, HeldTrack, Model, Part, Placed
from generator.plan.objects.parts import part_mesh
from generator.shapes import hand as H

_RIM = np.linspace(0.0, 2 * np.pi, 12, endpoint=False)
_SPHERE = np.array(
    [[x, y, z] for x in (-1, 0, 1) for y in (-1, 0, 1) for z in (-1, 0, 1) if x or y or z], float
)


NEAR = 1e-3
_RING = np.stack([np.cos(_RIM[::2]), np.sin(_RIM[::2])], axis=1)  # 6 directions around a bone


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


def _ring(centre: np.ndarray, u: np.ndarray, v: np.ndarray, radius: float) -> np.ndarray:
    """Points on a circle of ``radius`` around ``centre`` in the plane of unit vectors u, v."""
    return centre + radius * (_RING[:, :1] * u + _RING[:, 1:] * v)


def hand_points(geom: dict) -> np.ndarray:
    """Surface samples of a hand builder part in its own frame, from its skeleton (the marching-cubes mesh takes
    about a second to build): every digit bone ringed at both ends by its radius, the forearm from the wrist
    along its axis ringed by its (wider) radius (the mesh's bounds within about 2 cm)."""
    bones = H.skeleton(geom["length"], geom["breadth"], geom["pose"])
    pts = [
        _ring(c, rot[:, 0], rot[:, 2], r)
        for chain in bones.values()
        for a, b, rot, ra, rb in chain
        for c, r in ((a, ra), (b, rb))
    ]
    ax = H.forearm_axis(geom["pose"])
    u = np.cross(ax, [0.0, 0.0, 1.0])
    u = u / np.linalg.norm(u) if np.linalg.norm(u) > 1e-9 else np.array([1.0, 0.0, 0.0])
    v = np.cross(ax, u)
    sb = geom["breadth"] / H.REF_BREADTH_M
    elbow = ax * float(geom.get("forearm", H.FOREARM_M))
    pts += [
        _ring(np.zeros(3), u, v, 0.027 * sb),
        _ring(elbow / 2, u, v, 0.034 * sb),
        _ring(elbow, u, v, 0.04 * sb),
    ]
    pts.append((elbow + ax * 0.04 * sb)[None])  # the forearm's rounded end
    out = np.concatenate(pts)
    return out * np.array([-1.0, 1.0, 1.0]) if geom.get("side", "right") == "left" else out


def part_points(part: Part) -> np.ndarray:
    """Sample points on a part's surface, in its model's frame: a builder part's (extrusion, lathe, sleeve) own
    mesh vertices, the mesh the renderer uploads (a hand's from its skeleton); a primitive's corners and rims."""
    if part.shape == "hand" and part.geom is not None:
        local = hand_points(part.geom) * np.asarray(part.size, dtype=float)
        return local @ euler_to_matrix(part.rot).T + np.asarray(part.pos, dtype=float)
    if part.geom is not None:
        return part_mesh(part).verts
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


def arm_key_offsets(model: Model) -> list[np.ndarray]:
    """Per arm key of a hand model, the offsets of its samples (``model_points``' rows) in that key: the forearm
    turned about the wrist, the sleeves on their key paths (the renderer's shape keys, generator/plan/arms.py)."""
    info = A.arm_info(model)
    if info is None or len(info["poses"]) < 2:
        return []
    out = []
    for k in range(1, len(info["poses"])):
        rows = []
        for p in model.parts:
            pts = part_points(p)
            if p.shape == "hand":
                rows.append(A.turn_forearm(pts, info["pivot"], info["dirs"][0], info["dirs"][k]) - pts)
            elif p.shape == "sleeve" and p.geom and p.geom.get("keys"):
                key = p.geom["keys"][k - 1]
                moved = p.model_copy(
                    update={"geom": {**p.geom, "path": key["path"], "radius": key["radius"]}}
                )
                rows.append(part_points(moved) - pts)
            else:
                rows.append(np.zeros_like(pts))
        out.append(np.concatenate(rows))
    return out


def placed_points_per_frame(placed: Placed, track: HeldTrack) -> list[np.ndarray]:
    """A placed model's samples in its parent's frame at every frame of the track: a hand model's with its arm
    keys weighted as the renderer weights them, anything else the same in every frame."""
    base = model_points(placed.model)
    offsets = arm_key_offsets(placed.model)
    m, t = euler_to_matrix(placed.rot), np.asarray(placed.pos, dtype=float)
    if not offsets:
        return [base @ m.T + t] * len(track.position)
    info = A.arm_info(placed.model)
    w = A.key_weights(info["poses"], track.position, track.rotation, info.get("names"))
    return [(base + sum(wk * d for wk, d in zip(row, offsets, strict=True))) @ m.T + t for row in w]


def hands_centre(hands: list[Placed]) -> np.ndarray | None:
    """Centre of the hands' palms (each hand part's origin, where it grips; forearms, sleeves, nails left out)
    in the anchor frame."""
    pts = [
        euler_to_matrix(h.rot) @ np.asarray(p.pos, dtype=float) + np.asarray(h.pos, dtype=float)
        for h in hands
        for p in h.model.parts
        if p.shape == "hand"
    ]
    if not pts:
        return None
    allp = np.array(pts)
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
    per_frame = [placed_points_per_frame(m, track) for m in models]
    w, h = camera.intrinsics.width, camera.intrinsics.height
    for f in range(len(track.position)):
        if in_view(image_points(np.concatenate([pts[f] for pts in per_frame]), track, camera, f), w, h):
            return f
    return None


def hands_box(hands: list[Placed], track: HeldTrack, camera: CameraTrack, f: int) -> list[float] | None:
    """The image box of all hands (and forearms and sleeves, in their arm keys) at frame ``f``, clipped to the
    image."""
    if not hands:
        return None
    pts = np.concatenate([placed_points_per_frame(p, track)[f] for p in hands])
    return image_box(image_points(pts, track, camera, f), camera.intrinsics.width, camera.intrinsics.height)
