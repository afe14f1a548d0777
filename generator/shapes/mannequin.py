"""Store-mannequin figures as meshes: smooth closed segments (head, torso, pelvis, limbs, hands, shoes) joined by
ball joints, posed by forward kinematics from the joint angles of ``generator.shapes.poses``. No face: an egg
head. Clothes are segments of their own (shirt or jacket with sleeves, trousers, shorts or skirt, shoes).

One builder kind, ``mannequin``: ``layer`` picks the pieces of one material (shell, top, bottom, shoes), so a
figure is four parts of one model; the same parameters with another ``t`` give the same topology in another
pose (the renderer keys those as shape keys, the labels project the same arrays). Figure frame: feet on z = 0,
facing -Y, +X is the figure's left. Proportions are fractions of the height (Drillis and Contini's segment
lengths).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from generator.shapes.mesh import Mesh, merge, outward
from generator.shapes.poses import angles as pose_angles
from generator.shapes.registry import register

HEIGHT_RANGE = (1.5, 1.95)
LAYERS = ("shell", "top", "bottom", "shoes")
TOPS = ("tshirt", "longsleeve", "jacket")
BOTTOMS = ("trousers", "shorts", "skirt")
SEG = 12  # sides of a limb's cross-section


def tube(centres, rx, ry, u=(1.0, 0.0, 0.0), v=(0.0, 1.0, 0.0), segments: int = SEG) -> Mesh:
    """A closed smooth solid through elliptical rings (centre, half-sizes along ``u`` and ``v``), with a pole
    at each end (the first and last centres)."""
    c = np.asarray(centres, dtype=float)
    rx, ry = np.asarray(rx, dtype=float), np.asarray(ry, dtype=float)
    u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
    a = 2 * np.pi * np.arange(segments) / segments
    cos, sin = np.cos(a), np.sin(a)
    inner = range(1, len(c) - 1)
    rings = [c[i] + np.outer(rx[i] * cos, u) + np.outer(ry[i] * sin, v) for i in inner]
    n, k = segments, len(rings)
    verts = np.concatenate([*rings, c[:1], c[-1:]])
    idx = np.arange(k * n).reshape(k, n)
    nxt = np.roll(idx, -1, axis=1)
    faces = [
        np.stack([idx[:-1], nxt[:-1], nxt[1:]], -1).reshape(-1, 3),
        np.stack([idx[:-1], nxt[1:], idx[1:]], -1).reshape(-1, 3),
        np.stack([np.full(n, k * n), nxt[0], idx[0]], 1),
        np.stack([np.full(n, k * n + 1), idx[-1], nxt[-1]], 1),
    ]
    return outward(Mesh(verts, np.concatenate(faces)))


def along_z(profile, cx=None, cy=None, segments: int = SEG) -> Mesh:
    """A tube along local Z from rows (z, rx, ry) (first and last rows are the poles' heights)."""
    p = np.asarray(profile, dtype=float)
    z = p[:, 0]
    x = np.zeros_like(z) if cx is None else np.asarray(cx, dtype=float)
    y = np.zeros_like(z) if cy is None else np.asarray(cy, dtype=float)
    return tube(np.stack([x, y, z], 1), p[:, 1], p[:, 2], segments=segments)


def ball(r: float, segments: int = 10) -> Mesh:
    """A sphere (a mannequin's ball joint)."""
    b = np.linspace(-np.pi / 2, np.pi / 2, 7)
    return along_z(np.stack([r * np.sin(b), r * np.cos(b), r * np.cos(b)], 1), segments=segments)


def limb(
    length: float,
    r0: float,
    r1: float,
    rmid: float | None = None,
    start: float = 0.0,
    end: float = 1.0,
    flat: float = 1.0,
    ends: float = 0.35,
) -> Mesh:
    """A limb segment hanging down -Z from its joint: radius r0 at the joint to r1 at ``length``, bulging to
    ``rmid``; only the stretch [start, end] of the length (sleeves and bare parts), rounded at both ends."""
    rm = rmid if rmid is not None else (r0 + r1) / 2
    s = np.linspace(start, end, 7)
    r = np.interp(s, [0, 0.35, 1], [r0, rm, r1])
    rr = np.concatenate([[r[0] * ends], r, [r[-1] * ends]])
    z = -length * np.concatenate([[s[0] - 0.25 * r[0] / length], s, [s[-1] + 0.25 * r[-1] / length]])
    z[0] = min(z[0], -length * s[0] + 0.4 * r[0])
    z[-1] = max(z[-1], -length * s[-1] - 0.4 * r[-1])
    return along_z(np.stack([z, rr, rr * flat], 1))


@dataclass(frozen=True)
class Body:
    """Segment lengths and radii (metres) of one figure from its height, build and girth."""

    h: float
    build: float
    girth: float

    def __getattr__(self, name: str) -> float:  # fractions of height
        f = _FRACTIONS.get(name)
        if f is None:
            raise AttributeError(name)
        return f * self.h


_FRACTIONS = {
    "hip_z": 0.530,
    "waist": 0.070,
    "neck_up": 0.225,
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,
    "thigh": 0.245,
    "shin": 0.246,
    "ankle_h": 0.039,
    "foot": 0.152,
    "hip_x": 0.049,
    "shoulder_x": 0.112,
    "head": 0.13,
}


def _skeleton(body: Body, a: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """World (figure-frame) rotation and position of every joint frame, feet on the floor."""
    b, g = body.build, body.girth
    frames: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def put(name, parent, offset, rot):
        pr, pp = frames[parent] if parent else (np.eye(3), np.zeros(3))
        frames[name] = (pr @ rot, pp + pr @ np.asarray(offset, dtype=float))

    lean = a["lean"]
    put("root", None, (0, 0, body.hip_z), _rz(lean[2]) @ _rx(lean[0]) @ _ry(lean[1]))
    sp = a["spine"]
    put("spine", "root", (0, 0, body.waist), _rx(sp[0]) @ _ry(sp[1]) @ _rz(sp[2]))
    nk = a["neck"]
    put("neck", "spine", (0, 0.005 * body.h, body.neck_up), _rz(nk[2]) @ _rx(nk[0]) @ _ry(nk[1]))
    for s, side in (("l", 1.0), ("r", -1.0)):
        sh = a[f"shoulder_{s}"]
        put(
            f"shoulder_{s}",
            "spine",
            (side * body.shoulder_x * b, 0.004 * body.h, 0.19 * body.h),
            _rx(-sh[0]) @ _ry(-side * sh[1]) @ _rz(side * sh[2]),
        )
        put(f"elbow_{s}", f"shoulder_{s}", (0, 0, -body.upper_arm), _rx(-a[f"elbow_{s}"][0]))
        put(f"wrist_{s}", f"elbow_{s}", (0, 0, -body.forearm), _rx(-a[f"wrist_{s}"][0]))
        hp = a[f"hip_{s}"]
        put(
            f"hip_{s}",
            "root",
            (side * body.hip_x * (0.6 + 0.4 * g), 0, 0),
            _rx(-hp[0]) @ _ry(-side * hp[1]) @ _rz(side * hp[2]),
        )
        put(f"knee_{s}", f"hip_{s}", (0, 0, -body.thigh), _rx(a[f"knee_{s}"][0]))
        put(f"ankle_{s}", f"knee_{s}", (0, 0, -body.shin), _rx(-a[f"ankle_{s}"][0]))
    # feet on the floor: the lowest heel or toe touches z = 0
    low = []
    for s in ("l", "r"):
        r, p = frames[f"ankle_{s}"]
        for q in ((0, 0.03 * body.h, -body.ankle_h), (0, -0.115 * body.h, -body.ankle_h)):
            low.append((p + r @ np.asarray(q))[2])
    dz = -min(low)
    return {k: (r, p + np.array([0.0, 0.0, dz])) for k, (r, p) in frames.items()}


def _rx(t: float) -> np.ndarray:
    c, s = np.cos(t), np.sin(t)
    return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])


