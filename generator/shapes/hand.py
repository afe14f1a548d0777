"""An articulated human hand (and forearm) as one smooth closed triangle mesh, from bone lengths and joint angles.

The skeleton (wrist, five metacarpals, 14 phalanges) is posed by forward kinematics; each bone carries a
tapered round cone, the palm a rounded slab, and knuckles, finger pads, thenar and hypothenar bulges small
spheres. Their signed distance fields are joined by a smooth minimum (webbing and joint blends come for free)
and polygonised by marching cubes (scikit-image), so the mesh is one closed, outward-oriented surface of a few
thousand triangles. Nails are a separate small mesh (their own material) from the same skeleton.

Hand frame (right hand; a left hand is the mirror image in X): origin at the wrist centre, +Y towards the
fingers (wrist -> middle knuckle), +Z out of the back of the hand, +X towards the little finger. The forearm
runs from the wrist along -Y (turned by the wrist angles) towards the elbow. Units metres, angles degrees.

Proportions. Hand length (wrist crease to middle fingertip) and breadth (across the metacarpal heads) are drawn
from the adult ranges of Pheasant & Haslegrave, *Bodyspace* (3rd ed., British adults 19-65: length 5th-95th
percentile women 159-189 mm, men 173-205 mm; breadth women 70-85 mm, men 80-95 mm), clipped to 165-205 mm and
70-95 mm. Phalanx lengths relative to one another follow Buryanov & Kotiuk, "Proportions of hand segments",
Int. J. Morphol. 28(3):755-758, 2010 (mean bone lengths in mm, index/middle/ring/little proximal 39.8/44.6/
41.4/32.7, middle 22.4/26.3/25.7/18.1, distal 15.8/17.4/17.3/16.0; thumb metacarpal 46.2, proximal 31.6,
distal 21.7). Finger lengths relative to the middle finger agree with Chatzioglou, Pinar & Govsa, Anat. Cell
Biol. 57(2):172-182, 2024 (index 63.9, middle 70.7, ring 65.5, little 53.3, thumb 49.5 mm: ratios 0.90, 1,
0.93, 0.75, 0.70).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

FINGERS = ("index", "middle", "ring", "little")
DIGITS = ("thumb", *FINGERS)
REF_LENGTH_M = 0.189  # reference hand length of the skeleton below (wrist crease to middle fingertip)
REF_BREADTH_M = 0.085
HAND_LENGTH_RANGE = (0.165, 0.205)
HAND_BREADTH_RANGE = (0.070, 0.095)
# bone lengths in mm at the reference size (Buryanov & Kotiuk 2010)
PHALANGES_MM = {
    "thumb": (46.2, 31.6, 21.7),  # metacarpal, proximal, distal
    "index": (39.8, 22.4, 15.8),
    "middle": (44.6, 26.3, 17.4),
    "ring": (41.4, 25.7, 17.3),
    "little": (32.7, 18.1, 16.0),
}
TIP_MM = 3.0  # soft tissue beyond the distal phalanx
# knuckle (MCP joint centre) in the hand frame at the reference size (x across, y along, z up) in mm, and the
# finger's rest splay (degrees about +Z, positive towards the little finger)
MCP_MM = {
    "index": ((-25.0, 94.0, 2.0), -4.0),
    "middle": ((-6.5, 98.0, 3.0), 0.0),
    "ring": ((12.0, 94.0, 2.0), 4.0),
    "little": ((28.0, 84.0, 0.0), 10.0),
}
# radius of each finger at its knuckle and at its tip (mm, reference breadth); depth is 0.88 of the width
FINGER_R_MM = {"thumb": (11.0, 8.8), "index": (9.6, 7.4), "middle": (9.8, 7.6), "ring": (9.2, 7.1),
               "little": (8.0, 6.3)}
THUMB_CMC_MM = (-22.0, 24.0, -9.0)
# joint limits in degrees (lo, hi); flexion positive towards the palm
LIMITS = {
    "mcp": (-20.0, 95.0),
    "mcp_abd": (-25.0, 25.0),
    "pip": (0.0, 110.0),
    "dip": (-5.0, 85.0),
    "cmc_flex": (-20.0, 55.0),
    "cmc_abd": (0.0, 80.0),
    "thumb_mcp": (-10.0, 65.0),
    "thumb_ip": (-15.0, 85.0),
    "wrist_flex": (-75.0, 80.0),
    "wrist_dev": (-30.0, 25.0),
}
FINGER_JOINTS = ("mcp", "mcp_abd", "pip", "dip")
THUMB_JOINTS = ("cmc_flex", "cmc_abd", "thumb_mcp", "thumb_ip")
FOREARM_M = 0.2  # forearm drawn from the wrist (the elbow and upper arm are separate sleeve/arm parts)
VOXEL_M = 0.003
TRIANGLES = 6000  # after quadric decimation (fast-simplification)
BLEND_M = 0.006


def default_pose() -> dict[str, list[float]]:
    """A relaxed hand: fingers gently curled, thumb resting beside the index finger."""
    return {
        "index": [18.0, 0.0, 25.0, 12.0],
        "middle": [22.0, 0.0, 30.0, 14.0],
        "ring": [26.0, 0.0, 34.0, 16.0],
        "little": [30.0, 0.0, 38.0, 18.0],
        "thumb": [10.0, 25.0, 10.0, 10.0],
        "wrist": [0.0, 0.0],
    }


def clamp_pose(pose: dict[str, list[float]]) -> dict[str, list[float]]:
    """The pose with every angle inside its joint limit (see LIMITS)."""
    out: dict[str, list[float]] = {}
    for digit, angles in pose.items():
        names = THUMB_JOINTS if digit == "thumb" else ("wrist_flex", "wrist_dev") if digit == "wrist" else FINGER_JOINTS
        out[digit] = [float(np.clip(a, *LIMITS[n])) for a, n in zip(angles, names, strict=True)]
    return out


def pose_violations(pose: dict[str, list[float]], tol: float = 1e-6) -> list[str]:
    """Names of the joints whose angle lies outside its limit (empty when the pose is valid)."""
    bad = []
    for digit, angles in pose.items():
        names = THUMB_JOINTS if digit == "thumb" else ("wrist_flex", "wrist_dev") if digit == "wrist" else FINGER_JOINTS
        for a, n in zip(angles, names, strict=True):
            lo, hi = LIMITS[n]
            if not lo - tol <= a <= hi + tol:
                bad.append(f"{digit}.{n}={a:.1f}")
    return bad


def _rx(deg: float) -> np.ndarray:
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _rz(deg: float) -> np.ndarray:
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def _ry(deg: float) -> np.ndarray:
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _frame(y: np.ndarray, z_hint: np.ndarray) -> np.ndarray:
    """Rotation matrix with columns (x, y, z): y along ``y``, z as close to ``z_hint`` as possible."""
    y = y / np.linalg.norm(y)
    z = z_hint - y * (z_hint @ y)
    z /= np.linalg.norm(z)
    return np.stack([np.cross(y, z), y, z], axis=1)


def skeleton(length: float, breadth: float, pose: dict[str, list[float]], digits=DIGITS) -> dict[str, list[tuple]]:
    """Joint chains per digit (of ``digits``): a list of (start, end, frame, r_start, r_end) bones in the hand
    frame (metres)."""
    sl = length / REF_LENGTH_M * 1e-3
    sb = breadth / REF_BREADTH_M * 1e-3
    out: dict[str, list[tuple]] = {}
    for f in FINGERS:
        if f not in digits:
            continue
        (mx, my, mz), splay = MCP_MM[f]
        start = np.array([mx * sb, my * sl, mz * sl])
        mcp, abd, pip, dip = pose[f]
        r0, r1 = (np.array(FINGER_R_MM[f]) * sb)
        rot = _rz(-splay - abd) @ _rx(-mcp)
        bones = []
        lens = np.array(PHALANGES_MM[f]) * sl
        radii = np.linspace(r0, r1, 4)
        for i, (ln, bend) in enumerate(zip(lens, (0.0, pip, dip), strict=True)):
            rot = rot @ _rx(-bend)
            end = start + rot[:, 1] * ln
            bones.append((start, end, rot, radii[i], radii[i + 1]))
            start = end
        out[f] = bones
    if "thumb" not in digits:
        return out
    # thumb: rest frame along the metacarpal (radial, distal, palmar), nail facing radially and back
    cmc_flex, cmc_abd, t_mcp, t_ip = pose["thumb"]
    base = np.array(THUMB_CMC_MM) * np.array([sb, sl, sl])
    rest = _frame(np.array([-0.42, 0.88, -0.22]), np.array([-0.75, 0.0, 0.66]))
    # palmar abduction turns the thumb out of the palm plane, flexion across the palm towards the little finger
    rot = _rot_axis_world(np.array([0.0, 1.0, 0.0]), -cmc_abd * 0.8) @ rest
    rot = _rot_axis_world(np.array([0.15, 0.25, 1.0]), -cmc_flex) @ rot
    rot = rot @ _ry(-cmc_abd * 0.5)  # pronation that goes with opposition
    lens = np.array(PHALANGES_MM["thumb"]) * sl
    r0, r1 = np.array(FINGER_R_MM["thumb"]) * sb
    radii = (r0 * 1.25, r0, (r0 + r1) / 2, r1)
    bones = []
    start = base
    for i, (ln, bend) in enumerate(zip(lens, (0.0, t_mcp, t_ip), strict=True)):
        rot = rot @ _rx(-bend)
        end = start + rot[:, 1] * ln
        bones.append((start, end, rot, radii[i], radii[i + 1]))
        start = end
    out["thumb"] = bones
    return out


def _rot_axis_world(axis: np.ndarray, deg: float) -> np.ndarray:
    """Rodrigues rotation about ``axis`` by ``deg``."""
    k = axis / np.linalg.norm(axis)
    a = np.deg2rad(deg)
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + np.sin(a) * kx + (1 - np.cos(a)) * kx @ kx


def forearm_axis(pose: dict[str, list[float]]) -> np.ndarray:
    """Unit direction from the wrist towards the elbow in the hand frame (wrist flexion and deviation)."""
    flex, dev = pose.get("wrist", [0.0, 0.0])
    return _rz(dev) @ _rx(-flex) @ np.array([0.0, -1.0, 0.0])


# ---------------------------------------------------------------------------------------------- distance fields


def _round_cone(p: np.ndarray, a: np.ndarray, b: np.ndarray, ra: float, rb: float) -> np.ndarray:
    """Signed distance to a cone with spherical ends of radii ra at a and rb at b (exact; Quilez)."""
    ba = b - a
    l2 = float(ba @ ba)
    rr = ra - rb
    a2 = l2 - rr * rr
    il2 = 1.0 / l2
    pa = p - a
    y = pa @ ba
    z = y - l2
    xv = pa * l2 - y[:, None] * ba
    x2 = np.einsum("ij,ij->i", xv, xv)
    y2 = y * y * l2
    z2 = z * z * l2
    k = np.sign(rr) * rr * rr * x2
    d = (np.sqrt(x2 * a2 * il2) + y * rr) * il2 - ra
    d = np.where(np.sign(z) * a2 * z2 > k, np.sqrt(x2 + z2) * il2 - rb, d)
    d = np.where(np.sign(y) * a2 * y2 < k, np.sqrt(x2 + y2) * il2 - ra, d)
    return d


def _smin(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Polynomial smooth minimum: blends two fields within ``k`` of each other (adds at most k/4)."""
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    return b + (a - b) * h - k * h * (1.0 - h)


