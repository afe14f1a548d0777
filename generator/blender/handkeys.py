"""Trigger discipline on the rendered firing hand: the index finger lies straight along the frame and moves onto
the trigger only in the frames around a shot. One mesh per hand, the finger's second pose as a shape key keyed
per frame (no armature, no per-frame mesh rebuild: the render cost stays that of a static mesh)."""

from __future__ import annotations

import bpy
import numpy as np

from generator.geometry import euler_to_matrix
from generator.plan.model import ClipPlan, Model
from generator.shapes import hand as H

BEFORE, AFTER = 3, 2  # frames on the trigger before and after each shot


def trigger_frames(plan: ClipPlan) -> np.ndarray:
    """Per frame: 1.0 where the finger is on the trigger (around each shot), else 0.0."""
    on = np.zeros(plan.render.frames)
    for e in plan.timeline.events:
        if e.type == "shot":
            on[max(0, e.frame - BEFORE) : e.frame + AFTER + 1] = 1.0
    return on


def posed_hand_verts(model: Model) -> tuple[int, np.ndarray] | None:
    """(vertex count, model-frame vertices) of the hand part with its index finger on the trigger; None when
    the model has no trigger pose. The hand is the model's first part, so its vertices come first."""
    part = model.parts[0] if model.parts else None
    if part is None or part.shape != "hand" or not (part.geom or {}).get("trigger_pose"):
        return None
    g = part.geom
    v, _ = H.hand_mesh_arrays(g["length"], g["breadth"], g["pose"], side=g["side"], forearm=g["forearm"])
    new_pose = {k: list(a) for k, a in g["pose"].items()} | {"index": list(g["trigger_pose"]["index"])}
    v2 = H.repose_digit(v, g["length"], g["breadth"], g["pose"], new_pose, side=g["side"])
    return len(v), (v2 * np.asarray(part.size)) @ euler_to_matrix(part.rot).T + np.asarray(part.pos)


def add_trigger_key(obj: bpy.types.Object, model: Model, plan: ClipPlan) -> bool:
    """Give a firing hand the shape key 'trigger' keyed on around each shot; False when there is nothing to do."""
    on = trigger_frames(plan)
    posed = posed_hand_verts(model) if on.any() else None
    if posed is None:
        return False
    n, verts = posed
    obj.shape_key_add(name="Basis", from_mix=False)
    key = obj.shape_key_add(name="trigger", from_mix=False)
    co = np.empty(len(key.data) * 3)
    key.data.foreach_get("co", co)
    co = co.reshape(-1, 3)
    co[:n] = verts
    key.data.foreach_set("co", co.ravel())
    for f, value in enumerate(on):
        if f == 0 or value != on[f - 1]:
            key.value = float(value)
            key.keyframe_insert("value", frame=f + 1)
    fc = obj.data.shape_keys.animation_data.action.fcurves if obj.data.shape_keys.animation_data else []
    for curve in fc:
        for kp in curve.keyframe_points:
            kp.interpolation = "CONSTANT"
    return True


def keyed_verts(model: Model, verts: np.ndarray, value: float) -> np.ndarray:
    """The object's local vertices in a frame where the trigger key has ``value`` (labels project these)."""
    if value <= 0:
        return verts
    posed = posed_hand_verts(model)
    if posed is None:
        return verts
    n, v = posed
    out = verts.copy()
    out[:n] += value * (v - verts[:n])
    return out
