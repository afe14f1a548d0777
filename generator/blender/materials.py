"""Principled-BSDF materials from plan Material records, with textures baked into small images.

Surface patterns (see generator/plan/places/textures.py) are drawn once per material with numpy into a
tileable albedo+roughness image and a normal map, mapped with the mesh's box-projected ``box`` UVs (metres).
``POVGEN_MATERIALS`` selects the shading for benchmarks: ``baked`` (default), ``nodes`` (the earlier
procedural node trees below) or ``plain`` (flat colours).

Node patterns (``Material.pattern``): brick, tiles, wood, carpet, fabric, concrete, plaster, asphalt, metal, grass,
foliage, bark, dirt, polymer (noise, wave and brick textures in object space, ``scale`` features per metre), glass
(transmission), and image patterns drawn from the material's seed: poster, target and screen (an emissive game
frame). Wear blends a darker, rougher dirt layer in at large scale.
"""

from __future__ import annotations

import os

import bpy
import numpy as np

from generator.errors import PovgenError
from generator.plan.model import Material
from generator.plan.places.pictures import game_frame, poster_image, target_image
from generator.plan.places.textures import BUMP, TEXTURED, TILE_M, maps, normal_map

BOX_UV = "box"  # UV layer with box projection in metres (see uvs.metre_uvs)

IMAGE_PATTERNS = {"poster", "target", "screen"}
# pattern: (texture, bump strength, roughness spread)
_NOISY = {
    "concrete": ("noise", 0.15, 0.15),
    "plaster": ("noise", 0.05, 0.1),
    "asphalt": ("voronoi", 0.3, 0.2),
    "carpet": ("noise", 0.3, 0.05),
    "fabric": ("noise", 0.2, 0.05),
    "metal": ("noise", 0.02, 0.3),
    "grass": ("voronoi", 0.4, 0.1),
    "foliage": ("voronoi", 0.5, 0.1),
    "bark": ("wave", 0.5, 0.1),
    "dirt": ("noise", 0.3, 0.1),
    "wood": ("wave", 0.05, 0.15),
    "polymer": ("voronoi", 0.015, 0.12),  # moulded stipple; the roughness spread reads as handling marks
}


def _image(name: str, rgb: np.ndarray) -> bpy.types.Image:
    """A packed-in-memory Blender image from an RGB uint8 array (top row first)."""
    h, w, _ = rgb.shape
    img = bpy.data.images.new(name, w, h, alpha=False)
    img.colorspace_settings.name = "sRGB"  # before the pixels: changing it reloads the buffer
    rgba = np.ones((h, w, 4), np.float32)
    rgba[..., :3] = rgb[::-1].astype(np.float32) / 255.0
    img.pixels.foreach_set(rgba.ravel())
    img.pack()  # Cycles reads packed pixels; unpacked generated images render as their generated fill
    return img


def _picture(m: Material) -> np.ndarray:
    if m.pattern == "screen":
        return game_frame(m.seed, subpixels=m.scale > 0.5)
    ink = m.color2 or (0.0, 0.0, 0.0)
    if m.pattern == "target":
        return target_image(m.seed, m.color, ink)
    return poster_image(m.seed, m.text or "NOTICE", m.color, ink)


def _mix(nt, fac, a, b):
    mix = nt.nodes.new("ShaderNodeMix")
    mix.data_type = "RGBA"
    _set(nt, mix.inputs[0], fac)
    _set(nt, mix.inputs[6], a)
    _set(nt, mix.inputs[7], b)
    return mix.outputs[2]


def _set(nt, socket, value) -> None:
    if isinstance(value, bpy.types.NodeSocket):
        nt.links.new(value, socket)
    elif isinstance(value, tuple | list):
        socket.default_value = (*value, 1.0) if len(value) == 3 else value
    else:
        socket.default_value = value


def _texture(nt, kind: str, vec, scale: float):
    """A texture node of ``kind`` on ``vec`` at ``scale``; returns its scalar output."""
    if kind == "wave":
        t = nt.nodes.new("ShaderNodeTexWave")
        t.inputs["Distortion"].default_value = 4.0
        t.inputs["Detail"].default_value = 3.0
        nt.links.new(vec, t.inputs["Vector"])
        t.inputs["Scale"].default_value = scale
        return t.outputs["Factor"]
    if kind == "voronoi":
        t = nt.nodes.new("ShaderNodeTexVoronoi")
        nt.links.new(vec, t.inputs["Vector"])
        t.inputs["Scale"].default_value = scale * 3
        return t.outputs["Distance"]
    t = nt.nodes.new("ShaderNodeTexNoise")
    nt.links.new(vec, t.inputs["Vector"])
    t.inputs["Scale"].default_value = scale
    t.inputs["Detail"].default_value = 4.0
    return t.outputs["Factor"]


