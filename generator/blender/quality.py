"""Render one frame of several plans at many Cycles settings, timing each: the worker of
``benchmarks/quality.py`` (image quality against time, to choose the render presets).

Run as ``python -m generator.blender.quality JOB.json``. The job lists plans (file, frame), settings (name,
samples, denoise, max_bounces, light_tree, adaptive_threshold and the ablation keys ``apply`` reads) and an
output folder. Every setting's image is saved as PNG, the first setting's object ids as .npy; the result JSON
beside the job lists files and seconds.
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
    # shading ablations (benchmarks/quality.py --grid shading): a key a setting leaves out gets the plan's (or
    # Blender's default) value back, so that one setting's change never leaks into the next
    if c.use_denoising:
        c.denoising_prefilter = s.get("prefilter", r.denoise_prefilter.upper())
        c.denoising_input_passes = s.get("input_passes", "RGB_ALBEDO_NORMAL")
    c.caustics_reflective = c.caustics_refractive = bool(s.get("caustics", r.caustics))
    c.use_fast_gi = bool(s.get("fast_gi", False))
    c.filter_width = float(s.get("pixel_size", 1.5))
    c.sampling_pattern = s.get("pattern", "TABULATED_SOBOL")
    c.sample_clamp_indirect = float(s.get("clamp_indirect", 10.0))
    for ob in scene.objects:
        if ob.name.startswith("fog"):  # atmosphere.py's volume box
            ob.hide_render = not s.get("volumes", True)
    for mat in bpy.data.materials:
        mat.cycles.emission_sampling = s.get("emission_sampling", "AUTO")
    c.light_sampling_threshold = float(s.get("light_threshold", 0.01))
    c.transparent_max_bounces = int(s.get("transparent_bounces", 8))
    labelled = _labelled_names(plan)
    for ob in scene.objects:  # emitters of the place (lamps, panels, signs, rain), not the held object's
        if ob.type == "MESH" and ob.name not in labelled and not ob.name.startswith("fog"):
            for slot in ob.material_slots:
                if slot.material is not None and "decor_emission" in s:
                    slot.material.cycles.emission_sampling = s["decor_emission"]
        if ob.name.startswith("fog"):
            camera_only = bool(s.get("fog_camera_only", False))
            ob.visible_diffuse = ob.visible_glossy = ob.visible_transmission = not camera_only
            ob.visible_shadow = ob.visible_volume_scatter = not camera_only
    if plan.world_hdri:  # the sky photograph's light map: 0 = Cycles' automatic choice
        res = int(s.get("world_map", plan.render.sky_map_resolution))
        scene.world.cycles.sampling_method = "MANUAL" if res else "AUTOMATIC"
        if res:
            scene.world.cycles.sample_map_resolution = res
    _baked_links(normal_maps=bool(s.get("normal_maps", True)), textures=bool(s.get("textures", True)))


def _labelled_names(plan: ClipPlan) -> set[str]:
    """Object names of the held object, the hands and the figures."""
    placed = ([plan.held] if plan.held is not None else []) + list(plan.hands)
    return {p.model.name for p in placed} | {a.model.name for a in plan.actors}


_LINKS: list[
    tuple
] = []  # (node tree, from socket, to socket, kind) of every baked image's link into its BSDF


def _baked_links(normal_maps: bool, textures: bool) -> None:
    """Cut or restore the links of materials.py's baked images (albedo/roughness, normal map) to their BSDF:
    what the image textures and their normal maps cost per sample."""
    if not _LINKS:
        for mat in bpy.data.materials:
            nt = mat.node_tree
            if nt is None:
                continue
            for link in nt.links:
                node = link.from_node
                if node.type == "NORMAL_MAP":
                    _LINKS.append((nt, link.from_socket, link.to_socket, "normal"))
                elif node.type == "TEX_IMAGE" and node.image and node.image.name.endswith(".albedo"):
                    _LINKS.append((nt, link.from_socket, link.to_socket, "texture"))
    for nt, src, dst, kind in _LINKS:
        want = normal_maps if kind == "normal" else textures
        have = [lk for lk in nt.links if lk.from_socket == src and lk.to_socket == dst]
        if want and not have:
            nt.links.new(src, dst)
        for lk in have if not want else []:
            nt.links.remove(lk)


def run(job: dict) -> list[dict]:
    out_dir = Path(job["out_dir"])
    scratch = out_dir / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    for item in job["plans"]:
        plan = ClipPlan.model_validate_json(Path(item["plan"]).read_text())
        frame = int(item["frame"])
        session.reset()
        _LINKS.clear()
        built = build_scene(plan)
        scene = built.scene
        scene.frame_set(frame + 1)
        for k, s in enumerate(job["settings"]):
            apply(scene, plan, s, job.get("threads", 0))
            if k == 0:
                add_pass_outputs(scene, scratch)
            else:
                scene.render.use_compositing = False  # the ids come from the first render only
            key = item.get("key", plan.clip_id)  # unique per item: plans of different scenes share clip ids
            image = out_dir / f"{key}_{s['name']}.png"
            scene.render.filepath = str(image)
            best, cpu = float("inf"), float("inf")
            for _ in range(int(job.get("repeats", 1)) if k else 1):
                t0, c0 = time.perf_counter(), time.process_time()
                bpy.ops.render.render(write_still=True)
                best = min(best, time.perf_counter() - t0)
                cpu = min(cpu, time.process_time() - c0)  # all threads' CPU time: steady on a shared machine
            rec = {
                "key": key,
                "scene": plan.scene,
                "setting": s["name"],
                "image": str(image),
                "seconds": best,
                "cpu_seconds": cpu,
            }
            if k == 0:
                ids, _ = read_passes(scratch / f"pass_{frame + 1:04d}.exr")
                ids_path = out_dir / f"{key}_ids.npy"
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
