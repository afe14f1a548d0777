"""Scene-build seconds per clip for every environment family (aim: under 1 s, so building never rivals rendering).

Builds each family's scene in Blender from real plans (default render settings: 30 frames of keyframes), without
rendering, and prints mean and max seconds per clip, objects and parts.

Usage: PYTHONPATH=. python benchmarks/scene_build.py [--clips 5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from generator.blender import session
from generator.blender.scene import build_scene
from generator.config.models import SceneConfig
from generator.plan.places import FAMILIES
from generator.plan.planner import plan_clip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    import bpy

    print(
        f"{'family':12s} {'mean_s':>7s} {'max_s':>7s} {'plan_s':>7s} {'objects':>8s} {'parts':>6s} {'actors':>6s}"
    )
    worst = 0.0
    for family in FAMILIES:
        cfg = SceneConfig()
        cfg.environment.family = family
        times, plan_times, objects, parts, actors = [], [], [], [], []
        for i in range(a.clips):
            t0 = time.perf_counter()
            plan = plan_clip(cfg, a.seed, i)
            t1 = time.perf_counter()
            session.reset()
            build_scene(plan)
            times.append(time.perf_counter() - t1)
            plan_times.append(t1 - t0)
            objects.append(len(bpy.data.objects))
            parts.append(sum(len(p.model.parts) for p in plan.environment))
            actors.append(len(plan.actors))
        worst = max(worst, float(np.mean(times)))
        print(
            f"{family:12s} {np.mean(times):7.3f} {np.max(times):7.3f} {np.mean(plan_times):7.3f} "
            f"{np.mean(objects):8.1f} {np.mean(parts):6.0f} {np.mean(actors):6.1f}"
        )
    print(f"slowest family mean: {worst:.3f} s per clip (aim < 1 s)")


if __name__ == "__main__":
    main()
