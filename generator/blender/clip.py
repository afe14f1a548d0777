"""Old import path: rendering lives in generator/blender/render.py, clip folders in generator/dataset/clip.py and
the render-label-write step in generator/run/render.py."""

from generator.blender.render import BLENDER_VERSION

__all__ = ["BLENDER_VERSION"]
