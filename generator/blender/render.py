"""Render one ClipPlan: build the scene, then yield each frame's pixels, passes and labelled geometry.

Nothing here writes a clip folder or makes labels: the run layer labels the frames (generator.labels) and writes
them (generator.dataset.ClipWriter). Frames go through a scratch folder (Blender saves images to files) and come
back as arrays.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import bpy
import cv2
import numpy as np

from generator.blender import session
from generator.blender.camera import configure_shutter
from generator.blender.figurekeys import live_verts
from generator.blender.layer import configure_layer
from generator.blender.meshes import mesh_arrays
from generator.blender.passes import add_pass_outputs, read_passes
from generator.blender.scene import build_scene
from generator.blender.shutter import needs_sampling, sample_instances
from generator.labels.make import InstanceGeometry
from generator.plan.model import ClipPlan
from generator.plan.pairs import noise_index

BLENDER_VERSION = bpy.app.version_string


@dataclass
class RenderedFrame:
    """One rendered frame: RGB (or RGBA for transparent layers) uint8, instance ids uint16, depth in metres,
    the camera's world matrix and every labelled instance's world-space geometry."""

    index: int
    image: np.ndarray
    ids: np.ndarray
    depth: np.ndarray
    camera_matrix: np.ndarray
    instances: list[InstanceGeometry]
    render_s: float = 0.0


@dataclass
class Render:
    """A built scene ready to render: the device it renders on, build time, and its frames (an iterator)."""

    plan: ClipPlan
    device: str
    timings: dict[str, float] = field(default_factory=dict)
    _built: object = None
    _scratch: Path | None = None

    def frames(self) -> Iterator[RenderedFrame]:
        """Render the plan's frames in order (each one once)."""
        plan, built, scratch = self.plan, self._built, self._scratch
        placed = ([plan.held] if plan.held is not None else []) + list(plan.hands)
        category = {p.model.instance_id: p.model.category for p in [*placed, *plan.actors]}
        geo = {iid: (obj, *mesh_arrays(obj)) for iid, obj in built.labelled.items()}
        keyed = built.hand_keys
        muzzle_local = None
        if plan.held is not None and "muzzle" in plan.held.model.points:
            muzzle_local = np.asarray(plan.held.model.points["muzzle"], dtype=float)[None]
        held_id = plan.held.model.instance_id if plan.held is not None else -1
        unchanged = cv2.IMREAD_UNCHANGED
        for f in range(plan.render.frames):
            built.scene.frame_set(f + 1)
            image_path = scratch / f"frame_{f + 1:04d}.png"
            built.scene.render.filepath = str(image_path)
            ta, ca = time.perf_counter(), time.process_time()
            session.render_frame(built.scene, plan.render)
            render_s = time.perf_counter() - ta
            self.timings["render"] = self.timings.get("render", 0.0) + render_s
            # CPU seconds of all render threads: the cost of a frame even when other work shares the machine
            self.timings["render_cpu"] = self.timings.get("render_cpu", 0.0) + time.process_time() - ca
            ids, depth = read_passes(scratch / f"pass_{f + 1:04d}.exr")
            cam_m = np.array(built.camera.matrix_world)
            sampled = {}
            if needs_sampling(plan):
                mz = (held_id, muzzle_local) if muzzle_local is not None else None
                geo_f = {i: (o, keyed[i].verts(v, f) if i in keyed else v, t) for i, (o, v, t) in geo.items()}
                sampled = sample_instances(built.scene, built.camera, geo_f, plan, f, mz)
            instances = []
            for iid, (obj, verts, tris) in geo.items():
                verts = live_verts(obj, verts)  # posed figures: this frame's mesh
                mw = np.array(obj.matrix_world)
                muzzle = None
                if muzzle_local is not None and iid == held_id:
                    muzzle = (muzzle_local @ mw[:3, :3].T + mw[:3, 3])[0]
                if iid in keyed:  # the hands' shape keys: trigger finger around shots, arms by pose
                    verts = keyed[iid].verts(verts, f)
                inst = InstanceGeometry(iid, category[iid], verts @ mw[:3, :3].T + mw[:3, 3], tris, muzzle)
                if iid in sampled:
                    inst.projected, inst.extent, inst.muzzle_xy = sampled[iid]
                instances.append(inst)
            img = cv2.imread(str(image_path), unchanged)
            image_path.unlink()
            img = cv2.cvtColor(img, cv2.COLOR_BGRA2RGBA if img.shape[2] == 4 else cv2.COLOR_BGR2RGB)
            yield RenderedFrame(f, img, ids, depth, cam_m, instances, render_s)


def open_render(plan: ClipPlan, threads: int = 0, root: Path | None = None) -> Render:
    """Build ``plan``'s scene (``root``: the dataset folder a composite layer's world image lies in)."""
    t0 = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="povgen-", dir=_scratch_base()))
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
            configure_layer(built.scene, plan, Path(root) if root is not None else Path.cwd())
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return Render(plan, device, {"build": time.perf_counter() - t0, "render": 0.0}, built, scratch)


def close_render(r: Render) -> None:
    """Remove the render's scratch files."""
    if r._scratch is not None:
        shutil.rmtree(r._scratch, ignore_errors=True)


def render_plan(plan: ClipPlan, threads: int = 0, root: Path | None = None) -> tuple[Render, list[RenderedFrame]]:
    """Render every frame of ``plan`` into memory (small clips, tests); long clips iterate ``open_render``."""
    r = open_render(plan, threads, root)
    try:
        return r, list(r.frames())
    finally:
        close_render(r)


def _scratch_base() -> Path:
    return Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
