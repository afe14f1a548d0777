"""Ambient beds per place (HVAC hum, traffic, birds, crowd murmur, wordless babble), wind and handling noise.

Beds are diffuse: generated at the microphone in pascals and scaled to the drawn ambient level (RMS dB SPL).
Babble is speech-like but wordless: glottal pulse trains (100-250 Hz, jittered) through random vowel formants
with syllabic (~4 Hz) envelopes, the usual recipe for speech-shaped maskers (e.g. ITU-T P.50 artificial voice).
Wind noise on an unshielded mic is low-frequency turbulence rising ~30 dB per decade of wind speed
(S. Morgan, R. Raspet, "Investigation of the mechanisms of low-frequency wind noise generation outdoors",
JASA 92, 1992).
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from generator.audio.sources import P_REF, _band, _norm

SPEECH_SR = 16000
# place -> (bed parts with relative weights); unknown places get a quiet room tone
BEDS: dict[str, dict[str, float]] = {
    "corridor": {"hvac": 1.0, "babble": 0.2},
    "office": {"hvac": 1.0, "babble": 0.5},
    "school": {"hvac": 0.6, "babble": 1.0, "murmur": 0.6},
    "warehouse": {"hvac": 1.0, "traffic": 0.2},
    "home": {"hvac": 0.4, "traffic": 0.2},
    "retail": {"hvac": 0.8, "murmur": 1.0, "babble": 0.5},
    "street": {"traffic": 1.0, "murmur": 0.4, "birds": 0.2},
    "parking": {"traffic": 1.0, "hvac": 0.2},
    "park": {"birds": 1.0, "traffic": 0.2, "murmur": 0.2},
    "range": {"hvac": 0.5, "birds": 0.3},
    "game_screen": {"hvac": 0.5},
}


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2))) if len(x) else 0.0


def hvac(rng: np.random.Generator, sr: int, n: int) -> np.ndarray:
    """Mains hum (50 or 60 Hz and harmonics) over fan noise."""
    t = np.arange(n) / sr
    f = 50.0 if rng.random() < 0.5 else 60.0
    hum = sum(
        rng.uniform(0.2, 1.0) / k * np.sin(2 * np.pi * f * k * t + rng.uniform(0, 6.3)) for k in (1, 2, 3, 4)
    )
    fan = _band(rng.standard_normal(n), sr, 60, 1500)
    return _norm(0.3 * _norm(hum) + _norm(fan))


def traffic(rng: np.random.Generator, sr: int, n: int) -> np.ndarray:
    """Distant traffic: low rumble with slow swells of passing vehicles."""
    t = np.arange(n) / sr
    rumble = _band(np.cumsum(rng.standard_normal(n)) * 0.02 + rng.standard_normal(n) * 0.1, sr, 30, 800)
    swell = 1.0
    for _ in range(int(rng.integers(1, 4))):
        c, w = rng.uniform(0, n / sr), rng.uniform(0.8, 3.0)
        swell = swell + rng.uniform(0.5, 2.0) * np.exp(-(((t - c) / w) ** 2))
    return _norm(rumble * swell)


def birds(rng: np.random.Generator, sr: int, n: int) -> np.ndarray:
    """Chirps: short frequency sweeps at 2-7 kHz in random bursts."""
    out = np.zeros(n)
    for _ in range(int(rng.integers(2, 10)) * max(1, n // sr)):
        dur = min(rng.uniform(0.03, 0.15), n / sr)
        m = int(dur * sr)
        at = int(rng.integers(0, max(1, n - m)))
        tt = np.arange(m) / sr
        f0, f1 = rng.uniform(2000, 7000, 2)
        phase = 2 * np.pi * (f0 * tt + (f1 - f0) * tt**2 / (2 * dur))
        out[at : at + m] += rng.uniform(0.2, 1.0) * np.sin(phase) * np.hanning(m)
    return _norm(out)


def babble(rng: np.random.Generator, sr: int, n: int, voices: int = 3) -> np.ndarray:
    """Wordless speech-like babble: pulse trains through vowel formants with syllable envelopes (made at 16 kHz)."""
    if sr > SPEECH_SR:
        low = babble(rng, SPEECH_SR, int(np.ceil(n * SPEECH_SR / sr)) + 1, voices)
        return np.interp(np.arange(n) * SPEECH_SR / sr, np.arange(len(low)), low)
    out = np.zeros(n)
    t = np.arange(n) / sr
    for _ in range(voices):
        f0 = rng.uniform(100, 250) * (1 + 0.05 * np.sin(2 * np.pi * rng.uniform(0.5, 2) * t))
        phase = np.cumsum(f0 / sr)
        pulses = np.diff(np.floor(phase), prepend=0.0) + 0.02 * rng.standard_normal(n)
        voice = np.zeros(n)
        for f1, f2 in ((rng.uniform(300, 800), rng.uniform(900, 2300)),):
            for fc, bw in ((f1, 80.0), (f2, 120.0), (rng.uniform(2400, 3200), 200.0)):
                b, a = signal.iirpeak(fc, fc / bw, fs=sr)
                voice += signal.lfilter(b, a, pulses)
        syll = np.clip(np.sin(2 * np.pi * rng.uniform(3, 5) * t + rng.uniform(0, 6.3)), 0, None) ** 2
        pause = (np.sin(2 * np.pi * rng.uniform(0.2, 0.5) * t + rng.uniform(0, 6.3)) > -0.3).astype(float)
        out += _norm(voice) * syll * pause
    return _norm(out)


def murmur(rng: np.random.Generator, sr: int, n: int) -> np.ndarray:
    """A crowd: a few distant voices over speech-shaped noise that swells at syllable rates."""
    t = np.arange(n) / sr
    swell = 1.0 + 0.5 * np.sin(2 * np.pi * rng.uniform(2, 5) * t) * np.sin(
        2 * np.pi * rng.uniform(0.3, 1) * t
    )
    noise = _band(rng.standard_normal(n), sr, 200, 2500) * swell
    return _norm(_band(babble(rng, sr, n, voices=2), sr, 150, 3000) + 0.7 * _norm(noise))


PARTS = {"hvac": hvac, "traffic": traffic, "birds": birds, "babble": babble, "murmur": murmur}


def ambient_bed(
    rng: np.random.Generator, sr: int, n: int, place: str, spl_db: float
) -> tuple[np.ndarray, list[str]]:
    """The place's ambient bed in pascals at RMS level ``spl_db``, and the parts it holds."""
    parts = BEDS.get(place, {"hvac": 0.3})
    out = np.zeros(n)
    for name, weight in parts.items():
        x = PARTS[name](rng, sr, n)
        out += weight * x / max(_rms(x), 1e-12)
    out *= P_REF * 10 ** (spl_db / 20) / max(_rms(out), 1e-12)
    return out, sorted(parts)