def _pattern(nt, m: Material, bsdf) -> None:
    """Wire the pattern of ``m`` into ``bsdf``'s colour, roughness and normal."""
    coord = nt.nodes.new("ShaderNodeTexCoord")
    vec = coord.outputs["Object"]
    c1, c2 = m.color, m.color2 or tuple(c * 0.7 for c in m.color)
    color = None
    if m.pattern in ("brick", "tiles"):
        b = nt.nodes.new("ShaderNodeTexBrick")
        nt.links.new(vec, b.inputs["Vector"])
        b.inputs["Color1"].default_value = (*c1, 1.0)
        b.inputs["Color2"].default_value = (*(c * 0.8 for c in c1), 1.0)
        b.inputs["Mortar"].default_value = (*c2, 1.0)
        b.inputs["Scale"].default_value = m.scale
        if m.pattern == "tiles":
            b.offset = 0.0
            b.inputs["Brick Width"].default_value = 0.5
            b.inputs["Row Height"].default_value = 0.5
            b.inputs["Mortar Size"].default_value = 0.01
        else:
            b.inputs["Brick Width"].default_value = 0.5
            b.inputs["Row Height"].default_value = 0.25
            b.inputs["Mortar Size"].default_value = 0.015
        color = b.outputs["Color"]
        bump_fac = b.outputs["Factor"]
        bump = 0.2
    elif m.pattern in ("skin", "glove"):
        color, bump_fac, bump = _skin_or_glove(nt, m, vec, bsdf)
    elif m.pattern in _NOISY:
        kind, bump, _ = _NOISY[m.pattern]
        fac = _texture(nt, kind, vec, m.scale)
        color = _mix(nt, fac, c1, c2)
        bump_fac = fac
        rough = nt.nodes.new("ShaderNodeMapRange")
        nt.links.new(fac, rough.inputs["Value"])
        spread = _NOISY[m.pattern][2]
        rough.inputs["To Min"].default_value = max(0.0, m.roughness - spread)
        rough.inputs["To Max"].default_value = min(1.0, m.roughness + spread)
        nt.links.new(rough.outputs["Result"], bsdf.inputs["Roughness"])
    else:
        return
    if m.wear > 0:
        dirt = _texture(nt, "noise", vec, 0.4)
        ramp = nt.nodes.new("ShaderNodeMapRange")
        nt.links.new(dirt, ramp.inputs["Value"])
        ramp.inputs["From Min"].default_value = 0.45
        ramp.inputs["From Max"].default_value = 0.75
        ramp.inputs["To Max"].default_value = m.wear
        color = _mix(nt, ramp.outputs["Result"], color, (0.05, 0.04, 0.03))
    nt.links.new(color, bsdf.inputs["Base Color"])
    if bump > 0:
        bn = nt.nodes.new("ShaderNodeBump")
        bn.inputs["Strength"].default_value = bump
        # fine patterns (polymer stipple, machined metal at over 100 features per metre): bumps as deep as a
        # fraction of a feature, else grazing facets mirror the room and dark plastic turns pale
        fine = m.pattern == "polymer" or (m.pattern == "metal" and m.scale > 100)
        bn.inputs["Distance"].default_value = min(0.01, 0.2 / m.scale) if fine else 0.01
        nt.links.new(bump_fac, bn.inputs["Height"])
        nt.links.new(bn.outputs["Normal"], bsdf.inputs["Normal"])


