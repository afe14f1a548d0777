"""Live-stream transport done for real: stream sizes, frame-rate conversion, rolling-shutter skew, and an H.264
re-encode through PyAV at a stream bitrate with a fixed keyframe interval (the decoded frames become the clip)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np


def resize_clip(frames: np.ndarray, masks: np.ndarray, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Scale a clip to ``height`` keeping the aspect (width even); masks by nearest neighbour."""
    _, h, w = frames.shape[:3]
    if h == height:
        return frames, masks
    nw = max(2, int(round(w * height / h / 2)) * 2)
    interp = cv2.INTER_AREA if height < h else cv2.INTER_LINEAR
    f2 = np.stack([cv2.resize(f, (nw, height), interpolation=interp) for f in frames])
    m2 = np.stack([cv2.resize(m, (nw, height), interpolation=cv2.INTER_NEAREST) for m in masks])
    return f2, m2


def resample_indices(n: int, fps_in: float, fps_out: float) -> list[int]:
    """Source frame of each output frame when converting n frames from fps_in to fps_out: the frame on display at
    that moment (sample and hold, as a capture or stream pipeline repeats and drops frames)."""
    m = max(1, int(np.floor(n * fps_out / fps_in + 1e-9)))
    return [min(n - 1, int(np.floor(k * fps_in / fps_out + 1e-9))) for k in range(m)]


def global_motion(frames: np.ndarray) -> np.ndarray:
    """Image motion (dx, dy) in pixels per frame at every frame, from phase correlation of neighbours."""
    t = len(frames)
    gray = [cv2.cvtColor(f, cv2.COLOR_RGB2GRAY).astype(np.float32) for f in frames]
    steps = np.zeros((max(t - 1, 0), 2))
    if t > 1:
        win = cv2.createHanningWindow(gray[0].shape[::-1], cv2.CV_32F)
        for i in range(t - 1):
            (dx, dy), _ = cv2.phaseCorrelate(gray[i], gray[i + 1], win)
            steps[i] = (dx, dy)
    out = np.zeros((t, 2))
    for i in range(t):  # central estimate: mean of the steps before and after
        near = [steps[j] for j in (i - 1, i) if 0 <= j < t - 1]
        out[i] = np.mean(near, axis=0) if near else 0.0
    return out


def rolling_shutter(
    frames: np.ndarray, masks: np.ndarray, motion: np.ndarray, readout_s: float, fps: float
) -> tuple[np.ndarray, np.ndarray]:
    """Skew rows as a rolling-shutter sensor would: row y is read ``readout * y/H`` later than row 0, so it shows
    the scene moved by ``motion * fps * readout * (y/H - 1/2)`` pixels (centred on the middle row)."""
    t, h, w = frames.shape[:3]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    frac = (ys + 0.5) / h - 0.5
    f_out, m_out = np.empty_like(frames), np.empty_like(masks)
    for i in range(t):
        vx, vy = motion[i] * fps * readout_s
        mx, my = xs - np.float32(vx) * frac, ys - np.float32(vy) * frac
        f_out[i] = cv2.remap(frames[i], mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        m_out[i] = cv2.remap(
            masks[i], mx, my, cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0
        )
    return f_out, m_out


def encode_stream(
    frames: np.ndarray, path: str | Path, fps: int, bitrate_kbps: float, keyframe_s: float = 2.0
) -> None:
    """H.264 at a target average bitrate with a keyframe every ``keyframe_s`` seconds (no scene-cut keyframes)."""
    gop = max(1, int(round(fps * keyframe_s)))
    rate = int(bitrate_kbps * 1000)
    with av.open(str(path), "w") as container:
        s = container.add_stream("libx264", rate=Fraction(fps))
        s.width, s.height, s.pix_fmt = frames.shape[2], frames.shape[1], "yuv420p"
        s.bit_rate = rate
        s.options = {
            "preset": "veryfast",
            "g": str(gop),
            "keyint_min": str(gop),
            "sc_threshold": "0",
            "maxrate": str(int(rate * 1.2)),
            "bufsize": str(rate),
        }
        s.codec_context.time_base = Fraction(1, fps)
        for f in frames:
            for pkt in s.encode(av.VideoFrame.from_ndarray(np.ascontiguousarray(f), format="rgb24")):
                container.mux(pkt)
        for pkt in s.encode():
            container.mux(pkt)


def stream_stats(path: str | Path) -> dict:
    """Measured bitrate (kbit/s from packet sizes), frame count and keyframe positions of a video."""
    with av.open(str(path)) as c:
        st = c.streams.video[0]
        fps = float(st.average_rate)
        tb = float(st.time_base)
        sizes, keys, pts = [], [], []
        for pkt in c.demux(st):
            if pkt.size == 0:
                continue
            sizes.append(pkt.size)
            keys.append(bool(pkt.is_keyframe))
            pts.append(pkt.pts)
    n = len(sizes)
    t0 = min(pts) if pts else 0
    frame_of = [int(round((p - t0) * tb * fps)) for p in pts]  # display order
    return {
        "frames": n,
        "fps": fps,
        "kbps": sum(sizes) * 8 / (n / fps) / 1000 if n else 0.0,
        "keyframes": sorted(f for f, k in zip(frame_of, keys, strict=True) if k),
    }
