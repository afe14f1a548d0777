"""povgen inspect: a clip's frames with their labels drawn, event markers, and a shake plot under them.

Writes ``overlay.mp4`` and ``overlay.gif`` (and ``overlay.png``, the middle frame) into the output folder.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from generator.dataset.clip import LABELS, ClipReader
from generator.dataset.video import encode_mp4
from generator.errors import PovgenError
from generator.export.source import Clip
from generator.report.draw import EVENT_COLORS, auto_scale, draw_labels


def load_clip(folder: Path) -> Clip:
    """A clip folder read on its own (no manifest needed)."""
    folder = Path(folder)
    reader = ClipReader(folder)
    if not reader.has(LABELS):
        raise PovgenError(f"{folder / LABELS}: missing (give a clip folder, e.g. DATASET/clips/000000)")
    return Clip({}, reader.labels, folder, folder.name)


def shake_plot(labels: dict, width: int, height: int = 140) -> tuple[np.ndarray, np.ndarray]:
    """The shake plot as an RGB image, and the x pixel of each frame in it."""
    frames = labels["frames"]
    t = np.array([f["time_s"] for f in frames])
    fig = Figure(figsize=(width / 100, height / 100), dpi=100)
    ax = fig.add_axes((0.08, 0.22, 0.9, 0.68))
    for name in sorted({k for f in frames for k in f["motion"]}):
        ax.plot(t, [f["motion"].get(name, 0.0) for f in frames], lw=1.2, label=f"{name} (deg)")
    pitch = np.array([f["camera"]["pitch_deg"] for f in frames])
    roll = np.array([f["camera"]["roll_deg"] for f in frames])
    ax.plot(t, pitch - pitch.mean(), lw=0.8, ls="--", label="pitch - mean")
    ax.plot(t, roll - roll.mean(), lw=0.8, ls=":", label="roll - mean")
    for ev in labels["events"]:
        ax.axvline(ev["time_s"], color=np.array(EVENT_COLORS.get(ev["type"], (128, 128, 128))) / 255, lw=1.5)
    ax.set_xlim(t[0], t[-1] if len(t) > 1 else t[0] + 1)
    ax.tick_params(labelsize=6)
    ax.set_xlabel("time (s)", fontsize=6, labelpad=1)
    ax.legend(fontsize=5, loc="upper right", ncol=4, frameon=False)
    ax.set_title("camera shake by component", fontsize=7, pad=2)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    img = np.asarray(canvas.buffer_rgba())[..., :3].copy()
    xs = ax.transData.transform(np.c_[t, np.zeros_like(t)])[:, 0]
    return img, np.round(xs).astype(int)


def event_banner(img: np.ndarray, labels: dict, index: int) -> None:
    """Name the events of this frame at the top, with a border in the event's colour."""
    events = [e for e in labels["events"] if e["frame"] == index]
    for k, ev in enumerate(events):
        c = EVENT_COLORS.get(ev["type"], (200, 200, 200))
        cv2.rectangle(img, (0, 0), (img.shape[1] - 1, img.shape[0] - 1), c, 3)
        cv2.putText(img, ev["type"], (6, 16 + 14 * k), cv2.FONT_HERSHEY_SIMPLEX, 0.45, c, 1, cv2.LINE_AA)
    text = (
        f"{labels['clip_id']}  frame {index}  {labels['frames'][index]['time_s']:.2f}s  {labels['category']}"
    )
    cv2.putText(
        img, text, (6, img.shape[0] - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (255, 255, 255), 1, cv2.LINE_AA
    )


def overlay_frames(clip: Clip, scale: int | None = None) -> list[np.ndarray]:
    """Every frame with labels drawn, events marked, and the shake plot with a cursor under it."""
    lab = clip.labels
    scale = scale or auto_scale(lab["width"])
    rgbs = clip.frames_rgb()
    plot, xs = shake_plot(lab, lab["width"] * scale)
    out = []
    for f, rgb in zip(lab["frames"], rgbs, strict=True):
        top = draw_labels(rgb, clip.mask(f), f["annotations"], scale)
        event_banner(top, lab, f["index"])
        bottom = plot.copy()
        cv2.line(bottom, (int(xs[f["index"]]), 0), (int(xs[f["index"]]), bottom.shape[0] - 1), (200, 0, 0), 1)
        frame = np.vstack([top, bottom[:, : top.shape[1]]])
        out.append(frame[: frame.shape[0] // 2 * 2, : frame.shape[1] // 2 * 2])  # even size for H.264
    return out


def inspect_clip(folder: Path, out: Path | None = None, scale: int | None = None) -> list[Path]:
    """Write overlay.mp4, overlay.gif and overlay.png (middle frame) for a clip; returns their paths."""
    clip = load_clip(folder)
    out = Path(out) if out is not None else Path(folder) / "inspect"
    out.mkdir(parents=True, exist_ok=True)
    frames = overlay_frames(clip, scale)
    fps = clip.labels["fps"]
    mp4, gif, png = out / "overlay.mp4", out / "overlay.gif", out / "overlay.png"
    encode_mp4(frames, mp4, fps)
    images = [Image.fromarray(f).quantize(colors=128, method=Image.Quantize.MEDIANCUT) for f in frames]
    images[0].save(gif, save_all=True, append_images=images[1:], duration=int(round(1000 / fps)), loop=0)
    Image.fromarray(frames[len(frames) // 2]).save(png, optimize=True)
    return [mp4, gif, png]