def _ry(t: float) -> np.ndarray:
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])


def _rz(t: float) -> np.ndarray:
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def _pieces(body: Body, top: str, bottom: str) -> dict[str, list[tuple[str, Mesh]]]:
    """Per layer, (joint frame, mesh in that frame) of every segment: the figure's rest geometry."""
    h, b, g = body.h, body.build, body.girth
    out: dict[str, list[tuple[str, Mesh]]] = {k: [] for k in LAYERS}
    cloth = {"tshirt": 1.06, "longsleeve": 1.06, "jacket": 1.14}[top]
    # head (egg, chin narrower, no face) and neck
    zz = np.array([0.0, 0.01, 0.03, 0.06, 0.09, 0.115, 0.13]) * h
    rw = np.array([0.0, 0.022, 0.036, 0.044, 0.043, 0.03, 0.0]) * h
    rd = np.array([0.0, 0.03, 0.047, 0.055, 0.053, 0.038, 0.0]) * h
    cy = np.array([0.0, -0.012, -0.006, 0.0, 0.003, 0.004, 0.004]) * h
    head = tube(np.stack([0 * zz, cy, zz + 0.035 * h], 1), rw, rd)
    out["shell"].append(("neck", head))
    out["shell"].append(
        (
            "neck",
            along_z(
                [
                    [-0.03 * h, 0.6 * 0.021 * h, 0.6 * 0.023 * h],
                    [-0.02 * h, 0.021 * h, 0.023 * h],
                    [0.045 * h, 0.02 * h, 0.022 * h],
                    [0.06 * h, 0.012 * h, 0.014 * h],
                ]
            ),
        )
    )
    # torso (top): waist to shoulders, wider than deep; jackets hang lower and looser
    hem = -0.09 if top == "jacket" else -0.06  # shirts worn untucked, down to the hips
    tz = np.array([hem + 0.03, hem, 0.0, 0.07, 0.14, 0.19, 0.215, 0.232, 0.24]) * h
    tw = np.array([0.0, 0.082, 0.077, 0.083, 0.094, 0.1, 0.092, 0.06, 0.0]) * h
    td = np.array([0.0, 0.058, 0.054, 0.058, 0.064, 0.058, 0.05, 0.04, 0.0]) * h
    tw[1:-1] *= np.interp(tz[1:-1], [-0.1 * h, 0.05 * h, 0.2 * h], [0.9 + 0.15 * g, 0.85 + 0.15 * g, b])
    td[1:-1] *= 0.85 + 0.15 * g
    tw[1:3] = np.maximum(tw[1:3], 0.088 * h * (0.88 + 0.2 * g) * (cloth if top == "jacket" else 1.0))
    # the hem hangs over the pelvis: wider and deeper than the hips and the tops of the thighs
    hips = max(0.085 * (0.85 + 0.2 * g), 0.049 * (0.6 + 0.4 * g) + 0.054 * g)
    seat = max(0.06 * g, 0.064 * (0.85 + 0.2 * g))
    if bottom == "skirt":  # over the skirt's waist
        hips, seat = max(hips, 0.106 * (0.85 + 0.2 * g)), max(seat, 0.082 * (0.85 + 0.2 * g))
    tw[1:3] = np.maximum(tw[1:3], hips * h * 1.06 / cloth)
    td[1:3] = np.maximum(td[1:3], seat * h * 1.08 / cloth)
    ty = np.array([0, 0, 0, -0.002, -0.006, -0.002, 0.003, 0.004, 0.004]) * h
    out["top"].append(("spine", tube(np.stack([0 * tz, ty, tz], 1), tw * cloth, td * cloth, segments=16)))
    if top == "jacket":  # a collar
        out["top"].append(
            (
                "spine",
                along_z(
                    [
                        [0.2 * h, 0.0, 0.0],
                        [0.21 * h, 0.045 * h, 0.045 * h],
                        [0.245 * h, 0.036 * h, 0.038 * h],
                        [0.25 * h, 0.0, 0.0],
                    ],
                    cy=[0, 0.002 * h, 0.006 * h, 0.006 * h],
                    segments=14,
                ),
            )
        )
    # pelvis (bottom): waist band to crotch
    pz = np.array([0.1, 0.085, 0.05, 0.0, -0.03, -0.045, -0.05]) * h
    pw = np.array([0.0, 0.076, 0.083, 0.085, 0.073, 0.04, 0.0]) * h * (0.85 + 0.2 * g)
    pd = np.array([0.0, 0.055, 0.062, 0.064, 0.056, 0.035, 0.0]) * h * (0.85 + 0.2 * g)
    out["bottom"].append(("root", tube(np.stack([0 * pz, 0 * pz, pz], 1), pw, pd, segments=16)))
    # arms: shoulder ball, upper arm, elbow, forearm, hand (mitten with a thumb)
    ua, fa = body.upper_arm, body.forearm
    r_sh, r_el, r_wr = 0.03 * h * g, 0.021 * h * g, 0.0155 * h * g
    sleeve_end = {"tshirt": 0.45, "longsleeve": 1.0, "jacket": 1.0}[top]
    for s in ("l", "r"):
        sh, el, wr = f"shoulder_{s}", f"elbow_{s}", f"wrist_{s}"
        out["top"].append((sh, ball(r_sh * cloth * 0.92)))
        out["top"].append(
            (
                sh,
                limb(
                    ua,
                    r_sh * cloth,
                    r_el * cloth * (1.25 if sleeve_end < 1 else 1.0),
                    r_sh * 0.95 * cloth,
                    end=sleeve_end,
                    ends=0.85 if sleeve_end < 1 else 0.5,
                ),
            )
        )
        if sleeve_end < 1:
            out["shell"].append((sh, limb(ua, r_sh * 0.95, r_el, r_sh * 0.85, start=sleeve_end - 0.1)))
            out["shell"].append((el, ball(r_el * 1.02)))
            out["shell"].append((el, limb(fa, r_el, r_wr, r_el * 1.08, ends=0.5)))
        else:
            out["top"].append((el, ball(r_el * cloth * 1.08)))
            out["top"].append(
                (
                    el,
                    limb(
                        fa, r_el * cloth * 1.02, r_wr * cloth * 1.25, r_el * cloth * 1.05, end=0.93, ends=0.85
                    ),
                )
            )
            out["shell"].append((el, limb(fa, r_el * 0.9, r_wr, start=0.75, ends=0.5)))
        out["shell"].append((wr, _hand(body, 1.0 if s == "l" else -1.0)))
    # legs: thigh, knee, shin (trousers, or bare under shorts and skirts), shoes
    th, sn = body.thigh, body.shin
    r_hp, r_kn, r_an = 0.05 * h * g, 0.03 * h * g, 0.018 * h * g
    loose = 1.08
    for s, side in (("l", 1.0), ("r", -1.0)):
        hp, kn, an = f"hip_{s}", f"knee_{s}", f"ankle_{s}"
        if bottom == "trousers":
            out["bottom"].append((hp, limb(th, r_hp * loose, r_kn * loose, start=-0.05, ends=0.6)))
            out["bottom"].append((kn, ball(r_kn * loose * 1.05)))
            out["bottom"].append(
                (kn, limb(sn, r_kn * loose, r_an * 1.5, r_kn * 1.02 * loose, end=0.97, ends=0.9))
            )
            out["shell"].append((an, ball(r_an * 1.05)))
        else:
            if bottom == "shorts":
                out["bottom"].append(
                    (hp, limb(th, r_hp * loose, r_kn * 1.35, start=-0.05, end=0.45, ends=0.85))
                )
            out["shell"].append((hp, limb(th, r_hp * 0.97, r_kn, start=0.0 if bottom == "skirt" else 0.35)))
            out["shell"].append((kn, ball(r_kn * 1.02)))
            out["shell"].append((kn, limb(sn, r_kn, r_an, r_kn * 1.12)))
        out["shoes"].append((an, _shoe(body, side)))
    if bottom == "skirt":  # a flared skirt from the waist band to the knees (moves with the pelvis)
        sz = np.array([0.09, 0.085, 0.0, -0.12, -0.2, -0.215]) * h
        sw = np.array([0.0, 0.082, 0.1, 0.125, 0.14, 0.0]) * h * (0.85 + 0.2 * g)
        sd = np.array([0.0, 0.058, 0.075, 0.1, 0.115, 0.0]) * h * (0.85 + 0.2 * g)
        out["bottom"].append(("root", tube(np.stack([0 * sz, 0 * sz, sz], 1), sw, sd, segments=16)))
    return out


