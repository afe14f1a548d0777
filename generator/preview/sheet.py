"""Tile images into a captioned contact sheet or grid (PIL), with optional label overlays from id masks."""

from __future__ import annotations

import colorsys

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from generator.labels.boxes import boxes_by_id

CAPTION_H = 26


def instance_color(instance_id: int) -> tuple[int, int, int]:
    """A distinct, stable colour per instance id."""
    r, g, b = colorsys.hsv_to_rgb((instance_id * 0.618034) % 1.0, 0.85, 1.0)
    return int(r * 255), int(g * 255), int(b * 255)


def overlay(image: np.ndarray, ids: np.ndarray, alpha: float = 0.4) -> np.ndarray:
    """Tint each instance's mask pixels and draw its modal box."""
    out = image.astype(np.float32).copy()
    boxes = boxes_by_id(ids)
    for iid in boxes:
        m = ids == iid
        out[m] = (1 - alpha) * out[m] + alpha * np.array(instance_color(iid), np.float32)
    pil = Image.fromarray(out.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(pil)
    for iid, (box, _) in boxes.items():
        draw.rectangle([box[0], box[1], box[2] - 1, box[3] - 1], outline=instance_color(iid), width=1)
    return np.asarray(pil)


def tile(images: list[np.ndarray], captions: list[str], cols: int, title: str = "") -> Image.Image:
    """A grid of equally sized images, each with a caption strip under it, and an optional title row."""
    h, w = images[0].shape[:2]
    rows = (len(images) + cols - 1) // cols
    top = CAPTION_H if title else 0
    sheet = Image.new("RGB", (cols * w, top + rows * (h + CAPTION_H)), (20, 20, 20))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    if title:
        draw.text((6, 6), title, fill=(255, 255, 255), font=font)
    for i, (img, cap) in enumerate(zip(images, captions, strict=True)):
        x, y = (i % cols) * w, top + (i // cols) * (h + CAPTION_H)
        sheet.paste(Image.fromarray(img), (x, y))
        for j, line in enumerate(cap.split("\n")[:2]):
            draw.text((x + 3, y + h + 1 + 12 * j), line, fill=(230, 230, 230), font=font)
    return sheet
