"""Seconds per frame of each pipeline stage, and the ratio of whole-pipeline time to render time.

Renders a few clips of each named set-up (smoke, fast, default) in one worker with real bpy and prints
figures; never asserts. Stages: plan (in the parent), build, render, labels (passes read back and labels made),
encode (video), write (masks, depth, labels files).
Usage: python benchmarks/pipeline.py [--setup fast --setup default] [--clips N] [--set k=v ...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import STAGES, load_setup, machine, records

from generator.run.generate import generate
from generator.run.pool import PoolOptions


def bench(name: str, clips: int, overrides: list[str], workers: int = 1) -> dict:
    """Run one set-up and return its figures."""
    cfg = load_setup(name, overrides)
    with tempfile.TemporaryDirectory(prefix="povgen-bench-") as tmp:
        t0 = time.perf_counter()
        rep = generate(cfg, Path(tmp) / "ds", clips, cfg.seed, PoolOptions(workers=workers))
        wall = time.perf_counter() - t0
        recs = records(Path(tmp) / "ds")
    frames = sum(r["frames"] for r in recs)
    sums = {k: sum(r["timings"].get(k, 0.0) for r in recs) for k in (*STAGES, "total")}
    first = min(r["timings"]["total"] for r in recs)
    r = cfg.render
    print(
        f"{name}: {clips} clips x {r.frames} frames at {r.width}x{r.height}, {r.samples} spp, "
        f"denoise {r.denoise}, {r.max_bounces} bounces, {workers} worker(s); {machine()}"
    )
    for k in STAGES:
        print(f"  {k:8s} {sums[k] / frames:8.4f} s/frame  ({100 * sums[k] / sums['total']:5.1f} %)")
    clip_ratio = (sums["total"] + sums["plan"]) / sums["render"]
    print(f"  whole clip in its worker (plan..write) / render = {clip_ratio:.3f}")
    print(
        f"  whole run wall {wall:.2f} s incl. worker start and the first clip's warm-up "
        f"(fastest clip {first:.2f} s): wall / render = {wall / sums['render']:.3f}"
    )
    if rep.failed:
        print(f"  {rep.failed} clips failed")
    return {"name": name, "clip_ratio": clip_ratio, "wall_ratio": wall / sums["render"], "wall": wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--setup", action="append", choices=["smoke", "fast", "default"])
    ap.add_argument("--clips", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    for name in args.setup or ["smoke", "fast", "default"]:
        bench(name, args.clips, args.overrides, args.workers)


if __name__ == "__main__":
    main()
