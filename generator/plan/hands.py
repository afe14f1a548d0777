"""The wearer's hands and arms as parts, posed on the held object's grip (or empty: relaxed, open, pointing).

Each hand is one smooth articulated mesh (``"hand"`` parts, see generator/shapes/hand.py: palm, thumb with its
metacarpal, three phalanges per finger, forearm to the elbow), nails on bare hands (``"hand_nails"``), a sleeve
from the forearm over the elbow towards the shoulder (``"sleeve"``: a folded tube) and an optional watch. The
grip's joint angles come from closing each digit against the held object's surface (generator/plan/grasp.py);
the forearm points at the elbow that the camera mount implies (shoulder below and beside a head camera, level
with a chest camera), so arms belong to the wearer. All positions are in the grip anchor's frame (+Y forward,
+Z up, +X right; origin at the grip point).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.plan import arms as A
from generator.plan import grasp as G
from generator.plan.contact import NearDistance
from generator.plan.geometry import hsv_to_linear, matrix_to_euler, r3, srgb_to_linear
from generator.plan.model import Material, Model, Part, Placed
from generator.shapes import hand as H

HAND_IDS = {"hand_right": 2, "hand_left": 3}
SLEEVES = ("long", "rolled", "short", "jacket")
GRIPS = ("pistol", "shoulder", "fist_y", "fist_z", "phone", "two_side", "open")
# how far (radians) a pistol grip's handle lies diagonally across the palm (index knuckle high, heel of the hand
# low), so the forearm runs back and down towards the shoulder; steeper on a long gun's pistol grip
GRIP_ROLL = {"handgun": 0.5, "long": 0.4, "other": 0.3}
REACH_TOL_M = 0.03  # upper arms differ between wearers: an elbow this near its reach costs nothing
# skin colours (sRGB) from very light to very dark, interpolated by skin_tone (Fitzpatrick I-VI-like anchors)
SKIN_SRGB = np.array(
    [
        [0.96, 0.82, 0.72],
        [0.90, 0.72, 0.60],
        [0.78, 0.58, 0.44],
        [0.62, 0.43, 0.30],
        [0.44, 0.29, 0.19],
        [0.27, 0.17, 0.11],
    ]
)
# glove kinds: (colour choices as (h, s, v), roughness, knuckle pads)
GLOVES = {
    "tactical": ([(0.0, 0.0, 0.04), (0.09, 0.35, 0.45), (0.2, 0.35, 0.22)], 0.75, True),
    "nitrile": ([(0.6, 0.7, 0.55), (0.75, 0.5, 0.45), (0.0, 0.0, 0.03)], 0.35, False),
    "work": ([(0.1, 0.45, 0.6), (0.0, 0.0, 0.35), (0.12, 0.3, 0.75)], 0.9, False),
}
# garments: (hue, saturation, value) choices; None = drawn from the config's sleeve hue and value
GARMENTS = {
    "uniform": [(0.62, 0.6, 0.12), (0.0, 0.0, 0.03), (0.0, 0.0, 0.85)],  # police shirts navy, black, white
    "hivis": [(0.17, 0.95, 0.85), (0.08, 0.95, 0.9)],  # yellow, orange
    "hoodie": None,
    "jacket": None,
}


@dataclass
class ArmSpec:
    """Where the arms go: the grip anchor's key poses in the camera frame (basis first) and the right
    shoulder in the camera frame (the left one mirrors it)."""

    poses: list
    shoulder: np.ndarray
    names: list[str] | None = None  # per key ("mid": half-way to the next key, see arms.key_weights)


@dataclass
class HandStyle:
    """How the wearer's arms look: materials, hand size, sleeve kind and start, watch on the left wrist."""

    mats: dict[str, Material]
    size: tuple[float, float]
    sleeve: str
    sleeve_from: float
    sleeve_r: float
    watch: bool
    gloved: str  # "" = bare hands, else a GLOVES kind or "fingerless"
    garment: str


