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
