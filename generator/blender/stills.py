"""Render a few still frames of many plans in one process, fast (Workbench or low-sample Cycles), for previews.

Run as ``python -m generator.blender.stills JOB.json``: the job lists plan files, frames, engine and an output
folder; the result JSON (written beside the job) lists the PNGs (and id masks when asked).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import bpy
import numpy as np

from generator.blender import session
from generator.blender.passes import add_pass_outputs, read_passes
from generator.blender.scene import build_scene
from generator.plan.model import ClipPlan


def _workbench(scene: bpy.types.Scene, width: int, height: int) -> None:
    scene.render.engine = "BLENDER_WORKBENCH"
    scene.display.shading.light = "STUDIO"
    scene.display.shading.color_type = "MATERIAL"
    scene.display.render_aa = "FXAA"
    scene.render.resolution_x, scene.render.resolution_y = width, height
    scene.render.resolution_percentage = 100
    im = scene.render.image_settings
    im.media_type = "IMAGE"
    im.file_format = "PNG"
    im.color_mode = "RGB"


def render_stills(
    plan: ClipPlan, frames: list[int], engine: str, samples: int, out_dir: Path, with_ids: bool, scratch: Path
) -> list[dict]:
    """Render ``frames`` of one plan; returns [{frame, image, ids}] with file paths."""
    session.reset()
    built = build_scene(plan)
    r = plan.render
    if engine == "workbench":
        _workbench(built.scene, r.width, r.height)
    else:
        settings = r.model_copy(
            update={
                "samples": samples,
                "denoise": "fast" if samples > 1 else "off",
                "max_bounces": min(r.max_bounces, 2),
                "device": "cpu",
            }
        )
        session.configure(built.scene, settings, seed=plan.index, threads=0)
        if with_ids:
            add_pass_outputs(built.scene, scratch)
    out = []
    for f in frames:
        f = min(max(f, 0), r.frames - 1)
        built.scene.frame_set(f + 1)
        image = out_dir / f"{plan.clip_id}_{f:04d}.png"
        built.scene.render.filepath = str(image)
        bpy.ops.render.render(write_still=True)
        item = {"clip_id": plan.clip_id, "frame": f, "image": str(image), "ids": None}
        if with_ids and engine != "workbench":
            ids, _ = read_passes(scratch / f"pass_{f + 1:04d}.exr")
            ids_path = out_dir / f"{plan.clip_id}_{f:04d}_ids.npy"
            np.save(ids_path, ids)
            item["ids"] = str(ids_path)
        out.append(item)
    return out


def main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text())
    log = os.open(job.get("log", os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    out_dir = Path(job["out_dir"])
    scratch = out_dir / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    for plan_path in job["plans"]:
        plan = ClipPlan.model_validate_json(Path(plan_path).read_text())
        results += render_stills(
            plan,
            job["frames"],
            job["engine"],
            job.get("samples", 1),
            out_dir,
            job.get("with_ids", False),
            scratch,
        )
    Path(job["result"]).write_text(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
