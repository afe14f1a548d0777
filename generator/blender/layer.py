"""Composite layers: render only the wearer's hands and held object on a transparent background.

The plan of a layer has no environment (see generator/run/composite.py, which also sets its lights and
world image from the background); this module switches the film to transparent and the frame PNGs to RGBA, and
lights the world with the plan's equirectangular image when it has one. Masks still come from the exact Object
Index pass of the renderer.
"""

from __future__ import annotations

from pathlib import Path

import bpy

from generator.dataset.layout import inside
from generator.errors import PovgenError
from generator.plan.model import ClipPlan


def configure_layer(scene: bpy.types.Scene, plan: ClipPlan, root: Path) -> None:
    """Transparent film, RGBA 8-bit PNG frames, and the plan's world image (a path inside the dataset root)."""
    scene.render.film_transparent = True
    im = scene.render.image_settings
    im.media_type = "IMAGE"
    im.file_format = "PNG"
    im.color_mode = "RGBA"
    im.color_depth = "8"
    if plan.world_image:
        path = inside(root, plan.world_image)
        if not path.is_file():
            raise PovgenError(f"world_image {plan.world_image}: no such file under {root}")
        nt = scene.world.node_tree
        tex = nt.nodes.new("ShaderNodeTexEnvironment")
        tex.image = bpy.data.images.load(str(path), check_existing=False)
        tex.image.colorspace_settings.name = "Linear Rec.709"
        nt.links.new(tex.outputs["Color"], nt.nodes["Background"].inputs["Color"])
