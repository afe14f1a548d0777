"""Plan what the wearer holds: the held model, the hands around it, and the grip anchor's track in the camera.

Carry poses are grip-anchor poses in the camera frame (camera looks along -Z, +Y up, +X right); the model frame
(+Y forward, +Z up, origin at the grip point) is turned onto it by ``OBJECT_TO_CAMERA`` and then pitched
(muzzle up +), yawed (muzzle left +) and canted. Mounts: head (helmet/action camera, sights near the image
centre), chest (body camera: the aimed weapon lower than for head, both hands in view), handheld (the camera is
a phone in the wearer's other hand: object lower, one hand), weapon (camera fixed on the weapon: static in view,
below and left of centre). States: aimed, low_ready, side (at the side, out of view), held_out (phones and
other harmless objects held out in front; for them aimed is the same pose).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.catalog import HELD, held_class
from generator.config.models import SceneConfig
from generator.motion.shake import tremor, tremor_spec
from generator.plan import arms as arms_mod
from generator.plan import hands as hands_mod
from generator.plan.geometry import euler_to_matrix, r3
from generator.plan.grasp import model_arrays
from generator.plan.model import HeldTrack, Model, Placed
from generator.plan.objects import build_held

OBJECT_TO_CAMERA = (-np.pi / 2, 0.0, 0.0)  # the model's +Y (forward) onto the camera's -Z (view direction)
HELD_INSTANCE_ID = 1
STATES = ("aimed", "low_ready", "side", "held_out", "chest", "hip")
MOUNTS = ("head", "chest", "handheld", "weapon")
BUTT = np.array([0.0, -0.38, 0.03])  # a long gun's butt in the model frame (pivot of its low-ready dip)

# carry key -> mount -> (grip anchor position in the camera frame, (pitch, yaw, cant) in radians), aimed/held out
CARRY: dict[str, dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]] = {
    "handgun": {
        "head": ((0.0, -0.07, -0.5), (0.0, 0.0, 0.0)),
        "chest": ((0.02, -0.13, -0.5), (0.1, 0.02, 0.0)),
        "handheld": ((0.1, -0.16, -0.45), (0.05, 0.1, 0.05)),
        "weapon": ((-0.035, -0.06, -0.09), (0.0, 0.0, 0.0)),
    },
    "long": {
        "head": ((0.02, -0.15, -0.46), (0.0, 0.02, 0.0)),
        "chest": ((0.08, -0.1, -0.47), (0.08, 0.06, 0.0)),
        "handheld": ((0.12, -0.18, -0.5), (0.05, 0.15, 0.1)),
        "weapon": ((-0.05, -0.08, -0.46), (0.0, 0.0, 0.0)),
    },
    "phone": {"head": ((0.07, -0.15, -0.46), (0.2, 0.0, 0.1))},
    "two_side": {"head": ((0.0, -0.15, -0.45), (0.3, 0.0, 0.0))},
    "tool": {"head": ((0.1, -0.16, -0.45), (0.0, 0.15, 0.0))},
    "fist_y": {"head": ((0.1, -0.15, -0.45), (0.0, 0.1, 0.0))},
    "fist_down": {"head": ((0.12, -0.14, -0.42), (-0.55, 0.1, 0.0))},
    "fist_up": {"head": ((0.12, -0.17, -0.42), (0.55, 0.15, 0.0))},
    "fist_z": {"head": ((0.1, -0.15, -0.45), (0.0, 0.0, 0.0))},
    "empty": {"head": ((0.0, -0.17, -0.40), (0.15, 0.0, 0.0))},
}
# long guns sit far enough forward that the butt stays in front of the camera (labels project geometry)
# harmless objects: shift of the head pose for the other mounts
MOUNT_SHIFT = {
    "head": (0.0, 0.0, 0.0),
    "chest": (0.0, 0.08, -0.05),
    "handheld": (0.03, -0.03, 0.0),
    "weapon": (0.0, 0.0, 0.0),
}
CARRY_KEY = {c.name: c.carry for c in HELD}  # held name -> carry-pose family, from the catalog


def carry_key(held_name: str) -> str:
    """The carry-pose family of a held name (replicas carry like their firearm; unknown names like a handgun)."""
    if held_name in CARRY:
        return held_name
    row = held_class(held_name)
    return row.carry if row is not None else "handgun"


@dataclass
class HeldPlan:
    held: Placed | None
    hands: list[Placed]
    solved: dict | None = None  # the solved hand poses (to give them the clip's own arms later)
    style: hands_mod.HandStyle | None = None
    arrays: tuple | None = None  # the held model's mesh arrays (grasp.model_arrays), made once


def plan_held(
    cfg: SceneConfig,
    held_name: str,
    rng_held: np.random.Generator,
    rng_hands: np.random.Generator,
    mount: str = "head",
    model: Model | None = None,
) -> HeldPlan:
    """The held model (``model``, else built from ``held_name``; None for empty hands) and the hands round it."""
    if model is None:
        c = cfg.content
        model = build_held(held_name, rng_held, families=c.weapon_families, accessories=c.accessories)
    held = Placed(model=model.model_copy(update={"instance_id": HELD_INSTANCE_ID})) if model else None
    rng = rng_hands
    h = cfg.hands
    style = hands_mod.hand_style(
        rng,
        h.draw("skin_tone", rng),
        bool(rng.random() < h.draw("gloves", rng)),
        h.draw("sleeve_hue", rng),
        h.draw("sleeve_value", rng),
        h.draw("sleeve", rng),
        bool(rng.random() < h.draw("watch", rng)),
    )
    two = bool(rng.random() < h.draw("two_handed", rng)) and mount != "handheld"
    arrays = model_arrays(model) if model is not None and model.parts else None
    solved = hands_mod.solve_grip(model, style, two, arrays=arrays)
    hands = hands_mod.build_hands(model, solved, style, arm_spec(held_name, mount), arrays)
    return HeldPlan(held=held, hands=hands, solved=solved, style=style, arrays=arrays)


def arm_spec(held_name: str, mount: str, poses: list | None = None, names: list[str] | None = None
             ) -> hands_mod.ArmSpec:
    """The arms' key poses (default: the aimed or held-out pose alone) and the right shoulder, camera frame; a
    weapon-mounted camera has the head camera's shoulder, moved as the weapon is moved from the head pose."""
    if poses is None:
        poses = [carry_pose(held_name, mount, "aimed")]
    offset = np.zeros(3)
    if mount not in arms_mod.SHOULDER:
        offset = carry_pose(held_name, mount, "aimed")[0] - carry_pose(held_name, "head", "aimed")[0]
    poses = [(np.asarray(p, dtype=float), np.asarray(r, dtype=float)) for p, r in poses]
    shoulder = arms_mod.shoulder_cam(mount, 1.0, offset)
    if carry_key(held_name) == "long" and mount in ("head", "handheld"):  # the butt in the shoulder's pocket
        pos, rot = poses[0]
        shoulder = euler_to_matrix(rot) @ BUTT + pos + np.array(arms_mod.POCKET_TO_SHOULDER)
    return hands_mod.ArmSpec(poses=poses, shoulder=shoulder,
                             names=names or ["pose"] + [f"k{i}" for i in range(1, len(poses))])


