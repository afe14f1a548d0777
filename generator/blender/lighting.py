"""World (uniform colour or horizon-to-zenith sky gradient), lights (flickering tubes, camera-mounted
flashlight) and exposure of a plan."""

from __future__ import annotations

import bpy
import numpy as np

from generator.blender.materials import hdri_path
from generator.plan.model import ClipPlan
from generator.plan.places.light import HDRI_CLAMP, flicker_factors


def build_world(plan: ClipPlan, scene: bpy.types.Scene) -> bpy.types.World:
    """The world background: uniform, or a gradient from horizon colour to zenith colour by view height."""
    world = bpy.data.worlds.new("world")
    world.use_nodes = True
    nt = world.node_tree
    bg = nt.nodes["Background"]
    bg.inputs["Color"].default_value = (*plan.world_color, 1.0)
    bg.inputs["Strength"].default_value = plan.world_strength
    if plan.world_zenith is not None and not plan.world_hdri:
        coord = nt.nodes.new("ShaderNodeTexCoord")
        sep = nt.nodes.new("ShaderNodeSeparateXYZ")
        nt.links.new(coord.outputs["Generated"], sep.inputs["Vector"])
        ramp = nt.nodes.new("ShaderNodeMapRange")
        nt.links.new(sep.outputs["Z"], ramp.inputs["Value"])
        ramp.inputs["From Min"].default_value = -0.05
        ramp.inputs["From Max"].default_value = 0.6
        mix = nt.nodes.new("ShaderNodeMix")
        mix.data_type = "RGBA"
        nt.links.new(ramp.outputs["Result"], mix.inputs[0])
        mix.inputs[6].default_value = (*plan.world_color, 1.0)
        mix.inputs[7].default_value = (*plan.world_zenith, 1.0)
        nt.links.new(mix.outputs[2], bg.inputs["Color"])
    if plan.world_hdri:
        _hdri(nt, bg, plan.world_hdri, plan.world_hdri_rotation)
        # Cycles' automatic light map of a sky photograph costs about 2.5 CPU s more per render than a 512
        # map, which samples the (sun-clamped) sky as well: the same pixels within 0.01 grey levels on average
        if plan.render.sky_map_resolution > 0:
            world.cycles.sampling_method = "MANUAL"
            world.cycles.sample_map_resolution = plan.render.sky_map_resolution
    scene.world = world
    scene.view_settings.exposure = plan.exposure
    return world


def _hdri(nt, bg, name: str, rotation: float) -> None:
    """Light the world with Blender's bundled sky photograph ``name``, turned and with its sun clamped."""
    path = hdri_path(name)
    coord = nt.nodes.new("ShaderNodeTexCoord")
    mapping = nt.nodes.new("ShaderNodeMapping")
    mapping.inputs["Rotation"].default_value = (0.0, 0.0, rotation)
    env = nt.nodes.new("ShaderNodeTexEnvironment")
    env.image = bpy.data.images.load(path, check_existing=True)
    clamp = nt.nodes.new("ShaderNodeMapRange")
    clamp.data_type = "FLOAT_VECTOR"
    clamp.clamp = True
    sockets = {s.identifier: s for s in clamp.inputs}
    sockets["To_Max_FLOAT3"].default_value = (HDRI_CLAMP,) * 3
    sockets["From_Max_FLOAT3"].default_value = (HDRI_CLAMP,) * 3
    nt.links.new(coord.outputs["Generated"], mapping.inputs["Vector"])
    nt.links.new(mapping.outputs["Vector"], env.inputs["Vector"])
    nt.links.new(env.outputs["Color"], sockets["Vector"])
    nt.links.new(clamp.outputs["Vector"], bg.inputs["Color"])


def build_lights(plan: ClipPlan, scene: bpy.types.Scene, camera: bpy.types.Object) -> None:
    """Create the plan's lights; camera-attached ones follow the camera, flickering ones are keyframed."""
    for i, spec in enumerate(plan.lights):
        data = bpy.data.lights.new(f"light{i}", spec.kind.upper())
        data.energy = spec.power_w
        data.color = spec.color
        if spec.kind == "area":
            data.size = spec.size
        elif spec.kind == "spot":
            data.spot_size = float(np.deg2rad(spec.spot_deg))
            data.spot_blend = 0.4
            data.shadow_soft_size = spec.size
        elif spec.kind == "sun":
            data.angle = float(np.deg2rad(spec.size))
        else:
            data.shadow_soft_size = spec.size
        obj = bpy.data.objects.new(f"light{i}", data)
        obj.location, obj.rotation_euler = spec.pos, spec.rot
        if spec.attach == "camera":
            obj.parent = camera
        scene.collection.objects.link(obj)
        if spec.flicker > 0:
            for f, k in enumerate(flicker_factors(spec.flicker, spec.flicker_seed, plan.render.frames)):
                data.energy = float(spec.power_w * k)
                data.keyframe_insert("energy", frame=f + 1)
