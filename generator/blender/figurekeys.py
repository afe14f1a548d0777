"""Figures that move their limbs over the clip: each frame's posed mesh of a mannequin model is a shape key,
fully on in its own frame and off in the others (linear in between, so sub-frames under motion blur or a rolling
shutter blend two neighbouring poses). Blender renders exactly the per-frame arrays of the ``mannequin``
builder in every frame; the labels read the evaluated mesh of each frame (and sub-frame) back."""

from __future__ import annotations

import bpy
import numpy as np

from generator.plan.model import Model
from generator.plan.objects.parts import part_mesh

POSED = "povgen_posed"  # object property: the object's vertices change per frame


def posed_frames(model: Model, fps: float, frames: int) -> list[np.ndarray] | None:
    """Model-frame vertex arrays of every frame (the parts in build order), or None when nothing moves."""
    parts = model.parts
    if not any(p.shape == "mannequin" and (p.geom or {}).get("pose") for p in parts):
        return None
    out = []
    for f in range(frames):
        t = f / float(fps)
        meshes = [
            part_mesh(p.model_copy(update={"geom": {**p.geom, "t": t}}) if p.shape == "mannequin" else p)
            for p in parts
        ]
        out.append(np.concatenate([m.verts for m in meshes]))
    return out


def add_pose_keys(obj: bpy.types.Object, model: Model, fps: float, frames: int) -> int:
    """Key each frame's posed vertices on ``obj`` (frame 0 is the mesh itself); returns the number of keys."""
    posed = posed_frames(model, fps, frames)
    if posed is None or len(posed[0]) != len(obj.data.vertices):
        return 0
    obj.shape_key_add(name="Basis", from_mix=False)
    n = 0
    for f in range(1, frames):
        if np.array_equal(posed[f], posed[f - 1]):
            continue
        key = obj.shape_key_add(name=f"f{f}", from_mix=False)
        key.data.foreach_set("co", posed[f].astype(np.float32).ravel())
        nxt = next((g for g in range(f + 1, frames) if not np.array_equal(posed[g], posed[f])), frames)
        for frame, value in ((f, 0.0), (f + 1, 1.0), (nxt, 1.0), (nxt + 1, 0.0)):
            if 1 <= frame <= frames:
                key.value = value
                key.keyframe_insert("value", frame=frame)
        n += 1
    if n:
        _linear(obj.data.shape_keys.animation_data)
    obj[POSED] = True
    return n


def _linear(ad) -> None:
    """Make every key of the shape keys' action linear (Blender 5 keeps F-curves in the action's channelbags)."""
    for layer in ad.action.layers:
        for strip in layer.strips:
            bag = strip.channelbag(ad.action_slot)
            for fc in bag.fcurves if bag is not None else ():
                for kp in fc.keyframe_points:
                    kp.interpolation = "LINEAR"


def live_verts(obj: bpy.types.Object, verts: np.ndarray) -> np.ndarray:
    """The object's local vertices as rendered in the current (sub)frame: posed figures' evaluated mesh."""
    if not obj.get(POSED):
        return verts
    ev = obj.evaluated_get(bpy.context.evaluated_depsgraph_get())
    mesh = ev.to_mesh()
    try:
        co = np.empty(len(mesh.vertices) * 3, dtype=np.float64)
        mesh.vertices.foreach_get("co", co)
    finally:
        ev.to_mesh_clear()
    return co.reshape(-1, 3)
