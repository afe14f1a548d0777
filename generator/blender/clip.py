"""Render one ClipPlan into a finished clip folder: frames, passes, labels, video; atomic by rename."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import bpy
import cv2
import numpy as np

from generator.blender import session
from generator.blender.camera import configure_shutter
from generator.blender.handkeys import keyed_verts, trigger_frames
from generator.blender.layer import configure_layer
from generator.blender.meshes import mesh_arrays
from generator.blender.passes import add_pass_outputs, read_passes
from generator.blender.scene import build_scene
from generator.blender.shutter import needs_sampling, sample_instances
from generator.dataset.layout import TMP_PREFIX, clip_dir, frame_name
from generator.dataset.manifest import manifest_record
from generator.dataset.video import encode_mp4
from generator.labels.make import (
    InstanceGeometry,
    camera_state,
    clip_labels,
    frame_annotations,
    motion_state,
    motion_state_name,
    muzzle_flash_at,
)
from generator.labels.schema import FrameLabels
from generator.plan import save_plan
from generator.plan.model import ClipPlan
from generator.plan.pairs import noise_index

BLENDER_VERSION = bpy.app.version_string


def _scratch_dir() -> Path:
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
    return Path(tempfile.mkdtemp(prefix="povgen-", dir=base))


def render_clip(plan: ClipPlan, root: Path, threads: int = 0) -> dict:
    """Render ``plan`` into ``root/clips/<id>`` and return its manifest record with timings."""
    t0 = time.perf_counter()
    timings = {"build": 0.0, "render": 0.0, "labels": 0.0, "encode": 0.0, "write": 0.0}
    root = Path(root)
    final = clip_dir(root, plan.clip_id)
    tmp = final.parent / f"{TMP_PREFIX}{plan.clip_id}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "frames").mkdir(parents=True)
    (tmp / "masks").mkdir()
    if plan.render.save_depth:
        (tmp / "depth").mkdir()
    scratch = _scratch_dir()
    try:
        session.reset()
        built = build_scene(plan)
        device = session.configure(
            built.scene,
            plan.render,
            seed=plan.dataset_seed * 100003 + noise_index(plan.index, plan.pair_index),
            threads=threads,
        )
        configure_shutter(built.scene, plan.camera)
        add_pass_outputs(built.scene, scratch)
        if plan.render.transparent:
            configure_layer(built.scene, plan, root)
        placed = ([plan.held] if plan.held is not None else []) + list(plan.hands)
        category = {p.model.instance_id: p.model.category for p in [*placed, *plan.actors]}
        geo = {}
        for iid, obj in built.labelled.items():
            geo[iid] = (obj, *mesh_arrays(obj))
        keyed = {h.model.instance_id: h.model for h in plan.hands if h.model.name == "hand_right"}
        on_trigger = trigger_frames(plan)
        muzzle_local = None
        if plan.held is not None and "muzzle" in plan.held.model.points:
            muzzle_local = np.asarray(plan.held.model.points["muzzle"], dtype=float)[None]
        intr = plan.camera.intrinsics.model_dump()
        lens = plan.camera.lens.model_dump()
        t1 = time.perf_counter()
        timings["build"] = t1 - t0

        frames: list[FrameLabels] = []
        rgb_frames: list[np.ndarray] = []
        for f in range(plan.render.frames):
            built.scene.frame_set(f + 1)
            image_path = tmp / "frames" / frame_name(f)
            built.scene.render.filepath = str(image_path)
            ta = time.perf_counter()
            session.render_frame(built.scene, plan.render)
            tb = time.perf_counter()
            timings["render"] += tb - ta
            ids, depth = read_passes(scratch / f"pass_{f + 1:04d}.exr")
            cam_m = np.array(built.camera.matrix_world)
            sampled = {}
            if needs_sampling(plan):
                held_id = plan.held.model.instance_id if plan.held is not None else -1
                mz = (held_id, muzzle_local) if muzzle_local is not None else None
                sampled = sample_instances(built.scene, built.camera, geo, plan, f, mz)
            instances = []
            for iid, (obj, verts, tris) in geo.items():
                mw = np.array(obj.matrix_world)
                muzzle = None
                if muzzle_local is not None and plan.held is not None and iid == plan.held.model.instance_id:
                    muzzle = (muzzle_local @ mw[:3, :3].T + mw[:3, 3])[0]
                if iid in keyed:  # the firing hand's index finger on the trigger around shots
                    verts = keyed_verts(keyed[iid], verts, float(on_trigger[f]))
                inst = InstanceGeometry(iid, category[iid], verts @ mw[:3, :3].T + mw[:3, 3], tris, muzzle)
                if iid in sampled:
                    inst.projected, inst.extent, inst.muzzle_xy = sampled[iid]
                instances.append(inst)
            annotations = frame_annotations(ids, instances, cam_m, intr, lens)
            tc = time.perf_counter()
            timings["labels"] += tc - tb
            cv2.imwrite(str(tmp / "masks" / frame_name(f)), ids)
            depth_name = None
            if plan.render.save_depth:
                depth_name = f"depth/{frame_name(f)}"
                mm = np.clip(np.nan_to_num(depth * 1000.0, posinf=65535), 0, 65535).astype(np.uint16)
                cv2.imwrite(str(tmp / depth_name), mm)
            rgb_frames.append(cv2.cvtColor(cv2.imread(str(image_path), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB))
            frames.append(
                FrameLabels(
                    index=f,
                    time_s=round(f / plan.render.fps, 6),
                    image=f"frames/{frame_name(f)}" if plan.render.save_frames else None,
                    mask=f"masks/{frame_name(f)}",
                    depth=depth_name,
                    camera=camera_state(plan, f),
                    motion=motion_state(plan, f),
                    annotations=annotations,
                    motion_state=motion_state_name(plan, f),
                    muzzle_flash=muzzle_flash_at(plan, f),
                )
            )
            timings["write"] += time.perf_counter() - tc

        td = time.perf_counter()
        encode_mp4(rgb_frames, tmp / "video.mp4", plan.render.fps, crf=plan.render.video_crf)
        te = time.perf_counter()
        timings["encode"] = te - td
        if not plan.render.save_frames:
            shutil.rmtree(tmp / "frames")
        save_plan(plan, tmp / "plan.json")
        timings["total"] = time.perf_counter() - t0
        labels = clip_labels(plan, frames, timings)
        (tmp / "labels.json").write_text(labels.model_dump_json(indent=1) + "\n", encoding="utf-8")
        if plan.augment is not None:  # a recipe from the scene's augment: section (issue 7)
            from generator.augment.render_hook import augment_rendered

            labels = labels.model_validate(augment_rendered(tmp, plan.augment))
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
        record = manifest_record(json.loads(labels.model_dump_json()))
        record["timings"] = labels.timings
        record["device"] = device
        return record
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
