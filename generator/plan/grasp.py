"""Hands posed on a held object from joint angles: place the palm against the handle, then close each digit joint
by joint until it touches the object's surface (the way grasp planners close a hand), within the joint limits.

Everything here is in the held object's model frame (+Y forward, +Z up, +X right, origin at the grip point).
A left hand is solved as a right hand against the mirrored object and mirrored back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from generator.shapes import hand as H

MIRROR = np.diag([-1.0, 1.0, 1.0])
CONTACT_M = 0.0006  # gap left between a closed finger and the surface
STEP_DEG = 10.0  # a joint closes in steps this big, then bisects the step that touched (to under a degree)


@dataclass
class HandPose:
    """One solved hand: size, joint angles and the wrist pose (rotation matrix, position) in the object frame."""

    side: str
    length: float
    breadth: float
    pose: dict[str, list[float]]
    rot: np.ndarray = field(default_factory=lambda: np.eye(3))
    pos: np.ndarray = field(default_factory=lambda: np.zeros(3))
    contact_digits: tuple[str, ...] = ()
    trigger_index: list[float] | None = None  # the index finger's angles when on the trigger (firing hands)

    def geom(self) -> dict:
        """The hand builder's parameters (plain lists and numbers)."""
        return {
            "length": round(self.length, 4),
            "breadth": round(self.breadth, 4),
            "side": self.side,
            "pose": {k: [round(float(a), 2) for a in v] for k, v in self.pose.items()},
        }

    def pads(self) -> dict[str, np.ndarray]:
        """Points on the skin of each digit's pad (palmar side of the distal segment), (3, 3) per digit, in the
        object frame."""
        bones = H.skeleton(self.length, self.breadth, self.pose)
        m = MIRROR if self.side == "left" else np.eye(3)
        out = {}
        for d in H.DIGITS:
            a, b, rot, ra, rb = bones[d][-1]
            p = np.array([a + (b - a) * t - rot[:, 2] * rb * 0.95 for t in (0.3, 0.5, 0.7)])
            out[d] = p @ m.T @ self.rot.T + self.pos
        return out


def _bone_spheres(bones, step: float = 0.003) -> tuple[np.ndarray, np.ndarray]:
    cs, rs = [], []
    for a, b, _rot, ra, rb in bones:
        n = max(2, int(np.ceil(np.linalg.norm(b - a) / step)) + 1)
        t = np.linspace(0, 1, n)
        cs.append(a + (b - a) * t[:, None])
        rs.append(ra + (rb - ra) * t)
    return np.concatenate(cs), np.concatenate(rs)


