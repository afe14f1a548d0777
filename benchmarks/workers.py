"""1 worker with all cores as Cycles threads vs N workers with the threads split, on the same plans.

Prints wall time, clips/s and frames/s of each; never asserts. Usage:
python benchmarks/workers.py [--setup fast] [--clips 6] [--workers 1 --workers 2] [--set k=v ...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import load_setup, machine, records

from generator.run.generate import generate
from generator.run.pool import PoolOptions, threads_per_worker


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--setup", default="fast", choices=["smoke", "fast", "default"])
    ap.add_argument("--clips", type=int, default=6)
    ap.add_argument("--workers", type=int, action="append")
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    cfg = load_setup(args.setup, args.overrides)
    r = cfg.render
    print(
        f"workers: {args.setup}, {args.clips} clips x {r.frames} frames at {r.width}x{r.height}, "
        f"{r.samples} spp; {machine()}"
    )
    base = None
    for n in args.workers or [1, 2]:
        threads = threads_per_worker(n)
        with tempfile.TemporaryDirectory(prefix="povgen-workers-") as tmp:
            t0 = time.perf_counter()
            generate(cfg, Path(tmp) / "ds", args.clips, cfg.seed, PoolOptions(workers=n, threads=threads))
            wall = time.perf_counter() - t0
            recs = records(Path(tmp) / "ds")
        frames = sum(x["frames"] for x in recs)
        render = sum(x["timings"]["render"] for x in recs) / frames
        base = base or wall
        print(
            f"  {n} worker(s) x {threads} thread(s): wall {wall:7.2f} s  {len(recs) / wall:.3f} clips/s  "
            f"{frames / wall:.2f} frames/s  render {render:.3f} s/frame in a worker  speed-up {base / wall:.2f}x"
        )


if __name__ == "__main__":
    main()
