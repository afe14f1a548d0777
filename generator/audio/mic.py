"""The consumer microphone and its processing: overload, response, self-noise, AGC and digital clipping.

MEMS microphones in phones and body cameras overload near 120-130 dB SPL (the "acoustic overload point" of
datasheets such as Knowles SPH0645 and InvenSense ICS-43434), far below a gunshot's 150-170 dB at the wearer, so
shots saturate; their response rolls off below ~100 Hz (plus the wind-noise high-pass) and above ~15 kHz.
Phone recorders then run an automatic gain control that lifts quiet rooms and ducks after loud events with a
fast attack and a slow release (the gain comes back over a second or two) (WebRTC AGC; Apple/Android voice-processing), which makes the ambience
pump after each shot.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from generator.audio.sources import P_REF, _q, _sos


def capsule(p: np.ndarray, overload_db: float) -> np.ndarray:
    """Pressure (Pa) to capsule output in full-scale units: linear up to the overload point, then saturating."""
    x = p / (P_REF * 10 ** (overload_db / 20))
    knee = 0.7
    a = np.abs(x)
    soft = knee + (1 - knee) * np.tanh((a - knee) / (1 - knee))
    return np.where(a <= knee, x, np.sign(x) * soft)


def response(x: np.ndarray, sr: int, rng: np.random.Generator) -> np.ndarray:
    """Consumer mic and front-end response: high-pass ~80-150 Hz, low-pass ~13-17 kHz, small presence lift."""
    hp = _sos(sr, _q(float(rng.uniform(80, 150))), None, 2)
    lp = _sos(sr, None, _q(min(float(rng.uniform(13000, 17000)), 0.45 * sr)), 2)
    y = signal.sosfilt(lp, signal.sosfilt(hp, x, axis=-1), axis=-1)
    b, a = signal.iirpeak(min(float(rng.uniform(2500, 5000)), 0.4 * sr), 1.0, fs=sr)
    return y + float(rng.uniform(0.0, 0.3)) * signal.lfilter(b, a, y, axis=-1)


def agc(
    x: np.ndarray,
    sr: int,
    target_db: float = -24.0,
    max_gain_db: float = 30.0,
    min_gain_db: float = -6.0,
    attack_s: float = 0.005,
    release_db_s: float = 15.0,
    block_s: float = 0.005,
) -> tuple[np.ndarray, np.ndarray]:
    """Block-wise AGC on the channel peak: (output, gain in dB per block); peaks pass before it reacts.

    The level follower rises with a 5 ms attack and falls at ``release_db_s`` (the gain comes back over ~2 s
    after a shot, as phone recorders do), in dB."""
    mono = np.abs(x).max(axis=0) if x.ndim == 2 else np.abs(x)
    hop = max(1, int(block_s * sr))
    nb = int(np.ceil(len(mono) / hop))
    padded = np.pad(mono, (0, nb * hop - len(mono)))
    level = padded.reshape(nb, hop).max(axis=1)
    a_att = np.exp(-block_s / attack_s)
    fall = release_db_s * block_s
    level_db = 20 * np.log10(np.maximum(level, 1e-9))
    env = np.empty(nb)
    e = float(np.median(level_db[: max(1, int(0.3 / block_s))]))  # start settled on the opening level
    for i, v in enumerate(level_db):
        e = a_att * e + (1 - a_att) * v if v > e else max(v, e - fall)
        env[i] = e
    gain_db = np.clip(target_db - env, min_gain_db, max_gain_db)
    gain_db = np.concatenate([[gain_db[0]], gain_db[:-1]])  # the gain reacts one block late
    centres = np.arange(nb) * hop + hop / 2
    g = 10 ** (np.interp(np.arange(len(mono)), centres, gain_db) / 20)
    return x * g, gain_db


def microphone(
    p: np.ndarray, sr: int, overload_db: float, rng: np.random.Generator, self_noise_db: float = 32.0
) -> tuple[np.ndarray, dict]:
    """Pressure at the mic (Pa, [channels, n]) to the recorded track (full scale, clipped) and its stats."""
    noise = P_REF * 10 ** (self_noise_db / 20) * rng.standard_normal(p.shape)
    x = capsule(p + noise, overload_db)
    overloaded = float(np.mean(np.abs(x) > 0.9))
    x = response(x, sr, rng)
    y, gain_db = agc(x, sr)
    clipped = float(np.mean(np.abs(y) >= 1.0))
    y = np.clip(y, -1.0, 1.0)
    return y, {
        "overload_db": round(float(overload_db), 2),
        "capsule_overload_fraction": round(overloaded, 6),
        "clipped_fraction": round(clipped, 6),
        "agc_gain_db": [round(float(gain_db.min()), 2), round(float(gain_db.max()), 2)],
    }
