"""One or two hands on the held object, drawn from the carry pose alike for positives and negatives.

A handgun may be held one- or two-handed; a harmless object held in one hand gets the other hand on it too
(both hands on a phone filming, two hands on a torch or a tool), so that how many hands show, and where,
does not tell the class. Long guns, tablets, controllers and empty hands always use both hands.
"""

from __future__ import annotations

from generator.plan.arms import mirror_arm
from generator.plan.model import Model, Part, Placed

# probability of a two-handed hold in each carry pose (both classes)
TWO_HANDED = {"aimed": 0.8, "chest": 0.9, "held_out": 0.25, "low_ready": 0.6, "hip": 0.2}
# where a harmless object's second hand goes: the first hand mirrored left-right, then moved (model frame)
SECOND_HAND = {
    "phone": (0.0, 0.0, 0.0),
    "fist_y": (0.0, -0.085, 0.0),
    "fist_z": (0.0, 0.0, -0.09),
    "pistol": (0.0, 0.0, -0.07),
}
HAND_LEFT_ID = 3


def _mirror_part(p: Part, shift: tuple[float, float, float]) -> Part:
    x, y, z = p.pos
    rx, ry, rz = p.rot
    geom = p.geom
    if geom is not None and p.shape in ("hand", "hand_nails", "hand_pads"):  # the mesh itself is mirrored
        geom = {**geom, "side": "left" if geom.get("side", "right") == "right" else "right"}
        geom.pop("trigger_pose", None)
    elif geom is not None and p.shape == "sleeve":
        geom = {**geom, "path": [(-a, b, c) for a, b, c in geom["path"]]}
    if geom is not None:
        geom = mirror_arm(p.model_copy(update={"geom": geom}), shift)
    return p.model_copy(
        update={"pos": (-x + shift[0], y + shift[1], z + shift[2]), "rot": (rx, -ry, -rz), "geom": geom}
    )


def mirrored_hand(hand: Placed, shift: tuple[float, float, float]) -> Placed:
    """A right hand turned into a left one (mirrored about the model's x = 0 plane) and moved by ``shift``."""
    m = hand.model
    parts = [_mirror_part(p, shift) for p in m.parts]
    model = Model(
        name="hand_left", category="hand_left", parts=parts, materials=m.materials, instance_id=HAND_LEFT_ID
    )
    x, y, z = hand.pos
    rx, ry, rz = hand.rot
    return Placed(model=model, pos=(-x, y, z), rot=(rx, -ry, -rz))


def second_shift(held: Model | None, n_hands: int) -> tuple[float, float, float] | None:
    """Where a second (left) hand goes on a one-handed harmless object whose grip allows it, as the shift of
    the mirrored first hand; None when it takes no second hand."""
    if held is None or n_hands != 1 or held.meta.get("class") in ("handgun", "rifle", "shotgun"):
        return None
    if held.name.startswith(("umbrella", "selfie_stick")):  # long poles: held in one hand
        return None
    grip = str(held.meta.get("grip", ""))
    key = "fist_z" if grip in ("fist_z", "fist_down", "fist_up") else grip
    return SECOND_HAND.get(key)


def second_hand(held: Model | None, hands: list[Placed]) -> list[Placed]:
    """The hands with a left hand added to a one-handed harmless object whose grip allows it."""
    shift = second_shift(held, len(hands))
    return hands if shift is None else [*hands, mirrored_hand(hands[0], shift)]
