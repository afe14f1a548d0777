"""Make the pictures of docs/augmentation.md with the tool itself: one rendered clip through every preset, and a
composite on a generated background clip. Usage: python docs/make_augmentation_images.py [--out docs/images]"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from generator.augment.clipdata import read_povgen_clip  # noqa: E402
from generator.augment.pipeline import augment_clip  # noqa: E402
from generator.augment.recipe import load_recipe, preset_names  # noqa: E402
from generator.augment.synthetic import pattern_video  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.dataset.manifest import read_jsonl  # noqa: E402
from generator.run.composite import read_background, run_composite  # noqa: E402
from generator.run.generate import generate  # noqa: E402
from generator.run.pool import PoolOptions  # noqa: E402

TILE = (320, 180)
COLOURS = {1: (230, 40, 40), 2: (40, 200, 255), 3: (40, 255, 120)}


def tile(frame: np.ndarray, annotations: list[dict], title: str) -> np.ndarray:
    """A frame scaled to the tile size with its modal boxes (flagged = dashed grey) and a title."""
    h, w = frame.shape[:2]
    img = cv2.resize(frame, TILE, interpolation=cv2.INTER_AREA).copy()
    sx, sy = TILE[0] / w, TILE[1] / h
    for a in annotations:
        b = a.get("bbox_modal")
        if not b:
            continue
        c = (150, 150, 150) if a.get("mostly_hidden") else COLOURS.get(a["instance_id"], (255, 255, 0))
        cv2.rectangle(img, (int(b[0] * sx), int(b[1] * sy)), (int(b[2] * sx) - 1, int(b[3] * sy) - 1), c, 1)
    cv2.rectangle(img, (0, 0), (TILE[0], 16), (0, 0, 0), -1)
    cv2.putText(img, title, (4, 12), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (255, 255, 255), 1, cv2.LINE_AA)
    return img


def save(path: Path, rows: list[list[np.ndarray]]) -> None:
    grid = np.vstack([np.hstack(r) for r in rows])
    cv2.imwrite(str(path), cv2.cvtColor(grid, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_PNG_COMPRESSION, 9])
    print(f"{path}: {grid.shape[1]}x{grid.shape[0]}, {path.stat().st_size // 1024} KB")


def presets_figure(out: Path, work: Path) -> None:
    cfg = load_config(
        ROOT / "scenes" / "demo.yaml",
        [
            "render.width=640",
            "render.height=360",
            "render.frames=10",
            "render.fps=15",
            "content.positive_fraction=1",
        ],
    )
    ds = work / "ds"
    generate(cfg, ds, 1, 11, PoolOptions(workers=1, retries=1))
    cid = read_jsonl(ds / "manifest.jsonl")[0]["clip_id"]
    clip = read_povgen_clip(ds / "clips" / cid)
    mid = 5
    tiles = [tile(clip.frames[mid], clip.labels["frames"][mid]["annotations"], "clean render")]
    for name in preset_names():
        a = augment_clip(clip, load_recipe(name), seed=1)
        k = min(mid, len(a.frames) - 1)
        tr = a.labels["augmentation"]["params"]["transport"]
        kb = f" {tr['bitrate_kbps']:.0f} kbit/s" if tr["bitrate_kbps"] else ""
        tiles.append(tile(a.frames[k], a.labels["frames"][k]["annotations"], f"{name}{kb}"))
    save(out / "augment_presets.png", [tiles[:3], tiles[3:]])
    # the same preset twice on the same frame: per-frame noise and rain change, clip-level effects stay
    a = augment_clip(clip, load_recipe("weather"), seed=4)
    save(
        out / "augment_frames.png",
        [[tile(a.frames[k], a.labels["frames"][k]["annotations"], f"weather, frame {k}") for k in (2, 3, 4)]],
    )


def composite_figure(out: Path, work: Path) -> None:
    bgdir = work / "backgrounds"
    bgdir.mkdir()
    pattern_video(bgdir / "hallway.mp4", fps=15, width=640, height=360, frames=8, pan_px=5)
    comp = work / "comp"
    run_composite(bgdir, comp, ROOT / "scenes" / "demo.yaml", ["render.samples=8"], seed=5)
    bg = read_background(bgdir / "hallway.mp4", None, None).frames
    k = 4
    tiles = [tile(bg[k], [], "background clip")]
    for kind in ("positive", "negative"):
        clip = read_povgen_clip(comp / "clips" / f"hallway-{kind}")
        lab = json.loads((comp / "clips" / f"hallway-{kind}" / "labels.json").read_text())
        tiles.append(
            tile(clip.frames[k], lab["frames"][k]["annotations"], f"composite: {lab['axes']['held_object']}")
        )
    save(out / "augment_composite.png", [tiles])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    ap.add_argument("--only", choices=["presets", "composite"], default=None)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="povgen-docs-") as tmp:
        if args.only in (None, "presets"):
            presets_figure(args.out, Path(tmp) / "p")
        if args.only in (None, "composite"):
            composite_figure(args.out, Path(tmp))


if __name__ == "__main__":
    main()
