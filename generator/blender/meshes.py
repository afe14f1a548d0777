"""Turn a plan Model (parts + materials) into one Blender mesh object."""

from __future__ import annotations

import bmesh
import bpy
import numpy as np
from mathutils import Euler, Matrix, Vector

from generator.blender.materials import IMAGE_PATTERNS, make_material, planar_uvs
from generator.blender.uvs import metre_uvs
from generator.plan.model import Model, Part
from generator.plan.objects.parts import part_mesh

SEGMENTS = 16
SHARP_ANGLE = np.deg2rad(30.0)  # builder parts shade smooth, with edges sharper than this kept crisp


def _part_matrix(p: Part) -> Matrix:
    return Matrix.Translation(Vector(p.pos)) @ Euler(p.rot, "XYZ").to_matrix().to_4x4()


def _add_arrays(bm: bmesh.types.BMesh, p: Part) -> list:
    """Append a builder part's mesh (the same arrays the plan's geometry helpers compute)."""
    mesh = part_mesh(p)
    verts = [bm.verts.new(co) for co in mesh.verts.tolist()]
    for f in mesh.faces.tolist():
        try:
            bm.faces.new([verts[i] for i in f])
        except ValueError:  # a face repeated exactly (degenerate input): skip the duplicate
            pass
    return verts


def box_uvs(bm: bmesh.types.BMesh, faces) -> None:
    """UVs in metres by box projection: each face is projected along its dominant normal axis."""
    uv = bm.loops.layers.uv.verify()
    for f in faces:
        n = f.normal
        axis = max(range(3), key=lambda i: abs(n[i]))
        a, b = [(1, 2), (0, 2), (0, 1)][axis]
        for loop in f.loops:
            co = loop.vert.co
            loop[uv].uv = (co[a], co[b])


def _add_part(bm: bmesh.types.BMesh, p: Part) -> list:
    if p.geom is not None:
        return _add_arrays(bm, p)
    sx, sy, sz = p.size
    scale = Matrix.Diagonal((sx, sy, sz, 1.0))
    return _copy_template(bm, p.shape, _part_matrix(p) @ scale)


_TEMPLATES: dict[str, tuple[list, list]] = {}


def _template(shape: str) -> tuple[list, list]:
    """Unit primitive (vertex coordinates, faces as vertex indices), made once per process."""
    if shape not in _TEMPLATES:
        tmp = bmesh.new()
        if shape == "box":
            bmesh.ops.create_cube(tmp, size=1.0)
        elif shape == "cylinder":
            bmesh.ops.create_cone(tmp, cap_ends=True, segments=SEGMENTS, radius1=0.5, radius2=0.5, depth=1.0)
        else:
            bmesh.ops.create_uvsphere(tmp, u_segments=SEGMENTS, v_segments=8, radius=0.5)
        tmp.verts.index_update()
        _TEMPLATES[shape] = (
            [v.co.copy() for v in tmp.verts],
            [[v.index for v in f.verts] for f in tmp.faces],
        )
        tmp.free()
    return _TEMPLATES[shape]


def _copy_template(bm: bmesh.types.BMesh, shape: str, m: Matrix) -> list:
    """Append a transformed copy of a primitive; bmesh's create_* ops slow down as the target mesh grows."""
    cos, faces = _template(shape)
    verts = [bm.verts.new(m @ co) for co in cos]
    for f in faces:
        bm.faces.new([verts[i] for i in f])
    return verts


def build_model(model: Model, collection: bpy.types.Collection) -> bpy.types.Object:
    """One object per model: parts joined into a mesh, one material slot per plan material (or a user asset)."""
    if model.asset is not None:
        from generator.blender.loader import load_asset

        return load_asset(model, collection)
    names = list(model.materials)
    mesh = bpy.data.meshes.new(model.name)
    bm = bmesh.new()
    builders = False
    for p in model.parts:
        verts = set(_add_part(bm, p))
        slot = names.index(p.material)
        smooth = p.smooth if p.smooth is not None else p.shape != "box"
        faces = {f for v in verts for f in v.link_faces}
        for f in faces:
            f.material_index = slot
            f.smooth = smooth
        if p.geom is not None:
            builders = builders or p.smooth is None  # smooth=True: smooth everywhere, no sharp edges
            box_uvs(bm, faces)
        elif model.materials[p.material].pattern in IMAGE_PATTERNS:
            planar_uvs(bm, faces, p)
    bm.to_mesh(mesh)
    bm.free()
    if builders:
        mesh.set_sharp_from_angle(angle=SHARP_ANGLE)
    metre_uvs(mesh)
    for name in names:
        mesh.materials.append(make_material(f"{model.name}.{name}", model.materials[name]))
    obj = bpy.data.objects.new(model.name, mesh)
    obj.pass_index = model.instance_id
    collection.objects.link(obj)
    return obj


def mesh_arrays(obj: bpy.types.Object) -> tuple[np.ndarray, np.ndarray]:
    """Local vertex coordinates (N,3) and triangle indices (M,3) of a mesh object."""
    mesh = obj.data
    mesh.calc_loop_triangles()
    verts = np.empty(len(mesh.vertices) * 3, dtype=np.float64)
    mesh.vertices.foreach_get("co", verts)
    tris = np.empty(len(mesh.loop_triangles) * 3, dtype=np.int64)
    mesh.loop_triangles.foreach_get("vertices", tris)
    return verts.reshape(-1, 3), tris.reshape(-1, 3)