def _slab(p: np.ndarray, poly: np.ndarray, zc: float, half: float, r: float) -> np.ndarray:
    """Rounded extrusion of a convex CCW polygon (x, y) between zc-half and zc+half (rounded by r)."""
    d2 = np.full(len(p), -np.inf)
    n = len(poly)
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
        e = b - a
        nrm = np.array([e[1], -e[0]]) / np.hypot(*e)
        d2 = np.maximum(d2, (p[:, :2] - a) @ nrm)
    w0 = d2 + r
    w1 = np.abs(p[:, 2] - zc) - half + r
    inside = np.minimum(np.maximum(w0, w1), 0.0)
    return inside + np.hypot(np.maximum(w0, 0.0), np.maximum(w1, 0.0)) - r


def _ellipsoid(p: np.ndarray, c: np.ndarray, rot: np.ndarray, radii) -> np.ndarray:
    """Approximate signed distance to an ellipsoid (centre c, axes = columns of rot, semi-axes radii)."""
    q = (p - c) @ rot / np.asarray(radii)
    k = np.linalg.norm(q, axis=1)
    return (k - 1.0) * min(radii)


def primitives(length: float, breadth: float, pose: dict[str, list[float]], forearm_m: float = FOREARM_M):
    """The hand's field primitives: a list of callables p (N,3) -> signed distance (N,), and their bounds."""
    bones = skeleton(length, breadth, pose)
    sl = length / REF_LENGTH_M
    sb = breadth / REF_BREADTH_M
    prims = []
    pts = []
    for digit in DIGITS:
        for i, (a, b, rot, ra, rb) in enumerate(bones[digit]):
            if digit == "thumb" and i == 0:
                # thumb metacarpal: embedded in the thenar mass, starts deep in the palm
                prims.append(lambda p, a=a, b=b, ra=ra, rb=rb: _round_cone(p, a, b, ra, rb))
            else:
                prims.append(lambda p, a=a, b=b, ra=ra, rb=rb: _round_cone(p, a, b, ra, rb))
            pts += [a, b]
            if i == len(bones[digit]) - 1:
                # finger pad: a flattened bulge on the palmar side of the distal segment
                c = a + (b - a) * 0.5 - rot[:, 2] * rb * 0.2
                prims.append(lambda p, c=c, rot=rot, rb=rb: _ellipsoid(p, c, rot, (rb * 0.9, rb * 1.3, rb * 0.72)))
    s = np.array([sb, sl, sl]) * 1e-3
    # palm: rounded slab from the wrist to just behind the knuckles
    mcps = {f: bones[f][0][0] for f in FINGERS}
    poly = np.array(
        [
            [-27.0 * sb * 1e-3, 8.0 * sl * 1e-3],
            [26.0 * sb * 1e-3, 8.0 * sl * 1e-3],
            [mcps["little"][0] + 5e-3 * sb, mcps["little"][1] - 4e-3],
            [mcps["ring"][0], mcps["ring"][1] - 2e-3],
            [mcps["middle"][0], mcps["middle"][1] - 2e-3],
            [mcps["index"][0] - 4e-3 * sb, mcps["index"][1] - 3e-3],
        ]
    )
    prims.append(lambda p: _slab(p, poly, -4e-3 * sl, 11.5e-3 * sl, 7e-3 * sl))
    # metacarpal ridges and knuckle heads on the back of the hand
    for f in FINGERS:
        m = mcps[f]
        base = np.array([m[0] * 0.6, 14e-3 * sl, 2e-3 * sl])
        r = FINGER_R_MM[f][0] * sb * 1e-3
        prims.append(lambda p, a=base, b=m, r=r: _round_cone(p, a, b, r * 0.5, r * 0.9))
        pts.append(m)
    # thenar (ball of the thumb) and hypothenar (little-finger edge of the palm)
    tb = bones["thumb"][0]
    thenar_c = tb[0] + (tb[1] - tb[0]) * 0.45 + np.array([4e-3, 0.0, -6e-3]) * sl
    prims.append(lambda p, c=thenar_c, rot=tb[2]: _ellipsoid(p, c, rot, np.array([13.0, 22.0, 12.0]) * sl * 1e-3))
    hyp_a = np.array([24.0, 20.0, -7.0]) * s
    hyp_b = np.array([29.0, 70.0, -5.0]) * s
    prims.append(lambda p: _round_cone(p, hyp_a, hyp_b, 11e-3 * sl, 9e-3 * sl))
    # wrist and forearm: an elliptical tapering section (wider than deep) along the forearm axis
    ax = forearm_axis(pose)
    frot = _frame(-ax, np.array([0.0, 0.0, 1.0]))
    wrist_a = np.array([0.0, 10e-3 * sl, -2e-3])
    elbow = ax * forearm_m
    sx = 1.0
    sz = 0.72

    def arm(p, frot=frot, elbow=elbow):
        q = p @ frot  # forearm frame: y towards the hand
        q = q * np.array([sx, 1.0, 1.0 / sz])
        a = wrist_a @ frot
        b = elbow @ frot
        return _round_cone(q, a, b, 27e-3 * sb, 40e-3 * sb) * sz

    prims.append(arm)
    pts += [wrist_a, elbow]
    pts = np.array(pts)
    lo = pts.min(axis=0) - 0.03 * max(sl, sb)
    hi = pts.max(axis=0) + 0.03 * max(sl, sb)
    return prims, (lo, hi), bones


