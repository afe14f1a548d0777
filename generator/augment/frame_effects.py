"""Per-frame effects, drawn anew for every frame: sensor noise, rain streaks, exposure flicker.

albumentations with ``images=`` would freeze the noise field across the clip, so each frame gets its own call with
its own seed from the clip's Generator.
"""

from __future__ import annotations

import albumentations as A
import numpy as np

from generator.augment.recipe import FrameEffects


def draw_frame_params(fx: FrameEffects, rng: np.random.Generator, n: int) -> list[dict]:
    """Concrete parameters for each of n frames."""
    out = []
    rain_on = rng.random() < fx.rain.p  # rain falls for the whole clip or not at all, at one slant;
    slant = round(float(rng.uniform(*fx.rain.slant)), 3)  # its streaks change every frame
    for _ in range(n):
        p: dict = {"seed": int(rng.integers(0, 2**31 - 1))}
        if rng.random() < fx.noise.p:
            p["noise"] = {
                "std": round(float(rng.uniform(*fx.noise.std)), 5),
                "iso": round(float(rng.uniform(*fx.noise.iso)), 5),
            }
        if rain_on:
            p["rain"] = {
                "drop_length": int(rng.integers(fx.rain.drop_length[0], fx.rain.drop_length[1] + 1)),
                "slant": slant,
            }
        if rng.random() < fx.flicker.p:
            p["flicker"] = round(float(np.clip(1.0 + rng.normal(0, fx.flicker.amount), 0.5, 1.5)), 5)
        out.append(p)
    return out


def apply_frame_effects(frame: np.ndarray, p: dict) -> np.ndarray:
    """One frame's effects on an HxWx3 uint8 RGB image."""
    t = []
    w = frame.shape[1]
    if "rain" in p:
        r = p["rain"]
        length = max(2, int(round(r["drop_length"] * w / 640.0)))
        t.append(
            A.RandomRain(
                slant_range=(r["slant"], r["slant"]),
                drop_length=length,
                blur_value=3,
                brightness_coefficient=0.85,
                p=1.0,
            )
        )
    if "noise" in p:
        n = p["noise"]
        t.append(A.ISONoise(color_shift=(0.01, 0.03), intensity=(n["iso"], n["iso"]), p=1.0))
        t.append(A.GaussNoise(std_range=(n["std"], n["std"]), p=1.0))
    out = frame
    if t:
        out = A.Compose(t, seed=p["seed"])(image=frame)["image"]
    if "flicker" in p:
        out = np.clip(out.astype(np.float32) * p["flicker"], 0, 255).astype(np.uint8)
    return out
