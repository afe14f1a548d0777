"""Plan what the wearer holds: the held model, the hands around it, and the grip anchor's track in the camera."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.config.models import SceneConfig
from generator.motion.shake import tremor, tremor_spec
from generator.plan import hands as hands_mod
from generator.plan.geometry import r3
from generator.plan.model import HeldTrack, Placed
from generator.plan.objects import build_held

# grip anchor pose in the camera frame for the head mount: (position, extra pitch/yaw), per held object
CARRY = {
    "handgun": ((0.04, -0.12, -0.36), (0.06, 0.05)),
    "phone": ((0.07, -0.15, -0.46), (0.2, 0.1)),
    "empty_hands": ((0.0, -0.2, -0.40), (0.15, 0.0)),
}
OBJECT_TO_CAMERA = (-np.pi / 2, 0.0, 0.0)  # the model's +Y (forward) onto the camera's -Z (view direction)
HELD_INSTANCE_ID = 1


@dataclass
class HeldPlan:
    held: Placed | None
    hands: list[Placed]


def plan_held(
    cfg: SceneConfig, held_name: str, rng_held: np.random.Generator, rng_hands: np.random.Generator
) -> HeldPlan:
    """The held model (None for empty hands) and the hands posed round it."""
    model = build_held(held_name, rng_held)
    held = Placed(model=model.model_copy(update={"instance_id": HELD_INSTANCE_ID})) if model else None
    rng = rng_hands
    mats = hands_mod.hand_materials(
        rng,
        cfg.hands.draw("skin_tone", rng),
        bool(rng.random() < cfg.hands.draw("gloves", rng)),
        cfg.hands.draw("sleeve_hue", rng),
        cfg.hands.draw("sleeve_value", rng),
    )
    sleeve_from = float(rng.uniform(0.04, 0.16))
    if held_name == "handgun":
        hands = hands_mod.handgun_grip(mats, two_handed=bool(rng.random() < 0.8), sleeve_from=sleeve_from)
    elif held_name == "phone":
        hands = hands_mod.phone_grip(mats, phone_width=0.075, sleeve_from=sleeve_from)
    else:
        hands = hands_mod.open_hands(mats, sleeve_from=sleeve_from)
    return HeldPlan(held=held, hands=hands)


def carry_pose(held_name: str, mount: str = "head", state: str = "aimed") -> tuple[np.ndarray, np.ndarray]:
    """Grip anchor pose (position, XYZ Euler) in the camera frame for a held object, mount and carry state."""
    base_pos, (dpitch, dyaw) = CARRY[held_name]
    return np.array(base_pos, dtype=float), np.array(OBJECT_TO_CAMERA) + np.array([dpitch, 0.0, dyaw])


def plan_carry(
    held_name: str, t: np.ndarray, step_hz: float, positive: bool, rng: np.random.Generator
) -> HeldTrack:
    """The grip anchor's pose per frame in the camera frame: a carry pose plus slow sway and a little bob."""
    base_pos, base_rot = carry_pose(held_name)
    jitter = np.array(base_pos) + rng.uniform(-0.01, 0.01, size=3)
    sway_rot = tremor(t, tremor_spec(rng, float(rng.uniform(0.2, 0.6)), 0.5, 2.0, n_sines=3))
    pos, rot = [], []
    for i in range(len(t)):
        pos.append(r3(jitter + np.array([0.0, 0.004 * np.sin(2 * np.pi * step_hz * t[i]), 0.0])))
        rot.append(r3(base_rot + sway_rot[i]))
    return HeldTrack(position=pos, rotation=rot, carry="aimed" if positive else "held_out")
