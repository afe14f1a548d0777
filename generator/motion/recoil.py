"""Recoil as a damped impulse per shot: a fast rise to a peak, then a smooth return to rest.

Per-class ranges are estimates from the literature (see DESIGN.md): muzzle rise in degrees, time of the peak
and time by which the weapon is back at rest (both from the shot), and the push back towards the shooter.
The camera takes a share of the rise that depends on the mount (a weapon-mounted camera takes all of it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# class -> (rise_deg, peak_s, recovery_s, back_m) ranges
RECOIL_CLASSES: dict[str, dict[str, tuple[float, float]]] = {
    "handgun": {
        "rise_deg": (5.0, 15.0),
        "peak_s": (0.05, 0.08),
        "recovery_s": (0.15, 0.30),
        "back_m": (0.005, 0.015),
    },
    "rifle": {
        "rise_deg": (1.0, 4.0),
        "peak_s": (0.04, 0.07),
        "recovery_s": (0.10, 0.20),
        "back_m": (0.01, 0.03),
    },
    "shotgun": {
        "rise_deg": (3.0, 8.0),
        "peak_s": (0.06, 0.09),
        "recovery_s": (0.20, 0.40),
        "back_m": (0.02, 0.04),
    },
}


@dataclass(frozen=True)
class Kick:
    """One shot's recoil: when, how far the muzzle rises and is pushed back, when it peaks and settles."""

    time_s: float
    rise_deg: float
    back_m: float
    peak_s: float
    recovery_s: float


def draw_kick(rng: np.random.Generator, weapon_class: str, time_s: float, scale: float = 1.0) -> Kick:
    """Draw one shot's recoil inside the class ranges (rise and push scaled by ``scale``)."""
    r = RECOIL_CLASSES.get(weapon_class, RECOIL_CLASSES["handgun"])
    return Kick(
        time_s=float(time_s),
        rise_deg=float(rng.uniform(*r["rise_deg"])) * scale,
        back_m=float(rng.uniform(*r["back_m"])) * scale,
        peak_s=float(rng.uniform(*r["peak_s"])),
        recovery_s=float(rng.uniform(*r["recovery_s"])),
    )


def impulse(tau: np.ndarray, peak_s: float, recovery_s: float) -> np.ndarray:
    """Unit impulse shape: 0 before the shot, a quarter-sine rise to 1 at ``peak_s``, a critically damped-like
    smooth return that reaches exactly 0 at ``recovery_s`` and stays there."""
    out = np.zeros_like(tau, dtype=float)
    rise = (tau >= 0) & (tau < peak_s)
    out[rise] = np.sin(0.5 * np.pi * tau[rise] / peak_s)
    fall = (tau >= peak_s) & (tau < recovery_s)
    s = (tau[fall] - peak_s) / (recovery_s - peak_s)
    out[fall] = 1.0 - s**3 * (10 - 15 * s + 6 * s**2)  # minimum-jerk return: no velocity jump at the peak
    return out


def recoil(t: np.ndarray, kicks: list[Kick]) -> dict[str, np.ndarray]:
    """Weapon recoil in the camera frame: muzzle rise (pitch, radians, N) and push back (metres, N)."""
    pitch = np.zeros_like(t, dtype=float)
    back = np.zeros_like(t, dtype=float)
    for k in kicks:
        g = impulse(t - k.time_s, k.peak_s, k.recovery_s)
        pitch += np.deg2rad(k.rise_deg) * g
        back += k.back_m * g
    return {"pitch": pitch, "back": back}


def camera_kick(t: np.ndarray, kicks: list[Kick], share: float) -> dict[str, np.ndarray]:
    """The camera's part of the recoil as a shake component: a pitch kick of ``share`` times the rise."""
    r = recoil(t, kicks)
    n = len(t)
    rot = np.stack([share * r["pitch"], np.zeros(n), np.zeros(n)], axis=1)
    pos = np.stack([np.zeros(n), -share * r["back"], np.zeros(n)], axis=1)
    return {"position": pos, "rotation": rot}
