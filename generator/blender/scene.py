"""Build a whole clip scene from a ClipPlan: place, lights, camera rig, held object and hands, animated."""

from __future__ import annotations

from dataclasses import dataclass, field

import bpy

from generator.blender.atmosphere import build_atmosphere
from generator.blender.camera import build_camera, linear_keys
from generator.blender.effects import build_effects
from generator.blender.figurekeys import add_pose_keys
from generator.blender.handkeys import HandKeys, add_hand_keys
from generator.blender.lighting import build_lights, build_world
from generator.blender.meshes import build_model
from generator.plan.model import ClipPlan, Placed


@dataclass
class BuiltScene:
    """Handles the renderer needs: the scene, its camera and the labelled objects by instance id."""

    scene: bpy.types.Scene
    camera: bpy.types.Object
    labelled: dict[int, bpy.types.Object] = field(default_factory=dict)
    hand_keys: dict[int, HandKeys] = field(default_factory=dict)  # shape keys of the hands, by instance id


def _place(obj: bpy.types.Object, placed: Placed, parent: bpy.types.Object | None = None) -> None:
    if parent is not None:
        obj.parent = parent
    obj.location = placed.pos
    obj.rotation_euler = placed.rot


def build_scene(plan: ClipPlan) -> BuiltScene:
    """Create every object of the plan in the current (freshly reset) Blender file."""
    scene = bpy.context.scene
    coll = scene.collection
    build_world(plan, scene)

    for placed in plan.environment:
        _place(build_model(placed.model, coll), placed)

    linear_keys()
    camera = build_camera(plan.camera, coll)
    scene.camera = camera
    build_lights(plan, scene, camera)
    build_atmosphere(plan, scene)

    anchor = bpy.data.objects.new("grip_anchor", None)
    coll.objects.link(anchor)
    anchor.parent = camera
    built = BuiltScene(scene=scene, camera=camera)
    held_obj = None
    for placed in ([plan.held] if plan.held is not None else []) + list(plan.hands):
        obj = build_model(placed.model, coll)
        _place(obj, placed, anchor)
        if placed.model.instance_id:
            built.labelled[placed.model.instance_id] = obj
        if placed is plan.held:
            held_obj = obj
        else:
            # the arms' shadows on the scene would differ between a counterfactual pair's clips outside the
            # labelled pixels: hands and arms cast none (they still shade themselves and hide what is behind)
            obj.visible_shadow = False
            keys = add_hand_keys(obj, placed.model, plan)
            if keys is not None:
                built.hand_keys[placed.model.instance_id] = keys

    for actor in plan.actors:  # figures and targets: labelled, keyframed world poses
        obj = build_model(actor.model, coll)
        built.labelled[actor.model.instance_id] = obj
        add_pose_keys(obj, actor.model, plan.render.fps, plan.render.frames)  # limbs that move per frame
        for f in range(plan.render.frames):
            obj.location, obj.rotation_euler = actor.position[f], actor.rotation[f]
            obj.keyframe_insert("location", frame=f + 1)
            obj.keyframe_insert("rotation_euler", frame=f + 1)

    for f in range(plan.render.frames):
        camera.location = plan.camera.position[f]
        camera.rotation_euler = plan.camera.rotation[f]
        camera.keyframe_insert("location", frame=f + 1)
        camera.keyframe_insert("rotation_euler", frame=f + 1)
        anchor.location = plan.held_track.position[f]
        anchor.rotation_euler = plan.held_track.rotation[f]
        anchor.keyframe_insert("location", frame=f + 1)
        anchor.keyframe_insert("rotation_euler", frame=f + 1)
    scene.frame_start, scene.frame_end = 1, plan.render.frames
    build_effects(plan, coll, camera, anchor, held_obj)
    return built
