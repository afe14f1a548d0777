"""The path of the wearer through a place: where the body is, and which way it faces, per frame.

Path kinds: stand, walk, run, stop (walk, then stand), turn (the body turns by an angle, the head leads),
strafe (sideways) and back_up (backwards). Headings are radians, 0 = +Y, positive = to the left.
"""

from __future__ import annotations

import numpy as np

from generator.motion.shake import min_jerk

PATH_KINDS = ("stand", "walk", "run", "stop", "turn", "strafe", "back_up")
MOVING = {"walk", "run", "stop", "turn", "strafe", "back_up"}


def straight_path(
    t: np.ndarray, start: np.ndarray, heading: float, speed_mps: float
) -> dict[str, np.ndarray]:
    """Walk (or stand, speed 0) in a straight line from ``start`` along ``heading`` (radians, 0 = +Y)."""
    direction = np.array([-np.sin(heading), np.cos(heading), 0.0])
    pos = start[None, :] + (speed_mps * t)[:, None] * direction[None, :]
    yaw = np.full_like(t, heading)
    return {"position": pos, "yaw": yaw}


def speed_profile(t: np.ndarray, kind: str, speed: float, stop_at: float) -> np.ndarray:
    """Speed per frame: constant, or for 'stop' a smooth slow-down to standing at ``stop_at`` seconds."""
    if kind == "stand":
        return np.zeros_like(t)
    if kind == "stop":
        return speed * (1.0 - min_jerk((t - stop_at) / 0.6))
    return np.full_like(t, speed)


def make_path(
    t: np.ndarray,
    kind: str,
    start: np.ndarray,
    heading: float,
    speed: float,
    turn_rad: float = 0.0,
    turn_at: float = 0.0,
    stop_at: float = 0.0,
) -> dict[str, np.ndarray]:
    """Body position (N,3) and yaw (N,) of a path; also its walking speed per frame ('speed')."""
    v = speed_profile(t, kind, speed, stop_at)
    yaw = np.full_like(t, heading)
    if kind == "turn":
        yaw = heading + turn_rad * min_jerk((t - turn_at) / (0.5 + abs(turn_rad) * 0.4))
    # direction of travel relative to the body's heading: forward, sideways (to the right) or backwards
    offset = {"strafe": -np.pi / 2, "back_up": np.pi}.get(kind, 0.0)
    travel = yaw + offset
    dt = np.diff(t, prepend=t[0])
    step = (v * dt)[:, None] * np.stack([-np.sin(travel), np.cos(travel), np.zeros_like(t)], axis=1)
    pos = start[None, :] + np.cumsum(step, axis=0)
    return {"position": pos, "yaw": yaw, "speed": v}
