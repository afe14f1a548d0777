"""Carry pose and weapon onset, drawn the same way for positives and negatives.

The clip's pose (aimed, held out at arm's length, two hands at the chest, low ready, at the hip) sets where the
grip anchor sits in the camera frame, from ranges shared by every held object, so that where the hands are in
the image does not tell the class. An onset starts the object out of view (in a holster, below the frame or
to the side, as when the wearer turns) and brings it into its pose during the clip; the event timeline starts
when it arrives. Drawn from the clip's own "onset" generator, so the rest of the plan is unchanged by it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.geometry import euler_to_matrix
from generator.plan.grips import TWO_HANDED
from generator.plan.held import CARRY, MOUNT_SHIFT, Pose, carry_key, carry_pose, carry_track
from generator.plan.model import HeldTrack

RAISED = ("aimed", "held_out", "chest")  # poses the timeline raises to (from low ready) and shoots from
# grip anchor ranges (x right, y up, z towards the viewer; metres, head mount) of each pose, shared by all objects
ANCHORS = {
    "aimed": ((-0.03, 0.04), (-0.19, -0.11), (-0.52, -0.44)),
    "held_out": ((0.05, 0.15), (-0.12, -0.03), (-0.58, -0.48)),
    "chest": ((-0.03, 0.05), (-0.22, -0.15), (-0.46, -0.38)),
    "hip": ((0.12, 0.2), (-0.26, -0.2), (-0.46, -0.4)),
}
TILT = {
    "aimed": (0.0, 0.0, 0.0),
    "held_out": (0.0, 0.12, 0.0),
    "chest": (-0.15, 0.0, 0.0),
    "hip": (-0.6, 0.1, 0.0),
}
# where an onset starts: out of view for any lens up to 180 degrees
START = {
    "holster": ((0.22, -0.62, 0.22), (-1.3, 0.0, 0.0)),
    "below": ((0.05, -0.72, 0.12), (-1.1, 0.0, 0.0)),
    "side": ((0.65, -0.2, 0.28), (0.0, -1.0, 0.0)),
}
LONG_MIN_DEPTH = 0.44  # long guns stay this far forward, so that the butt stays in front of the camera
# a shouldered long gun aimed: the sight line at the eye, under a head camera (hands lower than a handgun's) and
# the butt just in front of the camera plane (the receiver and optic at the bottom edge, the barrel to the centre)
LONG_AIM_DROP, LONG_AIM_DEPTH = 0.13, 0.38
# a chest camera sits some 40 cm below the eyes: an aimed object (sights at the eye) and one held out to film
# (at face level) are that much higher than under a head camera; the arms rise to them from the shoulders
CHEST_RAISE = {"aimed": 0.22, "held_out": 0.12}
BLEND_S = (0.4, 0.8)  # how long an onset takes


@dataclass
class CarryPlan:
    """The clip's pose and onset, drawn before the event timeline (which starts when the object arrives)."""

    pose: str
    onset: str  # "none", holster, below or side
    onset_s: float  # when the onset starts
    blend_s: float
    anchor: tuple[float, float, float]  # the pose's draw inside its ANCHORS range (fractions 0..1)
    two_handed: bool = True  # both hands on the object, where its grip allows either

    @property
    def ready_s(self) -> float:
        """When the object has arrived in its pose (0 without onset)."""
        return self.onset_s + self.blend_s if self.onset != "none" else 0.0

    @property
    def raised(self) -> bool:
        return self.pose in RAISED


def draw_carry(cfg: SceneConfig, positive: bool, mount: str, rng: np.random.Generator) -> CarryPlan:
    """Pose and onset of one clip; every value is drawn whatever the outcome."""
    ev = cfg.events
    pose = ev.draw("pose", rng)
    neg_pose = ev.draw("negative_pose", rng) if ev.negative_pose is not None else pose
    onset = bool(rng.random() < ev.draw("onset", rng))
    at = ev.draw("onset_at", rng)
    kind = ev.draw("onset_from", rng)
    blend = float(rng.uniform(*BLEND_S))
    anchor = tuple(float(v) for v in rng.random(3))
    two = float(rng.random())
    duration = cfg.render.frames / cfg.render.fps
    if mount == "weapon":  # a weapon-mounted camera always sees its weapon: no onset
        onset = False
    return CarryPlan(
        pose=pose if positive else neg_pose,
        onset=kind if onset else "none",
        onset_s=float(at) * max(duration - blend, 0.0) if onset else 0.0,
        blend_s=blend,
        anchor=anchor,
        two_handed=two < TWO_HANDED[pose if positive else neg_pose],
    )