def skin_material(skin_tone: float, rng: np.random.Generator) -> Material:
    """Skin: a colour from the human range, soft sheen (the cheap stand-in for subsurface light) and a
    reddish mottling (knuckles and colour noise) as the material's second colour."""
    t = float(np.clip(skin_tone, 0, 1)) * (len(SKIN_SRGB) - 1)
    i = min(int(t), len(SKIN_SRGB) - 2)
    c = SKIN_SRGB[i] + (SKIN_SRGB[i + 1] - SKIN_SRGB[i]) * (t - i)
    c = np.clip(c * rng.uniform(0.95, 1.05, 3), 0, 1)
    red = np.clip(c * np.array([1.02, 0.82, 0.8]), 0, 1)
    return Material(color=srgb_to_linear(c), color2=srgb_to_linear(red), roughness=0.5, pattern="skin", scale=60.0)


def hand_style(
    rng: np.random.Generator,
    skin_tone: float,
    gloved: bool,
    sleeve_hue: float,
    sleeve_value: float,
    sleeve: str,
    watch: bool,
) -> HandStyle:
    """A HandStyle from drawn config values (glove kind, garment and hand size drawn here)."""
    skin = skin_material(skin_tone, rng)
    glove_kind = str(rng.choice(["tactical", "tactical", "nitrile", "work", "fingerless"])) if gloved else ""
    mats = {"skin": skin, "hand": skin, "nail": Material(color=srgb_to_linear(
        np.clip(np.array(SKIN_SRGB[0]) * 0.95 + 0.03, 0, 1)), roughness=0.25)}
    if glove_kind:
        colours, rough, _ = GLOVES["tactical" if glove_kind == "fingerless" else glove_kind]
        h, s, v = colours[int(rng.integers(len(colours)))]
        gc = hsv_to_linear(h, s, v * rng.uniform(0.85, 1.15))
        mats["hand"] = Material(color=gc, color2=tuple(x * 0.6 for x in gc), roughness=rough,
                                pattern="glove" if glove_kind != "nitrile" else "", scale=120.0)
        mats["pad"] = Material(color=tuple(x * 0.5 for x in gc), roughness=0.6, pattern="fabric", scale=400.0)
    garment = {"long": "uniform", "rolled": "uniform", "short": "uniform", "jacket": "jacket"}[sleeve]
    r = rng.random()
    if sleeve in ("long", "jacket") and r < 0.25:
        garment = "hivis"
    elif sleeve in ("long", "jacket") and r < 0.45:
        garment = "hoodie"
    choices = GARMENTS[garment]
    if choices is None or rng.random() < 0.3:
        hsv = (sleeve_hue, float(rng.uniform(0.1, 0.6)), sleeve_value)
    else:
        hsv = choices[int(rng.integers(len(choices)))]
    mats["sleeve"] = Material(color=hsv_to_linear(*hsv), roughness=0.85 if garment != "jacket" else 0.6,
                              pattern="fabric", scale=300.0)
    mats["watch"] = Material(color=hsv_to_linear(0, 0, rng.uniform(0.02, 0.6)), roughness=0.3,
                             metallic=float(rng.uniform(0, 1)))
    start = {"long": (0.05, 0.08), "rolled": (0.12, 0.18), "short": (0.3, 0.3), "jacket": (0.04, 0.06)}[sleeve]
    radius = {"long": 0.04, "rolled": 0.046, "short": 0.055, "jacket": 0.05}[sleeve]
    if garment in ("hoodie", "hivis"):
        radius += 0.006
    return HandStyle(mats=mats, size=H.draw_size(rng), sleeve=sleeve, sleeve_from=float(rng.uniform(*start)),
                     sleeve_r=radius, watch=watch, gloved=glove_kind, garment=garment)


# ------------------------------------------------------------------------------------------------ arm geometry


def aim_wrist(hp: G.HandPose, elbow: np.ndarray) -> None:
    """Set the wrist's flexion and deviation (within limits) so the forearm points at ``elbow``."""
    m = G.MIRROR if hp.side == "left" else np.eye(3)
    u = m @ (hp.rot.T @ (elbow - hp.pos))
    u /= np.linalg.norm(u)
    flex = float(np.degrees(np.arcsin(np.clip(u[2], -1, 1))))
    dev = float(np.degrees(np.arctan2(u[0], -u[1])))
    hp.pose["wrist"] = [float(np.clip(flex, *H.LIMITS["wrist_flex"])), float(np.clip(dev, *H.LIMITS["wrist_dev"]))]


