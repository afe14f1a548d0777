"""The clip writer's audio hooks: render and mux a plan's track into a clip folder; keep it in step with edits.

``add_audio`` is what the writer calls after video.mp4 exists; ``retime`` cuts a track and its labels to a clip
whose frames were dropped or resampled (augmentation's fps change), so audio and frames end together.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np

from generator.audio.mux import mux_audio, n_samples, read_audio, write_wav
from generator.plan.model import ClipPlan


def add_audio(plan: ClipPlan, folder: str | Path) -> dict | None:
    """Render ``plan``'s sound, mux it into ``folder``/video.mp4 (and audio.wav on request); the label block."""
    from generator.audio.render import render_audio  # scipy and pyroomacoustics load only where sound is made

    track = render_audio(plan)
    if track is None:
        return None
    folder = Path(folder)
    mux_audio(folder / "video.mp4", track.samples, track.sample_rate, int(track.label["bitrate_kbps"]))
    if track.label.get("wav"):
        write_wav(folder / track.label["wav"], track.samples, track.sample_rate)
    return track.label


def retime(label: dict, samples: np.ndarray, fps: float, frames: int) -> tuple[np.ndarray, dict]:
    """Cut ``samples`` to ``frames`` frames at ``fps`` and re-express event frames at that rate."""
    sr = int(label["sample_rate"])
    n = n_samples(frames, fps, sr)
    out = samples[:n]
    if len(out) < n:
        out = np.pad(out, ((0, n - len(out)), (0, 0)))
    new = copy.deepcopy(label)
    new["samples"] = n
    events = []
    for e in label.get("events", []):
        if e["onset_sample"] >= n:
            continue
        e = dict(e)
        emit_s = e["onset_s"] - e["distance_m"] / 343.0
        e["onset_frame"] = min(int(np.floor(e["onset_s"] * fps + 1e-9)), frames - 1)
        e["emit_frame"] = min(max(int(np.floor(emit_s * fps + 1e-6)), 0), frames - 1)
        events.append(e)
    new["events"] = events
    return out, new


def carry_audio(source_video: Path, label: dict | None, target: Path, fps: float, frames: int) -> dict | None:
    """Give ``target``/video.mp4 the (decoded) audio of ``source_video`` cut to its frames; the new label block."""
    if not label:
        return None
    samples, _ = read_audio(source_video)
    cut, new = retime(label, samples, fps, frames)
    mux_audio(Path(target) / "video.mp4", cut, int(label["sample_rate"]), int(label["bitrate_kbps"]))
    if new.get("wav"):
        write_wav(Path(target) / new["wav"], cut, int(label["sample_rate"]))
    return new


def follow_audio(source: Path | None, label: dict | None, clip: Path) -> None:
    """Give a written clip folder the audio of its source clip folder, cut to its frames (labels.json updated).

    A clip whose source had no track, or is unknown, is marked silent (``audio: null``)."""
    import json

    path = Path(clip) / "labels.json"
    labels = json.loads(path.read_text(encoding="utf-8"))
    block = None
    if source is not None and label:
        block = carry_audio(
            Path(source) / label.get("file", "video.mp4"),
            label,
            Path(clip),
            float(labels["fps"]),
            int(labels["num_frames"]),
        )
    if block is None and labels.get("audio") is None:
        return
    labels["audio"] = block
    path.write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
