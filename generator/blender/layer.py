"""Composite layers: render only the wearer's hands and held object on a transparent background.

The plan of a layer has no environment (see generator/augment/composite.py, which also sets its lights from the
background); this module switches the film to transparent and the frame PNGs to RGBA. Masks still come from
the exact Object Index pass of the renderer.
"""

from __future__ import annotations

import bpy


def configure_layer(scene: bpy.types.Scene) -> None:
    """Transparent film and RGBA 8-bit PNG frames."""
    scene.render.film_transparent = True
    im = scene.render.image_settings
    im.media_type = "IMAGE"
    im.file_format = "PNG"
    im.color_mode = "RGBA"
    im.color_depth = "8"
