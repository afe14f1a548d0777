"""Device post-processing drawn onto finished frames: auto exposure with lag, and a body camera's watermark.

Both are photometric (no pixel moves), so masks and boxes are unchanged; the watermark is not a labelled
instance. Its text is an ISO-8601 UTC time that ticks with the clip's time, a made-up device model and serial.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from generator.augment.recipe import AutoExposure, Watermark

MODELS = ("KESTREL BW-2", "VANTA V7", "OBSIDIAN OBC-3", "TALLIS T5", "MERIDIAN WX-1")  # made up
MID_GREY = 0.42  # mean luminance the exposure loop aims at


def draw_exposure_params(ae: AutoExposure, rng: np.random.Generator) -> dict | None:
    """The clip's exposure loop (None when off)."""
    on = rng.random() < ae.p
    lag, strength = float(rng.uniform(*ae.lag_s)), float(rng.uniform(*ae.strength))
    return {"lag_s": round(lag, 4), "strength": round(strength, 4)} if on else None


def exposure_gains(frames: np.ndarray, fps: float, lag_s: float, strength: float) -> np.ndarray:
    """Per-frame gain of an exposure loop that chases mid grey with a first-order lag (in log gain)."""
    lum = frames.reshape(len(frames), -1, 3).mean(axis=1) @ np.array([0.2126, 0.7152, 0.0722]) / 255.0
    want = strength * np.log(MID_GREY / np.clip(lum, 0.02, 1.0))
    a = 1.0 - np.exp(-1.0 / (fps * max(lag_s, 1e-3)))
    out = np.empty(len(frames))
    g = want[0]  # the camera had settled before the clip began
    for i, w in enumerate(want):
        g = g + a * (w - g) if i else g
        out[i] = g
    return np.clip(np.exp(out), 0.5, 2.5)


def apply_exposure(frames: np.ndarray, gains: np.ndarray) -> np.ndarray:
    """Frames times their gains, clipped to 8 bits."""
    return np.clip(frames.astype(np.float32) * gains[:, None, None, None].astype(np.float32), 0, 255).astype(
        np.uint8
    )


def draw_watermark_params(wm: Watermark, rng: np.random.Generator) -> dict | None:
    """The clip's overlay: start time (UTC, whole seconds), model and serial (None when off)."""
    on = rng.random() < wm.p
    y0, y1 = wm.start_year
    lo = datetime(y0, 1, 1, tzinfo=UTC)
    span = (datetime(y1 + 1, 1, 1, tzinfo=UTC) - lo).total_seconds()
    start = lo + timedelta(seconds=int(rng.integers(0, int(span))))
    model = MODELS[int(rng.integers(0, len(MODELS)))]
    serial = "".join(str(int(d)) for d in rng.integers(0, 10, size=8))
    if not on:
        return None
    return {
        "start_utc": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model": model,
        "serial": f"X{serial[:3]}-{serial[3:]}",
        "size": wm.size,
    }


def watermark_lines(params: dict, time_s: float) -> list[str]:
    """The overlay's text at clip time ``time_s``: the UTC time (whole seconds), then model and serial."""
    start = datetime.strptime(params["start_utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = start + timedelta(seconds=int(np.floor(time_s + 1e-9)))
    return [now.strftime("%Y-%m-%dT%H:%M:%SZ"), f"{params['model']} SN {params['serial']}"]


def text_px(shape: tuple[int, ...], size: float) -> int:
    """Text height in pixels: ``size`` of the frame height, narrow enough for portrait frames, at least 8."""
    h, w = shape[:2]
    return max(8, int(round(min(h * size, w * 0.034))))


def watermark_box(shape: tuple[int, ...], size: float) -> tuple[int, int, int, int]:
    """The top-right region (x0, y0, x1, y1) the overlay may cover in a frame of ``shape``."""
    h, w = shape[:2]
    px = text_px(shape, size)
    return int(w * 0.15), 0, w, int(px * 2.6 + 4)


def draw_watermark(frame: np.ndarray, lines: list[str], size: float) -> np.ndarray:
    """White text with a dark outline, right-aligned in the top-right corner (PIL's bundled font)."""
    px = text_px(frame.shape, size)
    font = ImageFont.load_default(size=px)
    img = Image.fromarray(frame)
    draw = ImageDraw.Draw(img)
    margin = max(2, px // 3)
    y = margin
    for line in lines:
        x1 = frame.shape[1] - margin
        width = draw.textlength(line, font=font)
        draw.text(
            (x1 - width, y), line, font=font, fill=(240, 240, 240), stroke_width=1, stroke_fill=(0, 0, 0)
        )
        y += int(px * 1.15)
    return np.asarray(img)


def watermark_clip(frames: np.ndarray, params: dict, fps: float) -> np.ndarray:
    """Every frame with the overlay for its own time."""
    return np.stack(
        [draw_watermark(f, watermark_lines(params, k / fps), params["size"]) for k, f in enumerate(frames)]
    )
