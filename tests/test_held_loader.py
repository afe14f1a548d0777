"""The asset loader in real bpy: every file format comes back in the model frame the manifest describes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
from conftest import ROOT

from generator.plan.geometry import euler_to_matrix
from generator.plan.objects import FACTORIES
from generator.plan.objects.parts import part_corners

SNIPPET = r"""
import json, sys
import bpy, numpy as np
from generator.blender import session
from generator.blender.export import export_glb
from generator.blender.loader import load_asset
from generator.blender.meshes import build_model, mesh_arrays
from generator.plan.model import AssetRef, Model
from generator.plan.objects import FACTORIES
from generator.plan.objects.parts import part_corners
tmp, scale, grip, rot = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
export_glb("handgun", 5, f"{tmp}/m.glb")
export_glb("handgun", 5, f"{tmp}/m.blend")
session.reset()
obj = build_model(FACTORIES["handgun"](np.random.default_rng(5)), bpy.context.scene.collection)
obj.select_set(True)
bpy.ops.wm.obj_export(filepath=f"{tmp}/m.obj", export_selected_objects=True, export_materials=False)
bpy.ops.export_scene.fbx(filepath=f"{tmp}/m.fbx", use_selection=True)
out = {}
for fmt, ext in (("gltf", "glb"), ("obj", "obj"), ("fbx", "fbx"), ("blend", "blend")):
    session.reset()
    ref = AssetRef(path=f"{tmp}/m.{ext}", format=fmt, scale=scale, grip=grip, rotation=rot)
    o = load_asset(Model(name="a", parts=[], materials={}, instance_id=1, asset=ref), bpy.context.scene.collection)
    v, _ = mesh_arrays(o)
    out[fmt] = [v.min(0).tolist(), v.max(0).tolist(), o.pass_index, len(bpy.data.objects)]
print("RESULT" + json.dumps(out))
"""


def test_every_format_loads_into_the_model_frame(tmp_path):
    scale, grip, rot = 2.0, [0.01, 0.02, 0.03], [0.0, 0.0, float(np.pi / 2)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", SNIPPET, str(tmp_path), str(scale), json.dumps(grip), json.dumps(rot)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(next(ln for ln in res.stdout.splitlines() if ln.startswith("RESULT"))[6:])
    # expected bounds, from the plan's parts computed here: v_model = R @ (scale * v - grip)
    model = FACTORIES["handgun"](np.random.default_rng(5))
    pts = [part_corners(p) for p in model.parts]  # box corners of primitives, mesh vertices of builder parts
    v = (scale * np.concatenate(pts) - np.asarray(grip)) @ euler_to_matrix(rot).T
    lo, hi = v.min(axis=0), v.max(axis=0)
    assert set(out) == {"gltf", "obj", "fbx", "blend"}
    for fmt, (got_lo, got_hi, pass_index, n_objects) in out.items():
        assert np.allclose(got_lo, lo, atol=3e-3), (fmt, got_lo, lo)
        assert np.allclose(got_hi, hi, atol=3e-3), (fmt, got_hi, hi)
        assert pass_index == 1 and n_objects == 1, fmt  # one labelled object, the imported ones removed