def pose_of(
    held_name: str,
    mount: str,
    pose: str,
    anchor: tuple[float, float, float],
    hands_centre: np.ndarray | None = None,
) -> Pose:
    """Grip anchor pose for a clip pose: the hands' centre (``hands_centre``, in the anchor frame) at a
    position from the shared ranges, the orientation from the object's own."""
    if pose == "low_ready":
        up_pos, up_rot = pose_of(held_name, mount, "aimed", anchor, hands_centre)
        d_pos = carry_pose(held_name, mount, "low_ready")[0] - carry_pose(held_name, mount, "aimed")[0]
        d_rot = carry_pose(held_name, mount, "low_ready")[1] - carry_pose(held_name, mount, "aimed")[1]
        return up_pos + d_pos, up_rot + d_rot
    key = carry_key(held_name)
    if mount == "weapon" and key in ("handgun", "long"):
        return carry_pose(held_name, mount, "aimed")
    lo = np.array([r[0] for r in ANCHORS[pose]])
    hi = np.array([r[1] for r in ANCHORS[pose]])
    pos = lo + (hi - lo) * np.asarray(anchor) + np.array(MOUNT_SHIFT.get(mount, (0.0, 0.0, 0.0)))
    if mount == "chest":  # raised poses are at eye or face level, well above a camera on the chest
        pos[1] += CHEST_RAISE.get(pose, 0.0)
    _, rot = carry_pose(held_name, "head" if mount not in CARRY[key] else mount, "aimed")
    rot = rot + np.array(TILT[pose])
    if hands_centre is not None:  # the hands, not the grip, sit at the drawn place (left-right and height)
        shift = euler_to_matrix(rot) @ np.asarray(hands_centre, dtype=float)
        pos[:2] -= shift[:2]
    if key == "long" and pose == "aimed" and mount in ("head", "handheld"):
        pos[1] -= LONG_AIM_DROP
        pos[2] = -LONG_AIM_DEPTH
    elif key == "long":
        pos[2] = min(pos[2], -LONG_MIN_DEPTH)
    return pos, rot


def carry_states(plan: CarryPlan, aim_weight: np.ndarray, t: np.ndarray) -> list[str]:
    """Per-frame carry state: out of view ("side") before the onset, then the pose (low ready while lowered)."""
    out = []
    for w, ti in zip(aim_weight, t, strict=True):
        if plan.onset != "none" and ti < plan.onset_s:
            out.append("side")
        elif plan.raised:
            out.append(plan.pose if w >= 0.5 else "low_ready")
        else:
            out.append(plan.pose)
    return out


def plan_pose_track(
    plan: CarryPlan,
    held_name: str,
    mount: str,
    t: np.ndarray,
    step_hz: float,
    rng: np.random.Generator,
    hands_centre: np.ndarray | None = None,
) -> HeldTrack:
    """The grip anchor's track: out of view until the onset, then blended into the clip's pose."""
    poses = {plan.pose: pose_of(held_name, mount, plan.pose, plan.anchor, hands_centre)}
    if plan.onset != "none":
        p, r = START[plan.onset]
        poses["side"] = (np.array(p, dtype=float), carry_pose(held_name, "head", "aimed")[1] + np.array(r))
    states = ["side" if plan.onset != "none" and ti < plan.onset_s else plan.pose for ti in t]
    track = carry_track(held_name, mount, states, t, step_hz, rng, poses=poses, blend_s=plan.blend_s)
    return track.model_copy(update={"carry": plan.pose})


def key_poses(plan: CarryPlan, held_name: str, mount: str, hands_centre: np.ndarray | None = None) -> list[Pose]:
    """The grip anchor poses the clip passes through, for the arms' keys: its pose first, then lowered (raised
    poses that the timeline lowers) and the onset's half-way pose and start."""
    from generator.plan.events import low_offset

    main = pose_of(held_name, mount, plan.pose, plan.anchor, hands_centre)
    poses = [main]
    rigid = mount == "weapon" and carry_key(held_name) in ("handgun", "long")
    if plan.raised and not rigid:
        d_pos, d_rot = low_offset(held_name, mount)
        poses.append((main[0] + d_pos, main[1] + d_rot))
    if plan.onset != "none":  # half-way, then the start (the arms blend piecewise through the middle)
        p, r = START[plan.onset]
        start = (np.array(p, dtype=float), carry_pose(held_name, "head", "aimed")[1] + np.array(r))
        poses.append(((main[0] + start[0]) / 2, (main[1] + start[1]) / 2))
        poses.append(start)
    return poses


def clip_arms(held, plan: CarryPlan, held_name: str, mount: str, hands_centre: np.ndarray | None = None):
    """The held plan's hands rebuilt with arms for every pose the clip passes through (``held``: a HeldPlan
    with its solved hands), the second hand of a one-handed object included."""
    from generator.plan import hands as hands_mod
    from generator.plan.grips import second_shift
    from generator.plan.held import arm_spec

    if held.solved is None:
        return held.hands
    model = held.held.model if held.held is not None else None
    solved = dict(held.solved)
    shift = second_shift(model, len(solved)) if plan.two_handed and mount != "handheld" else None
    if shift is not None:
        solved["hand_left"] = hands_mod.mirrored_pose(solved["hand_right"], shift)
    poses = key_poses(plan, held_name, mount, hands_centre)
    names = ["pose"] + (["low"] if len(poses) in (2, 4) else []) + (["mid", "onset"] if plan.onset != "none" else [])
    spec = arm_spec(held_name, mount, poses, names)
    return hands_mod.build_hands(model, solved, held.style, spec, held.arrays)
