"""Pictures drawn from a seed with numpy and OpenCV (no downloads): game screens with a HUD, posters, targets.

The worker draws them into a temp PNG and maps them onto the part (see generator/blender/materials.py).
"""

from __future__ import annotations

import cv2
import numpy as np


def _c(rng: np.random.Generator, lo: int = 0, hi: int = 255) -> tuple[int, int, int]:
    return tuple(int(v) for v in rng.integers(lo, hi, size=3))


def game_frame(seed: int, width: int = 480, height: int = 270, subpixels: bool = False) -> np.ndarray:
    """An RGB uint8 first-person game-like frame: a perspective corridor or field, a held gun, and a HUD
    (crosshair, health and ammo counters, minimap). ``subpixels`` adds an RGB stripe grid (moire on camera)."""
    rng = np.random.default_rng(seed)
    img = np.zeros((height, width, 3), np.uint8)
    hz = int(height * rng.uniform(0.35, 0.55))
    sky, ground = _c(rng, 40, 220), _c(rng, 20, 140)
    img[:hz] = sky
    img[hz:] = ground
    vx = int(width * rng.uniform(0.35, 0.65))
    # perspective walls / buildings converging to the vanishing point
    for side in (-1, 1):
        col = _c(rng, 30, 200)
        far = int(rng.uniform(20, 80))
        pts = np.array(
            [
                [vx + side * far, hz - far],
                [vx + side * far, hz + far // 3],
                [vx + side * width, height],
                [vx + side * width, 0],
            ]
        )
        if rng.random() < 0.8:
            cv2.fillConvexPoly(img, pts.astype(np.int32), col)
            for k in range(1, 6):  # window or panel lines
                t = k / 6
                x = int(vx + side * (far + t * t * (width - far)))
                cv2.line(img, (x, 0), (x, height), tuple(int(c * 0.6) for c in col), 1)
    for _ in range(int(rng.integers(1, 5))):  # enemies/figures: simple dark blobs in the distance
        x, s = int(rng.uniform(0.2, 0.8) * width), int(rng.uniform(8, 30))
        cv2.rectangle(img, (x - s // 3, hz - s), (x + s // 3, hz + s // 2), _c(rng, 0, 90), -1)
        cv2.circle(img, (x, hz - s - s // 4), max(2, s // 4), _c(rng, 0, 90), -1)
    # the player's gun in the lower right: a dark slide and grip
    gx, gy = int(width * rng.uniform(0.55, 0.7)), int(height * rng.uniform(0.62, 0.75))
    gun = _c(rng, 10, 70)
    cv2.fillConvexPoly(
        img,
        np.array(
            [[gx, gy], [gx + 40, gy - 18], [width, gy + 10], [width, gy + 45], [gx + 10, gy + 25]], np.int32
        ),
        gun,
    )
    cv2.fillConvexPoly(
        img,
        np.array([[gx + 70, gy + 20], [gx + 110, gy + 15], [gx + 140, height], [gx + 90, height]], np.int32),
        gun,
    )
    cv2.fillConvexPoly(
        img,
        np.array([[gx + 120, gy + 30], [width, gy + 20], [width, height], [gx + 150, height]], np.int32),
        (150, 110, 90),
    )
    # HUD
    hud = (int(rng.integers(150, 256)), int(rng.integers(150, 256)), int(rng.integers(0, 256)))
    cx, cy = width // 2, height // 2
    g = int(rng.integers(3, 7))
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        cv2.line(img, (cx + dx * g, cy + dy * g), (cx + dx * (g + 8), cy + dy * (g + 8)), hud, 2)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(
        img,
        f"{int(rng.integers(1, 31))}/{int(rng.integers(30, 181))}",
        (width - 110, height - 12),
        font,
        0.8,
        hud,
        2,
    )
    cv2.putText(img, f"+{int(rng.integers(5, 101))}", (12, height - 12), font, 0.8, hud, 2)
    ms = int(height * 0.28)
    cv2.rectangle(img, (8, 8), (8 + ms, 8 + ms), (20, 20, 20), -1)
    cv2.rectangle(img, (8, 8), (8 + ms, 8 + ms), hud, 1)
    for _ in range(6):
        x0, y0 = (int(v) for v in rng.integers(10, 6 + ms, size=2))
        cv2.rectangle(img, (x0, y0), (min(x0 + 12, 6 + ms), min(y0 + 8, 6 + ms)), (90, 90, 90), -1)
    cv2.circle(img, (8 + ms // 2, 8 + ms // 2), 3, (255, 60, 60), -1)
    if rng.random() < 0.5:
        cv2.putText(
            img,
            str(rng.choice(["KILLFEED", "ROUND 3", "OBJECTIVE A", "LIVE"])),
            (width - 170, 28),
            font,
            0.55,
            hud,
            1,
        )
    if subpixels:
        grid = np.ones((height, width, 3), np.float32) * 0.55
        for ch in range(3):
            grid[:, ch::3, ch] = 1.0
        grid[::3] *= 0.6
        img = (img.astype(np.float32) * grid).clip(0, 255).astype(np.uint8)
    return img


def poster_image(seed: int, text: str, color, ink, width: int = 256, height: int = 256) -> np.ndarray:
    """A poster or sign: coloured background, a border or stripes, and the text in large letters."""
    rng = np.random.default_rng(seed)
    bg = tuple(int(255 * min(1.0, c) ** (1 / 2.2)) for c in color)
    fg = tuple(int(255 * min(1.0, c) ** (1 / 2.2)) for c in ink)
    img = np.full((height, width, 3), bg, np.uint8)
    if rng.random() < 0.5:
        cv2.rectangle(img, (6, 6), (width - 7, height - 7), fg, int(rng.integers(2, 8)))
    else:
        cv2.rectangle(img, (0, int(height * 0.7)), (width, height), fg, -1)
    words = text.split(" ")
    font = int(rng.choice([cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_TRIPLEX]))
    y = int(height * 0.25)
    for wd in words[:3]:
        scale = min(2.5, 0.9 * width / max(1, 22 * len(wd)))
        cv2.putText(img, wd, (10, y), font, scale, fg, 2)
        y += int(50 * scale) + 4
    return img


def target_image(seed: int, color, ink, width: int = 200, height: int = 300) -> np.ndarray:
    """A paper target print: concentric rings or a plain silhouette outline with scoring zones."""
    rng = np.random.default_rng(seed)
    bg = tuple(int(255 * min(1.0, c) ** (1 / 2.2)) for c in color)
    fg = tuple(int(255 * min(1.0, c) ** (1 / 2.2)) for c in ink)
    img = np.full((height, width, 3), bg, np.uint8)
    cx, cy = width // 2, int(height * 0.45)
    if rng.random() < 0.5:
        for r in range(int(width * 0.45), 4, -int(width * 0.06)):
            cv2.circle(img, (cx, cy), r, fg, 2)
        cv2.circle(img, (cx, cy), int(width * 0.08), fg, -1)
    else:  # a generic silhouette: rounded head and shoulders outline, scoring boxes
        cv2.ellipse(img, (cx, int(height * 0.2)), (int(width * 0.14), int(height * 0.1)), 0, 0, 360, fg, -1)
        pts = np.array(
            [
                [cx - width * 0.42, height],
                [cx - width * 0.38, height * 0.38],
                [cx + width * 0.38, height * 0.38],
                [cx + width * 0.42, height],
            ],
            np.int32,
        )
        cv2.fillConvexPoly(img, pts, fg)
        cv2.rectangle(img, (cx - width // 8, int(height * 0.5)), (cx + width // 8, int(height * 0.7)), bg, 2)
    return img
