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
from generator.preview.sheet import instance_color, overlay  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def dashed_box(draw: ImageDraw.ImageDraw, box, color, dash: int = 4) -> None:
    x0, y0, x1, y1 = box
    for a, b, horizontal, fixed in (
        (x0, x1, True, y0),
        (x0, x1, True, y1),
        (y0, y1, False, x0),
        (y0, y1, False, x1),
    ):
        for s in np.arange(a, b, 2 * dash):
            e = min(s + dash, b)
            draw.line(
                [(s, fixed), (e, fixed)] if horizontal else [(fixed, s), (fixed, e)], fill=color, width=1
            )


def labelled_frame(clip: Path, frame: int, scale: int = 3) -> Image.Image:
    """A frame with tinted masks and modal boxes (solid), amodal boxes (dashed) and muzzle points."""
    labels = json.loads((clip / "labels.json").read_text())
    fl = labels["frames"][frame]
    rgb = np.asarray(Image.open(clip / fl["image"]).convert("RGB"))
    ids = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
    img = Image.fromarray(overlay(rgb, ids)).resize(
        (rgb.shape[1] * scale, rgb.shape[0] * scale), Image.NEAREST
    )
    draw = ImageDraw.Draw(img)
    for a in fl["annotations"]:
        color = instance_color(a["instance_id"])
        if a["bbox_amodal"]:
            dashed_box(draw, [v * scale for v in a["bbox_amodal"]], color)
        if a["bbox_modal"]:
            x0, y0 = a["bbox_modal"][0] * scale, a["bbox_modal"][1] * scale
            draw.text(
                (x0 + 2, max(0, y0 - 12)), f"{a['category']} vis {a['visible_fraction']:.2f}", fill=color
            )
        if a.get("muzzle_point"):
            x, y = (v * scale for v in a["muzzle_point"])
            draw.ellipse([x - 3, y - 3, x + 3, y + 3], outline=(255, 255, 0), width=2)
    draw.text(
        (6, 6),
        f"{labels['clip_id']} frame {frame}: {labels['axes']['held_object']}, "
        f"weapon_present={labels['axes']['weapon_present']}",
        fill=(255, 255, 255),
    )
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
        [("lighting.light_power_w", ["60", "250", "1000"]), ("camera.fov_deg", ["60", "95"])],
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
