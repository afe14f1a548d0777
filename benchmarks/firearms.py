"""Seconds per frame of the demo scene at the fast preset with the profile-modelled firearms against the legacy
box-and-cylinder ones, as a ratio measured in one run (goal: new / legacy <= 1.10).

Every clip holds a firearm (positive_fraction=1) so each frame pays for one. Runs alternate legacy / new to
spread the load of a shared machine over both. Prints figures; never asserts.
Usage: python benchmarks/firearms.py [--clips N] [--rounds R] [--set k=v ...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import load_setup, machine, records

from generator.plan.objects import use_legacy_firearms
from generator.run.generate import generate
from generator.run.pool import PoolOptions


def run(legacy: bool, clips: int, overrides: list[str]) -> dict:
    """Plan (in this process, with the legacy or new firearms) and render ``clips`` clips; per-frame seconds."""
    use_legacy_firearms(legacy)
    try:
        cfg = load_setup("fast", ["content.positive_fraction=1", *overrides])
        with tempfile.TemporaryDirectory(prefix="povgen-bench-") as tmp:
            t0 = time.perf_counter()
            generate(cfg, Path(tmp) / "ds", clips, cfg.seed, PoolOptions(workers=1))
            wall = time.perf_counter() - t0
            recs = records(Path(tmp) / "ds")
    finally:
        use_legacy_firearms(False)
    frames = sum(r["frames"] for r in recs)
    t = {
        k: sum(r["timings"].get(k, 0.0) for r in recs) / frames for k in ("plan", "build", "render", "total")
    }
    return {**t, "wall": wall / frames}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clips", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    sums = {True: [], False: []}
    for _ in range(args.rounds):
        for legacy in (True, False):
            sums[legacy].append(run(legacy, args.clips, args.overrides))
    print(f"fast preset demo scene, {args.clips} clips x {args.rounds} rounds per side; {machine()}")
    for key in ("plan", "build", "render", "total", "wall"):
        old = sum(r[key] for r in sums[True]) / args.rounds
        new = sum(r[key] for r in sums[False]) / args.rounds
        print(
            f"  {key:6s} legacy {old:8.4f} s/frame   profile {new:8.4f} s/frame   ratio {new / max(old, 1e-9):.3f}"
        )


if __name__ == "__main__":
    main()