_FLEX = np.linspace(*H.LIMITS["wrist_flex"], 15)
_DEV = np.linspace(*H.LIMITS["wrist_dev"], 9)
_AXES = np.array([[H.forearm_axis({"wrist": [f, d]}) for d in _DEV] for f in _FLEX]).reshape(-1, 3)
_ANGLES = np.array([[f, d] for f in _FLEX for d in _DEV])


def best_wrist(hp: G.HandPose, pose, shoulder: np.ndarray, fore: float, clear=None) -> list[float]:
    """The wrist angles (within their limits) whose forearm reaches best towards a wearer's elbow in the anchor
    pose ``pose``: the elbow an upper arm's length from the shoulder, below it, the forearm clear of the lens
    (kept well out of its near field and in front of it) and of the held object; a mild preference for the
    forearm hanging down and out, and for a straight wrist."""
    m = G.MIRROR if hp.side == "left" else np.eye(3)
    d_obj = _AXES @ m.T @ hp.rot.T  # candidate forearm directions, anchor frame
    t = np.linspace(0.1, 1.0, 6)
    pts_obj = hp.pos[None, None] + d_obj[:, None] * (t * fore)[None, :, None]  # (K, 6, 3)
    rot = A.euler_to_matrix(pose[1])
    pts = pts_obj @ rot.T + np.asarray(pose[0])
    side = 1.0 if hp.side == "right" else -1.0
    elbow = pts[:, -1]
    reach = np.maximum(0.0, np.abs(np.linalg.norm(elbow - shoulder, axis=1) - A.UPPER_ARM_M) - REACH_TOL_M)
    # the elbow hangs below the shoulder, or below the wrist when the hands are raised above the shoulder
    high = np.maximum(0.0, elbow[:, 1] - np.maximum(shoulder[1] - 0.04, pts[:, 0, 1] - 0.03))
    # out of the lens's near field and in front of it (closer only where the shoulder itself is close: a butt
    # in the shoulder under a head camera)
    near_m = min(0.3, 0.85 * float(np.linalg.norm(shoulder)))
    front_m = min(0.12, max(0.03, 0.08 - float(shoulder[2])))
    near = np.maximum(0.0, near_m - np.linalg.norm(pts, axis=2).min(axis=1))
    behind = np.maximum(0.0, pts[:, :, 2].max(axis=1) + front_m)
    d_cam = d_obj @ rot.T
    cost = 3.0 * reach + 4.0 * high + 12.0 * near + 12.0 * behind - 0.15 * (-d_cam[:, 1] + 0.5 * side * d_cam[:, 0])
    cost += 0.002 * np.abs(_ANGLES).sum(axis=1) / 10.0
    if clear is not None:
        gap = clear(pts_obj.reshape(-1, 3)).reshape(len(pts_obj), -1)
        cost += 20.0 * np.maximum(0.0, 0.035 - gap).sum(axis=1)
    return [float(a) for a in _ANGLES[int(np.argmin(cost))]]


def forearm_dir(hp: G.HandPose) -> np.ndarray:
    """The forearm's direction (wrist -> elbow) in the object frame."""
    m = G.MIRROR if hp.side == "left" else np.eye(3)
    return hp.rot @ (m @ H.forearm_axis(hp.pose))


