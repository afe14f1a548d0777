"""Render held models on a plain studio background: side, three-quarter and top views for asset sheets.

Run as ``python -m generator.blender.assets JOB.json``: the job lists model JSON files, views, size, samples and
an output folder; each render is an RGBA PNG (transparent background: its alpha is the object's mask, used by
the render tests) and the result JSON beside the job lists them.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import bpy
import numpy as np
from mathutils import Vector

from generator.blender import session
from generator.blender.meshes import build_model
from generator.plan.model import Model
from generator.plan.objects.parts import bounds

VIEWS = ("side", "three_quarter", "top")


def _studio(scene: bpy.types.Scene, width: int, height: int, samples: int) -> None:
    """Cycles at low samples, soft key / fill / rim lights, a neutral grey world, transparent film."""
    scene.render.engine = "CYCLES"
    scene.cycles.samples = samples
    scene.cycles.use_denoising = samples > 4
    scene.cycles.max_bounces = 3
    scene.cycles.device = "CPU"
    scene.render.resolution_x, scene.render.resolution_y = width, height
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = True
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGBA"
    world = bpy.data.worlds.new("studio")
    world.use_nodes = True
    world.node_tree.nodes["Background"].inputs[0].default_value = (0.55, 0.56, 0.58, 1.0)
    world.node_tree.nodes["Background"].inputs[1].default_value = 0.3
    scene.world = world
    for name, loc, power, size in (
        ("key", (0.4, 0.9, 1.3), 90.0, 1.0),
        ("fill", (1.2, -1.2, -0.3), 15.0, 1.0),
        ("rim", (-1.0, 0.2, 0.9), 60.0, 0.8),
    ):
        light = bpy.data.lights.new(name, "AREA")
        light.energy, light.size = power, size
        obj = bpy.data.objects.new(name, light)
        obj.location = loc
        direction = -Vector(loc)
        obj.rotation_euler = direction.to_track_quat("-Z", "Y").to_euler()
        scene.collection.objects.link(obj)


def _camera(scene: bpy.types.Scene, view: str, lo: np.ndarray, hi: np.ndarray, aspect: float) -> None:
    """An orthographic camera framing the model's bounds from the right (side), front-right-above or top."""
    cam = bpy.data.cameras.new("cam")
    obj = bpy.data.objects.new("cam", cam)
    scene.collection.objects.link(obj)
    scene.camera = obj
    cam.type = "ORTHO"
    d = {"side": (1.0, 0.0, 0.0), "top": (0.0, 0.0, 1.0)}.get(view, (0.85, 0.4, 0.35))
    d = Vector(d).normalized()
    up = "X" if view == "top" else "Y"
    rot = (-d).to_track_quat("-Z", up)
    m = rot.to_matrix()
    right, upv = m.col[0], m.col[1]
    corners = [Vector((x, y, z)) for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    u = [c.dot(right) for c in corners]
    v = [c.dot(upv) for c in corners]
    centre = right * (min(u) + max(u)) / 2 + upv * (min(v) + max(v)) / 2
    centre += d * d.dot(Vector(((lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2)))
    obj.location = centre + d * 3.0
    obj.rotation_euler = rot.to_euler()
    cam.ortho_scale = float(max(max(u) - min(u), (max(v) - min(v)) * aspect)) * 1.08
    cam.clip_start, cam.clip_end = 0.01, 10.0


def render_views(
    model: Model, views: list[str], width: int, height: int, samples: int, stem: Path, frame=None
) -> list[dict]:
    """Render ``views`` of one model to ``{stem}_{view}.png`` (framing ``frame`` = (lo, hi) when given)."""
    session.reset()
    scene = bpy.context.scene
    _studio(scene, width, height, samples)
    obj = build_model(model.model_copy(update={"instance_id": 1}), scene.collection)
    bpy.context.view_layer.update()
    objs = [obj, *obj.children_recursive] if obj is not None else []
    corners = [o.matrix_world @ Vector(c) for o in objs if o.type == "MESH" for c in o.bound_box]
    if corners:
        lo = np.min(np.array(corners), axis=0)
        hi = np.max(np.array(corners), axis=0)
    else:
        lo, hi = (np.asarray(b) for b in bounds(model.parts))
    if frame:
        lo, hi = (np.asarray(b, dtype=float) for b in frame)
    out = []
    for view in views:
        for o in [o for o in scene.objects if o.type == "CAMERA"]:
            bpy.data.objects.remove(o)
        _camera(scene, view, np.asarray(lo), np.asarray(hi), width / height)
        path = Path(f"{stem}_{view}.png")
        scene.render.filepath = str(path)
        bpy.ops.render.render(write_still=True)
        out.append(
            {"view": view, "image": str(path), "lo": [float(v) for v in lo], "hi": [float(v) for v in hi]}
        )
    return out


def main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text())
    log = os.open(job.get("log", os.devnull), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    out_dir = Path(job["out_dir"])
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for item in job["models"]:
        model = Model.model_validate_json(Path(item["model"]).read_text())
        stem = out_dir / item["name"]
        views, size = job["views"], (job["width"], job["height"])
        for r in render_views(model, views, *size, job.get("samples", 8), stem, job.get("frame")):
            results.append({**r, "name": item["name"]})
    Path(job["result"]).write_text(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
