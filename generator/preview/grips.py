"""Contact sheet of every grip, rendered by the tool itself: one single-frame clip per held class and hand look
(bare hands of several skin tones, gloves, sleeves), tiled with captions. Used by ``povgen assets --what grips``
and docs/assets.md."""

from __future__ import annotations

from pathlib import Path

from generator.config import load_config
from generator.config.models import REPLICAS, WEAPONS
from generator.plan import plan_clip
from generator.preview.run import render_tiles
from generator.preview.sheet import tile

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


def grip_plan(name: str, extra: list[str], size: tuple[int, int], seed: int, samples: int):
    """The plan of one single-frame clip of ``name`` held (head camera, 90-degree lens, standing; firearms aimed,
    anything else held out in front)."""
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
        "events.onset=0",
        f"events.pose={'aimed' if positive else 'held_out'}",
        "camera.mount=head",
        "camera.lens=perspective",
        "camera.fov_deg=90",
        "hands.two_handed=1",
        f"content.positive_fraction={1 if positive else 0}",
        f"content.{'weapon' if positive else 'negative'}={name}",
        *extra,
    ]
    return plan_clip(load_config(SCENE, sets), seed, 0)


def grips_sheet(path: Path, size: tuple[int, int] = (640, 360), seed: int = 5, samples: int = 16,
                only: list[str] | None = None, cols: int = 3) -> Path:
    """Render the grips contact sheet to ``path`` (one Blender subprocess for every frame)."""
    rows = [r for r in GRIP_SHEET if not only or r[1] in only]
    plans = [grip_plan(name, extra, size, seed, samples) for _cap, name, extra in rows]
    tiles = render_tiles(plans, [0], "cycles", samples, False, timeout_s=300.0 + 120.0 * len(plans))
    sheet = tile([t.images[0] for t in tiles], [cap for cap, _n, _e in rows], cols)
    path.parent.mkdir(parents=True, exist_ok=True)
    # a 256-colour palette keeps the sheet small for the docs (a third of the RGB file, no visible banding)
    sheet.convert("RGB").quantize(colors=256, method=0, dither=0).save(path, optimize=True)
    return path