def carry_pose(held_name: str, mount: str = "head", state: str = "aimed") -> tuple[np.ndarray, np.ndarray]:
    """Grip anchor pose (position, XYZ Euler) in the camera frame for a held object, mount and carry state."""
    key = carry_key(held_name)
    table = CARRY[key]
    if mount in table:
        pos, (pitch, yaw, cant) = table[mount]
        pos = np.array(pos, dtype=float)
    else:
        pos, (pitch, yaw, cant) = table["head"]
        pos = np.array(pos, dtype=float) + np.array(MOUNT_SHIFT.get(mount, (0.0, 0.0, 0.0)))
    firearm = key in ("handgun", "long")
    if not (firearm and mount == "weapon"):  # a weapon-mounted camera sees its weapon the same in every state
        if state == "low_ready" and key == "long":  # muzzle dips about the butt, which stays in the shoulder
            aimed = euler_to_matrix(np.array(OBJECT_TO_CAMERA) + np.array([pitch, yaw, cant]))
            pitch -= 0.55
            low = euler_to_matrix(np.array(OBJECT_TO_CAMERA) + np.array([pitch, yaw, cant]))
            pos = pos + aimed @ BUTT - low @ BUTT + np.array([0.0, -0.03, -0.05])
        elif state == "low_ready":
            pos = pos + np.array([0.0, -0.14, -0.02])
            pitch -= 0.7
        elif state == "side":
            pos = np.array([0.32, -0.55, 0.05])
            pitch, yaw, cant = -1.3, 0.0, 0.0
    rot = np.array(OBJECT_TO_CAMERA) + np.array([pitch, yaw, cant])
    return pos, rot


