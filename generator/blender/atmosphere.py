"""Atmosphere: haze or fog as a homogeneous world volume, rain as falling streaks (one joined object) and dust
as floating motes. Everything is one or two objects, cheap to build and to render on a CPU."""

from __future__ import annotations

import bmesh
import bpy
import numpy as np
from mathutils import Matrix

from generator.plan.model import ClipPlan

RAIN_SPEED = 7.0  # m/s


def _volume(coll, center, extent, density: float, color) -> bpy.types.Object:
    """A box of homogeneous absorbing and emitting volume: distance fog that fades every ray towards ``color``
    as 1 - exp(-density * distance), with no light sampling inside the volume (cheap on CPU). A world volume
    would also swallow the sun at infinity, so the fog is a box around the place."""
    mat = bpy.data.materials.new("fog")
    mat.use_nodes = True
    nt = mat.node_tree
    nt.nodes.remove(nt.nodes["Principled BSDF"])
    absorb = nt.nodes.new("ShaderNodeVolumeAbsorption")
    absorb.inputs["Color"].default_value = (0.0, 0.0, 0.0, 1.0)
    absorb.inputs["Density"].default_value = density
    glow = nt.nodes.new("ShaderNodeEmission")
    glow.inputs["Color"].default_value = (*color, 1.0)
    glow.inputs["Strength"].default_value = density
    add = nt.nodes.new("ShaderNodeAddShader")
    nt.links.new(absorb.outputs[0], add.inputs[0])
    nt.links.new(glow.outputs[0], add.inputs[1])
    nt.links.new(add.outputs[0], nt.nodes["Material Output"].inputs["Volume"])
    bm = bmesh.new()
    bmesh.ops.create_cube(bm, size=1.0, matrix=Matrix.Translation(center) @ Matrix.Diagonal((*extent, 1.0)))
    mesh = bpy.data.meshes.new("fog")
    bm.to_mesh(mesh)
    bm.free()
    mesh.materials.append(mat)
    obj = bpy.data.objects.new("fog", mesh)
    coll.objects.link(obj)
    return obj


def _particles(name: str, pts: np.ndarray, size, material: bpy.types.Material, coll) -> bpy.types.Object:
    """Small boxes at ``pts`` joined into one mesh object (built with numpy: thousands in milliseconds)."""
    corners = (np.array(list(np.ndindex(2, 2, 2)), dtype=float) - 0.5) * np.asarray(size)
    quads = np.array([[0, 1, 3, 2], [4, 6, 7, 5], [0, 4, 5, 1], [2, 3, 7, 6], [0, 2, 6, 4], [1, 5, 7, 3]])
    verts = (pts[:, None, :] + corners[None]).reshape(-1, 3)
    faces = (quads[None] + 8 * np.arange(len(pts))[:, None, None]).reshape(-1, 4)
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata(verts.tolist(), [], faces.tolist())
    mesh.materials.append(material)
    obj = bpy.data.objects.new(name, mesh)
    obj.visible_shadow = False
    coll.objects.link(obj)
    return obj


def _mat(name: str, color, alpha: float, emission: float) -> bpy.types.Material:
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*color, 1.0)
    bsdf.inputs["Alpha"].default_value = alpha
    bsdf.inputs["Roughness"].default_value = 0.2
    if emission > 0:
        bsdf.inputs["Emission Color"].default_value = (*color, 1.0)
        bsdf.inputs["Emission Strength"].default_value = emission
    return mat


def build_atmosphere(plan: ClipPlan, scene: bpy.types.Scene) -> None:
    """Add the plan's fog, rain and dust to the scene (nothing when the weather is clear)."""
    a = plan.atmosphere
    rng = np.random.default_rng(a.seed)
    c, e = np.asarray(a.center), np.asarray(a.extent)
    if a.fog_density > 0:
        outdoor = plan.world_zenith is not None
        fog_e = np.maximum(e, (40.0, 60.0, 14.0)) if outdoor else e + 0.2
        fog_c = c + (0.0, 20.0, 4.0) if outdoor else c
        _volume(scene.collection, fog_c, fog_e, a.fog_density, a.fog_color)
    duration = plan.render.frames / plan.render.fps
    if a.rain_streaks > 0:
        fall = RAIN_SPEED * duration
        lo = c - e / 2
        hi = c + e / 2
        hi = hi + np.array([0, 0, fall])
        pts = rng.uniform(lo, hi, size=(a.rain_streaks, 3))
        pts[:, 2] = np.maximum(pts[:, 2], 0.2)
        obj = _particles(
            "rain", pts, (0.004, 0.004, 0.35), _mat("rain", (0.55, 0.6, 0.65), 1.0, 0.2), scene.collection
        )
        for f in range(plan.render.frames):
            obj.location = (0.0, 0.0, -RAIN_SPEED * f / plan.render.fps)
            obj.keyframe_insert("location", frame=f + 1)
    if a.dust_particles > 0:
        pts = rng.uniform(c - e / 2, c + e / 2, size=(a.dust_particles, 3))
        pts[:, 2] = np.abs(pts[:, 2] - c[2]) + 0.3
        obj = _particles(
            "dust", pts, (0.006, 0.006, 0.006), _mat("dust", (0.9, 0.85, 0.7), 0.8, 0.5), scene.collection
        )
        drift = rng.normal(0, 0.05, size=3)
        for f in range(plan.render.frames):
            obj.location = tuple(float(v) for v in drift * f / plan.render.fps)
            obj.keyframe_insert("location", frame=f + 1)
