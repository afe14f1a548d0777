"""The wearer's arms for every pose a clip carries its object through (raised, lowered, arriving from a holster).

A hand is rigid with the held object, but the arm is not: the elbow hangs below and beside the shoulder whatever
the object does. Each hand model therefore carries its arm in several *key poses* of the grip anchor (camera
frame): the basis (the clip's own pose) and, where the clip goes there, the lowered pose and the onset's start.
For each key the elbow is solved from the mount's shoulder (a two-bone arm bent down and outwards), the forearm
of the hand mesh turns about the wrist towards it and the sleeve runs wrist -> elbow -> shoulder, cut (and
tapered) where it would come within ``NEAR_M`` of the lens or behind the camera plane. The renderer turns the
keys into shape keys weighted per frame by how near the frame's anchor pose is to each key pose
(``key_weights``); labels apply the same weights to the same arrays (``key_deltas``).
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import euler_to_matrix
from generator.plan.model import Model, Part

# the wearer's right shoulder in the camera frame per mount (x right, y up, z back): below and beside a head
# (helmet) camera, which sits some 10 cm above the eyes; level with and beside a chest camera
SHOULDER = {"head": (0.2, -0.36, -0.04), "handheld": (0.2, -0.36, -0.04), "chest": (0.19, 0.04, 0.0)}
# a long gun shouldered (the head bowed onto the stock): the shoulder joint beside and behind the butt's pocket
POCKET_TO_SHOULDER = (0.07, 0.0, 0.04)
UPPER_ARM_M = 0.3
NEAR_M = 0.14  # no arm surface nearer the lens than this (the tests allow 10 cm: blends between keys cut corners)
FRONT_M = 0.02  # nor nearer the camera plane than this
ROT_M = 0.3  # metres per radian when comparing a frame's anchor pose with the key poses
RINGS = 24  # rings of every sleeve tube (the same in every key: shape keys keep the vertex count)
PATH_N = 12  # centreline points of a sleeve

Pose = tuple[np.ndarray, np.ndarray]


def shoulder_cam(mount: str, side: float, weapon_offset=(0.0, 0.0, 0.0)) -> np.ndarray:
    """A shoulder in the camera frame (``side`` +1 right, -1 left); a weapon camera: the head's, offset."""
    sh = np.array(SHOULDER.get(mount, SHOULDER["head"]), dtype=float)
    if mount not in SHOULDER:
        sh = sh + np.asarray(weapon_offset, dtype=float)
    return sh * np.array([side, 1.0, 1.0])


def elbow_cam(wrist: np.ndarray, shoulder: np.ndarray, forearm: float, side: float,
              upper: float = UPPER_ARM_M) -> np.ndarray:
    """The elbow (camera frame) of a two-bone arm from wrist to shoulder, bent down and outwards, and kept below
    the shoulder and out of the lens's near field."""
    d = shoulder - wrist
    dist = float(np.linalg.norm(d))
    u = d / max(dist, 1e-9)
    dist_c = float(np.clip(dist, abs(upper - forearm) + 1e-3, upper + forearm - 1e-3))
    a = (forearm**2 - upper**2 + dist_c**2) / (2 * dist_c)
    h = np.sqrt(max(forearm**2 - a**2, 0.0))
    bend = np.array([0.55 * side, -1.0, 0.0])
    bend = bend - u * (bend @ u)
    bend /= max(np.linalg.norm(bend), 1e-9)
    e = wrist + u * a + bend * max(h, 0.04)
    e[1] = min(e[1], shoulder[1] - 0.05, wrist[1] - 0.03)  # the elbow hangs below the shoulder and the wrist
    r = float(np.linalg.norm(e))
    if r < 0.3:  # out of the lens's near field: pushed down and out
        e = e + np.array([0.3 * side, -1.0, 0.0]) / np.hypot(0.3, 1.0) * (0.3 - r)
    return e


def allowed(points_cam: np.ndarray, radius) -> np.ndarray:
    """Which centreline points (camera frame) keep a tube of ``radius`` clear of the lens and in front of it."""
    r = np.asarray(radius, dtype=float) * 1.2
    return (points_cam[:, 2] < -(r + FRONT_M)) & (np.linalg.norm(points_cam, axis=1) > NEAR_M + r)


def to_cam(points: np.ndarray, pose: Pose) -> np.ndarray:
    """Anchor-frame points into the camera frame for an anchor pose."""
    return np.asarray(points, dtype=float) @ euler_to_matrix(pose[1]).T + np.asarray(pose[0], dtype=float)


def to_anchor(points: np.ndarray, pose: Pose) -> np.ndarray:
    """Camera-frame points into the anchor frame for an anchor pose."""
    return (np.asarray(points, dtype=float) - np.asarray(pose[0], dtype=float)) @ euler_to_matrix(pose[1])


