"""Shape keys of the rendered hands: the firing hand's index finger on the trigger only in the frames around a shot
(trigger discipline), and each arm turned towards its elbow in the poses the clip passes through (generator/plan/
arms.py). One mesh per hand, keys keyed per frame (no armature, no per-frame mesh rebuild); the labels apply the
same weights to the same arrays (``HandKeys.verts``)."""

from __future__ import annotations

from dataclasses import dataclass

import bpy
import numpy as np

from generator.geometry import euler_to_matrix
from generator.plan import arms as A
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


@dataclass
class HandKeys:
    """A hand model's shape keys: names, per-vertex offsets from the basis and per-frame values."""

    names: list[str]
    deltas: list[np.ndarray]
    values: np.ndarray  # (frames, keys)

    def verts(self, basis: np.ndarray, f: int) -> np.ndarray:
        """The object's local vertices at frame ``f`` (labels project these)."""
        out = basis
        for k, dv in enumerate(self.deltas):
            w = float(self.values[f, k])
            if w > 0:
                out = out + w * dv
        return out


def hand_keys(model: Model, plan: ClipPlan, basis: np.ndarray | None = None) -> HandKeys | None:
    """The keys of a hand model in a clip (None: nothing moves): trigger around shots, arm keys by pose."""
    names, deltas, values = [], [], []
    on = trigger_frames(plan)
    posed = posed_hand_verts(model) if on.any() else None
    arm_d = A.key_deltas(model)
    if posed is None and not arm_d:
        return None
    if basis is None:
        from generator.plan.objects.parts import part_mesh

        basis = np.concatenate([part_mesh(p).verts for p in model.parts])
    if posed is not None:
        n, v = posed
        d = np.zeros_like(basis)
        d[:n] = v - basis[:n]
        names.append("trigger")
        deltas.append(d)
        values.append(on)
    if arm_d:
        info = A.arm_info(model)
        w = A.key_weights(info["poses"], plan.held_track.position, plan.held_track.rotation, info.get("names"))
        for k, d in enumerate(arm_d):
            names.append(f"arm{k + 1}")
            deltas.append(d)
            values.append(w[:, k])
    return HandKeys(names, deltas, np.stack(values, axis=1))


def constant_keys(id_data) -> int:
    """Make every keyframe of an ID's action hold its value until the next one (CONSTANT); the number changed.
    bpy 5.0 actions are layered: the F-curves live in the channelbag of the ID's action slot (Action.fcurves is
    gone), and the keyframe_new_interpolation_type preference does not reach keyframe_insert from Python."""
    ad = id_data.animation_data
    if ad is None or ad.action is None:
        return 0
    n = 0
    for layer in ad.action.layers:
        for strip in layer.strips:
            bag = strip.channelbag(ad.action_slot)
            if bag is None:
                continue
            for curve in bag.fcurves:
                for kp in curve.keyframe_points:
                    kp.interpolation = "CONSTANT"
                    n += 1
    return n


def add_hand_keys(obj: bpy.types.Object, model: Model, plan: ClipPlan) -> HandKeys | None:
    """Give a hand object its shape keys, keyed per frame with constant interpolation (the value of each frame
    is exactly the labels'); None when it has none."""
    keys = hand_keys(model, plan)
    if keys is None:
        return None
    n = len(obj.data.vertices)
    if any(len(d) != n for d in keys.deltas):  # the mesh is not the plan's arrays: no keys (labels agree)
        return None
    base = np.empty(n * 3)
    obj.data.vertices.foreach_get("co", base)
    obj.shape_key_add(name="Basis", from_mix=False)
    for k, name in enumerate(keys.names):
        key = obj.shape_key_add(name=name, from_mix=False)
        key.data.foreach_set("co", (base + keys.deltas[k].ravel()).astype(np.float32))
        vals = keys.values[:, k]
        for f, value in enumerate(vals):
            if f == 0 or value != vals[f - 1]:
                key.value = float(value)
                key.keyframe_insert("value", frame=f + 1)
    constant_keys(obj.data.shape_keys)
    return keys
