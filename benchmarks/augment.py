"""Augmentation frames per second at 640x360 for each preset (clip effects, transport, per-frame effects and,
where the preset has one, the H.264 stream re-encode and decode), on a generated moving-pattern clip with two
labelled instances. Prints figures; never asserts.
Usage: python benchmarks/augment.py [--frames N] [--repeats R] [--width W --height H]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from generator.augment.pipeline import augment_clip  # noqa: E402
from generator.augment.real_footage import real_clip  # noqa: E402
from generator.augment.recipe import load_recipe, preset_names  # noqa: E402
from generator.augment.synthetic import pattern_frames  # noqa: E402
from generator.plan.model import ClipAxes  # noqa: E402


def bench_clip(w: int, h: int, n: int):
    frames = pattern_frames(w, h, n, seed=0, pan_px=4)
    masks = []
    for t in range(n):
        m = np.zeros((h, w), np.uint16)
        cv2.ellipse(m, (w // 3 + 2 * t, h // 2), (w // 12, h // 10), 20, 0, 360, 10, -1)
        cv2.rectangle(m, (2 * w // 3, h // 2), (2 * w // 3 + w // 10, h - 10), 11, -1)
        masks.append(m)
    boxes = {}
    axes = ClipAxes(
        weapon_present=True,
        weapon_class="handgun",
        weapon_kind="real",
        context="bench",
        held_object="handgun",
        mount="head",
        environment="bench",
        lighting="bench",
        activity="bench",
    )
    clip = real_clip("bench", list(frames), 30, boxes, axes, masks=masks)
    return clip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--frames", type=int, default=60)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=360)
    args = ap.parse_args()
    clip = bench_clip(args.width, args.height, args.frames)
    print(f"augmentation at {args.width}x{args.height}, {args.frames}-frame clip, best of {args.repeats}")
    print(f"{'preset':14s} {'frames/s':>9s} {'s/clip':>7s}  output")
    for name in preset_names():
        recipe = load_recipe(name)
        best = float("inf")
        for r in range(args.repeats):
            t0 = time.perf_counter()
            a = augment_clip(clip, recipe, seed=r)
            best = min(best, time.perf_counter() - t0)
        tr = a.labels["augmentation"]["params"]["transport"]
        kb = f", {tr['bitrate_kbps']:.0f} kbit/s" if tr["bitrate_kbps"] else ""
        print(
            f"{name:14s} {len(a.frames) / best:9.1f} {best:7.2f}  {a.labels['width']}x{a.labels['height']}"
            f"@{a.labels['fps']} x{len(a.frames)}{kb}"
        )


if __name__ == "__main__":
    main()