def _hand(body: Body, side: float) -> Mesh:
    """A mannequin's mitten hand hanging from the wrist: palm towards the thigh, fingers together, a thumb."""
    h = body.h * body.girth**0.5
    z = -np.array([-0.012, 0.0, 0.02, 0.045, 0.065, 0.085, 0.1, 0.108]) * body.h
    w = np.array([0.0, 0.016, 0.023, 0.025, 0.024, 0.02, 0.013, 0.0]) * h  # across the palm (Y)
    t = np.array([0.0, 0.011, 0.012, 0.011, 0.009, 0.008, 0.007, 0.0]) * h  # thickness (X)
    curl = -side * np.array([0.0, 0.0, 0.0, 0.002, 0.006, 0.012, 0.018, 0.02]) * body.h
    palm = tube(np.stack([curl, 0 * z, z], 1), t, w, u=(1, 0, 0), v=(0, 1, 0), segments=10)
    tz = -np.array([0.01, 0.02, 0.04, 0.058, 0.066]) * body.h
    ty = -np.array([0.012, 0.02, 0.03, 0.034, 0.034]) * body.h
    tx = -side * np.array([0.004, 0.008, 0.012, 0.014, 0.014]) * body.h
    tr = np.array([0.0, 0.008, 0.007, 0.0055, 0.0]) * h
    thumb = tube(np.stack([tx, ty, tz], 1), tr, tr, u=(1, 0, 0), v=(0, 0.5, 0.866), segments=8)
    return merge([palm, thumb])


