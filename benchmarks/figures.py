"""Seconds per frame of the demo scene at the fast preset with the articulated mannequin figures against the
former rigid block figures, as a ratio measured in one run (goal: mannequins / blocks <= 1.10).

Every clip has figures (environment.figures=4) in places where they are seen (office, street, warehouse,
retail). Both sides draw the same random numbers, so they plan the same places, figures and camera paths; only
the figure's mesh differs (blocks: one static mesh; mannequins: a few thousand triangles whose pose is a shape
key per frame). Runs alternate blocks / mannequins to spread the load of a shared machine. Prints figures;
never asserts. Usage: python benchmarks/figures.py [--clips N] [--rounds R] [--set k=v ...]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import load_setup, machine, records

from generator.plan.places.figures import use_legacy_figures
from generator.run.generate import generate
from generator.run.pool import PoolOptions

SCENE = [
    "environment.figures=4",
    "environment.family={choice: [office, street, warehouse, retail]}",
]


def run(legacy: bool, clips: int, overrides: list[str]) -> dict:
    """Plan (in this process, with block or mannequin figures) and render ``clips`` clips; per-frame seconds."""
    use_legacy_figures(legacy)
    try:
        cfg = load_setup("fast", [*SCENE, *overrides])
        with tempfile.TemporaryDirectory(prefix="povgen-bench-") as tmp:
            t0 = time.perf_counter()
            generate(cfg, Path(tmp) / "ds", clips, cfg.seed, PoolOptions(workers=1))
            wall = time.perf_counter() - t0
            recs = records(Path(tmp) / "ds")
    finally:
        use_legacy_figures(False)
    frames = sum(r["frames"] for r in recs)
    t = {
        k: sum(r["timings"].get(k, 0.0) for r in recs) / frames
        for k in ("plan", "build", "render", "render_cpu", "labels", "total")
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
    print(
        f"fast preset demo scene with 4 figures, {args.clips} clips x {args.rounds} rounds per side; {machine()}"
    )
    for key in ("plan", "build", "render", "render_cpu", "labels", "total", "wall"):
        old = sum(r[key] for r in sums[True]) / args.rounds
        new = sum(r[key] for r in sums[False]) / args.rounds
        print(
            f"  {key:10s} blocks {old:8.4f} s/frame   mannequins {new:8.4f} s/frame   ratio {new / max(old, 1e-9):.3f}"
        )


if __name__ == "__main__":
    main()
