"""Joint angles of a mannequin figure over time: standing, walking, turning, arms raised, hands up, crouching,
running away. A pose is a name plus a few numbers (start time, duration, rates), evaluated at any time ``t`` so
plans stay small; angles are clamped to per-joint limits.

Angles in radians, per joint a triple. Limbs: (flex forward, abduct outward, twist); hinges (elbow, knee, ankle,
wrist): (flex, 0, 0); spine, neck and root (lean): (bend forward, bend sideways, turn).
"""

from __future__ import annotations

import numpy as np

POSES = ("standing", "walking", "turning", "arms_raised", "hands_up", "crouching", "running_away")
MOVING = ("walking", "running_away")  # poses whose figure travels (the mover's speed is > 0)

# (low, high) per joint and axis; hinges have one axis
LIMITS: dict[str, tuple[tuple[float, float], ...]] = {
    "lean": ((-0.3, 0.9), (-0.3, 0.3), (-0.8, 0.8)),
    "spine": ((-0.4, 0.9), (-0.4, 0.4), (-0.7, 0.7)),
    "neck": ((-0.6, 0.7), (-0.5, 0.5), (-1.3, 1.3)),
    "shoulder": ((-0.9, 3.1), (-0.2, 2.9), (-1.7, 1.7)),
    "elbow": ((0.0, 2.6), (0.0, 0.0), (0.0, 0.0)),
    "wrist": ((-1.2, 1.2), (0.0, 0.0), (0.0, 0.0)),
    "hip": ((-0.6, 2.1), (-0.3, 0.8), (-0.6, 0.6)),
    "knee": ((0.0, 2.5), (0.0, 0.0), (0.0, 0.0)),
    "ankle": ((-0.9, 0.7), (0.0, 0.0), (0.0, 0.0)),
}
JOINTS = (
    "lean",
    "spine",
    "neck",
    *(f"{j}_{s}" for j in ("shoulder", "elbow", "wrist", "hip", "knee", "ankle") for s in ("l", "r")),
)


def limits_of(joint: str) -> tuple[tuple[float, float], ...]:
    """The (low, high) limits of a joint's three axes."""
    return LIMITS[joint.split("_")[0]]


def _ease(u: float) -> float:
    """Smoothstep of u clipped to [0, 1]: a transition that starts and ends at rest."""
    u = float(np.clip(u, 0.0, 1.0))
    return u * u * (3 - 2 * u)


def _rest() -> dict[str, list[float]]:
    a = {j: [0.0, 0.0, 0.0] for j in JOINTS}
    for s in ("l", "r"):
        a[f"shoulder_{s}"][1] = 0.08  # arms hang just clear of the hips
        a[f"elbow_{s}"][0] = 0.15
        a[f"knee_{s}"][0] = 0.03
    return a


def _idle(a: dict, t: float, p: dict, k: float = 1.0) -> None:
    """Breathing, weight shift and a slow look around (``k`` scales it)."""
    ph = float(p.get("phase", 0.0))
    w = np.sin(2 * np.pi * 0.23 * t + ph)
    a["lean"][1] += k * 0.03 * w
    a["hip_l"][1] += k * 0.04 * w
    a["hip_r"][1] -= k * 0.04 * w
    a["neck"][2] += k * float(p.get("look", 0.4)) * np.sin(2 * np.pi * 0.17 * t + 2 * ph)
    a["neck"][0] += k * 0.08 * np.sin(2 * np.pi * 0.11 * t + ph)
    for s, sg in (("l", 1.0), ("r", -1.0)):
        a[f"shoulder_{s}"][0] += k * 0.08 * np.sin(2 * np.pi * 0.2 * t + ph + sg)
        a[f"elbow_{s}"][0] += k * 0.1 * (1 + np.sin(2 * np.pi * 0.15 * t + ph * sg))


