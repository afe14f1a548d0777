"""Shared helpers of the benchmark scripts: scene presets, running generate, reading the manifest."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STAGES = ("plan", "build", "render", "labels", "encode", "write")

# Named set-ups: a scene file plus overrides. smoke = the CI scene; fast and default = the demo scene with
# the render preset's values (demo.yaml sets render keys itself, which would win over a bare preset).
SETUPS = {"smoke": "smoke.yaml", "draft": "demo.yaml", "fast": "demo.yaml", "default": "demo.yaml"}


def load_setup(name: str, extra: list[str] | None = None):
    """The SceneConfig of a named set-up, with extra --set overrides."""
    from generator.config import load_config
    from generator.config.models import RENDER_PRESETS

    overrides = []
    if name in RENDER_PRESETS:
        overrides = [f"render.preset={name}"] + [f"render.{k}={v}" for k, v in RENDER_PRESETS[name].items()]
    return load_config(ROOT / "scenes" / SETUPS[name], overrides + list(extra or []))


def records(ds: Path) -> list[dict]:
    return [json.loads(line) for line in (ds / "manifest.jsonl").read_text().splitlines() if line.strip()]


def machine() -> str:
    """One line about the machine the figures come from (load average included: the box may be shared)."""
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def timed_generate(cfg, clips: int, keys=("plan", "build", "render", "total")) -> dict[str, float]:
    """Generate ``clips`` clips of ``cfg`` in a temporary folder with one worker; seconds per frame of each
    timing in ``keys`` (summed over the clips) and of the whole run's wall clock (``wall``)."""
    import tempfile
    import time

    from generator.run.generate import generate
    from generator.run.pool import PoolOptions

    with tempfile.TemporaryDirectory(prefix="povgen-bench-") as tmp:
        t0 = time.perf_counter()
        generate(cfg, Path(tmp) / "ds", clips, cfg.seed, PoolOptions(workers=1))
        wall = time.perf_counter() - t0
        recs = records(Path(tmp) / "ds")
    frames = sum(r["frames"] for r in recs)
    return {**{k: sum(r["timings"].get(k, 0.0) for r in recs) / frames for k in keys}, "wall": wall / frames}


def ab_main(doc: str, run, names: tuple[str, str], keys: tuple[str, ...], title: str) -> None:
    """Command line of an A/B benchmark: ``run(a_side, clips, overrides)`` for the A side (True, e.g. legacy)
    and the B side (False) in alternating rounds; prints per-frame means and the ratio B / A per key."""
    import argparse

    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("--clips", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    sums = {True: [], False: []}
    for _ in range(args.rounds):
        for side in (True, False):
            sums[side].append(run(side, args.clips, args.overrides))
    print(f"{title}, {args.clips} clips x {args.rounds} rounds per side; {machine()}")
    width = max(len(k) for k in keys)
    for key in (*keys, "wall"):
        old = sum(r[key] for r in sums[True]) / args.rounds
        new = sum(r[key] for r in sums[False]) / args.rounds
        print(f"  {key:{width}s} {names[0]} {old:8.4f} s/frame   {names[1]} {new:8.4f} s/frame   "
              f"ratio {new / max(old, 1e-9):.3f}")
