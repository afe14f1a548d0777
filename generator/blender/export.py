"""Export a procedural model to a glTF binary (.glb): test fixtures and examples for the asset manifest."""

from __future__ import annotations

import sys
from pathlib import Path

import bpy
import numpy as np

from generator.blender import session
from generator.blender.meshes import build_model
from generator.plan.objects import FACTORIES


def export_glb(name: str, seed: int, path: str | Path) -> dict:
    """Build procedural model ``name`` with ``seed`` and write it as GLB (or .blend); returns its points and meta."""
    session.reset()
    model = FACTORIES[name](np.random.default_rng(seed))
    obj = build_model(model, bpy.context.scene.collection)
    if str(path).endswith(".blend"):
        bpy.ops.wm.save_as_mainfile(filepath=str(path))
    else:
        obj.select_set(True)
        bpy.ops.export_scene.gltf(filepath=str(path), export_format="GLB", use_selection=True)
    return {"points": model.points, "meta": model.meta}


if __name__ == "__main__":  # python -m generator.blender.export NAME SEED OUT.glb
    import json

    print(json.dumps(export_glb(sys.argv[1], int(sys.argv[2]), sys.argv[3])))
