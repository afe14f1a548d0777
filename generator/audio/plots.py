"""Pictures of a sound track: a waveform strip (inspect) and a waveform-over-spectrogram panel (report, docs)."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

EVENT_COLOURS = {
    "gunshot": "red",
    "replica_shot": "orange",
    "game_gunfire": "magenta",
    "casing_drop": "goldenrod",
}


def _rgb(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def _mark(ax, label: dict, with_text: bool = False) -> None:
    for e in label.get("events", []):
        colour = EVENT_COLOURS.get(e["type"], "tab:blue")
        ax.axvline(e["onset_s"], color=colour, lw=0.8, alpha=0.8)
        if with_text:
            ax.text(
                e["onset_s"],
                1.0,
                e["type"],
                color=colour,
                fontsize=5,
                rotation=90,
                va="top",
                ha="right",
                transform=ax.get_xaxis_transform(),
            )


def waveform_strip(
    samples: np.ndarray, sr: int, label: dict, times: np.ndarray, width: int, height: int = 90
) -> tuple[np.ndarray, np.ndarray]:
    """The waveform (channel mean) with event onsets, as RGB, and the x pixel of each of ``times``."""
    x = samples.mean(axis=1) if samples.ndim == 2 else samples
    t = np.arange(len(x)) / sr
    step = max(1, len(x) // 4000)  # min/max envelope keeps peaks at any width
    n = len(x) // step
    blocks = x[: n * step].reshape(n, step)
    fig = Figure(figsize=(width / 100, height / 100), dpi=100)
    ax = fig.add_axes((0.08, 0.25, 0.9, 0.6))
    ax.fill_between(t[: n * step : step], blocks.min(axis=1), blocks.max(axis=1), color="0.25", lw=0)
    _mark(ax, label)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(times[0], max(times[-1], len(x) / sr) if len(times) else len(x) / sr)
    ax.tick_params(labelsize=6)
    ax.set_title("sound (recorded track; red = gunshot onsets)", fontsize=7, pad=2)
    img = _rgb(fig)
    xs = ax.transData.transform(np.c_[times, np.zeros_like(times)])[:, 0]
    return img, np.round(xs).astype(int)


def spectrogram_panel(
    samples: np.ndarray, sr: int, label: dict, title: str = "", width_in: float = 6.4
) -> np.ndarray:
    """Waveform over a log-magnitude spectrogram (to 16 kHz) with labelled onsets, as RGB."""
    x = samples.mean(axis=1) if samples.ndim == 2 else samples
    t = np.arange(len(x)) / sr
    fig = Figure(figsize=(width_in, 3.4), dpi=100)
    a1 = fig.add_axes((0.09, 0.62, 0.88, 0.28))
    a2 = fig.add_axes((0.09, 0.12, 0.88, 0.46), sharex=a1)
    a1.plot(t, x, lw=0.4, color="0.2")
    a1.set_ylim(-1.05, 1.05)
    _mark(a1, label, with_text=True)
    a1.tick_params(labelsize=6, labelbottom=False)
    a1.set_title(title, fontsize=8, pad=3)
    a2.specgram(x + 1e-9, NFFT=512, Fs=sr, noverlap=384, cmap="magma", vmin=-140, vmax=-20)
    a2.set_ylim(0, min(16000, sr / 2))
    a2.set_ylabel("Hz", fontsize=6)
    a2.set_xlabel("time (s)", fontsize=6)
    a2.tick_params(labelsize=6)
    _mark(a2, label)
    return _rgb(fig)


def sound_sheet(clips: list[tuple], path, count: int = 4) -> str | None:
    """Spectrogram panels of a few clips (those with gunshots first, then others) saved as one PNG."""
    import cv2

    from generator.audio.mux import clip_audio

    with_audio = [(f, lab) for f, lab in clips if lab.get("audio")]
    if not with_audio:
        return None
    shots = [c for c in with_audio if any(e["gunshot"] for e in c[1]["audio"]["events"])]
    rest = [c for c in with_audio if c not in shots]
    pick = (shots[: max(1, count // 2)] + rest)[:count]
    pick += [c for c in shots if c not in pick][: count - len(pick)]
    panels = []
    for folder, lab in pick:
        a = lab["audio"]
        kinds = sorted({e["type"] for e in a["events"]})
        title = (
            f"{lab['clip_id']} {lab['category']} {lab['axes']['held_object']} in {lab['axes']['environment']}"
            f"  RT60 {a['room'].get('rt60_measured_s')} s  {a.get('loudness_lufs')} LUFS  {', '.join(kinds)}"
        )
        panels.append(spectrogram_panel(clip_audio(folder, a), a["sample_rate"], a, title))
    img = np.vstack(panels)
    cv2.imwrite(str(path), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
    return path.name