def centreline(pivot, d, fore: float, shoulder, start: float, radius: float, fore_r: float, pose: Pose,
               upper: float = 1.0, side: float = 1.0):
    """A sleeve's centreline (anchor frame) and radii: from ``start`` along the forearm (``d`` from ``pivot``) to
    the elbow, then ``upper`` of the way to ``shoulder`` and (the whole way) on out to the side, so that it leaves
    the picture at its edge. Where the tube would come near the lens or reach the camera plane it is bent
    along the boundary of that region instead (never cut in view); the far end is rounded off."""
    pivot, d, shoulder = (np.asarray(x, dtype=float) for x in (pivot, d, shoulder))
    elbow = pivot + d * fore
    up = shoulder - elbow
    up_len = max(float(np.linalg.norm(up)), 0.05)
    up /= up_len
    out = euler_to_matrix(pose[1]).T @ np.array([side, 0.0, 0.0])  # the camera's sideways, anchor frame
    corners = [elbow, elbow + up * up_len * upper]
    if upper >= 1.0:
        corners.append(shoulder + out * 0.2)
    legs = [fore] + [float(np.linalg.norm(b - a)) for a, b in zip(corners[:-1], corners[1:], strict=True)]
    knots = np.concatenate([[0.0], np.cumsum(legs)])
    ctrl = np.array([pivot, *corners])
    s = np.linspace(start, knots[-1], 80)
    pts = np.stack([np.interp(s, knots, ctrl[:, i]) for i in range(3)], axis=1)
    rad = np.where(s <= fore, fore_r + (radius - fore_r) * np.clip(s / fore, 0, 1), radius)
    cam = to_cam(pts, pose)
    r = rad * 1.2
    cam[:, 2] = np.minimum(cam[:, 2], -(r + FRONT_M))
    norm = np.linalg.norm(cam, axis=1)
    need = NEAR_M + r
    low = norm < need
    if low.any():  # out of the near field: sideways and down, the depth kept
        lateral = cam[low, :2].copy()
        ln = np.linalg.norm(lateral, axis=1, keepdims=True)
        lateral = np.where(ln > 1e-6, lateral / np.maximum(ln, 1e-9), np.array([[side * 0.3, -1.0]]) / 1.044)
        want = np.sqrt(np.maximum(need[low] ** 2 - cam[low, 2] ** 2, 0.0))
        cam[low, :2] = lateral * want[:, None]
    pts = to_anchor(cam, pose)
    seg = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    si = np.linspace(0.0, seg[-1], PATH_N)
    path = np.stack([np.interp(si, seg, pts[:, i]) for i in range(3)], axis=1)
    rr = np.interp(si, seg, rad)
    rr[-1] *= 0.55  # a rounded-off end
    rr[-2] *= 0.85
    return path, rr


def forearm_reach(pivot, d, fore: float, pose: Pose, radius: float = 0.04) -> float:
    """How far along ``d`` the bare forearm may run from ``pivot`` before nearing the lens (anchor frame); the
    whole length where the wrist itself is out of view behind the camera (an onset's start)."""
    if to_cam(np.asarray(pivot, dtype=float)[None], pose)[0, 2] > -0.15:
        return fore
    s = np.linspace(0.0, fore, 40)
    ok = allowed(to_cam(np.asarray(pivot) + np.asarray(d)[None] * s[:, None], pose), radius)
    bad = np.flatnonzero(~ok)
    return float(s[bad[0] - 1]) if len(bad) and bad[0] > 0 else (0.0 if len(bad) else fore)


