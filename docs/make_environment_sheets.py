"""Render the contact sheets of docs/environments.md: several seeds of every environment family, made by povgen.

Usage: PYTHONPATH=. python docs/make_environment_sheets.py [--seeds 2] [--width 640] [--height 360] [--mixed 12]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import cv2
import numpy as np

from generator.config import load_config
from generator.plan.places import FAMILIES
from generator.run.generate import generate
from generator.run.pool import PoolOptions

ROOT = Path(__file__).resolve().parents[1]


def sheet(family: str, seeds: int, width: int, height: int, work: Path) -> np.ndarray:
    """One row of ``seeds`` first frames of ``family`` (scene file scenes/<family>.yaml), labelled."""
    cfg = load_config(
        ROOT / "scenes" / f"{family}.yaml",
        [
            f"render.width={width}",
            f"render.height={height}",
            "render.frames=1",
            "render.samples=8",
            "render.denoise=fast",
            "render.max_bounces=2",
        ],
    )
    out = work / family
    generate(cfg, out, seeds, 11, PoolOptions(workers=2, retries=1))
    tiles = []
    for clip in sorted((out / "clips").iterdir()):
        img = cv2.imread(str(clip / "frames" / "000000.png"))
        cv2.putText(img, clip.name[-2:], (4, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (255, 255, 255), 1)
        tiles.append(img)
    return np.hstack(tiles)


def mixed_sheet(clips: int, width: int, height: int, work: Path) -> np.ndarray:
    """First frames of the first ``clips`` clips of scenes/mixed.yaml, 6 per row, labelled with the family."""
    cfg = load_config(
        ROOT / "scenes" / "mixed.yaml",
        [
            f"render.width={width}",
            f"render.height={height}",
            "render.frames=1",
            "render.samples=8",
            "render.denoise=fast",
            "render.max_bounces=2",
        ],
    )
    out = work / "mixed"
    generate(cfg, out, clips, cfg.seed, PoolOptions(workers=2, retries=1))
    tiles = []
    for clip in sorted((out / "clips").iterdir()):
        img = cv2.imread(str(clip / "frames" / "000000.png"))
        env = json.loads((clip / "labels.json").read_text())["axes"]["environment"]
        cv2.putText(img, env, (3, 11), cv2.FONT_HERSHEY_SIMPLEX, 0.33, (255, 255, 255), 1)
        tiles.append(img)
    rows = [np.hstack(tiles[i : i + 6]) for i in range(0, len(tiles), 6)]
    return np.vstack(rows)


def places_grid(families: list[str], width: int) -> np.ndarray:
    """The README picture: the sharpest tile of each family's sheet, 3 per row, ``width`` px across."""
    tiles = []
    for fam in families:
        img = cv2.imread(str(ROOT / "docs" / "images" / f"env_{fam}.jpg"))
        h = img.shape[0]
        w = h * 16 // 9
        seeds = [img[:, i : i + w] for i in range(0, img.shape[1] - w + 1, w)]
        best = max(seeds, key=lambda t: cv2.Laplacian(cv2.cvtColor(t, cv2.COLOR_BGR2GRAY), cv2.CV_32F).var())
        tile = cv2.resize(best, (width // 3, width * 9 // 48))
        cv2.putText(tile, fam, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (255, 255, 255), 1, cv2.LINE_AA)
        tiles.append(tile)
    tiles += [np.zeros_like(tiles[0])] * (-len(tiles) % 3)
    return np.vstack([np.hstack(tiles[i : i + 3]) for i in range(0, len(tiles), 3)])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--width", type=int, default=640)
    ap.add_argument("--height", type=int, default=360)
    ap.add_argument("--families", nargs="*", default=list(FAMILIES))
    ap.add_argument("--grid-only", action="store_true", help="only recompose the README grid from the sheets")
    ap.add_argument("--mixed", type=int, default=12, help="clips of scenes/mixed.yaml in one sheet (0: none)")
    a = ap.parse_args()
    grid = ROOT / "docs" / "images" / "places_grid.jpg"
    if a.grid_only:
        cv2.imwrite(str(grid), places_grid(list(FAMILIES), 960), [cv2.IMWRITE_JPEG_QUALITY, 85])
        return
    work = Path(tempfile.mkdtemp(prefix="povgen-sheets-"))
    try:
        if a.mixed:
            path = ROOT / "docs" / "images" / "env_mixed.jpg"
            cv2.imwrite(str(path), mixed_sheet(a.mixed, 160, 90, work), [cv2.IMWRITE_JPEG_QUALITY, 88])
            print(path, path.stat().st_size // 1024, "KB")
        for fam in a.families:
            path = ROOT / "docs" / "images" / f"env_{fam}.jpg"
            cv2.imwrite(
                str(path), sheet(fam, a.seeds, a.width, a.height, work), [cv2.IMWRITE_JPEG_QUALITY, 88]
            )
            print(path, path.stat().st_size // 1024, "KB")
        cv2.imwrite(str(grid), places_grid(list(FAMILIES), 960), [cv2.IMWRITE_JPEG_QUALITY, 85])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
