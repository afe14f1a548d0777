"""Contact sheet of every grip, rendered by the tool itself: one single-frame clip per held class and hand look
(bare hands of several skin tones, gloves, sleeves), tiled with captions. Used by ``povgen assets --what grips``
and docs/assets.md."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from generator.config import load_config
from generator.config.models import REPLICAS, WEAPONS

SCENE = Path(__file__).resolve().parents[2] / "scenes" / "smoke.yaml"
# (caption, held class, hand config overrides): every grip, with a spread of skin tones, gloves and sleeves
GRIP_SHEET = [
    ("handgun, two hands", "handgun", ["hands.skin_tone=0.1", "hands.gloves=0", "hands.sleeve=long"]),
    ("handgun, gloves", "handgun", ["hands.skin_tone=0.5", "hands.gloves=1", "hands.sleeve=jacket"]),
    ("rifle", "rifle", ["hands.skin_tone=0.9", "hands.gloves=0", "hands.sleeve=long"]),
    ("shotgun", "shotgun", ["hands.skin_tone=0.6", "hands.gloves=1", "hands.sleeve=long"]),
    ("phone", "phone", ["hands.skin_tone=0.3", "hands.gloves=0", "hands.sleeve=short"]),
    ("tablet", "tablet", ["hands.skin_tone=0.75", "hands.gloves=0", "hands.sleeve=rolled"]),
    ("flashlight", "flashlight", ["hands.skin_tone=0.2", "hands.gloves=1", "hands.sleeve=long"]),
    ("drill", "drill", ["hands.skin_tone=0.45", "hands.gloves=0", "hands.sleeve=rolled"]),
    ("umbrella", "umbrella", ["hands.skin_tone=1.0", "hands.gloves=0", "hands.sleeve=jacket"]),
    ("water bottle", "water_bottle", ["hands.skin_tone=0.35", "hands.gloves=0", "hands.sleeve=short"]),
    ("empty hands", "empty_hands", ["hands.skin_tone=0.65", "hands.gloves=0", "hands.sleeve=long"]),
]


def render_grip(name: str, extra: list[str], out: Path, size: tuple[int, int], seed: int, samples: int) -> Path:
    """One single-frame clip of ``name`` held (head camera, standing, aimed); returns its frame."""
    from generator.run.generate import generate
    from generator.run.pool import PoolOptions

    positive = name in WEAPONS or name in REPLICAS
    sets = [
        f"render.width={size[0]}",
        f"render.height={size[1]}",
        "render.frames=1",
        f"render.samples={samples}",
        "render.denoise=fast",
        "render.max_bounces=3",
        "motion.path=stand",
        "events.start_aimed=1",
        "events.shots=0",
        "events.lower=0",
        "hands.two_handed=1",
        f"content.positive_fraction={1 if positive else 0}",
        f"content.{'weapon' if positive else 'negative'}={name}",
        *extra,
    ]
    cfg = load_config(SCENE, sets)
    generate(cfg, out, 1, seed, PoolOptions(workers=1, retries=0))
    return out / "clips" / "000000" / "frames" / "000000.png"


def tile(images: list[tuple[str, Path]], cols: int, path: Path) -> None:
    """Tile captioned frames into one PNG."""
    w, h = Image.open(images[0][1]).size
    rows = (len(images) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * w, rows * (h + 14)), "white")
    draw = ImageDraw.Draw(sheet)
    for i, (label, p) in enumerate(images):
        x, y = (i % cols) * w, (i // cols) * (h + 14)
        sheet.paste(Image.open(p).convert("RGB"), (x, y + 14))
        draw.text((x + 3, y + 1), label, fill="black")
    sheet.save(path, optimize=True)


def grips_sheet(path: Path, size: tuple[int, int] = (640, 360), seed: int = 5, samples: int = 16,
                only: list[str] | None = None, cols: int = 3) -> Path:
    """Render the grips contact sheet to ``path``."""
    rows = [r for r in GRIP_SHEET if not only or r[1] in only]
    with tempfile.TemporaryDirectory(prefix="povgen-grips-") as tmp:
        shots = [(cap, render_grip(name, extra, Path(tmp) / f"{i:02d}", size, seed, samples))
                 for i, (cap, name, extra) in enumerate(rows)]
        path.parent.mkdir(parents=True, exist_ok=True)
        tile(shots, cols, path)
    return path
