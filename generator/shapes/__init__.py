"""Mesh vocabulary for realistic shapes, pure numpy: extrude outlines with holes and bevels, lathe profiles,
sweep sections along paths, subdivide and smooth, merge and transform. Plans name a builder and its parameters;
the renderer and the labels use the same arrays."""

from generator.shapes.extrude import extrude
from generator.shapes.lathe import lathe
from generator.shapes.mesh import Mesh, is_closed, is_oriented, merge, outward, volume, weld
from generator.shapes.outline import rounded_outline, signed_area, spline_outline
from generator.shapes.registry import BUILDERS, PRIMITIVES, build, known, register, rounded_box
from generator.shapes.smooth import smooth, subdivide
from generator.shapes.sweep import sweep

__all__ = [
    "BUILDERS",
    "PRIMITIVES",
    "Mesh",
    "build",
    "extrude",
    "is_closed",
    "is_oriented",
    "known",
    "lathe",
    "merge",
    "outward",
    "register",
    "rounded_box",
    "rounded_outline",
    "signed_area",
    "smooth",
    "spline_outline",
    "subdivide",
    "sweep",
    "volume",
    "weld",
]

from generator.shapes import hand as _hand  # noqa: E402,F401  registers the "hand", "hand_nails", "hand_pads", "sleeve" kinds
from generator.shapes import mannequin as _mannequin  # noqa: E402,F401  registers the "mannequin" kind
