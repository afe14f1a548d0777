"""Tile images into a captioned contact sheet or grid (PIL), with optional label overlays from id masks."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from generator.labels.boxes import boxes_by_id
from generator.report.draw import draw_labels

CAPTION_H = 26


def overlay(image: np.ndarray, ids: np.ndarray, categories: dict[int, str]) -> np.ndarray:
    """Tint each instance's mask pixels and draw its modal box and category (see report/draw.py)."""
    anns = [
        {"instance_id": iid, "category": categories.get(iid, str(iid)), "bbox_modal": box}
        for iid, (box, _) in boxes_by_id(ids).items()
    ]
    return draw_labels(image, ids, anns)


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
