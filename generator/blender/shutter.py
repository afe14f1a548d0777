"""Labels under a rolling shutter or motion blur: sample sub-frame poses, solve each vertex's row time."""

from __future__ import annotations

import bpy
import numpy as np

from generator.blender.figurekeys import live_verts
from generator.labels.projection import project, world_to_camera
from generator.labels.rolling import shutter_points
from generator.plan.model import ClipPlan

SAMPLES = 9


def shutter_span(plan: ClipPlan) -> tuple[float, float]:
    """(S, duty): the whole shutter in frames (readout + exposure) and the exposure's share of it."""
    readout = plan.camera.rolling_shutter_s * plan.render.fps
    total = plan.camera.shutter + readout
    return total, (plan.camera.shutter / total if total > 0 else 1.0)


def needs_sampling(plan: ClipPlan) -> bool:
    """Whether frame poses alone do not describe what a frame shows."""
    return plan.camera.shutter > 0 or plan.camera.rolling_shutter_s > 0


def _at(scene: bpy.types.Scene, frame: int, offset: float) -> None:
    whole = int(np.floor(frame + offset))
    scene.frame_set(whole, subframe=float(frame + offset - whole))


def sample_instances(
    scene: bpy.types.Scene,
    camera: bpy.types.Object,
    geo: dict,
    plan: ClipPlan,
    f: int,
    muzzle: tuple[int, np.ndarray] | None,
) -> dict[int, tuple]:
    """Per instance id: ((xy, depth) at mid-exposure, exposure extent points, muzzle xy or None)."""
    total, duty = shutter_span(plan)
    taus = np.linspace(-total / 2, total / 2, SAMPLES)
    intr, lens = plan.camera.intrinsics.model_dump(), plan.camera.lens.model_dump()
    h = plan.render.height
    xy = {iid: [] for iid in geo}
    depth = {iid: [] for iid in geo}
    mxy, mdepth = [], []
    for tau in taus:
        _at(scene, f + 1, float(tau))
        cam = np.array(camera.matrix_world)
        for iid, (obj, verts, _tris) in geo.items():
            mw = np.array(obj.matrix_world)
            v = live_verts(obj, verts)  # posed figures: the sub-frame's mesh
            p, d = project(world_to_camera(v @ mw[:3, :3].T + mw[:3, 3], cam), intr, lens)
            xy[iid].append(p)
            depth[iid].append(d)
            if muzzle is not None and iid == muzzle[0]:
                q, e = project(world_to_camera(muzzle[1] @ mw[:3, :3].T + mw[:3, 3], cam), intr, lens)
                mxy.append(q)
                mdepth.append(e)
    scene.frame_set(f + 1)
    out = {}
    for iid in geo:
        p, d = np.stack(xy[iid]), np.stack(depth[iid])
        ok = np.isfinite(p).all(axis=2) & (d > 1e-3)
        mid, mid_ok, extent = shutter_points(taus, np.nan_to_num(p), ok, h, total, duty)
        dep = np.where(mid_ok, d[SAMPLES // 2], -1.0)
        m = None
        if muzzle is not None and iid == muzzle[0]:
            q, e = np.stack(mxy), np.stack(mdepth)
            mq, mok, _ = shutter_points(taus, np.nan_to_num(q), e > 1e-3, h, total, duty, steps=1)
            m = mq[0] if mok[0] else None
        out[iid] = ((np.nan_to_num(mid), dep), extent, m)
    return out