def _skin_or_glove(nt, m: Material, vec, bsdf):
    """Skin: blotchy redness (knuckles, colour noise) from a noise texture, fine pores as bump, and brighter
    reddish grazing edges (Layer Weight) as a cheap stand-in for light scattered under the skin. Glove: fabric
    grain with darker seam bands. Returns (colour socket, bump height socket, bump strength)."""
    c1, c2 = m.color, m.color2 or tuple(c * 0.7 for c in m.color)
    blot = _texture(nt, "noise", vec, m.scale * 0.25)
    ramp = nt.nodes.new("ShaderNodeMapRange")
    nt.links.new(blot, ramp.inputs["Value"])
    ramp.inputs["From Min"].default_value = 0.4
    ramp.inputs["From Max"].default_value = 0.7
    color = _mix(nt, ramp.outputs["Result"], c1, c2)
    fine = _texture(nt, "noise", vec, m.scale * 20.0)
    if m.pattern == "skin":
        edge = nt.nodes.new("ShaderNodeLayerWeight")
        edge.inputs["Blend"].default_value = 0.35
        glow = _mix(nt, edge.outputs["Facing"], color, tuple(min(1.0, x * 1.25) for x in c2))
        bsdf.inputs["Coat Weight"].default_value = 0.08
        bsdf.inputs["Coat Roughness"].default_value = 0.35
        return glow, fine, 0.04
    seams = nt.nodes.new("ShaderNodeTexWave")
    nt.links.new(vec, seams.inputs["Vector"])
    seams.inputs["Scale"].default_value = m.scale * 0.15
    seams.inputs["Distortion"].default_value = 1.0
    band = nt.nodes.new("ShaderNodeMapRange")
    nt.links.new(seams.outputs["Factor"], band.inputs["Value"])
    band.inputs["From Min"].default_value = 0.9
    band.inputs["From Max"].default_value = 1.0
    color = _mix(nt, band.outputs["Result"], color, tuple(x * 0.5 for x in c1))
    return color, fine, 0.25


def _image_pattern(nt, name: str, m: Material, bsdf) -> None:
    """Map the drawn picture onto the part's UVs (see meshes: image parts get planar UVs on their -Y face)."""
    tex = nt.nodes.new("ShaderNodeTexImage")
    tex.image = _image(name, _picture(m))
    tex.interpolation = "Closest" if m.pattern == "screen" else "Linear"
    nt.links.new(tex.outputs["Color"], bsdf.inputs["Base Color"])
    if m.emission > 0:
        nt.links.new(tex.outputs["Color"], bsdf.inputs["Emission Color"])
        bsdf.inputs["Emission Strength"].default_value = m.emission
        bsdf.inputs["Base Color"].default_value = (0.0, 0.0, 0.0, 1.0)
        nt.links.remove(bsdf.inputs["Base Color"].links[0])


def _srgb(x: np.ndarray) -> np.ndarray:
    return np.where(x <= 0.0031308, x * 12.92, 1.055 * np.power(np.maximum(x, 0.0), 1 / 2.4) - 0.055)


def _packed(name: str, rgba: np.ndarray, colorspace: str) -> bpy.types.Image:
    """A packed byte image from float RGBA rows (row 0 = v 0, the bottom row in Blender)."""
    h, w, _ = rgba.shape
    img = bpy.data.images.new(name, w, h, alpha=True)
    img.colorspace_settings.name = colorspace
    img.alpha_mode = "CHANNEL_PACKED"
    img.pixels.foreach_set(np.ascontiguousarray(rgba, np.float32).ravel())
    img.pack()
    return img


def _baked(nt, name: str, m: Material, bsdf) -> None:
    """Albedo+roughness and normal images of ``m`` on the box UVs, scaled to the pattern's tile size."""
    alb, rough, height = maps(m)
    rgba = np.concatenate([_srgb(alb), rough[..., None]], -1)
    uv = nt.nodes.new("ShaderNodeUVMap")
    uv.uv_map = BOX_UV
    mapping = nt.nodes.new("ShaderNodeMapping")
    k = 1.0 / TILE_M[m.pattern]
    mapping.inputs["Scale"].default_value = (k, k, 1.0)
    off = np.random.default_rng(m.seed).random(2)
    mapping.inputs["Location"].default_value = (float(off[0]), float(off[1]), 0.0)
    nt.links.new(uv.outputs["UV"], mapping.inputs["Vector"])
    tex = nt.nodes.new("ShaderNodeTexImage")
    tex.image = _packed(f"{name}.albedo", rgba, "sRGB")
    nt.links.new(mapping.outputs["Vector"], tex.inputs["Vector"])
    nt.links.new(tex.outputs["Color"], bsdf.inputs["Base Color"])
    nt.links.new(tex.outputs["Alpha"], bsdf.inputs["Roughness"])
    strength = BUMP.get(m.pattern, 0.15)
    if strength > 0.05:
        nrm = normal_map(height, 6.0)
        ntex = nt.nodes.new("ShaderNodeTexImage")
        ntex.image = _packed(
            f"{name}.normal", np.concatenate([nrm, np.ones_like(rough)[..., None]], -1), "Non-Color"
        )
        nt.links.new(mapping.outputs["Vector"], ntex.inputs["Vector"])
        nmap = nt.nodes.new("ShaderNodeNormalMap")
        nmap.uv_map = BOX_UV
        nmap.inputs["Strength"].default_value = strength
        nt.links.new(ntex.outputs["Color"], nmap.inputs["Color"])
        nt.links.new(nmap.outputs["Normal"], bsdf.inputs["Normal"])


