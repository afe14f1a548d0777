"""Builder kinds a plan Part may name: ``build(shape, geom)`` turns plain parameters into a Mesh."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from generator.shapes.extrude import extrude
from generator.shapes.lathe import lathe
from generator.shapes.mesh import Mesh
from generator.shapes.outline import rounded_outline
from generator.shapes.smooth import smooth, subdivide
from generator.shapes.sweep import sweep

PRIMITIVES = ("box", "cylinder", "sphere")


def rounded_box(size, radius: float = 0.002, segments: int = 2) -> Mesh:
    """A box of full extents ``size`` centred at 0 with every edge rounded by ``radius``."""
    sx, sy, sz = (float(v) for v in size)
    r = min(float(radius), 0.45 * min(sx, sy, sz))
    rect = np.array([[-sx / 2, -sy / 2], [sx / 2, -sy / 2], [sx / 2, sy / 2], [-sx / 2, sy / 2]])
    outline = rounded_outline(rect, r, segments + 1) if r > 0 else rect
    return extrude(outline, sz, bevel=r * 0.7 if r > 0 else 0.0, bevel_segments=segments, plane="xy")


def _sweep(path, radius, section: str = "circle", **kw) -> Mesh:
    return sweep(path, radius, section_kind=section, **kw)


BUILDERS: dict[str, Callable[..., Mesh]] = {
    "extrude": extrude,
    "lathe": lathe,
    "sweep": _sweep,
    "rounded_box": rounded_box,
}


def register(shape: str, builder: Callable[..., Mesh]) -> None:
    """Add a builder kind (``builder(**geom) -> Mesh``); names of primitives and existing kinds are refused."""
    if shape in PRIMITIVES or shape in BUILDERS:
        raise ValueError(f"shape kind {shape!r} already exists")
    BUILDERS[shape] = builder


def known(shape: str) -> bool:
    """Whether a Part may use this shape name."""
    return shape in PRIMITIVES or shape in BUILDERS


def build(shape: str, geom: dict) -> Mesh:
    """The mesh of a builder part from its plan parameters; ``subdivide`` and ``smooth`` keys post-process it."""
    if shape not in BUILDERS:
        raise ValueError(f"unknown shape kind {shape!r}; known: {sorted(BUILDERS)}")
    params = dict(geom or {})
    levels = int(params.pop("subdivide", 0))
    iterations = int(params.pop("smooth", 0))
    mesh = BUILDERS[shape](**params)
    if levels:
        mesh = subdivide(mesh, levels)
    if iterations:
        mesh = smooth(mesh, iterations)
    return mesh