def arm_parts(hp: G.HandPose, style: HandStyle, watch: bool, arm: ArmSpec | None, clear=None):
    """The hand's arm for every key pose of ``arm``: sets the forearm (wrist angles) for the basis pose and
    returns (forearm length of the hand mesh, the arm geom of the hand part, sleeve and watch parts with their
    key paths). Without ``arm``: one key, the head mount's aimed pose."""
    arm = arm or ArmSpec(poses=[(np.array([0.0, -0.07, -0.5]), np.array([-np.pi / 2, 0.0, 0.0]))],
                         shoulder=A.shoulder_cam("head", 1.0))
    side = 1.0 if hp.side == "right" else -1.0
    fore = 0.25 * hp.length / H.REF_LENGTH_M
    sh_cam = arm.shoulder * np.array([side, 1.0, 1.0])
    dirs, shoulders = [], []
    for k, pose in enumerate(arm.poses):
        wrist = best_wrist(hp, pose, sh_cam, fore, clear)
        if k == 0:
            hp.pose["wrist"] = wrist
        dirs.append(forearm_dir(G.HandPose(hp.side, hp.length, hp.breadth, {"wrist": wrist}, hp.rot, hp.pos)))
        shoulders.append(A.to_anchor(sh_cam[None], pose)[0])
    reach = min(A.forearm_reach(hp.pos, d, fore, pose) for d, pose in zip(dirs, arm.poses, strict=True))
    forearm_m = round(float(max(0.06, reach)), 4)
    info = {"pivot": [round(float(x), 5) for x in hp.pos], "dirs": [[round(float(x), 5) for x in d] for d in dirs],
            "poses": [[round(float(x), 5) for x in np.concatenate(p)] for p in arm.poses],
            "names": list(arm.names or [f"k{i}" for i in range(len(arm.poses))])}
    parts = []
    start = style.sleeve_from if style.sleeve != "short" else fore - 0.01
    paths = [A.centreline(hp.pos, d, fore, sh, start, style.sleeve_r * 1.1, style.sleeve_r * 0.75, pose, 1.0, side)
             for d, sh, pose in zip(dirs, shoulders, arm.poses, strict=True)]

    def tube(name, material, path_r, keys, folds, seed):
        path, rad = path_r
        return Part(shape="sleeve", size=(1.0, 1.0, 1.0), material=material, name=name, smooth=True,
                    geom={"path": [r3(p) for p in path], "radius": [round(float(r), 4) for r in rad],
                          "folds": folds, "seed": seed, "rings": 3 if name == "watch" else A.RINGS,
                          "keys": [{"path": [r3(p) for p in kp], "radius": [round(float(r), 4) for r in kr]}
                                   for kp, kr in keys]})

    # a short sleeve covers the upper arm only: the forearm is bare
    parts.append(tube("sleeve" if style.sleeve != "short" else "sleeve_short", "sleeve", paths[0], paths[1:], 0.06, 0))
    if watch and style.sleeve_from > 0.06:
        w = [([hp.pos + d * 0.03, hp.pos + d * 0.05], [0.0305, 0.0315]) for d in dirs]
        parts.append(tube("watch", "watch", w[0], w[1:], 0.0, 0))
    return forearm_m, info, parts


def hand_parts(hp: G.HandPose, style: HandStyle, forearm_m: float | None = None, arm: dict | None = None
               ) -> list[Part]:
    """The hand mesh part (and nails on bare hands, knuckle pads on tactical gloves)."""
    geom = hp.geom()
    geom["forearm"] = round(forearm_m if forearm_m is not None else 0.25 * hp.length / H.REF_LENGTH_M, 4)
    if arm is not None:
        geom["arm"] = arm
    if hp.trigger_index is not None:  # the renderer's shape key: the index finger on the trigger around shots
        geom["trigger_pose"] = {"index": list(hp.trigger_index)}
    pos, rot = r3(hp.pos), r3(matrix_to_euler(hp.rot))
    parts = [Part(shape="hand", size=(1.0, 1.0, 1.0), pos=pos, rot=rot, material="hand", name="hand", geom=geom,
                  smooth=True)]
    small = {k: geom[k] for k in ("length", "breadth", "side", "pose")}
    if not style.gloved or style.gloved == "fingerless":
        parts.append(Part(shape="hand_nails", size=(1.0, 1.0, 1.0), pos=pos, rot=rot, material="nail",
                          name="nails", geom=small, smooth=True))
    if style.gloved in ("tactical", "fingerless"):
        parts.append(Part(shape="hand_pads", size=(1.0, 1.0, 1.0), pos=pos, rot=rot, material="pad",
                          name="knuckle_pads", geom=small, smooth=True))
    return parts


def _hand(name: str, parts: list[Part], style: HandStyle, meta=None) -> Placed:
    used = {p.material for p in parts}
    mats = {k: v for k, v in style.mats.items() if k in used}
    return Placed(model=Model(name=name, category=name, parts=parts, materials=mats,
                              instance_id=HAND_IDS[name], meta=meta or {}))


