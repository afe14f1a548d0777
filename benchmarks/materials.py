"""Seconds per frame of the demo scene at the fast preset with textured surfaces, against the shading before them.

Renders the same plans three ways in one run (``POVGEN_MATERIALS`` in the workers): ``plain`` (flat colours, the
look of untextured places), ``nodes`` (the earlier procedural shader-node patterns) and ``baked`` (the default:
numpy textures baked into small images on box UVs). Prints build and render s/frame and the ratios
baked/plain and baked/nodes (goal: baked no more than 1.15x plain). The modes run in the order A B C C B A and
each figure is the mean of its two runs, so a drift in machine load does not favour one mode. Figures only.

Usage: PYTHONPATH=. python benchmarks/materials.py [--clips 3] [--frames 8]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.common import load_setup, machine, records
from generator.run.generate import generate
from generator.run.pool import PoolOptions

MODES = ("plain", "nodes", "baked")


def run(mode: str, clips: int, frames: int, root: Path) -> dict[str, float]:
    """Generate the demo clips with shading ``mode``; seconds per frame of build and render, and wall time."""
    os.environ["POVGEN_MATERIALS"] = mode  # spawned workers inherit it
    cfg = load_setup("fast", [f"render.frames={frames}"])
    t0 = time.perf_counter()
    generate(cfg, root / mode, clips, cfg.seed, PoolOptions(workers=1))
    wall = time.perf_counter() - t0
    recs = records(root / mode)
    n = sum(r["frames"] for r in recs)
    keys = ("build", "render", "render_cpu")
    return {k: sum(r["timings"].get(k, 0.0) for r in recs) / n for k in keys} | {"wall": wall}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=3)
    ap.add_argument("--frames", type=int, default=8)
    a = ap.parse_args()
    print(machine())
    runs: dict[str, list[dict[str, float]]] = {m: [] for m in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        for i, m in enumerate([*MODES, *reversed(MODES)]):
            runs[m].append(run(m, a.clips, a.frames, Path(tmp) / str(i)))
    res = {m: {k: sum(r[k] for r in rs) / len(rs) for k in rs[0]} for m, rs in runs.items()}
    os.environ.pop("POVGEN_MATERIALS", None)
    print(f"demo scene, fast preset, {a.clips} clips x {a.frames} frames")
    for m, r in res.items():
        print(
            f"  {m:6s} build {r['build']:.4f} s/frame  render {r['render']:.4f} s/frame  "
            f"render cpu {r['render_cpu']:.4f} s/frame  wall {r['wall']:.1f} s"
        )
    b = res["baked"]
    for ref in ("plain", "nodes"):
        print(
            f"  baked / {ref}: render {b['render'] / res[ref]['render']:.3f}x, "
            f"render cpu {b['render_cpu'] / res[ref]['render_cpu']:.3f}x, "
            f"build+render {(b['render'] + b['build']) / (res[ref]['render'] + res[ref]['build']):.3f}x"
        )


if __name__ == "__main__":
    main()
