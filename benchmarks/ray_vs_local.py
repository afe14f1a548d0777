"""Local worker pool vs Ray (a local Ray instance) on the same plans: wall time, and whether labels match.

Prints figures; never asserts. Usage: python benchmarks/ray_vs_local.py [--setup smoke] [--clips 8]
[--workers 2] [--ray-address ADDR]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from common import load_setup, machine, records

from generator.run.generate import generate
from generator.run.pool import PoolOptions


def _labels(clip: Path) -> dict:
    labels = json.loads((clip / "labels.json").read_text())
    labels.pop("timings", None)
    return labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--setup", default="smoke", choices=["smoke", "fast", "default"])
    ap.add_argument("--clips", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ray-address", default=None)
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    cfg = load_setup(args.setup, args.overrides)
    r = cfg.render
    print(
        f"ray_vs_local: {args.setup}, {args.clips} clips x {r.frames} frames at {r.width}x{r.height}, "
        f"{args.workers} workers; {machine()}"
    )
    with tempfile.TemporaryDirectory(prefix="povgen-rvl-") as tmp:
        walls = {}
        for ex in ("local", "ray"):
            opts = PoolOptions(workers=args.workers, executor=ex, ray_address=args.ray_address)
            t0 = time.perf_counter()
            generate(cfg, Path(tmp) / ex, args.clips, cfg.seed, opts)
            walls[ex] = time.perf_counter() - t0
            recs = records(Path(tmp) / ex)
            busy = sum(x["timings"]["total"] for x in recs)
            print(
                f"  {ex:5s}: wall {walls[ex]:6.2f} s (incl. start-up), {len(recs) / walls[ex]:.3f} clips/s, "
                f"clip time in workers {busy:.2f} s, {len({x['worker_pid'] for x in recs})} worker processes"
            )
        ids = [x["clip_id"] for x in records(Path(tmp) / "local")]
        same = all(
            _labels(Path(tmp) / "local" / "clips" / c) == _labels(Path(tmp) / "ray" / "clips" / c)
            for c in ids
        )
        print(
            f"  labels identical for all {len(ids)} clips: {same}; ray / local wall = {walls['ray'] / walls['local']:.2f}"
        )


if __name__ == "__main__":
    main()