# ------------------------------------------------------------------------------------------------ grips


def _sphere_dist(centres: np.ndarray, radii: np.ndarray):
    def dist(p: np.ndarray) -> np.ndarray:
        return (np.linalg.norm(p[:, None, :] - centres[None], axis=-1) - radii[None]).min(axis=1)

    return dist


def hand_spheres(hp: G.HandPose) -> tuple[np.ndarray, np.ndarray]:
    """Collision spheres of a solved hand in the object frame (to pose a second hand round it)."""
    pc, pr = G.palm_spheres(hp.length, hp.breadth)
    cs, rs = [pc], [pr]
    for d in H.DIGITS:
        c, r = G.digit_spheres(hp.length, hp.breadth, hp.pose, d)
        cs.append(c)
        rs.append(r)
    m = G.MIRROR if hp.side == "left" else np.eye(3)
    c = np.concatenate(cs) @ m.T @ hp.rot.T + hp.pos
    return c, np.concatenate(rs)


def object_distance(held: Model, near=None, arrays=None):
    """Signed distance to the held model's surface (its mesh arrays), fast near the query points (grip solving);
    ``near``: (centres, radii) of the regions the hands may touch; ``arrays``: ``grasp.model_arrays(held)``."""
    v, f, comp = arrays if arrays is not None else G.model_arrays(held)
    return NearDistance(v, f, comp, near=near)


def _down(tilt: float) -> np.ndarray:
    return np.array([0.0, -np.sin(tilt), -np.cos(tilt)])


def forearm_spheres(hp: G.HandPose, n: int = 12) -> tuple[np.ndarray, np.ndarray]:
    """Spheres along the forearm (object frame), to keep it out of the held object (a rifle's stock)."""
    sl, sb = hp.length / H.REF_LENGTH_M, hp.breadth / H.REF_BREADTH_M
    t = np.linspace(0.15, 1.0, n)
    c = forearm_dir(hp)[None] * (t * 0.25 * sl)[:, None] + hp.pos
    return c, (0.027 + 0.013 * t) * sb * 0.85


def clear_forearm(hp: G.HandPose, elbow: np.ndarray, dist, side: float) -> None:
    """Aim the forearm at ``elbow``, swinging the elbow outwards (and down) until the forearm clears the object."""
    for k in range(10):
        aim_wrist(hp, elbow + np.array([side * 0.04 * k, 0.0, -0.02 * k]))
        if dist is None:
            return
        c, r = forearm_spheres(hp)
        if float((dist(c) - r).min()) > 0.0:
            return


def proxy_parts(held: Model) -> list[Part]:
    """Boxes and a fore-end standing in for a held model without parts (a user's asset file): a handle along
    the grip, a frame or receiver above it, the support under the muzzle line; a slab for phones and tablets."""
    from generator.plan.objects.parts import box, cyl_y

    meta = held.meta
    grip = str(meta.get("grip", "pistol"))
    tilt = np.deg2rad(float(meta.get("grip_angle_deg", 17.0)))
    if grip in ("phone", "two_side"):
        w = float(meta.get("width_m", 0.075 if grip == "phone" else 0.2))
        size = (w, 0.012, 0.15) if grip == "phone" else (w, 0.13, 0.012)
        return [box("proxy", size, (0.0, 0.0, 0.0), "proxy")]
    if grip not in ("pistol", "shoulder"):
        return [box("proxy", (0.035, 0.035, 0.16), (0.0, 0.0, 0.0), "proxy")]
    parts = [box("proxy_grip", (0.03, 0.045, 0.11), (0.0, -0.05 * np.sin(tilt), -0.05 * np.cos(tilt)), "proxy",
                 (-tilt, 0.0, 0.0))]
    length = float(meta.get("length_m", 0.2 if grip == "pistol" else 0.8))
    parts.append(box("proxy_frame", (0.03, length * 0.9, 0.035), (0.0, length * 0.3, 0.025), "proxy"))
    if grip == "shoulder":
        sup = np.asarray(held.points.get("support", (0.0, 0.25, 0.0)), dtype=float)
        parts.append(cyl_y("proxy_support", 0.05, 0.2, float(sup[1]) - 0.1, float(sup[2]), "proxy"))
    return parts


