"""Render the pictures of docs/assets.md with the tool itself: a contact sheet of every held-object class and
frames of a counterfactual pair. Run: PYTHONPATH=. python docs/make_assets_images.py [--size 160x90] [--out docs/images]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from generator.config import load_config
from generator.config.models import NEGATIVES, REPLICAS, WEAPONS
from generator.run.generate import generate
from generator.run.pool import PoolOptions

ROOT = Path(__file__).resolve().parents[1]
SCENE = ROOT / "scenes" / "smoke.yaml"


def render_one(name: str, out: Path, size: tuple[int, int], seed: int, extra: list[str]) -> Path:
    """One single-frame clip holding ``name``; returns its frame."""
    positive = name in WEAPONS or name in REPLICAS
    sets = [
        f"render.width={size[0]}",
        f"render.height={size[1]}",
        "render.frames=1",
        "render.samples=16",
        "render.denoise=fast",
        "render.max_bounces=3",
        "motion.path=stand",
        "events.start_aimed=1",
        "events.shots=0",
        "events.lower=0",
        f"content.positive_fraction={1 if positive else 0}",
        f"content.{'weapon' if positive else 'negative'}={name}",
        *extra,
    ]
    cfg = load_config(SCENE, sets)
    generate(cfg, out, 1, seed, PoolOptions(workers=1, retries=0))
    return out / "clips" / "000000" / "frames" / "000000.png"


def tile(images: list[tuple[str, Path]], cols: int, path: Path) -> None:
    """Tile captioned frames into one PNG."""
    first = Image.open(images[0][1])
    w, h = first.size
    rows = (len(images) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * w, rows * (h + 12)), "white")
    draw = ImageDraw.Draw(sheet)
    for i, (label, p) in enumerate(images):
        x, y = (i % cols) * w, (i // cols) * (h + 12)
        sheet.paste(Image.open(p).convert("RGB"), (x, y + 12))
        draw.text((x + 2, y), label, fill="black")
    sheet.save(path, optimize=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="160x90")
    ap.add_argument("--out", default=str(ROOT / "docs" / "images"))
    ap.add_argument("--only", default="", help="comma-separated names (default: every class)")
    args = ap.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    names = [n for n in (*WEAPONS, *REPLICAS, *NEGATIVES) if not args.only or n in args.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        shots = [(n, render_one(n, Path(tmp) / n, size, 11, [])) for n in names]
        tile(shots, 5, out / "held_classes.png")
        pair_dir = Path(tmp) / "pairs"
        cfg = load_config(
            SCENE,
            [
                f"render.width={size[0]}",
                f"render.height={size[1]}",
                "render.frames=3",
                "render.fps=5",
                "render.samples=16",
                "render.denoise=fast",
                "render.max_bounces=3",
                "content.pairs=true",
                "content.weapon={choice: [handgun, rifle, shotgun]}",
            ],
        )
        generate(cfg, pair_dir, 6, 5, PoolOptions(workers=1, retries=0))
        frames = []
        for cid in range(6):
            clip = pair_dir / "clips" / f"{cid:06d}"
            lab = json.loads((clip / "labels.json").read_text())
            for f in (0, 2):
                frames.append(
                    (f"{lab['pair_id']} {lab['axes']['held_object']} f{f}", clip / "frames" / f"{f:06d}.png")
                )
        tile(frames, 4, out / "held_pairs.png")
    print(f"wrote {out / 'held_classes.png'} and {out / 'held_pairs.png'}")


if __name__ == "__main__":
    main()