def field(p: np.ndarray, prims) -> np.ndarray:
    """Smooth union of the primitives at points p (N,3)."""
    d = prims[0](p)
    for f in prims[1:]:
        d = _smin(d, f(p), BLEND_M)
    return d


def taubin(verts: np.ndarray, faces: np.ndarray, iterations: int = 8, lam: float = 0.5, mu: float = -0.53):
    """Taubin smoothing (no shrinkage): removes the marching-cubes terracing before decimation."""
    from scipy.sparse import coo_matrix, diags

    n = len(verts)
    e = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    e = np.concatenate([e, e[:, ::-1]])
    adj = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n)).tocsr()
    adj.data[:] = 1.0
    avg = diags(1.0 / np.maximum(adj.sum(axis=1).A1, 1)) @ adj
    v = verts.copy()
    for _ in range(iterations):
        v = v + lam * (avg @ v - v)
        v = v + mu * (avg @ v - v)
    return v


def _sample(prims, lo: np.ndarray, hi: np.ndarray, h: float, block: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """The field on a grid of spacing h over [lo, hi] (padded, positive at the border), evaluated exactly only
    in blocks near the surface: elsewhere the sign of the block centre's distance is enough for marching cubes."""
    lo = lo - h
    n = (np.ceil((hi - lo) / h).astype(int) + 2 + block - 1) // block * block
    nb = n // block
    centres = lo + h * (np.stack(np.meshgrid(*[np.arange(k) for k in nb], indexing="ij"), -1).reshape(-1, 3)
                        * block + (block - 1) / 2)
    dc = field(centres, prims)
    near = np.abs(dc) < h * block * 0.9 + BLEND_M
    vol = np.empty(tuple(n), dtype=np.float64)
    far = np.where(dc > 0, h, -h)
    idx = np.stack(np.meshgrid(*[np.arange(k) for k in nb], indexing="ij"), -1).reshape(-1, 3)
    for (i, j, k), val in zip(idx[~near], far[~near], strict=True):
        vol[i * block:(i + 1) * block, j * block:(j + 1) * block, k * block:(k + 1) * block] = val
    local = np.stack(np.meshgrid(*[np.arange(block)] * 3, indexing="ij"), -1).reshape(-1, 3)
    cells = idx[near]
    pts = lo + h * (cells[:, None, :] * block + local[None, :, :]).reshape(-1, 3)
    vals = field(pts, prims).reshape(len(cells), block, block, block)
    for (i, j, k), v in zip(cells, vals, strict=True):
        vol[i * block:(i + 1) * block, j * block:(j + 1) * block, k * block:(k + 1) * block] = v
    vol[0], vol[-1], vol[:, 0], vol[:, -1], vol[:, :, 0], vol[:, :, -1] = (h,) * 6  # closed at the border
    return vol, lo


@lru_cache(maxsize=64)
def _hand_arrays(key: str) -> tuple[np.ndarray, np.ndarray]:
    import json

    from skimage.measure import marching_cubes

    g = json.loads(key)
    prims, (lo, hi), _ = primitives(g["length"], g["breadth"], g["pose"], g.get("forearm", FOREARM_M))
    h = float(g.get("voxel", VOXEL_M))
    vol, lo = _sample(prims, lo, hi, h)
    verts, faces, _, _ = marching_cubes(vol, level=0.0, spacing=(h, h, h))
    verts = taubin(verts + lo, faces)
    faces = faces.astype(np.int64)
    target = int(g.get("triangles", TRIANGLES))
    if len(faces) > target:
        import fast_simplification

        v32, f32 = fast_simplification.simplify(
            verts.astype(np.float32), faces.astype(np.int32), target_reduction=1.0 - target / len(faces), agg=3
        )
        verts, faces = v32.astype(np.float64), f32.astype(np.int64)
    if g.get("side", "right") == "left":
        verts = verts * np.array([-1.0, 1.0, 1.0])
        faces = faces[:, ::-1]
    return verts, faces


def _key(geom: dict) -> str:
    import json

    return json.dumps(geom, sort_keys=True)


def hand_mesh_arrays(length: float, breadth: float, pose: dict, side: str = "right", forearm: float = FOREARM_M,
                     voxel: float = VOXEL_M) -> tuple[np.ndarray, np.ndarray]:
    """Vertices (N,3) and outward triangles (M,3) of the hand and forearm (cached per parameter set)."""
    geom = {"length": length, "breadth": breadth, "pose": pose, "side": side, "forearm": forearm, "voxel": voxel}
    v, f = _hand_arrays(_key(geom))
    return v.copy(), f.copy()


def nail_arrays(length: float, breadth: float, pose: dict, side: str = "right") -> tuple[np.ndarray, np.ndarray]:
    """Five thin nail plates on the backs of the distal segments (closed mesh; a separate material)."""
    bones = skeleton(length, breadth, pose)
    verts, faces = [], []
    base_v, base_f = _unit_sphere()
    for digit in DIGITS:
        a, b, rot, ra, rb = bones[digit][-1]
        ln = np.linalg.norm(b - a)
        c = a + (b - a) * 0.62 + rot[:, 2] * rb * 0.8
        radii = np.array([rb * 0.72, ln * 0.42, rb * 0.22])
        v = (base_v * radii) @ rot.T + c
        faces.append(base_f + sum(len(x) for x in verts))
        verts.append(v)
    v = np.concatenate(verts)
    f = np.concatenate(faces)
    if side == "left":
        v = v * np.array([-1.0, 1.0, 1.0])
        f = f[:, ::-1]
    return v, f


@lru_cache(maxsize=1)
def _unit_sphere(u: int = 10, w: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """A UV sphere of radius 1 (closed, outward)."""
    verts = [(0.0, 0.0, 1.0)]
    for i in range(1, w):
        th = np.pi * i / w
        for j in range(u):
            ph = 2 * np.pi * j / u
            verts.append((np.sin(th) * np.cos(ph), np.sin(th) * np.sin(ph), np.cos(th)))
    verts.append((0.0, 0.0, -1.0))
    faces = []
    for j in range(u):
        faces.append((0, 1 + j, 1 + (j + 1) % u))
    for i in range(w - 2):
        r0, r1 = 1 + i * u, 1 + (i + 1) * u
        for j in range(u):
            a, b = r0 + j, r0 + (j + 1) % u
            c, d = r1 + j, r1 + (j + 1) % u
            faces += [(a, c, b), (b, c, d)]
    last = len(verts) - 1
    r0 = 1 + (w - 2) * u
    for j in range(u):
        faces.append((last, r0 + (j + 1) % u, r0 + j))
    return np.array(verts), np.array(faces, dtype=np.int64)


def finger_lengths(length: float, breadth: float) -> dict[str, float]:
    """Length of each digit from its knuckle (MCP joint) to the tip, metres (thumb: from its MCP joint)."""
    sl = length / REF_LENGTH_M * 1e-3
    out = {}
    for d in DIGITS:
        bones = PHALANGES_MM[d][1:] if d == "thumb" else PHALANGES_MM[d]
        out[d] = (sum(bones) + TIP_MM) * sl
    return out


def draw_size(rng: np.random.Generator, sex: float | None = None) -> tuple[float, float]:
    """A wearer's hand length and breadth (metres): a size factor shared by both, within the adult ranges."""
    z = float(np.clip(rng.normal(0.0, 1.0), -1.8, 1.8))
    female = (rng.random() < 0.5) if sex is None else sex > 0.5
    mean_l, mean_b = (0.174, 0.075) if female else (0.189, 0.087)
    length = mean_l + z * 0.0095 + rng.normal(0.0, 0.003)
    breadth = mean_b + z * 0.0045 + rng.normal(0.0, 0.002)
    return (float(np.clip(length, *HAND_LENGTH_RANGE)), float(np.clip(breadth, *HAND_BREADTH_RANGE)))


def knuckle_pad_arrays(length: float, breadth: float, pose: dict, side: str = "right"):
    """Flattened knuckle pads over the four knuckles and the proximal finger joints (tactical gloves)."""
    bones = skeleton(length, breadth, pose)
    base_v, base_f = _unit_sphere()
    verts, faces, n = [], [], 0
    for f in FINGERS:
        for i, scale in ((0, 1.0), (1, 0.8)):
            a, b, rot, ra, rb = bones[f][i]
            c = a + rot[:, 2] * ra * 0.95
            v = (base_v * np.array([ra * 0.95 * scale, ra * 0.9 * scale, ra * 0.35])) @ rot.T + c
            verts.append(v)
            faces.append(base_f + n)
            n += len(v)
    v, fa = np.concatenate(verts), np.concatenate(faces)
    if side == "left":
        v, fa = v * np.array([-1.0, 1.0, 1.0]), fa[:, ::-1]
    return v, fa


def _transport_frames(path: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Normals and binormals along a polyline by parallel transport (no twist flips)."""
    t = np.gradient(path, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    ref = np.array([0.0, 0.0, 1.0]) if abs(t[0, 2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    n = np.cross(t[0], ref)
    n /= np.linalg.norm(n)
    ns = [n]
    for i in range(1, len(path)):
        n = n - t[i] * (n @ t[i])
        n /= np.linalg.norm(n)
        ns.append(n)
    ns = np.array(ns)
    return ns, np.cross(t, ns)


def sleeve_arrays(path, radius, folds: float = 0.1, seed: int = 0, segments: int = 18, step: float = 0.012,
                  rings: int | None = None):
    """A closed tube along ``path`` with per-point radii, wrinkled by ``folds`` (a fraction of the radius):
    rings of bunched cloth along the sleeve and a few creases around it; flat caps at both ends. ``rings``
    fixes the number of rings (else one per ``step``), so paths of any length give the same vertex count."""
    path = np.asarray(path, dtype=float)
    radius = np.broadcast_to(np.asarray(radius, dtype=float), (len(path),))
    seg = np.linalg.norm(np.diff(path, axis=0), axis=1)
    s = np.concatenate([[0.0], np.cumsum(seg)])
    k = int(rings) if rings else max(2, int(np.ceil(s[-1] / step)) + 1)
    si = np.linspace(0.0, s[-1], k)
    p = np.stack([np.interp(si, s, path[:, i]) for i in range(3)], axis=1)
    r = np.interp(si, s, radius)
    n, b = _transport_frames(p)
    rng = np.random.default_rng(seed)
    phase = rng.uniform(0, 2 * np.pi, 3)
    th = 2 * np.pi * np.arange(segments) / segments
    bunch = np.sin(2 * np.pi * si / 0.045 + phase[0]) * 0.6 + np.sin(2 * np.pi * si / 0.021 + phase[1]) * 0.4
    crease = np.cos(3 * th[None, :] + phase[2] + si[:, None] * 25.0)
    rr = r[:, None] * (1.0 + folds * (0.5 * bunch[:, None] + 0.35 * crease))
    rr[[0, -1]] = r[[0, -1], None] * (1.0 + folds * 0.3)  # cuffs: round, a little wider
    ring = (np.cos(th)[None, :, None] * n[:, None, :] + np.sin(th)[None, :, None] * b[:, None, :])
    v = (p[:, None, :] + rr[..., None] * ring).reshape(-1, 3)
    faces = []
    for i in range(k - 1):
        for j in range(segments):
            a0, a1 = i * segments + j, i * segments + (j + 1) % segments
            b0, b1 = a0 + segments, a1 + segments
            faces += [(a0, a1, b1), (a0, b1, b0)]
    c0, c1 = len(v), len(v) + 1
    v = np.concatenate([v, p[[0, -1]]])
    last = (k - 1) * segments
    for j in range(segments):
        faces.append((c0, (j + 1) % segments, j))
        faces.append((c1, last + j, last + (j + 1) % segments))
    f = np.array(faces, dtype=np.int64)
    vol = np.einsum("ij,ij->i", v[f[:, 0]], np.cross(v[f[:, 1]], v[f[:, 2]])).sum()
    if vol < 0:
        f = f[:, ::-1]
    return v, f


def _hand_builder(length: float, breadth: float, pose: dict, side: str = "right", forearm: float = FOREARM_M,
                  trigger_pose: dict | None = None, arm: dict | None = None):
    """The hand mesh (``trigger_pose``, the index finger on the trigger, and ``arm``, the forearm's other key
    directions, are the renderer's shape keys)."""
    from generator.shapes.mesh import Mesh

    return Mesh(*hand_mesh_arrays(length, breadth, pose, side=side, forearm=forearm))


def _nails_builder(length: float, breadth: float, pose: dict, side: str = "right"):
    from generator.shapes.mesh import Mesh

    return Mesh(*nail_arrays(length, breadth, pose, side=side))


def _pads_builder(length: float, breadth: float, pose: dict, side: str = "right"):
    from generator.shapes.mesh import Mesh

    return Mesh(*knuckle_pad_arrays(length, breadth, pose, side=side))


def _sleeve_builder(path, radius, folds: float = 0.1, seed: int = 0, rings: int | None = None,
                    keys: list | None = None):
    """A sleeve tube (``keys``: its paths in the arm's other key poses, the renderer's shape keys)."""
    from generator.shapes.mesh import Mesh

    return Mesh(*sleeve_arrays(path, radius, folds=folds, seed=seed, rings=rings))


def _register() -> None:
    from generator.shapes.registry import BUILDERS, register

    for name, fn in (("hand", _hand_builder), ("hand_nails", _nails_builder), ("hand_pads", _pads_builder),
                     ("sleeve", _sleeve_builder)):
        if name not in BUILDERS:
            register(name, fn)


_register()


def repose_digit(verts: np.ndarray, length: float, breadth: float, pose: dict, new_pose: dict, digit: str = "index",
                 side: str = "right", blend_m: float = 0.006) -> np.ndarray:
    """The hand mesh's vertices with one digit moved from ``pose`` to ``new_pose`` (same triangles: a shape key).

    Linear blend skinning: a vertex nearest to the digit follows the bone it projects onto, blended with the
    parent bone within ``blend_m`` of each joint; everything else stays."""
    m = np.array([-1.0, 1.0, 1.0]) if side == "left" else np.ones(3)
    v = verts * m
    old, new = skeleton(length, breadth, pose), skeleton(length, breadth, new_pose)

    def seg_dist(p, a, b):
        ab = b - a
        t = np.clip((p - a) @ ab / (ab @ ab), 0, 1)
        return np.linalg.norm(p - (a + t[:, None] * ab), axis=1), (p - a) @ ab / np.sqrt(ab @ ab)

    own = np.full(len(v), np.inf)
    for a, b, _r, ra, _rb in old[digit]:
        own = np.minimum(own, seg_dist(v, a, b)[0] - ra)
    other = np.full(len(v), np.inf)
    for d in DIGITS:
        if d != digit:
            for a, b, _r, ra, _rb in old[d]:
                other = np.minimum(other, seg_dist(v, a, b)[0] - ra)
    mcp = old[digit][0][0]
    axis0 = old[digit][0][1] - mcp
    axis0 /= np.linalg.norm(axis0)
    beyond = (v - mcp) @ axis0  # distance past the knuckle along the proximal phalanx
    moving = (own < other) & (beyond > -blend_m)
    out = v.copy()
    if not moving.any():
        return verts.copy()
    p = v[moving]
    transforms = [(np.eye(3), np.zeros(3), np.zeros(3))]  # the palm: identity
    for (a0, _b0, r0, *_), (a1, _b1, r1, *_) in zip(old[digit], new[digit], strict=True):
        transforms.append((r1 @ r0.T, a0, a1))
    res = np.zeros_like(p)
    wsum = np.zeros(len(p))
    for k, (a, b, _r, _ra, _rb) in enumerate(old[digit]):
        ln = np.linalg.norm(b - a)
        s = (p - a) @ ((b - a) / ln)
        # weight of bone k: ramps up across its base joint, down across its head joint (the last never ends)
        w = np.clip(0.5 + s / (2 * blend_m), 0, 1)
        if k < len(old[digit]) - 1:
            w = w * np.clip(0.5 - (s - ln) / (2 * blend_m), 0, 1)
        rot, a_old, a_new = transforms[k + 1]
        res += w[:, None] * ((p - a_old) @ rot.T + a_new)
        wsum += w
    first = old[digit][0]
    s0 = (p - first[0]) @ ((first[1] - first[0]) / np.linalg.norm(first[1] - first[0]))
    w_palm = np.clip(0.5 - s0 / (2 * blend_m), 0, 1)
    res += w_palm[:, None] * p
    wsum += w_palm
    out[moving] = res / np.maximum(wsum, 1e-9)[:, None]
    return out * m