def solve_grip(held: Model | None, style: HandStyle, two_handed: bool, trigger: str = "off",
               arrays=None) -> dict[str, G.HandPose]:
    """The solved hands for a held model's grip (by ``meta['grip']``, firearms by class), or empty hands
    (``arrays``: the held model's ``grasp.model_arrays``, when already made)."""
    size = style.size
    if held is not None and not held.parts:  # a user's asset (a file loaded at render time): a stand-in shape
        held, arrays = held.model_copy(update={"parts": proxy_parts(held)}), None
    if held is None:
        r = G.rot_about((1, 0, 0), np.deg2rad(-12))
        return {
            "hand_right": G.free_hand("right", size, "relaxed", r, (0.12, 0.0, 0.0)),
            "hand_left": G.free_hand("left", size, "open", r, (-0.12, 0.0, 0.0)),
        }
    meta = held.meta
    cls = str(meta.get("class", ""))
    grip = str(meta.get("grip", "shoulder" if cls in ("rifle", "shotgun") else "pistol"))
    hw = float(meta.get("grip_width_m", meta.get("handle_w", 0.03)))
    hd = float(meta.get("grip_depth_m", meta.get("handle_d", 0.045)))
    tilt = np.deg2rad(float(meta["grip_angle_deg"])) if "grip_angle_deg" in meta else float(
        meta.get("handle_tilt", 0.3))
    hy = float(meta.get("handle_y", -0.012))
    out: dict[str, G.HandPose] = {}
    if grip in ("pistol", "shoulder"):
        sup = np.asarray(held.points.get("support", (0.0, 0.25, 0.0)), dtype=float)
        near = ([(0.0, hy, -0.03), sup], [0.16, 0.16]) if grip == "shoulder" else ([(0.0, hy, -0.03)], [0.16])
        dist = object_distance(held, near, arrays)
        firing_trigger = trigger if cls in ("handgun", "rifle", "shotgun") else "wrap"
        roll = GRIP_ROLL["long" if cls in ("rifle", "shotgun") else "handgun" if cls == "handgun" else "other"]
        right = G.handle_grip(dist, "right", size, _down(tilt), (1, -0.35, 0), (0.0, hy - 0.45 * hd, -0.02),
                              trigger=firing_trigger, thumb_target=(-hw / 2 - 0.01, hy + 0.035, 0.0),
                              roll=roll)
        if cls in ("handgun", "rifle", "shotgun"):
            right.trigger_index = G.trigger_on(dist, right, held.points.get("trigger"))
        out["hand_right"] = right
        if grip == "pistol" and two_handed and cls == "handgun":
            c, r = hand_spheres(right)
            sd = _sphere_dist(c, r)
            both = lambda p: np.minimum(dist(p), sd(p))  # noqa: E731
            left = G.handle_grip(both, "left", size, _down(tilt - 0.15), (-1, -0.5, 0),
                                 (-hw / 2 - 0.012, hy - 0.1 * hd, -0.045), trigger="wrap",
                                 thumb_target=(-hw / 2 - 0.012, hy + 0.06, -0.01), roll=roll)
            out["hand_left"] = left
        elif grip == "shoulder":
            dia = float(meta.get("fore_end_diameter_m", meta.get("support_d", 0.05)))
            axis = str(meta.get("support_axis", "y"))
            sdist = dist
            if axis == "y":
                left = G.handle_grip(sdist, "left", size, (0.7, -0.7, 0.0), (0.0, 0.0, -1.0),
                                     sup + np.array([0.0, 0.0, -0.005]), trigger="wrap",
                                     thumb_target=sup + np.array([-dia / 2 - 0.008, 0.04, dia * 0.3]))
            else:
                left = G.handle_grip(sdist, "left", size, (0.0, 0.0, -1.0), (-0.6, -1.0, 0.0),
                                     sup, trigger="wrap", thumb_target=sup + np.array([0.0, -0.02, 0.05]))
            out["hand_left"] = left
        return out
    dist = object_distance(held, ([(0.0, 0.0, 0.0)], [0.22]), arrays)
    if grip == "fist_y":
        # underhand: the palm below the handle, fingers wrapping up its left side, the forearm off to the right
        out["hand_right"] = G.handle_grip(dist, "right", size, (0.0, -1.0, 0.0), (0.4, 0.0, -1.0),
                                          (0.0, 0.0, 0.0), trigger="wrap", thumb="wrap",
                                          thumb_target=(0.01, 0.02, 0.02))
    elif grip == "fist_z":
        out["hand_right"] = G.handle_grip(dist, "right", size, (0.0, 0.0, -1.0), (1.0, -0.5, 0.0),
                                          (0.0, 0.0, 0.0), trigger="wrap", thumb="wrap",
                                          thumb_target=(-0.01, -0.015, 0.0))
    elif grip == "phone":
        w = float(meta.get("width_m", 0.075))
        out["hand_right"] = G.handle_grip(dist, "right", size, (0.0, 0.0, -1.0), (1.0, -0.25, 0.0),
                                          (w / 2, 0.0, -0.01), trigger="wrap",
                                          thumb_target=(w / 2 - 0.012, -0.012, 0.03))
    elif grip == "two_side":
        w = float(meta.get("width_m", 0.2))
        for name, sgn in (("hand_right", 1.0), ("hand_left", -1.0)):
            out[name] = G.handle_grip(dist, "right" if sgn > 0 else "left", size, (0.0, 0.0, -1.0),
                                      (sgn, -0.2, 0.0), (sgn * w / 2, 0.0, -0.01), trigger="wrap",
                                      thumb_target=(sgn * (w / 2 - 0.025), -0.015, 0.02))
    else:
        raise ValueError(f"unknown grip {grip!r} of held object {held.name!r}")
    return out


