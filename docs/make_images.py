"""Regenerate the README pictures with the tool itself: a labelled demo frame, a preview sheet, a sweep grid.

Usage (after `make demo`): .venv/bin/python docs/make_images.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.preview.run import preview, sweep  # noqa: E402
from generator.report.draw import draw_labels  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def labelled_frame(clip: Path, frame: int, scale: int = 2) -> Image.Image:
    """A frame with tinted masks, modal boxes (solid), amodal boxes (dashed) and muzzle points."""
    labels = json.loads((clip / "labels.json").read_text())
    fl = labels["frames"][frame]
    rgb = np.asarray(Image.open(clip / fl["image"]).convert("RGB"))
    ids = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
    img = Image.fromarray(draw_labels(rgb, ids, fl["annotations"], scale=scale))
    caption = f"{labels['clip_id']} frame {frame}: {labels['axes']['held_object']}, weapon_present="
    ImageDraw.Draw(img).text((6, 6), caption + str(labels["axes"]["weapon_present"]), fill=(255, 255, 255))
    return img


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    demo = ROOT / "outputs" / "demo" / "clips"
    clip = next(
        c
        for c in sorted(demo.iterdir())
        if json.loads((c / "labels.json").read_text())["axes"]["weapon_present"]
    )
    labelled_frame(clip, 15, scale=2).save(IMAGES / "demo_labels.png")
    scene = ROOT / "scenes" / "demo.yaml"
    preview(
        scene,
        [],
        n=16,
        seed=None,
        width=240,
        height=136,
        per_clip=1,
        engine="workbench",
        samples=1,
        with_overlay=False,
        out=IMAGES / "preview_demo.png",
    )
    sweep(
        scene,
        [],
        [
            ("lighting.light_power_w", ["60", "250", "1000"]),
            ("camera.lens", ["perspective", "fisheye_equisolid"]),
        ],
        seed=None,
        index=0,
        width=240,
        height=136,
        engine="cycles",
        samples=4,
        out=IMAGES / "sweep_demo.png",
    )
    for p in sorted(IMAGES.glob("*.png")):
        print(p.relative_to(ROOT), f"{p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
