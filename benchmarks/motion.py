"""Planning cost of camera motion and events, and the label cost of rolling-shutter sampling.

Prints figures; never asserts. Usage: python benchmarks/motion.py [--render]
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

from generator.config import load_config, validate_config  # noqa: E402
from generator.plan import plan_clip  # noqa: E402


def plan_times() -> None:
    for frames, fps in ((30, 15), (150, 30), (300, 30)):
        cfg = validate_config({"render": {"frames": frames, "fps": fps}})
        plan_clip(cfg, 0, 0)
        t0 = time.perf_counter()
        n = 10
        for i in range(n):
            plan_clip(cfg, 0, i)
        dt = (time.perf_counter() - t0) / n
        print(
            f"plan_clip {frames:4d} frames: {dt * 1000:7.1f} ms per clip ({dt / frames * 1000:.2f} ms per frame)"
        )


def label_times() -> None:
    from generator.run.generate import generate
    from generator.run.pool import PoolOptions

    base = ["render.width=96", "render.height=64", "render.frames=6", "render.samples=1"]
    for name, extra in (("global shutter", []), ("rolling shutter", ["camera.rolling_shutter=1"])):
        with tempfile.TemporaryDirectory() as tmp:
            cfg = load_config(ROOT / "scenes" / "smoke.yaml", base + extra)
            generate(cfg, Path(tmp) / "ds", 3, 1, PoolOptions(workers=1))
            records = [json.loads(x) for x in (Path(tmp) / "ds" / "manifest.jsonl").read_text().splitlines()]
            frames = sum(r["num_frames"] for r in records) if "num_frames" in records[0] else 18
            for stage in ("render", "labels"):
                sec = sum(r["timings"][stage] for r in records) / frames
                print(f"{name:16s} {stage:7s} {sec * 1000:7.1f} ms per frame")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--render", action="store_true", help="also render tiny clips to time label making")
    args = ap.parse_args()
    plan_times()
    if args.render:
        label_times()