def wind(rng: np.random.Generator, sr: int, n: int, speed_ms: float) -> np.ndarray:
    """Wind on the mic in pascals: gusty low-frequency turbulence, ~30 dB per decade of speed."""
    if speed_ms < 0.3:
        return np.zeros(n)
    t = np.arange(n) / sr
    gust = 0.6 + 0.4 * np.sin(2 * np.pi * rng.uniform(0.2, 0.8) * t + rng.uniform(0, 6.3)) ** 2
    x = _band(rng.standard_normal(n), sr, 20, 300 + 40 * speed_ms) * gust
    spl = 55.0 + 30.0 * np.log10(speed_ms)
    return x * P_REF * 10 ** (spl / 20) / max(_rms(x), 1e-12)


def handling(
    rng: np.random.Generator, sr: int, n: int, speed: np.ndarray, fps: float, mount: str
) -> np.ndarray:
    """Footfalls and rustle carried through the body into the mic while walking (handheld: more)."""
    out = np.zeros(n)
    moving = speed > 0.3
    if not moving.any():
        return out
    step_s = float(rng.uniform(0.45, 0.6))
    level = {"handheld": 72.0, "chest": 70.0, "head": 64.0, "weapon": 70.0}.get(mount, 68.0)
    t = float(rng.uniform(0, step_s))
    while t < n / sr:
        f = min(int(t * fps), len(speed) - 1)
        if moving[f]:
            m = int(0.08 * sr)
            tt = np.arange(m) / sr
            thump = np.sin(2 * np.pi * rng.uniform(25, 60) * tt) * np.exp(-tt / rng.uniform(0.01, 0.03))
            rustle = _band(rng.standard_normal(m), sr, 500, 5000) * np.exp(-tt / 0.02) * 0.3
            at = int(t * sr)
            seg = (thump + rustle)[: n - at]
            out[at : at + len(seg)] += P_REF * 10 ** ((level + rng.normal(0, 2)) / 20) * seg
        t += step_s * float(rng.uniform(0.95, 1.05))
    return out
