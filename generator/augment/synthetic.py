"""Stand-in footage made on the spot (tests, docs, benchmarks): a moving pattern with a bright side, texture
and sensor noise, like a hand-held camera panning past a lit wall. Nothing is downloaded."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from generator.dataset.video import encode_mp4


def pattern_frames(
    width: int = 320,
    height: int = 180,
    frames: int = 16,
    seed: int = 0,
    pan_px: float = 3.0,
    noise: float = 3.0,
) -> np.ndarray:
    """(T,H,W,3) uint8: a textured scene brighter on the right, panning ``pan_px`` pixels a frame, with noise."""
    rng = np.random.default_rng(seed)
    big_w = width + int(abs(pan_px) * frames) + 8
    ys, xs = np.mgrid[0:height, 0:big_w].astype(np.float32)
    base = 60 + 110 * (xs / big_w) + 30 * (ys / height)
    tex = cv2.GaussianBlur(rng.normal(0, 25, (height, big_w)).astype(np.float32), (0, 0), 2.0)
    scene = np.stack([base * 0.95 + tex, base * 0.9 + tex, base * 0.8 + tex], axis=-1)
    for _ in range(max(3, big_w // 60)):  # door frames and boxes: edges for the blur and motion estimates
        x0, y0 = int(rng.integers(0, big_w - 20)), int(rng.integers(0, height - 20))
        w, h = int(rng.integers(10, 50)), int(rng.integers(10, 60))
        scene[y0 : y0 + h, x0 : x0 + w] = rng.uniform(30, 220, 3)
    out = []
    grain = rng.normal(0, noise, (height + 7, width + 7, 3)).astype(np.float32) if noise else None
    for t in range(frames):
        x = int(round(4 + pan_px * t)) if pan_px >= 0 else int(round(big_w - width - 4 + pan_px * t))
        f = scene[:, x : x + width]
        if grain is not None:  # a different noise field every frame (shifted grain: cheap and uncorrelated)
            dy, dx = int(rng.integers(0, 8)), int(rng.integers(0, 8))
            f = f + grain[dy : dy + height, dx : dx + width]
        out.append(np.clip(f, 0, 255).astype(np.uint8))
    return np.stack(out)


def pattern_video(path: str | Path, fps: int = 15, **kw) -> Path:
    """Write a pattern clip as H.264 MP4 (near-lossless) and return its path."""
    encode_mp4(list(pattern_frames(**kw)), path, fps, crf=12)
    return Path(path)
