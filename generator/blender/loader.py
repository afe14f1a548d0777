"""Load a user's asset file (glTF/GLB, OBJ, FBX, .blend) as one mesh object in the model frame.

The file's meshes are joined into one object (keeping their materials), scaled, moved so the grip point is the
origin and turned onto the model frame (+Y forward, +Z up). .blend files are appended with script
auto-execution off, so a file's scripts never run. A file that cannot be read raises a one-line PovgenError,
which fails that clip only.
"""

from __future__ import annotations

from pathlib import Path

import bmesh
import bpy
from mathutils import Euler, Matrix, Vector

from generator.errors import PovgenError
from generator.plan.model import AssetRef, Model


def _import(ref: AssetRef) -> list[bpy.types.Object]:
    """Objects created by importing ``ref`` into the current file."""
    path = str(Path(ref.path))
    before = set(bpy.data.objects)
    if ref.format == "blend":
        bpy.context.preferences.filepaths.use_scripts_auto_execute = False
        with bpy.data.libraries.load(path, link=False) as (src, dst):
            dst.objects = list(src.objects)
        return [o for o in dst.objects if o is not None]
    if ref.format == "gltf":
        bpy.ops.import_scene.gltf(filepath=path)
    elif ref.format == "obj":
        bpy.ops.wm.obj_import(filepath=path)
    else:
        bpy.ops.import_scene.fbx(filepath=path)
    return [o for o in bpy.data.objects if o not in before]


def load_asset(model: Model, collection: bpy.types.Collection) -> bpy.types.Object:
    """One mesh object for an asset model, in the model frame, labelled with the model's instance id."""
    ref = model.asset
    if ref is None:
        raise ValueError(f"model {model.name} has no asset")
    if not Path(ref.path).is_file():
        raise PovgenError(f"asset {model.name}: file not found: {ref.path}")
    try:
        objects = _import(ref)
    except Exception as exc:  # noqa: BLE001 - any importer failure is a bad file of this clip
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise PovgenError(f"asset {model.name}: cannot load {ref.path}: {first}") from None
    meshes = [o for o in objects if o.type == "MESH"]
    if not meshes:
        raise PovgenError(f"asset {model.name}: {ref.path} holds no mesh")
    to_model = (
        Euler(ref.rotation, "XYZ").to_matrix().to_4x4()
        @ Matrix.Translation(-Vector(ref.grip))
        @ Matrix.Diagonal((ref.scale, ref.scale, ref.scale, 1.0))
    )
    bm = bmesh.new()
    materials: list = []
    for o in meshes:
        me = o.data.copy()
        me.transform(o.matrix_world)  # imported objects keep their own transforms (and parents)
        slots = [
            materials.index(m) if m in materials else materials.append(m) or len(materials) - 1
            for m in me.materials
        ]
        n0 = len(bm.faces)
        bm.from_mesh(me)
        bm.faces.ensure_lookup_table()
        for f in bm.faces[n0:]:
            f.material_index = slots[f.material_index] if slots and f.material_index < len(slots) else 0
        bpy.data.meshes.remove(me)
    bmesh.ops.transform(bm, matrix=to_model, verts=bm.verts)
    mesh = bpy.data.meshes.new(model.name)
    bm.to_mesh(mesh)
    bm.free()
    for m in materials:
        mesh.materials.append(m)
    for o in objects:
        if o.name in bpy.data.objects:
            bpy.data.objects.remove(o, do_unlink=True)
    obj = bpy.data.objects.new(model.name, mesh)
    obj.pass_index = model.instance_id
    collection.objects.link(obj)
    return obj
