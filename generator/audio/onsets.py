"""Impulsive onset detection on a recorded track (independent of how it was made): checks, reports, inspect."""

from __future__ import annotations

import numpy as np

from generator.audio.sources import _band


def envelope_db(x: np.ndarray, sr: int, hop_s: float = 0.001, highpass_hz: float = 300.0) -> np.ndarray:
    """Short-time energy in dB per hop of the channel mean, above ``highpass_hz`` (hum and footfalls out)."""
    mono = x.mean(axis=1) if x.ndim == 2 else x
    y = _band(mono.astype(np.float64), sr, highpass_hz, None)
    hop = max(1, int(hop_s * sr))
    n = len(y) // hop
    e = (y[: n * hop].reshape(n, hop) ** 2).mean(axis=1)
    return 10 * np.log10(e + 1e-12)


def detect_onsets(
    x: np.ndarray, sr: int, rise_db: float = 8.0, floor_dbfs: float = -45.0, history_s: float = 0.05,
    refractory_s: float = 0.05, highpass_hz: float = 300.0,
) -> list[float]:
    """Times (s) where the energy jumps ``rise_db`` above its median of the previous ``history_s``."""
    hop_s = 0.001
    env = envelope_db(x, sr, hop_s, highpass_hz)
    h = max(1, int(history_s / hop_s))
    out: list[float] = []
    last = -1e9
    for i in range(1, len(env)):
        ref = float(np.median(env[max(0, i - h) : i]))
        if env[i] > floor_dbfs and env[i] - ref >= rise_db and i * hop_s - last >= refractory_s:
            out.append(i * hop_s)
            last = i * hop_s
    return out