def hdri_path(name: str) -> str:
    """Path of Blender's bundled sky photograph ``name`` (datafiles/studiolights/world/<name>.exr)."""
    path = os.path.join(bpy.utils.system_resource("DATAFILES"), "studiolights", "world", f"{name}.exr")
    if not os.path.isfile(path):
        raise PovgenError(f"sky photograph {name}: not among Blender's bundled studio lights")
    return path


def _window_view(nt, m: Material, bsdf) -> None:
    """Emit the sky photograph ``m.text`` seen along the view ray: a window onto distant outdoors."""
    geo = nt.nodes.new("ShaderNodeNewGeometry")
    flip = nt.nodes.new("ShaderNodeVectorMath")
    flip.operation = "SCALE"
    flip.inputs["Scale"].default_value = -1.0
    nt.links.new(geo.outputs["Incoming"], flip.inputs[0])
    env = nt.nodes.new("ShaderNodeTexEnvironment")
    env.image = bpy.data.images.load(hdri_path(m.text), check_existing=True)
    nt.links.new(flip.outputs["Vector"], env.inputs["Vector"])
    clamp = nt.nodes.new("ShaderNodeMapRange")
    clamp.data_type = "FLOAT_VECTOR"
    sockets = {s.identifier: s for s in clamp.inputs}
    sockets["To_Max_FLOAT3"].default_value = (3.0,) * 3
    sockets["From_Max_FLOAT3"].default_value = (3.0,) * 3
    nt.links.new(env.outputs["Color"], sockets["Vector"])
    nt.links.new(clamp.outputs["Vector"], bsdf.inputs["Emission Color"])
    bsdf.inputs["Emission Strength"].default_value = m.emission
    bsdf.inputs["Base Color"].default_value = (0.0, 0.0, 0.0, 1.0)


def make_material(name: str, m: Material) -> bpy.types.Material:
    """A node material with base colour, roughness, metallic, optional emission, and an optional pattern."""
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    nt = mat.node_tree
    bsdf = nt.nodes.get("Principled BSDF")
    bsdf.inputs["Base Color"].default_value = (*m.color, 1.0)
    bsdf.inputs["Roughness"].default_value = m.roughness
    bsdf.inputs["Metallic"].default_value = m.metallic
    if m.emission > 0:
        bsdf.inputs["Emission Color"].default_value = (*m.color, 1.0)
        bsdf.inputs["Emission Strength"].default_value = m.emission
    if m.transmission > 0:
        bsdf.inputs["Transmission Weight"].default_value = m.transmission
        bsdf.inputs["IOR"].default_value = 1.45
    mode = os.environ.get("POVGEN_MATERIALS", "baked")
    if m.pattern == "window_view":
        _window_view(nt, m, bsdf)
    elif m.pattern in IMAGE_PATTERNS:
        _image_pattern(nt, name, m, bsdf)
    elif mode == "plain" or not m.pattern:
        pass
    elif mode == "baked" and m.pattern in TEXTURED:
        _baked(nt, name, m, bsdf)
    elif m.pattern:
        _pattern(nt, m, bsdf)
    mat.diffuse_color = (*m.color, 1.0)
    return mat


def planar_uvs(bm, faces, part) -> None:
    """UVs of a box part in its own frame: u along local X, v along local Z (the picture faces local -Y)."""
    from mathutils import Euler, Matrix, Vector

    inv = (Matrix.Translation(Vector(part.pos)) @ Euler(part.rot, "XYZ").to_matrix().to_4x4()).inverted()
    uv = bm.loops.layers.uv.verify()
    sx, _, sz = part.size
    for f in faces:
        for loop in f.loops:
            p = inv @ loop.vert.co
            loop[uv].uv = (p.x / sx + 0.5, p.z / sz + 0.5)