def _rotation_between(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Rotation matrices (N,3,3) turning unit ``a`` towards unit ``b`` by fractions ``t`` of the full angle."""
    axis = np.cross(a, b)
    s = float(np.linalg.norm(axis))
    ang = float(np.arctan2(s, a @ b))
    if s < 1e-9:
        return np.broadcast_to(np.eye(3), (len(t), 3, 3)).copy()
    k = axis / s
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    th = ang * np.asarray(t)[:, None, None]
    return np.eye(3)[None] + np.sin(th) * kx[None] + (1 - np.cos(th)) * (kx @ kx)[None]


def turn_forearm(verts: np.ndarray, pivot, d0, d1, blend=(0.005, 0.045)) -> np.ndarray:
    """Hand-and-forearm vertices (model frame) with the forearm turned about the wrist from ``d0`` to ``d1``:
    vertices past the wrist follow fully, the wrist itself blends (the hand stays)."""
    pivot, d0, d1 = (np.asarray(x, dtype=float) for x in (pivot, d0, d1))
    rel = verts - pivot
    s = rel @ d0
    w = np.clip((s - blend[0]) / (blend[1] - blend[0]), 0, 1)
    w = w * w * (3 - 2 * w)
    rots = _rotation_between(d0, d1, w)
    return np.einsum("nij,nj->ni", rots, rel) + pivot


def key_weights(poses: list, positions, rotations, names: list[str] | None = None) -> np.ndarray:
    """Per frame, the weight (0..1) of each non-basis key: the frame's anchor pose as the basis pose plus a
    weighted sum of the keys' offsets from it (least squares, rotations as ``ROT_M`` metres per radian). A key
    named ``mid`` lies half-way to the next key (an onset's start): the way there blends basis -> mid -> start
    piecewise, not straight across."""
    poses = [np.asarray(p, dtype=float) for p in poses]
    names = list(names or [f"k{i}" for i in range(len(poses))])
    n = len(positions)
    if len(poses) < 2:
        return np.zeros((n, 0))
    scale = np.array([1.0, 1.0, 1.0, ROT_M, ROT_M, ROT_M])

    def offset(x: np.ndarray) -> np.ndarray:  # from the basis pose, angles wrapped (the track's wrap at pi)
        d = x - poses[0]
        d[..., 3:] = (d[..., 3:] + np.pi) % (2 * np.pi) - np.pi
        return d * scale

    cols = [k for k in range(1, len(poses)) if names[k] != "mid"]
    a = np.stack([offset(poses[k]) for k in cols], axis=1)
    x = np.concatenate([np.asarray(positions, dtype=float), np.asarray(rotations, dtype=float)], axis=1)
    w_cols, *_ = np.linalg.lstsq(a, offset(x).T, rcond=None)
    w_cols = np.clip(w_cols.T, 0.0, 1.0)
    total = w_cols.sum(axis=1, keepdims=True)
    w_cols = np.where(total > 1.0, w_cols / np.maximum(total, 1e-9), w_cols)
    w = np.zeros((n, len(poses) - 1))
    for j, k in enumerate(cols):
        w[:, k - 1] = w_cols[:, j]
        if names[k - 1] == "mid":  # basis -> mid for the first half, mid -> this key for the second
            t = w_cols[:, j]
            w[:, k - 2] = np.where(t <= 0.5, 2 * t, 2 * (1 - t))
            w[:, k - 1] = np.maximum(0.0, 2 * t - 1)
    return w


def arm_info(model: Model) -> dict | None:
    """The arm keys stored on a hand model's hand part (None: a hand without keys)."""
    part = model.parts[0] if model.parts else None
    if part is None or part.shape != "hand" or not part.geom or "arm" not in part.geom:
        return None
    return part.geom["arm"]


def key_deltas(model: Model) -> list[np.ndarray]:
    """Per non-basis key, the offsets (N,3) of every vertex of the hand model's mesh (parts in order, the arrays
    the renderer uploads) from the basis: the forearm turned, sleeve and watch on their key paths."""
    from generator.plan.objects.parts import part_mesh

    arm = arm_info(model)
    if arm is None or len(arm["poses"]) < 2:
        return []
    base = [part_mesh(p).verts for p in model.parts]
    out = []
    for k in range(1, len(arm["poses"])):
        vs = []
        for p, v in zip(model.parts, base, strict=True):
            if p.shape == "hand":
                local = turn_forearm(v, arm["pivot"], arm["dirs"][0], arm["dirs"][k])
                vs.append(local - v)
            elif p.shape == "sleeve" and p.geom and p.geom.get("keys"):
                key = p.geom["keys"][k - 1]
                moved = part_mesh(p.model_copy(update={"geom": {**p.geom, "path": key["path"],
                                                                  "radius": key["radius"]}})).verts
                vs.append(moved - v)
            else:
                vs.append(np.zeros_like(v))
        out.append(np.concatenate(vs))
    return out


def keyed_hand_verts(model: Model, weights: np.ndarray, deltas: list[np.ndarray] | None = None) -> np.ndarray:
    """The hand model's vertices (model frame) with its arm keys at ``weights``."""
    from generator.plan.objects.parts import part_mesh

    v = np.concatenate([part_mesh(p).verts for p in model.parts])
    for w, dv in zip(weights, deltas if deltas is not None else key_deltas(model), strict=True):
        v = v + w * dv
    return v


def mirror_arm(part: Part, shift=(0.0, 0.0, 0.0)) -> dict | None:
    """A hand or sleeve part's geom with its arm keys mirrored in x and shifted like the part (the second hand
    made from the first)."""
    g = part.geom
    if g is None:
        return None
    flip = np.array([-1.0, 1.0, 1.0])
    g = dict(g)
    if "arm" in g:
        a = g["arm"]
        g["arm"] = {**a, "pivot": [float(x) for x in np.asarray(a["pivot"]) * flip + np.asarray(shift)],
                    "dirs": [[float(x) for x in np.asarray(d) * flip] for d in a["dirs"]]}
    if g.get("keys"):
        g["keys"] = [{**k, "path": [[float(x) for x in np.asarray(p) * flip] for p in k["path"]]} for k in g["keys"]]
    return g