def _shoe(body: Body, side: float) -> Mesh:
    """A shoe under the ankle joint, toe forward (-Y), sole on the ankle's floor level."""
    h = body.h
    y = np.array([0.04, 0.035, 0.015, -0.03, -0.07, -0.1, -0.118, -0.124]) * h
    z = np.array([-0.026, -0.022, -0.02, -0.024, -0.03, -0.031, -0.032, -0.033]) * h
    w = np.array([0.0, 0.022, 0.026, 0.03, 0.033, 0.03, 0.02, 0.0]) * h
    t = np.array([0.0, 0.018, 0.021, 0.017, 0.012, 0.0095, 0.007, 0.0]) * h
    x = side * np.array([0.0, 0.0, 0.0, 0.002, 0.004, 0.006, 0.006, 0.006]) * h
    return tube(np.stack([x, y, z], 1), w, t, u=(1, 0, 0), v=(0, 0, 1))


@lru_cache(maxsize=64)
def _rest(key: str) -> dict[str, list[tuple[str, Mesh]]]:
    d = json.loads(key)
    body = Body(float(d["height"]), float(d.get("build", 1.0)), float(d.get("girth", 1.0)))
    return _pieces(body, str(d.get("top", "tshirt")), str(d.get("bottom", "trousers")))


@lru_cache(maxsize=256)
def _posed(body_key: str, pose_key: str, t: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Joint frames of a figure at ``t`` (shared by its four layers)."""
    d = json.loads(body_key)
    b = Body(float(d["height"]), float(d.get("build", 1.0)), float(d.get("girth", 1.0)))
    return _skeleton(b, pose_angles(json.loads(pose_key), t))


def figure_mesh(layer: str, body: dict, pose: dict | None = None, t: float = 0.0) -> Mesh:
    """One material layer of a figure (``body``: height, build, girth, top, bottom) posed by ``pose`` at ``t``."""
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, got {layer!r}")
    key = json.dumps(body, sort_keys=True)
    pieces = _rest(key)[layer]
    frames = _posed(key, json.dumps(pose or {"name": "standing"}, sort_keys=True), float(t))
    return merge([Mesh(m.verts @ frames[j][0].T + frames[j][1], m.faces) for j, m in pieces])


def joint_positions(body: dict, pose: dict | None = None, t: float = 0.0) -> dict[str, np.ndarray]:
    """Where every joint is at ``t`` in the figure frame (tests, previews)."""
    b = Body(float(body["height"]), float(body.get("build", 1.0)), float(body.get("girth", 1.0)))
    return {k: p for k, (_r, p) in _skeleton(b, pose_angles(pose or {"name": "standing"}, float(t))).items()}


def _build(layer: str, body: dict, pose: dict | None = None, t: float = 0.0) -> Mesh:
    return figure_mesh(layer, body, pose, t)


register("mannequin", _build)