def box_distance(held: Model, arrays=None):
    """A cheap signed distance to the held model: the union of its parts' bounding boxes (keeps forearms off a
    stock; the fingers use the exact mesh)."""
    v, f, comp = arrays if arrays is not None else G.model_arrays(held)
    tri = v[f]
    ks = np.unique(comp)
    lo = np.array([tri[comp == k].min(axis=(0, 1)) for k in ks])
    hi = np.array([tri[comp == k].max(axis=(0, 1)) for k in ks])

    def dist(p: np.ndarray) -> np.ndarray:
        q = np.maximum(lo[None] - p[:, None], p[:, None] - hi[None])
        outside = np.linalg.norm(np.maximum(q, 0.0), axis=-1)
        inside = np.minimum(q.max(axis=-1), 0.0)
        return (outside + inside).min(axis=1)

    return dist


def mirrored_pose(hp: G.HandPose, shift) -> G.HandPose:
    """The other hand as the mirror image of ``hp`` about the object's x = 0 plane, moved by ``shift``."""
    m = G.MIRROR
    return G.HandPose("left" if hp.side == "right" else "right", hp.length, hp.breadth,
                      {d: list(v) for d, v in hp.pose.items()}, m @ hp.rot @ m, m @ hp.pos + np.asarray(shift),
                      hp.contact_digits)


def build_hands(held: Model | None, solved: dict[str, G.HandPose], style: HandStyle,
                arm: ArmSpec | None = None, arrays=None) -> list[Placed]:
    """One labelled Placed per solved hand, with its arm in every key pose of ``arm``."""
    clear = box_distance(held, arrays) if held is not None and held.parts else None
    hands = []
    for name in ("hand_right", "hand_left"):
        if name not in solved:
            continue
        hp = solved[name]
        forearm_m, info, arm_ps = arm_parts(hp, style, style.watch and name == "hand_left", arm, clear)
        parts = hand_parts(hp, style, forearm_m, info) + arm_ps
        hands.append(_hand(name, parts, style, {"contact": ",".join(hp.contact_digits)}))
    return hands


def grip_hands(held: Model | None, style: HandStyle, two_handed: bool, arm: ArmSpec | None = None) -> list[Placed]:
    """The hands (with arms) posed for a held model's grip or empty hands: one labelled Placed per hand."""
    arrays = G.model_arrays(held) if held is not None and held.parts else None
    return build_hands(held, solve_grip(held, style, two_handed, arrays=arrays), style, arm, arrays)
