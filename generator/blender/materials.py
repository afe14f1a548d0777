"""Principled-BSDF materials from plan Material records."""

from __future__ import annotations

import bpy

from generator.plan.model import Material


def make_material(name: str, m: Material) -> bpy.types.Material:
    """A node material with base colour, roughness, metallic and optional emission of the same colour."""
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes.get("Principled BSDF")
    bsdf.inputs["Base Color"].default_value = (*m.color, 1.0)
    bsdf.inputs["Roughness"].default_value = m.roughness
    bsdf.inputs["Metallic"].default_value = m.metallic
    if m.emission > 0:
        bsdf.inputs["Emission Color"].default_value = (*m.color, 1.0)
        bsdf.inputs["Emission Strength"].default_value = m.emission
    if m.transmission > 0:
        bsdf.inputs["Transmission Weight"].default_value = m.transmission
    mat.diffuse_color = (*m.color, 1.0)
    return mat
