"""Render the device-profile contact sheets of docs/motion.md: one positive clip whose weapon comes into view
(first frame, just after it shows, last frame) and one negative, per camera device, each tile 640x360.

Usage: PYTHONPATH=. python docs/make_device_sheets.py [--samples 8] [--seed 3]
The stills come from the clip plans (generator.preview.run.render_tiles); the device's watermark is drawn on
them as the clip writer's post-processing does. Output: docs/images/device_<profile>.png.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from generator.augment.overlay import draw_watermark, watermark_lines
from generator.augment.recipe import Watermark
from generator.config import load_config
from generator.plan.planner import plan_clip
from generator.preview.run import render_tiles

ROOT = Path(__file__).resolve().parents[1]
TILE = (640, 360)
PROFILES = {  # profile -> (overrides, frame size fitting 640x360)
    "bodycam": (["camera.device=bodycam"], (480, 360)),
    "action_cam": (["camera.device=action_cam", "camera.stabilise=1"], (640, 360)),
    "phone": (["camera.device=phone"], (640, 360)),
    "phone_vertical": (["camera.device=phone", "camera.aspect=9:16"], (202, 360)),
    "weapon_cam": (["camera.device=weapon_cam"], (640, 360)),
}


def pick(cfg, seed: int, positive: bool):
    """The first clip of the wanted class (positives: one whose object comes into view mid-clip)."""
    for i in range(200):
        p = plan_clip(cfg, seed, i)
        if p.category != ("positive" if positive else "negative"):
            continue
        fv = p.timeline.first_visible_frame or 0
        if not positive or p.camera.mount == "weapon":  # a weapon-mounted camera sees its weapon throughout
            return p
        if p.axes.onset != "none" and 0.25 * p.render.frames < fv < 0.7 * p.render.frames:
            return p
    raise SystemExit("no suitable clip")


def fit(img: np.ndarray, text: str) -> Image.Image:
    """The frame centred on a dark 640x360 tile with a caption."""
    canvas = Image.new("RGB", TILE, (24, 24, 24))
    h, w = img.shape[:2]
    canvas.paste(Image.fromarray(img), ((TILE[0] - w) // 2, (TILE[1] - h) // 2))
    d = ImageDraw.Draw(canvas)
    d.text((6, TILE[1] - 20), text, font=ImageFont.load_default(size=13), fill=(255, 230, 120))
    return canvas


def frames_of(plan, frames: list[int], samples: int) -> list[np.ndarray]:
    """Rendered stills of ``frames``, with the device's watermark when its plan draws one."""
    images = render_tiles([plan], frames, "cycles", samples, with_ids=False)[0].images
    wm = (plan.augment or {}).get("recipe", {}).get("watermark", {})
    if wm.get("p", 0) > 0:
        params = {"start_utc": "2026-12-01T13:23:54Z", "model": "KESTREL BW-2", "serial": "X417-20931"}
        params["size"] = Watermark().size
        images = [
            draw_watermark(im, watermark_lines(params, f / plan.render.fps), params["size"])
            for im, f in zip(images, frames, strict=True)
        ]
    return images


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=8)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--only", nargs="*", default=list(PROFILES))
    args = ap.parse_args()
    for name in args.only:
        over, (w, h) = PROFILES[name]
        cfg = load_config(ROOT / "scenes" / "demo.yaml", [*over, f"render.width={w}", f"render.height={h}"])
        pos, neg = pick(cfg, args.seed, True), pick(cfg, args.seed, False)
        fv, last = pos.timeline.first_visible_frame, pos.render.frames - 1
        want = [0, min(fv + 6, last), last] if fv else [0, last // 2, last]
        tiles = [
            fit(
                im,
                f"{name} {pos.axes.held_object} {pos.axes.carry}, from {pos.axes.onset}: frame {f} ({f / 30:.1f} s)",
            )
            for im, f in zip(frames_of(pos, want, args.samples), want, strict=True)
        ]
        mid = neg.render.frames // 2
        tiles.append(
            fit(
                frames_of(neg, [mid], args.samples)[0],
                f"{name} negative: {neg.axes.held_object} {neg.axes.carry}",
            )
        )
        sheet = Image.new("RGB", (TILE[0] * 2, TILE[1] * 2))
        for k, t in enumerate(tiles):
            sheet.paste(t, ((k % 2) * TILE[0], (k // 2) * TILE[1]))
        out = ROOT / "docs" / "images" / f"device_{name}.png"
        sheet.save(out)
        print(out, pos.clip_id, neg.clip_id, "first visible", fv)


if __name__ == "__main__":
    main()