def digit_spheres(length: float, breadth: float, pose: dict, digit: str, first: int = 0):
    """Collision spheres (centres, radii) of a digit's bones from bone ``first`` on (hand frame)."""
    bones = H.skeleton(length, breadth, pose, (digit,))[digit][first:]
    c, r = _bone_spheres(bones)
    if digit == "thumb" and first == 0:
        c, r = c[len(c) // 3 :], r[len(r) // 3 :]  # the metacarpal's base lies inside the thenar
        tc, tr = thenar_spheres(length, breadth, pose)
        c, r = np.concatenate([c, tc]), np.concatenate([r, tr])
    return c, r


def palm_spheres(length: float, breadth: float, pose: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Spheres filling the palm slab and the thenar and hypothenar bulges (hand frame); the thenar follows the
    thumb's metacarpal when ``pose`` is given."""
    sl, sb = length / H.REF_LENGTH_M, breadth / H.REF_BREADTH_M
    extra_c, extra_r = thenar_spheres(length, breadth, pose) if pose is not None else ([], [])
    pts, rad = [], []
    for x in np.linspace(-22, 24, 6):
        for y in np.linspace(18, 82, 7):
            pts.append((x * sb * 1e-3, y * sl * 1e-3, -4.5e-3 * sl))
            rad.append(11.0e-3 * sl)
    pts += [(-14e-3 * sb, 38e-3 * sl, -12e-3 * sl), (26e-3 * sb, 45e-3 * sl, -7e-3 * sl)]
    rad += [12e-3 * sl, 10e-3 * sl]
    return np.array(pts + list(extra_c)), np.array(rad + list(extra_r))


def thenar_spheres(length: float, breadth: float, pose: dict) -> tuple[list, list]:
    """Three spheres filling the ball of the thumb (it moves with the thumb's metacarpal), hand frame."""
    sl = length / H.REF_LENGTH_M
    a, b, rot, _ra, _rb = H.skeleton(length, breadth, pose, ("thumb",))["thumb"][0]
    c = a + (b - a) * 0.45 + np.array([4e-3, 0.0, -6e-3]) * sl
    cs = [c + rot[:, 1] * t * 1e-3 * sl for t in (-12.0, 0.0, 12.0)]
    return cs, [10.5e-3 * sl, 12.5e-3 * sl, 10.5e-3 * sl]


class Solver:
    """Places and closes one hand against a distance function of the object frame."""

    def __init__(self, dist, side: str, length: float, breadth: float):
        self.side = side
        self.length, self.breadth = length, breadth
        m = MIRROR if side == "left" else np.eye(3)
        self._m = m
        self._dist = dist

    def dist(self, pts_obj_right: np.ndarray) -> np.ndarray:
        """Signed object distance at points given in the (mirrored for a left hand) solving frame."""
        return self._dist(pts_obj_right @ self._m.T)

    def gap(self, rot, pos, centres, radii) -> float:
        if len(centres) == 0:
            return np.inf
        w = centres @ rot.T + pos
        return float((self.dist(w) - radii).min())

    def place(self, rot, anchor, pose, approach_from: float = 0.06) -> np.ndarray:
        """Wrist position that puts the palm centre against the object near ``anchor`` (sliding along the palm
        normal until the palm touches); solving-frame rotation ``rot``."""
        sl = self.length / H.REF_LENGTH_M
        palm_local = np.array([0.0, 52e-3 * sl, -16e-3 * sl])
        normal = -rot[:, 2]  # palm normal in the object frame
        pos = anchor - rot @ palm_local - normal * approach_from
        c, r = palm_spheres(self.length, self.breadth, pose)
        tc, tr = digit_spheres(self.length, self.breadth, pose, "thumb", 0)
        n = len(tc) // 2
        c, r = np.concatenate([c, tc[:n]]), np.concatenate([r, tr[:n]])
        for _ in range(40):
            g = self.gap(rot, pos, c, r)
            if g < CONTACT_M * 1.5:
                break
            pos = pos + normal * (g - CONTACT_M)
        # back off if already inside
        for _ in range(20):
            g = self.gap(rot, pos, c, r)
            if g >= CONTACT_M * 0.5:
                break
            pos = pos - normal * (CONTACT_M - g + 0.001)
        return pos

    def close(self, rot, pos, pose: dict, digit: str, joints: tuple[int, ...], limit: dict | None = None) -> bool:
        """Close the digit's joints (indices into its angle list) one after another until it touches; True on
        contact. Joint ``j`` moves the bones from ``first_bone[j]`` on."""
        names = H.THUMB_JOINTS if digit == "thumb" else H.FINGER_JOINTS
        first_bone = {0: 0, 1: 0, 2: 1, 3: 2}
        touched = False
        for j in joints:
            lo, hi = H.LIMITS[names[j]]
            if limit and j in limit:
                hi = min(hi, limit[j])
            start = pose[digit][j]

            def gap_at(angle, j=j):
                pose[digit][j] = angle
                c, r = digit_spheres(self.length, self.breadth, pose, digit, first_bone[j])
                return self.gap(rot, pos, c, r)

            if gap_at(start) < CONTACT_M:
                pose[digit][j] = start
                touched = True
                continue
            free, hit = start, None
            for a in np.arange(start + STEP_DEG, hi + STEP_DEG, STEP_DEG):
                a = min(a, hi)
                if gap_at(a) < CONTACT_M:
                    hit = a
                    break
                free = a
                if a >= hi:
                    break
            if hit is None:
                pose[digit][j] = free
                continue
            for _ in range(4):
                mid = (free + hit) / 2
                if gap_at(mid) < CONTACT_M:
                    hit = mid
                else:
                    free = mid
            pose[digit][j] = free
            touched = True
        return touched

    def relieve(self, rot, pos, pose: dict, digit: str, j: int = 0) -> None:
        """Open a digit's joint ``j`` until the digit is clear of the object (thumbs and straight index fingers)."""
        names = H.THUMB_JOINTS if digit == "thumb" else H.FINGER_JOINTS
        for _ in range(30):
            c, r = digit_spheres(self.length, self.breadth, pose, digit)
            if self.gap(rot, pos, c, r) >= CONTACT_M * 0.5:
                return
            lo, _hi = H.LIMITS[names[j]]
            pose[digit][j] = max(lo, pose[digit][j] - 3.0)

    def place_thumb(self, rot, pos, pose: dict, target) -> float:
        """Choose the thumb's carpometacarpal flexion and abduction and its MCP flexion (a coarse search within
        the limits) that bring its pad nearest ``target`` (object frame) without passing into the object;
        returns the pad's distance from the target."""
        target = self._m @ np.asarray(target, dtype=float)
        best, best_score = None, np.inf
        for flex in np.linspace(-15.0, 50.0, 5):
            for abd in np.linspace(5.0, 80.0, 6):
                for mcp in (0.0, 25.0):
                    pose["thumb"][0], pose["thumb"][1], pose["thumb"][2] = flex, abd, mcp
                    c, r = digit_spheres(self.length, self.breadth, pose, "thumb")
                    pad = rot @ c[-3] + pos
                    score = float(np.linalg.norm(pad - target))
                    if score >= best_score or self.gap(rot, pos, c, r) < CONTACT_M:
                        continue
                    best, best_score = (flex, abd, mcp), score
        if best is None:
            pose["thumb"][:3] = [0.0, 5.0, 0.0]
            return np.inf
        pose["thumb"][:3] = list(best)
        return best_score

    def result(self, rot, pos, pose, contact=()) -> HandPose:
        """The solved hand in the real object frame (mirrored back for a left hand)."""
        m = self._m
        return HandPose(
            side=self.side,
            length=self.length,
            breadth=self.breadth,
            pose=H.clamp_pose(pose),
            rot=m @ rot @ m,
            pos=m @ pos,
            contact_digits=tuple(contact),
        )


def trigger_on(dist, hp: HandPose, target=None) -> list[float]:
    """The index finger's joint angles with its pad on the trigger (``target``, object frame): the knuckle,
    spread and curl (a coarse search within the limits) that bring the distal pad nearest the trigger without
    passing into the gun, the rest of the hand unchanged. Without a target: bent at the knuckle, then curled
    until it touches."""
    s = Solver(dist, hp.side, hp.length, hp.breadth)
    m = s._m
    rot, pos = m @ hp.rot @ m, m @ hp.pos
    pose = {k: list(v) for k, v in hp.pose.items()}
    if target is None:
        pose["index"] = [max(hp.pose["index"][0], 30.0), -6.0, 0.0, 0.0]
        s.relieve(rot, pos, pose, "index")
        s.close(rot, pos, pose, "index", (2, 3), limit={2: 80.0, 3: 45.0})
        return [round(float(a), 2) for a in H.clamp_pose(pose)["index"]]
    goal = m @ np.asarray(target, dtype=float)
    best, best_score = None, np.inf
    for mcp in np.linspace(0.0, 50.0, 6):
        for abd in np.linspace(-20.0, 4.0, 4):
            for pip in np.linspace(0.0, 75.0, 6):
                pose["index"] = [mcp, abd, pip, pip * 0.5]
                a, b, r, _ra, rb = H.skeleton(hp.length, hp.breadth, pose, ("index",))["index"][-1]
                pad = rot @ (a + (b - a) * 0.5 - r[:, 2] * rb * 0.95) + pos
                score = float(np.linalg.norm(pad - goal))
                if score >= best_score:
                    continue
                c, rr = digit_spheres(hp.length, hp.breadth, pose, "index")
                if s.gap(rot, pos, c, rr) < -0.0005:
                    continue
                best, best_score = [mcp, abd, pip, pip * 0.5], score
    pose["index"] = best if best is not None else [30.0, -6.0, 20.0, 10.0]
    return [round(float(a), 2) for a in H.clamp_pose(pose)["index"]]


def frame_from(x_axis, z_axis) -> np.ndarray:
    """Rotation whose columns are the hand's x (index -> little), y (fingers) and z (back of the hand)."""
    x = np.asarray(x_axis, dtype=float)
    x /= np.linalg.norm(x)
    z = np.asarray(z_axis, dtype=float)
    z = z - x * (z @ x)
    z /= np.linalg.norm(z)
    return np.stack([x, np.cross(z, x), z], axis=1)


def rot_about(axis, angle_rad: float) -> np.ndarray:
    """Rotation matrix about ``axis`` (Rodrigues)."""
    k = np.asarray(axis, dtype=float)
    k /= np.linalg.norm(k)
    kx = np.array([[0, -k[2], k[1]], [k[2], 0, -k[0]], [-k[1], k[0], 0]])
    return np.eye(3) + np.sin(angle_rad) * kx + (1 - np.cos(angle_rad)) * kx @ kx


WRAP = (0, 2, 3)  # MCP, PIP, DIP flexion in turn


def open_pose() -> dict[str, list[float]]:
    """Fingers straight, thumb slightly away from the palm: the start of every closing."""
    return {
        "index": [0.0, 0.0, 0.0, 0.0],
        "middle": [0.0, 0.0, 0.0, 0.0],
        "ring": [0.0, 0.0, 0.0, 0.0],
        "little": [0.0, 0.0, 0.0, 0.0],
        "thumb": [0.0, 30.0, 0.0, 0.0],
        "wrist": [0.0, 0.0],
    }


def handle_grip(
    dist, side: str, size: tuple[float, float], axis_down, palm_side, anchor, trigger: str = "off",
    thumb: str = "forward", wrap=("index", "middle", "ring", "little"), mcp_first: float = 50.0,
    wrist=(0.0, 0.0), thumb_target=(0.0, 0.0, 0.0), roll: float = 0.0,
) -> HandPose:
    """A hand closed round a handle: the knuckle line along ``axis_down`` (index at the top), the back of the hand
    facing ``palm_side``'s opposite... i.e. the palm pressed on the handle from ``palm_side`` (unit vector from the
    handle towards the palm, in the right-hand solving frame), fingers wrapping round the far side.

    trigger: "off" (index straight along the frame), "on" (index curled onto the trigger), "wrap" (index round
    the handle too). thumb: "forward" (along the far side, pointing forward), "wrap" (closed over the fingers).
    """
    s = Solver(dist, side, *size)
    m = MIRROR if side == "left" else np.eye(3)  # inputs are in the object frame: mirror them for a left hand
    axis_down, palm_side, anchor = m @ np.asarray(axis_down, float), m @ np.asarray(palm_side, float), m @ np.asarray(
        anchor, float)
    rot = frame_from(axis_down, palm_side)
    if roll:  # the handle across the palm diagonally (index knuckle high, heel of the hand low), not square
        rot = rot_about(rot[:, 2], roll) @ rot
    pose = open_pose()
    pose["wrist"] = list(wrist)
    pose["thumb"] = [0.0, 55.0, 10.0, 5.0] if thumb == "forward" else [20.0, 50.0, 0.0, 0.0]
    pos = s.place(rot, np.asarray(anchor, dtype=float), pose)
    contact = []
    for d in wrap:
        if d == "index" and trigger == "off":
            continue
        if d == "index" and trigger == "on":
            pose["index"] = [30.0, 0.0, 0.0, 0.0]
            if s.close(rot, pos, pose, "index", (2, 3), limit={2: 75.0}):
                contact.append(d)
            continue
        s.close(rot, pos, pose, d, (0,), limit={0: mcp_first})
        if s.close(rot, pos, pose, d, WRAP):
            contact.append(d)
        else:  # nothing to hold on this side: a relaxed curl rather than a fist in the air
            pose[d] = [30.0, 0.0, 35.0, 15.0]
            s.relieve(rot, pos, pose, d)
    if trigger == "off" and "index" in wrap:
        pose["index"] = [0.0, -18.0, 4.0, 2.0]
        s.close(rot, pos, pose, "index", (0,), limit={0: 70.0})
        s.relieve(rot, pos, pose, "index")
    s.place_thumb(rot, pos, pose, thumb_target)
    if thumb == "wrap":
        s.close(rot, pos, pose, "thumb", (3,))
    for d in H.FINGERS:
        s.relieve(rot, pos, pose, d)
    return s.result(rot, pos, pose, contact)


def free_hand(side: str, size: tuple[float, float], kind: str, rot: np.ndarray, pos) -> HandPose:
    """A hand holding nothing: relaxed, open or pointing."""
    if kind == "open":
        pose = {"index": [8.0, -3.0, 8.0, 4.0], "middle": [8.0, 0.0, 8.0, 4.0], "ring": [10.0, 2.0, 10.0, 5.0],
                "little": [12.0, 5.0, 12.0, 6.0], "thumb": [0.0, 35.0, 5.0, 5.0], "wrist": [0.0, 0.0]}
    elif kind == "point":
        pose = {"index": [5.0, 0.0, 5.0, 3.0], "middle": [80.0, 0.0, 95.0, 50.0], "ring": [85.0, 0.0, 95.0, 50.0],
                "little": [88.0, 0.0, 95.0, 50.0], "thumb": [35.0, 35.0, 30.0, 20.0], "wrist": [0.0, 0.0]}
    else:
        pose = H.default_pose()
    m = MIRROR if side == "left" else np.eye(3)
    return HandPose(side=side, length=size[0], breadth=size[1], pose=H.clamp_pose(pose),
                    rot=np.asarray(rot, dtype=float), pos=np.asarray(pos, dtype=float) @ m.T @ m)


def _primitive(shape: str, segments: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Unit box / cylinder (along Z) / sphere, closed and outward (for models made of primitive parts)."""
    if shape == "box":
        v = np.array([[x, y, z] for x in (-0.5, 0.5) for y in (-0.5, 0.5) for z in (-0.5, 0.5)])
        f = np.array([[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                      [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]])
        return v, f
    if shape == "sphere":
        v, f = H._unit_sphere()
        return v * 0.5, f
    a = 2 * np.pi * np.arange(segments) / segments
    ring = np.stack([0.5 * np.cos(a), 0.5 * np.sin(a)], axis=1)
    v = np.concatenate([np.c_[ring, np.full(segments, -0.5)], np.c_[ring, np.full(segments, 0.5)],
                        [[0, 0, -0.5], [0, 0, 0.5]]])
    f = []
    for i in range(segments):
        j = (i + 1) % segments
        f += [[i, j, segments + j], [i, segments + j, segments + i], [2 * segments, j, i],
              [2 * segments + 1, segments + i, segments + j]]
    return v, np.array(f)


def model_arrays(model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A held model's surface in its model frame (vertices, triangles, part index per triangle), the arrays the
    renderer uploads."""
    try:
        from generator.plan.objects.parts import part_mesh  # the mesh vocabulary, where merged
    except ImportError:
        part_mesh = None
    from generator.plan.geometry import euler_to_matrix

    vs, fs, cs, n = [], [], [], 0
    for p in model.parts:
        if part_mesh is not None:
            m = part_mesh(p)
            v, f = np.asarray(m.verts), np.asarray(m.faces)
        else:
            v, f = _primitive(p.shape)
            v = (v * np.asarray(p.size)) @ euler_to_matrix(p.rot).T + np.asarray(p.pos)
        vs.append(v)
        fs.append(f + n)
        cs.append(np.full(len(f), len(cs)))
        n += len(v)
    return np.concatenate(vs), np.concatenate(fs), np.concatenate(cs)
