"""Seconds per frame of the demo scene at the fast preset with each camera device profile, against ``none``.

Every set-up renders the same clips (index, seed, frame count) in one worker in this one run, so the ratios
compare like with like on a shared machine: the profile's lens, rolling shutter, frame size (4:3 adds rows) and
post-processing (auto exposure, watermark, H.264 stream transport) against today's plain clip. Never asserts.
Usage: python benchmarks/devices.py [--clips 2] [--frames 10] [--device bodycam ...]
"""

from __future__ import annotations

import argparse

from common import load_setup, machine, timed_generate

from generator.config.devices import DEVICES


def run(device: str, clips: int, frames: int) -> tuple[float, float, int]:
    """(wall seconds per frame, render seconds per frame, pixels per frame) of one device profile."""
    cfg = load_setup("fast", [f"camera.device={device}", f"render.frames={frames}"])
    t = timed_generate(cfg, clips, ("render",))
    return t["wall"], t["render"], cfg.render.width * cfg.render.height


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=2)
    ap.add_argument("--frames", type=int, default=10)
    ap.add_argument("--device", action="append", default=None)
    args = ap.parse_args()
    devices = ["none", *(args.device or [d for d in DEVICES if d != "none"])]
    print(f"devices: demo scene, fast preset, {args.clips} clips x {args.frames} frames, 1 worker; {machine()}")
    base = None
    for d in devices:
        wall, render, px = run(d, args.clips, args.frames)
        base = base or (wall, px)
        print(
            f"  {d:11s} {wall:7.3f} s/frame wall  {render:7.3f} s/frame render  {px:6d} px  "
            f"wall / none = {wall / base[0]:.3f}  per pixel / none = {wall / px / (base[0] / base[1]):.3f}"
        )


if __name__ == "__main__":
    main()
