"""Shot effects at the muzzle: an emissive flash of random shape, a light burst, smoke and an ejected casing.

None of them is labelled: their pass_index is 0, so masks hold only labelled ids (a flash in front of the weapon
hides those weapon pixels from its mask). Frames with a flash are flagged ``muzzle_flash`` in the labels.
"""

from __future__ import annotations

import bpy
import numpy as np

from generator.blender.meshes import build_model
from generator.plan.model import ClipPlan, Material, Model, Part, ShotEffect

SMOKE_FRAMES = 5
CASING_S = 0.35
GRAVITY = 9.81


def _visible_only(obj: bpy.types.Object, frames: set[int], total: int) -> None:
    """Key hide_render so the object renders only on plan frames ``frames`` (0-based)."""
    for f in range(total):
        obj.hide_render = f not in frames
        obj.keyframe_insert("hide_render", frame=f + 1)


def flash_model(eff: ShotEffect, i: int) -> Model:
    """Petals of glowing gas along the muzzle axis (model +Y), each tilted outwards, in a random star."""
    mats = {"flash": Material(color=eff.flash_color, emission=eff.flash_strength, roughness=1.0)}
    parts = [
        Part(
            shape="sphere",
            size=(eff.flash_width_m,) * 3,
            pos=(0.0, eff.flash_width_m * 0.3, 0.0),
            material="flash",
        )
    ]
    for k in range(eff.flash_petals):
        a = eff.flash_twist + 2 * np.pi * k / eff.flash_petals
        tilt = 0.5
        size = (eff.flash_width_m * 0.35, eff.flash_length_m, eff.flash_width_m * 0.35)
        pos = (
            float(np.sin(a) * np.sin(tilt) * eff.flash_length_m * 0.45),
            float(np.cos(tilt) * eff.flash_length_m * 0.5),
            float(np.cos(a) * np.sin(tilt) * eff.flash_length_m * 0.45),
        )
        rot = (float(np.cos(a) * tilt), 0.0, float(-np.sin(a) * tilt))
        parts.append(Part(shape="sphere", size=size, pos=pos, rot=rot, material="flash"))
    core = (eff.flash_width_m * 0.5, eff.flash_length_m * 1.3, eff.flash_width_m * 0.5)
    parts.append(Part(shape="sphere", size=core, pos=(0.0, eff.flash_length_m * 0.55, 0.0), material="flash"))
    return Model(name=f"muzzle_flash{i}", parts=parts, materials=mats)


def _soft_smoke(mat) -> None:
    """Thin smoke without a bubble rim: no highlights, and opacity that fades to zero at the silhouette."""
    nt = mat.node_tree
    bsdf = nt.nodes.get("Principled BSDF")
    bsdf.inputs["Specular IOR Level"].default_value = 0.0
    facing = nt.nodes.new("ShaderNodeLayerWeight")
    fade = nt.nodes.new("ShaderNodeMath")
    fade.operation = "MULTIPLY_ADD"  # 0.2 - 0.2 * facing
    fade.inputs[1].default_value = -0.2
    fade.inputs[2].default_value = 0.2
    nt.links.new(facing.outputs["Facing"], fade.inputs[0])
    nt.links.new(fade.outputs[0], bsdf.inputs["Alpha"])


def _smoke(eff: ShotEffect, i: int, coll, held, muzzle, total: int) -> None:
    m = Model(
        name=f"smoke{i}",
        parts=[Part(shape="sphere", size=(eff.smoke_size_m,) * 3, material="smoke")],
        materials={"smoke": Material(color=(0.55, 0.55, 0.55), roughness=1.0)},
    )
    obj = build_model(m, coll)
    _soft_smoke(obj.data.materials[0])
    obj.parent = held
    frames = set(range(eff.frame + 1, min(eff.frame + 1 + SMOKE_FRAMES, total)))
    for k, f in enumerate(sorted(frames)):
        obj.location = (muzzle[0], muzzle[1] + 0.03 * (k + 1), muzzle[2] + 0.01 * (k + 1))
        obj.scale = (1.0 + 0.3 * k,) * 3
        obj.keyframe_insert("location", frame=f + 1)
        obj.keyframe_insert("scale", frame=f + 1)
    _visible_only(obj, frames, total)


def _casing(eff: ShotEffect, i: int, coll, camera, anchor, held_port_anchor, fps: float, total: int) -> None:
    m = Model(
        name=f"casing{i}",
        parts=[Part(shape="cylinder", size=(0.01, 0.01, 0.02), rot=(0.0, np.pi / 2, 0.0), material="brass")],
        materials={"brass": Material(color=(0.8, 0.55, 0.2), metallic=1.0, roughness=0.3)},
    )
    obj = build_model(m, coll)
    obj.parent = camera
    frames = set()
    v = np.array(eff.casing_velocity)
    for f in range(eff.frame + 1, total):
        tau = (f - eff.frame) / fps
        if tau > CASING_S:
            break
        p = np.asarray(held_port_anchor) + v * tau + np.array([0.0, -0.5 * GRAVITY * tau**2, 0.0])
        obj.location = tuple(float(x) for x in p)
        obj.rotation_euler = (tau * 40.0, tau * 25.0, 0.0)
        obj.keyframe_insert("location", frame=f + 1)
        obj.keyframe_insert("rotation_euler", frame=f + 1)
        frames.add(f)
    _visible_only(obj, frames, total)


def build_effects(plan: ClipPlan, coll, camera, anchor, held) -> None:
    """Create and animate every shot's flash, light burst, smoke and casing (plans without shots: nothing)."""
    if held is None or not plan.timeline.shots or plan.held is None:
        return
    points = plan.held.model.points
    if "muzzle" not in points:
        return
    muzzle = np.asarray(points["muzzle"], dtype=float)
    total, fps = plan.render.frames, plan.render.fps
    for i, eff in enumerate(plan.timeline.shots):
        flash = build_model(flash_model(eff, i), coll)
        flash.parent = held
        flash.location = tuple(muzzle)
        flash.rotation_euler = (0.0, eff.flash_twist, 0.0)
        lit = set(range(eff.frame, min(eff.frame + eff.flash_frames, total)))
        _visible_only(flash, lit, total)
        light = bpy.data.lights.new(f"flash_light{i}", "POINT")
        light.color = eff.flash_color
        light.shadow_soft_size = 0.02
        lamp = bpy.data.objects.new(f"flash_light{i}", light)
        coll.objects.link(lamp)
        lamp.parent = held
        lamp.location = tuple(muzzle + np.array([0.0, 0.04, 0.0]))
        for f in range(total):
            light.energy = eff.light_power_w if f in lit else 0.0
            light.keyframe_insert("energy", frame=f + 1)
        if eff.smoke:
            _smoke(eff, i, coll, held, muzzle + np.array([0.0, 0.02, 0.0]), total)
        if eff.casing:
            port = np.array([0.015, muzzle[1] * 0.35, muzzle[2] + 0.01])
            pa = _port_in_camera(plan, eff.frame, held, camera, port)
            _casing(eff, i, coll, camera, anchor, pa, fps, total)


def _port_in_camera(plan: ClipPlan, frame: int, held, camera, port: np.ndarray) -> np.ndarray:
    """The ejection port's position in the camera frame at ``frame``."""
    bpy.context.scene.frame_set(frame + 1)
    cam = np.array(camera.matrix_world)
    mw = np.array(held.matrix_world)
    world = mw[:3, :3] @ port + mw[:3, 3]
    inv = np.linalg.inv(cam)
    return inv[:3, :3] @ world + inv[:3, 3]
