"""Box-projected UVs in metres: every face is mapped by the model-frame plane most facing it."""

from __future__ import annotations

import bpy
import numpy as np

from generator.blender.materials import BOX_UV


def metre_uvs(mesh: bpy.types.Mesh) -> None:
    """Add the ``box`` UV layer: (x, y) on faces facing Z, (y, z) facing X, (x, z) facing Y, in metres."""
    n_loops, n_polys = len(mesh.loops), len(mesh.polygons)
    if n_loops == 0:
        return
    co = np.empty(len(mesh.vertices) * 3)
    mesh.vertices.foreach_get("co", co)
    co = co.reshape(-1, 3)
    vidx = np.empty(n_loops, np.int64)
    mesh.loops.foreach_get("vertex_index", vidx)
    normals = np.empty(n_polys * 3)
    mesh.polygons.foreach_get("normal", normals)
    totals = np.empty(n_polys, np.int64)
    mesh.polygons.foreach_get("loop_total", totals)
    axis = np.argmax(np.abs(normals.reshape(-1, 3)), axis=1)
    axis = np.repeat(axis, totals)
    p = co[vidx]
    uv = np.where(
        (axis == 2)[:, None], p[:, [0, 1]], np.where((axis == 0)[:, None], p[:, [1, 2]], p[:, [0, 2]])
    )
    layer = mesh.uv_layers.new(name=BOX_UV)
    layer.data.foreach_set("uv", uv.astype(np.float32).ravel())
