"""Shake components as functions of time: gait bob and sway, and band-limited tremor.

Each returns per-frame offsets; the rig adds them up. Tremor is a sum of sinusoids with frequencies drawn
inside its band, so it can be evaluated at any time and its spectrum is confined to the band.
"""

from __future__ import annotations

import numpy as np


def frame_times(frames: int, fps: float) -> np.ndarray:
    """Times in seconds of each frame's exposure."""
    return np.arange(frames, dtype=float) / float(fps)


def gait(t: np.ndarray, step_hz: float, bob_m: float, sway_m: float, phase: float) -> dict[str, np.ndarray]:
    """Walking bob (vertical, at the step rate), lateral sway and roll (at half the step rate).

    Returns position offsets (N,3) in the body frame (x right, y forward, z up) and rotation offsets
    (N,3) as (pitch, roll, yaw) radians.
    """
    w = 2 * np.pi * step_hz
    bob = bob_m * np.cos(w * t + phase)
    sway = sway_m * np.sin(0.5 * w * t + phase / 2)
    pos = np.stack([sway, np.zeros_like(t), bob], axis=1)
    pitch = np.deg2rad(0.4) * (bob_m / 0.02) * np.sin(w * t + phase)
    roll = np.deg2rad(0.8) * (sway_m / 0.012) * np.sin(0.5 * w * t + phase / 2)
    rot = np.stack([pitch, roll, np.zeros_like(t)], axis=1)
    return {"position": pos, "rotation": rot}


def tremor_spec(
    rng: np.random.Generator, rms_deg: float, low_hz: float, high_hz: float, n_sines: int = 8
) -> dict:
    """Draw a tremor's sinusoids per axis (pitch, roll, yaw): frequencies in [low, high], random phases."""
    lo, hi = min(low_hz, high_hz), max(low_hz, high_hz)
    freqs = rng.uniform(lo, hi, size=(3, n_sines))
    phases = rng.uniform(0, 2 * np.pi, size=(3, n_sines))
    weights = rng.uniform(0.5, 1.0, size=(3, n_sines))
    # scale so that each axis has the requested RMS: rms^2 = sum(a^2) / 2
    amps = weights * (np.deg2rad(rms_deg) * np.sqrt(2) / np.sqrt((weights**2).sum(axis=1, keepdims=True)))
    return {"freqs": freqs, "phases": phases, "amps": amps}


def tremor(t: np.ndarray, spec: dict) -> np.ndarray:
    """Rotation offsets (N,3) (pitch, roll, yaw) radians of a tremor drawn with ``tremor_spec``."""
    arg = 2 * np.pi * spec["freqs"][None] * t[:, None, None] + spec["phases"][None]
    return (spec["amps"][None] * np.sin(arg)).sum(axis=2)


def breathing(t: np.ndarray, rate_hz: float, pitch_deg: float, phase: float) -> dict[str, np.ndarray]:
    """Breathing: a slow pitch nod and a small vertical rise of the chest at the breathing rate."""
    s = np.sin(2 * np.pi * rate_hz * t + phase)
    rot = np.stack([np.deg2rad(pitch_deg) * s, np.zeros_like(t), np.zeros_like(t)], axis=1)
    pos = np.stack([np.zeros_like(t), np.zeros_like(t), 0.004 * (pitch_deg / 0.25) * s], axis=1)
    return {"position": pos, "rotation": rot}


def drift(t: np.ndarray, rng: np.random.Generator, rms_deg: float, high_hz: float) -> dict[str, np.ndarray]:
    """Slow drift of the aim: band-limited rotation below ``high_hz`` (sinusoids from 0.05 Hz up)."""
    spec = tremor_spec(rng, rms_deg, min(0.05, high_hz), high_hz, n_sines=4)
    return {"position": np.zeros((len(t), 3)), "rotation": tremor(t, spec)}


def min_jerk(s: np.ndarray) -> np.ndarray:
    """Minimum-jerk ease from 0 to 1 for s in [0, 1] (clipped outside), the shape of voluntary head turns."""
    s = np.clip(s, 0.0, 1.0)
    return s**3 * (10 - 15 * s + 6 * s**2)


def scan(
    t: np.ndarray, rng: np.random.Generator, max_deg: float, every_s: float, roll_deg: float
) -> dict[str, np.ndarray]:
    """Scanning head turns: yaw moves between random targets with minimum-jerk turns; roll follows yaw speed.

    Roll is proportional to the yaw rate and reaches ``roll_deg`` at the fastest turn (heads tilt into turns).
    """
    n = len(t)
    yaw = np.zeros(n)
    if max_deg > 0 and n > 1:
        duration = float(t[-1]) + 1e-9
        start, current = float(rng.exponential(every_s)) * 0.5, 0.0
        while start < duration:
            target = float(rng.uniform(-max_deg, max_deg))
            turn_s = 0.25 + 0.012 * abs(target - current)  # larger turns take longer (about 0.25-1.1 s)
            yaw += np.deg2rad(target - current) * min_jerk((t - start) / turn_s)
            current = target
            start += turn_s + float(rng.exponential(every_s))
    rate = np.gradient(yaw, t) if n > 1 else np.zeros(n)
    peak = np.abs(rate).max() if n > 1 else 0.0
    roll = np.deg2rad(roll_deg) * rate / peak if peak > 1e-9 else np.zeros(n)
    rot = np.stack([np.zeros(n), -roll, yaw], axis=1)
    return {"position": np.zeros((n, 3)), "rotation": rot}
