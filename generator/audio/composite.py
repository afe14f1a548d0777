"""Sound of composited clips: the real background's own track, and on request the rendered events mixed in.

The background keeps its audio (cut to the composite's frames); with ``add_events`` the layer plan's sound
events (shots, casings, actions, bangs) are rendered without ambience through the same microphone model and
added to it, and only those events are labelled (the background's own sounds are unknown).
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np

from generator.audio.mux import mux_audio, n_samples, read_audio
from generator.plan.model import AudioSettings, ClipPlan


def has_audio(video: str | Path) -> bool:
    """Whether a media file holds an audio stream."""
    with av.open(str(video)) as c:
        return bool(c.streams.audio)


def composite_audio(
    background: Path, folder: Path, plan: ClipPlan, fps: float, frames: int, add_events: bool = False
) -> dict | None:
    """Mux the background's audio (plus rendered events on request) into ``folder``/video.mp4; the label block."""
    from generator.audio.render import _dbfs, _lufs, render_audio

    settings = plan.audio or AudioSettings()
    sr = settings.sample_rate
    n = n_samples(frames, fps, sr)
    base = None
    if has_audio(background):
        x, bg_sr = read_audio(background)
        if bg_sr != sr:  # resample by linear interpolation to the clip's rate
            t = np.arange(int(len(x) * sr / bg_sr)) * bg_sr / sr
            x = np.stack([np.interp(t, np.arange(len(x)), x[:, c]) for c in range(x.shape[1])], axis=1)
        base = (
            x[:n, :1]
            if settings.channels == 1
            else np.repeat(x[:n, :1], 2, axis=1)
            if x.shape[1] == 1
            else x[:n, :2]
        )
        base = np.pad(base, ((0, n - len(base)), (0, 0)))
    if base is None and not add_events:
        return None
    events: list[dict] = []
    mix = base if base is not None else np.zeros((n, settings.channels))
    if add_events:
        track = render_audio(plan, settings, events_only=True)
        ev = track.samples[:n]
        mix = mix + np.pad(ev, ((0, n - len(ev)), (0, 0)))
        events = [e for e in track.label["events"] if e["onset_sample"] < n]
    mix = np.clip(mix, -1, 1).astype(np.float32)
    mux_audio(folder / "video.mp4", mix, sr, settings.bitrate_kbps)
    return {
        "file": "video.mp4",
        "wav": None,
        "sample_rate": sr,
        "channels": mix.shape[1],
        "samples": n,
        "codec": "aac",
        "bitrate_kbps": settings.bitrate_kbps,
        "loudness_lufs": _lufs(mix.T, sr),
        "rms_dbfs": _dbfs(float(np.sqrt(np.mean(mix**2)))),
        "peak_dbfs": _dbfs(float(np.abs(mix).max())),
        "room": {"source": "background" if base is not None else "none", "events_added": add_events},
        "microphone": {},
        "ambient": ["background"] if base is not None else [],
        "events": events,
    }


def set_audio_label(folder: Path, block: dict | None) -> None:
    """Write the audio block into a finished clip's labels.json."""
    path = Path(folder) / "labels.json"
    labels = json.loads(path.read_text(encoding="utf-8"))
    labels["audio"] = block
    path.write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
