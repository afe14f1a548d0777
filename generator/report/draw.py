"""Label overlays on frames: tinted instance masks, modal (solid) and amodal (dashed) boxes, muzzle points."""

from __future__ import annotations

import cv2
import numpy as np

PALETTE = {1: (230, 60, 50), 2: (60, 200, 90), 3: (70, 130, 240), 9: (255, 200, 40)}
EVENT_COLORS = {
    "weapon_visible_start": (230, 60, 50),
    "object_visible_start": (200, 200, 200),
    "aim_start": (250, 160, 30),
    "shot": (255, 240, 60),
    "muzzle_flash": (255, 255, 255),
    "reload": (160, 90, 250),
}


def color_of(instance_id: int) -> tuple[int, int, int]:
    """A stable RGB colour per instance id."""
    if instance_id in PALETTE:
        return PALETTE[instance_id]
    rng = np.random.default_rng(instance_id)
    return tuple(int(v) for v in rng.integers(80, 255, 3))


def auto_scale(width: int, target: int = 480) -> int:
    """Nearest-neighbour upscale factor that makes small frames readable."""
    return max(1, int(round(target / width)))


def dashed_rect(img: np.ndarray, p0, p1, color, dash: int = 5) -> None:
    """A dashed rectangle from p0 to p1 (inclusive pixel corners)."""
    (x0, y0), (x1, y1) = p0, p1
    for a, b, fixed, horizontal in (
        (x0, x1, y0, True),
        (x0, x1, y1, True),
        (y0, y1, x0, False),
        (y0, y1, x1, False),
    ):
        for s in range(int(a), int(b) + 1, 2 * dash):
            e = min(int(b), s + dash - 1)
            if horizontal:
                cv2.line(img, (s, int(fixed)), (e, int(fixed)), color, 1)
            else:
                cv2.line(img, (int(fixed), s), (int(fixed), e), color, 1)


def draw_labels(
    rgb: np.ndarray, mask: np.ndarray, annotations: list[dict], scale: int = 1, alpha: float = 0.45
):
    """The frame upscaled by ``scale`` with masks tinted and boxes drawn (boxes are in pixel edges)."""
    img = rgb.astype(np.float32)
    for a in annotations:
        m = mask == a["instance_id"]
        if m.any():
            img[m] = (1 - alpha) * img[m] + alpha * np.array(color_of(a["instance_id"]), np.float32)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if scale > 1:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    img = np.ascontiguousarray(img)
    for a in annotations:
        c = color_of(a["instance_id"])
        if a.get("bbox_amodal"):
            x0, y0, x1, y1 = (v * scale for v in a["bbox_amodal"])
            dashed_rect(img, (x0, y0), (x1 - 1, y1 - 1), c)
        if a.get("bbox_modal"):
            x0, y0, x1, y1 = (v * scale for v in a["bbox_modal"])
            cv2.rectangle(img, (x0, y0), (x1 - 1, y1 - 1), c, 1)
            vis = a.get("visible_fraction")
            label = a["category"] + (f" {vis:.2f}" if vis is not None else "")
            cv2.putText(
                img, label, (x0 + 2, max(10, y0 - 3)), cv2.FONT_HERSHEY_SIMPLEX, 0.35, c, 1, cv2.LINE_AA
            )
        if a.get("muzzle_point"):
            mx, my = (int(v * scale) for v in a["muzzle_point"])
            cv2.drawMarker(img, (mx, my), (255, 255, 0), cv2.MARKER_CROSS, 8, 1)
    return img
