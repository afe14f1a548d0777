"""Render passes: the compositor output that writes exact instance ids and depth, and reading them back."""

from __future__ import annotations

from pathlib import Path

import bpy
import numpy as np
import OpenEXR


def add_pass_outputs(scene: bpy.types.Scene, scratch: Path) -> None:
    """Compositor File Output writing Object Index and Depth of each frame to a 32-bit multilayer EXR."""
    vl = scene.view_layers[0]
    vl.use_pass_z = True
    vl.use_pass_object_index = True
    ng = bpy.data.node_groups.new("povgen_passes", "CompositorNodeTree")
    scene.compositing_node_group = ng
    scene.render.use_compositing = True
    rl = ng.nodes.new("CompositorNodeRLayers")
    out = ng.nodes.new("CompositorNodeOutputFile")
    out.directory, out.file_name = str(scratch) + "/", "pass_####"
    out.format.media_type = "MULTI_LAYER_IMAGE"
    out.format.file_format = "OPEN_EXR_MULTILAYER"
    out.format.color_depth = "32"
    out.format.exr_codec = "ZIP"
    for name in ("Depth", "Object Index"):
        out.file_output_items.new("FLOAT", name)
        ng.links.new(rl.outputs[name], out.inputs[name])


def read_passes(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Instance ids (uint16) and depth (float32) of one frame from the EXR written by add_pass_outputs."""
    with OpenEXR.File(str(path), separate_channels=True) as f:
        ch = {k: v.pixels for p in f.parts for k, v in p.channels.items()}
    ids = next(v for k, v in ch.items() if k.startswith("Object Index"))
    depth = next(v for k, v in ch.items() if k.startswith("Depth"))
    return np.rint(ids).astype(np.uint16), depth.astype(np.float32)
