"""Seconds per frame of each pipeline stage, and the ratio of whole-pipeline time to render time.

Renders a few clips of a scene in one worker (real bpy) and prints figures; never asserts.
Usage: python benchmarks/pipeline.py [SCENE] [--clips N] [--set k=v ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.config import load_config  # noqa: E402
from generator.run.generate import generate  # noqa: E402
from generator.run.pool import PoolOptions  # noqa: E402

STAGES = ("build", "render", "labels", "encode", "write")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("scene", nargs="?", default=str(ROOT / "scenes" / "demo.yaml"))
    ap.add_argument("--clips", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    cfg = load_config(args.scene, args.overrides)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        rep = generate(cfg, Path(tmp) / "ds", args.clips, cfg.seed, PoolOptions(workers=args.workers))
        wall = time.perf_counter() - t0
        records = [
            json.loads(line) for line in (Path(tmp) / "ds" / "manifest.jsonl").read_text().splitlines()
        ]
    frames = sum(r["frames"] for r in records)
    sums = {k: sum(r["timings"][k] for r in records) for k in (*STAGES, "total")}
    r = cfg.render
    print(
        f"scene {cfg.name}: {args.clips} clips x {r.frames} frames at {r.width}x{r.height}, "
        f"{r.samples} spp, denoise {r.denoise}, {args.workers} worker(s)"
    )
    for k in STAGES:
        print(f"  {k:8s} {sums[k] / frames:8.4f} s/frame")
    per_clip = sums["total"] / frames
    print(f"  render alone        {sums['render'] / frames:.4f} s/frame")
    print(f"  whole clip (worker) {per_clip:.4f} s/frame   ratio to render {per_clip / sums['render']:.3f}")
    print(
        f"  whole run (wall, incl. worker start) {wall / frames:.4f} s/frame   "
        f"ratio to render {wall / sums['render']:.3f}"
    )
    if rep.failed:
        print(f"  {rep.failed} clips failed")


if __name__ == "__main__":
    main()
