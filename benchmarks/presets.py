"""The demo scene rendered with the fast preset as it was before the quality study against the presets now
shipped, in one run: seconds and CPU seconds per frame, frames per second, and their ratios.

Each setting renders the same demo plans (the scene's own place, object and motion draws; only the render keys
differ). Settings run in the order A B ... B A and each figure is the mean of the two runs, so that a drift in
machine load favours none. CPU seconds (all render threads) are steady on a shared machine; wall seconds are
what a user waits on an idle one. Figures only, never asserts.

Usage: python benchmarks/presets.py [--clips 3] [--frames 8] [--settings before,fast,draft]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from common import ROOT, machine, records

from generator.config import load_config
from generator.config.models import RENDER_PRESETS
from generator.run.generate import generate
from generator.run.pool import PoolOptions

# the fast preset before benchmarks/quality.py chose the shipped one (Blender's defaults for the other keys)
BEFORE = {
    "samples": 4,
    "denoise": "fast",
    "max_bounces": 2,
    "denoise_prefilter": "accurate",
    "caustics": True,
    "persistent_data": False,
    "sky_map_resolution": 0,
}


def settings(name: str) -> dict:
    """Render keys of a named setting: ``before``, a shipped preset (its size left to the scene) or a point of
    benchmarks/quality.py's grid such as ``s4_fast_b2_pf``."""
    m = re.fullmatch(r"s(\d+)_(off|fast|balanced|high)_b(\d+)(_pf)?", name)
    if m:
        pf = "fast" if m[4] else "accurate"
        return {"samples": int(m[1]), "denoise": m[2], "max_bounces": int(m[3]), "denoise_prefilter": pf}
    keys = BEFORE if name == "before" else RENDER_PRESETS[name]
    return {k: v for k, v in keys.items() if k not in ("width", "height")}


def run(name: str, clips: int, frames: int, root: Path) -> dict[str, float]:
    """Generate the demo clips at 320x180 with setting ``name``; per-frame figures from the manifest."""
    over = ["render.width=320", "render.height=180", f"render.frames={frames}"]
    over += [f"render.{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in settings(name).items()]
    cfg = load_config(ROOT / "scenes" / "demo.yaml", over)
    t0 = time.perf_counter()
    generate(cfg, root, clips, cfg.seed, PoolOptions(workers=1))
    wall = time.perf_counter() - t0
    recs = records(root)
    n = sum(r["frames"] for r in recs)
    out = {k: sum(r["timings"].get(k, 0.0) for r in recs) / n for k in ("render", "render_cpu", "total")}
    return out | {"wall": wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clips", type=int, default=3)
    ap.add_argument("--frames", type=int, default=8)
    ap.add_argument("--settings", default="before,fast")
    a = ap.parse_args()
    names = a.settings.split(",")
    print(f"presets: demo scene 320x180, {a.clips} clips x {a.frames} frames, 1 worker; {machine()}")
    runs: dict[str, list[dict[str, float]]] = {n: [] for n in names}
    with tempfile.TemporaryDirectory(prefix="povgen-presets-") as tmp:
        for i, name in enumerate([*names, *reversed(names)]):
            runs[name].append(run(name, a.clips, a.frames, Path(tmp) / f"{i}_{name}"))
    res = {n: {k: sum(r[k] for r in rs) / len(rs) for k in rs[0]} for n, rs in runs.items()}
    print(
        f"{'setting':8s} {'render s/frame':>14s} {'render cpu s':>12s} {'clip s/frame':>12s} {'frames/s':>8s}"
    )
    for n, r in res.items():
        print(f"{n:8s} {r['render']:14.3f} {r['render_cpu']:12.3f} {r['total']:12.3f} {1 / r['total']:8.2f}")
    base = res[names[0]]
    for n in names[1:]:
        r = res[n]
        print(
            f"{names[0]} / {n}: render {base['render'] / r['render']:.3f}x, render cpu "
            f"{base['render_cpu'] / r['render_cpu']:.3f}x, whole clip {base['total'] / r['total']:.3f}x faster"
        )
    print("settings: " + "; ".join(f"{n} = {settings(n)}" for n in names))


if __name__ == "__main__":
    main()