def _gait(a: dict, t: float, p: dict, amp: float, run: bool, k: float = 1.0) -> None:
    """Legs and arms of a walk or run at ``p['hz']`` steps per second (``k`` fades it in and out)."""
    psi0 = np.pi * float(p.get("hz", 1.8)) * t + float(p.get("phase", 0.0))
    knee = 1.7 if run else 1.05
    for s, psi in (("l", psi0), ("r", psi0 + np.pi)):
        swing = max(0.0, np.cos(psi + 0.25))  # knee flexion peaks early in the swing, straight at heel strike
        a[f"hip_{s}"][0] += k * amp * np.sin(psi) + (0.25 * k if run else 0.0)
        a[f"knee_{s}"][0] += k * ((0.35 if run else 0.1) + knee * swing**1.5)
        a[f"shoulder_{s}"][0] += -k * (0.9 if run else 0.55) * amp * np.sin(psi) + (0.3 * k if run else 0.0)
        a[f"shoulder_{s}"][1] += k * (0.1 if run else 0.04)
        a[f"elbow_{s}"][0] += k * ((1.35 if run else 0.15) + 0.25 * max(0.0, -np.sin(psi)))
    a["spine"][2] += k * 0.12 * amp * np.sin(psi0)
    a["lean"][0] += k * (0.22 if run else 0.04)
    a["neck"][0] -= k * (0.15 if run else 0.0)
    for s, psi in (("l", psi0), ("r", psi0 + np.pi)):  # soles level with the floor, toes up in swing
        flat = a[f"knee_{s}"][0] - a[f"hip_{s}"][0] + a["lean"][0]
        extra = 0.1 * max(0.0, np.cos(psi + 0.25))
        a[f"ankle_{s}"][0] += k * (flat + extra)


def angles(pose: dict, t: float) -> dict[str, list[float]]:
    """Joint angles of ``pose`` (name and parameters) at ``t`` seconds after the clip starts, within limits."""
    name = str(pose.get("name", "standing"))
    if name not in POSES:
        raise ValueError(f"unknown pose {name!r}; known: {list(POSES)}")
    a = _rest()
    t0, dur = float(pose.get("t0", 0.0)), max(float(pose.get("dur", 1.0)), 1e-3)
    u = _ease((t - t0) / dur)
    if name == "standing":
        _idle(a, t, pose)
    elif name == "walking":
        _gait(a, t, pose, float(pose.get("amp", 0.35)), run=False)
    elif name == "running_away":
        _gait(a, t, pose, float(pose.get("amp", 0.6)), run=True)
    elif name == "turning":
        # steps in place while the body turns (the turn itself is the actor's yaw); the head leads the turn
        k = float(np.sin(np.pi * np.clip((t - t0) / dur, 0.0, 1.0)))
        _idle(a, t, pose, 1.0 - k)
        _gait(a, t, pose, 0.18, run=False, k=k)
        turn = float(pose.get("turn", 1.5))
        a["neck"][2] += 0.8 * np.clip(turn, -1.2, 1.2) * (_ease((t - t0) / dur + 0.25) - u)
    elif name == "arms_raised":
        _idle(a, t, pose, 0.5)
        wave = 0.15 * np.sin(2 * np.pi * float(pose.get("hz", 1.2)) * t) * u
        for s, sg in (("l", 1.0), ("r", -1.0)):
            a[f"shoulder_{s}"][0] += u * 2.75
            a[f"shoulder_{s}"][1] += u * 0.35 + sg * wave
            a[f"elbow_{s}"][0] += u * 0.15
        a["neck"][0] -= 0.3 * u
    elif name == "hands_up":
        _idle(a, t, pose, 0.5)
        for s in ("l", "r"):
            a[f"shoulder_{s}"][0] += u * 0.25
            a[f"shoulder_{s}"][1] += u * 1.35
            a[f"shoulder_{s}"][2] += u * 1.55
            a[f"elbow_{s}"][0] += u * 1.45
            a[f"wrist_{s}"][0] -= u * 0.2
    elif name == "crouching":
        _idle(a, t, pose, 1.0 - u)
        hip, knee, lean = 1.55 * u, 2.0 * u, 0.35 * u
        for s in ("l", "r"):
            a[f"hip_{s}"][0] += hip
            a[f"hip_{s}"][1] += 0.2 * u
            a[f"hip_{s}"][2] -= 0.15 * u
            a[f"knee_{s}"][0] += knee
            a[f"ankle_{s}"][0] += knee - hip + lean  # soles stay flat on the floor
            a[f"shoulder_{s}"][0] += 0.7 * u
            a[f"shoulder_{s}"][1] += 0.1 * u
            a[f"elbow_{s}"][0] += 0.9 * u
        a["lean"][0] += lean
        a["spine"][0] += 0.25 * u
        a["neck"][0] -= 0.35 * u
    for j, v in a.items():
        lim = limits_of(j)
        a[j] = [min(max(float(x), lo), hi) for x, (lo, hi) in zip(v, lim, strict=True)]
    return a
