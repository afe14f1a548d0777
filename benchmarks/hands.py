"""Render cost of the articulated hands: seconds per frame of the fast-preset demo scene with the new hands and
with the old block hands (benchmarks/legacy_hands.py) swapped into the same plans, measured in one run
(interleaved, so machine load hits both alike). Goal: ratio new/old <= 1.10.

Usage: PYTHONPATH=. python benchmarks/hands.py [--clips 2] [--frames 6]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import legacy_hands
from benchmarks.common import load_setup, machine


def legacy_plan(plan):
    """The same plan with the old block hands round the same held object."""
    rng = np.random.default_rng(plan.index)
    style = legacy_hands.hand_style(rng, 0.5, False, 0.6, 0.3, "long", True)
    held = plan.held.model if plan.held is not None else None
    return plan.model_copy(update={"hands": legacy_hands.grip_hands(held, style, two_handed=True)})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=int, default=2)
    ap.add_argument("--frames", type=int, default=6)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--plan-clips", type=int, default=10, help="clips planned to time planning alone")
    a = ap.parse_args()
    from generator.plan.planner import plan_clip
    from generator.run.render import render_plan_to

    cfg = load_setup("fast", [f"render.frames={a.frames}", "content.positive_fraction=1"])
    per_frame = {"new": [], "old": []}
    build = {"new": [], "old": []}
    plan_s = []
    with tempfile.TemporaryDirectory(prefix="povgen-hands-bench-") as tmp:
        for i in range(a.clips):
            t0 = time.perf_counter()
            plan = plan_clip(cfg, a.seed, i)
            plan_s.append(time.perf_counter() - t0)
            variants = [("new", plan), ("old", legacy_plan(plan))]
            if i % 2:
                variants.reverse()
            for name, p in variants:
                rec = render_plan_to(p, Path(tmp) / f"{name}{i}")
                t = rec.get("timings", rec)
                per_frame[name].append(t["render"] / p.render.frames)
                build[name].append(t["build"])
    from generator.plan import hands as hands_mod

    spent = {"hands": 0.0}

    def timed(fn):
        def wrapper(*args, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kw)
            finally:
                spent["hands"] += time.perf_counter() - t0

        return wrapper

    hands_mod.solve_grip, hands_mod.build_hands = timed(hands_mod.solve_grip), timed(hands_mod.build_hands)
    plan_only = []
    plan_clip(cfg, a.seed + 1, a.plan_clips)  # compiled code loaded (numba cache) before timing
    spent["hands"] = 0.0
    for i in range(a.plan_clips):  # planning alone: grips solved against the meshes, arms keyed per pose
        t0 = time.perf_counter()
        plan_clip(cfg, a.seed + 1, i)
        plan_only.append(time.perf_counter() - t0)
    print(f"machine: {machine()}")
    print(f"plan alone, {a.plan_clips} clips: mean {np.mean(plan_only):.3f} s, median {np.median(plan_only):.3f} s"
          f" per clip; of that the hands (grip solving, arms) {spent['hands'] / a.plan_clips:.3f} s per clip")
    if not a.clips:
        return
    new, old = float(np.mean(per_frame["new"])), float(np.mean(per_frame["old"]))
    print(f"clips {a.clips}, frames {a.frames}, preset fast (demo scene)")
    print(f"old block hands : {old:.3f} s/frame render, build {np.mean(build['old']):.2f} s")
    print(f"articulated     : {new:.3f} s/frame render, build {np.mean(build['new']):.2f} s")
    print(f"plan (with grip solving): {np.mean(plan_s):.2f} s per clip (first {plan_s[0]:.2f} s, numba compile)")
    print(f"ratio new/old: {new / old:.3f} (goal <= 1.10)")


if __name__ == "__main__":
    main()