def _smoothstep(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.0, 1.0)
    return x * x * (3.0 - 2.0 * x)


Pose = tuple[np.ndarray, np.ndarray]


def blend_states(
    held_name: str,
    mount: str,
    states: list[str],
    t: np.ndarray,
    blend_s: float = 0.35,
    poses: dict[str, Pose] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Per-frame pose (positions (n,3), eulers (n,3)) following ``states``, smoothstepped over ``blend_s``;
    ``poses`` gives the pose of a state (else the carry table's)."""
    poses = poses or {}
    targets = [poses[s] if s in poses else carry_pose(held_name, mount, s) for s in states]
    pos = np.zeros((len(t), 3))
    rot = np.zeros((len(t), 3))
    start_p, start_r, t0 = targets[0][0], targets[0][1], -np.inf
    for i in range(len(t)):
        if i > 0 and states[i] != states[i - 1]:
            start_p, start_r, t0 = pos[i - 1].copy(), rot[i - 1].copy(), float(t[i - 1])
        a = 1.0 if not np.isfinite(t0) else float(_smoothstep(np.array((t[i] - t0) / blend_s)))
        pos[i] = start_p + (targets[i][0] - start_p) * a
        rot[i] = start_r + (targets[i][1] - start_r) * a
    return pos, rot


def carry_track(
    held_name: str,
    mount: str,
    states: list[str],
    t: np.ndarray,
    step_hz: float,
    rng: np.random.Generator,
    poses: dict[str, Pose] | None = None,
    blend_s: float = 0.35,
) -> HeldTrack:
    """The grip anchor's track: blended carry states plus slow sway and a little step bob (none on a weapon mount)."""
    if len(states) != len(t):
        raise ValueError(f"{len(states)} carry states for {len(t)} frames")
    bad = sorted(set(states) - set(STATES))
    if bad:
        raise ValueError(f"unknown carry state(s) {bad}; allowed: {', '.join(STATES)}")
    pos, rot = blend_states(held_name, mount, states, t, blend_s, poses)
    jitter = rng.uniform(-0.01, 0.01, size=3)
    sway = tremor(t, tremor_spec(rng, float(rng.uniform(0.2, 0.6)), 0.5, 2.0, n_sines=3))
    rigid = mount == "weapon" and carry_key(held_name) in ("handgun", "long")
    out_p, out_r = [], []
    for i in range(len(t)):
        if rigid:
            out_p.append(r3(pos[i]))
            out_r.append(r3(rot[i]))
            continue
        bob = np.array([0.0, 0.004 * np.sin(2 * np.pi * step_hz * t[i]), 0.0])
        out_p.append(r3(pos[i] + jitter + bob))
        out_r.append(r3(rot[i] + sway[i]))
    counts = {s: states.count(s) for s in states}
    return HeldTrack(position=out_p, rotation=out_r, carry=max(counts, key=counts.get), states=list(states))


def plan_carry(
    held_name: str,
    t: np.ndarray,
    step_hz: float,
    positive: bool,
    rng: np.random.Generator,
    mount: str = "head",
) -> HeldTrack:
    """Default carry: a firearm aimed, anything else held out, for the whole clip (see carry_track)."""
    state = "aimed" if positive else "held_out"
    return carry_track(held_name, mount, [state] * len(t), t, step_hz, rng)
