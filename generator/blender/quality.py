"""Render one frame of several plans at many Cycles settings, timing each: the worker of
``benchmarks/quality.py`` (image quality against time, to choose the render presets).

Run as ``python -m generator.blender.quality JOB.json``. The job lists plans (file, frame), settings (name,
samples, denoise, max_bounces, light_tree, adaptive_threshold) and an output folder. Every setting's image is
saved as PNG, the first setting's object ids as .npy; the result JSON beside the job lists files and seconds.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import bpy
import numpy as np

from generator.blender import session
from generator.blender.passes import add_pass_outputs, read_passes
from generator.blender.scene import build_scene
from generator.plan.model import ClipPlan


def apply(scene: bpy.types.Scene, plan: ClipPlan, s: dict, threads: int) -> None:
    """Cycles settings of one grid point on top of the plan's own."""
    r = plan.render.model_copy(
        update={
            "samples": s["samples"],
            "denoise": s["denoise"],
            "max_bounces": s["max_bounces"],
            "device": "cpu",
        }
    )
    session.configure(scene, r, seed=plan.index, threads=threads)
    c = scene.cycles
    c.use_light_tree = bool(s.get("light_tree", True))
    thr = float(s.get("adaptive_threshold", 0.0))
    c.use_adaptive_sampling = thr > 0
    if thr > 0:
        c.adaptive_threshold = thr
        c.adaptive_min_samples = 0


def run(job: dict) -> list[dict]:
    out_dir = Path(job["out_dir"])
    scratch = out_dir / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    for item in job["plans"]:
        plan = ClipPlan.model_validate_json(Path(item["plan"]).read_text())
        frame = int(item["frame"])
        session.reset()
        built = build_scene(plan)
        scene = built.scene
        scene.frame_set(frame + 1)
        for k, s in enumerate(job["settings"]):
            apply(scene, plan, s, job.get("threads", 0))
            if k == 0:
                add_pass_outputs(scene, scratch)
            else:
                scene.render.use_compositing = False  # the ids come from the first render only
            image = out_dir / f"{plan.clip_id}_{s['name']}.png"
            scene.render.filepath = str(image)
            best = float("inf")
            for _ in range(int(job.get("repeats", 1)) if k else 1):
                t0 = time.perf_counter()
                bpy.ops.render.render(write_still=True)
                best = min(best, time.perf_counter() - t0)
            rec = {
                "clip_id": plan.clip_id,
                "scene": plan.scene,
                "setting": s["name"],
                "image": str(image),
                "seconds": best,
            }
            if k == 0:
                ids, _ = read_passes(scratch / f"pass_{frame + 1:04d}.exr")
                ids_path = out_dir / f"{plan.clip_id}_ids.npy"
                np.save(ids_path, ids)
                rec["ids"] = str(ids_path)
            results.append(rec)
    return results


def main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text())
    log = os.open(job.get("log", os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    Path(job["result"]).write_text(json.dumps(run(job)))


if __name__ == "__main__":
    main(sys.argv[1])
