"""The mesh vocabulary: closed, outward, holes where asked, bevels and radii as asked, deterministic."""

import json

import numpy as np
import pytest

from generator import shapes
from generator.plan.model import Model, Part
from generator.plan.objects.parts import (
    CYL_ALONG_Y,
    extruded,
    lathed,
    part_corners,
    part_mesh,
    rounded,
    swept,
)
from generator.shapes import extrude, is_closed, is_oriented, lathe, rounded_outline, subdivide, sweep, volume

RECT = [[0.0, 0.0], [0.2, 0.0], [0.2, 0.1], [0.0, 0.1]]
HOLE = [[0.05, 0.03], [0.1, 0.03], [0.1, 0.07], [0.05, 0.07]]


def euler_characteristic(m: shapes.Mesh) -> int:
    e = np.unique(
        np.sort(np.concatenate([m.faces[:, [0, 1]], m.faces[:, [1, 2]], m.faces[:, [2, 0]]]), axis=1), axis=0
    )
    return len(np.unique(m.faces)) - len(e) + len(m.faces)


def test_extrude_is_closed_outward_and_has_its_holes():
    for holes, genus in (([], 0), ([HOLE], 1), ([HOLE, [[0.13, 0.03], [0.17, 0.03], [0.15, 0.08]]], 2)):
        m = extrude(RECT, 0.03, holes=holes, bevel=0.003)
        assert is_closed(m) and is_oriented(m) and volume(m) > 0
        assert euler_characteristic(m) == 2 - 2 * genus  # one handle per hole cut through
    # the volume of a plain slab minus the hole, within the bevel's rounding loss
    m = extrude(RECT, 0.03, holes=[HOLE])
    assert volume(m) == pytest.approx(0.2 * 0.1 * 0.03 - 0.05 * 0.04 * 0.03, rel=1e-9)


def test_extrude_bevel_radius_and_planes():
    r = 0.004
    m = extrude(RECT, 0.03, bevel=r, bevel_segments=3)
    lo, hi = m.bounds()
    assert np.allclose(lo, [-0.015, 0.0, 0.0]) and np.allclose(hi, [0.015, 0.2, 0.1])  # plane yz: X is depth
    top = m.verts[np.isclose(m.verts[:, 0], 0.015)]
    assert top[:, 1].min() == pytest.approx(r) and top[:, 1].max() == pytest.approx(0.2 - r)  # cap inset by r
    mid = m.verts[np.abs(m.verts[:, 0]) < 0.015 - r + 1e-9]
    assert mid[:, 2].min() == pytest.approx(0.0) and mid[:, 2].max() == pytest.approx(0.1)  # walls unmoved
    for plane, axis in (("xy", 2), ("xz", 1)):
        m = extrude(RECT, 0.03, bevel=r, plane=plane)
        lo, hi = m.bounds()
        assert hi[axis] - lo[axis] == pytest.approx(0.03) and is_oriented(m) and volume(m) > 0
    with pytest.raises(ValueError, match="bevel"):
        extrude(RECT, 0.03, bevel=0.02)


def test_lathe_profiles_poles_caps_and_rings():
    solid = lathe([[0.0, 0.0], [0.01, 0.0], [0.01, 0.1], [0.0, 0.1]], segments=32)
    tube = lathe([[0.005, 0.0], [0.01, 0.0], [0.01, 0.1], [0.005, 0.1]], segments=32, closed=True)
    capped = lathe([[0.01, 0.0], [0.01, 0.1]], segments=32)
    for m in (solid, tube, capped):
        assert is_closed(m) and is_oriented(m) and volume(m) > 0
    area = 0.5 * 32 * np.sin(2 * np.pi / 32)  # polygon area of a unit-radius 32-gon
    assert volume(solid) == pytest.approx(area * 1e-4 * 0.1, rel=1e-9)
    assert volume(tube) == pytest.approx(area * (1e-4 - 0.25e-4) * 0.1, rel=1e-9)
    assert euler_characteristic(tube) == 0  # a bore straight through
    r = np.hypot(solid.verts[:, 0], solid.verts[:, 1])
    assert r.max() == pytest.approx(0.01)


def test_sweep_follows_path_with_radius_and_caps():
    path = np.array([[0.0, 0.0, 0.0], [0.0, 0.05, 0.01], [0.0, 0.1, 0.0]])
    for caps in ("round", "flat"):
        for section in ("circle", "rounded_rect"):
            m = sweep(path, [0.008, 0.006, 0.004], section_kind=section, caps=caps)
            assert is_closed(m) and is_oriented(m) and volume(m) > 0
    m = sweep(path, 0.01, caps="flat", segments=16)
    lo, hi = m.bounds()
    assert hi[0] == pytest.approx(0.01, rel=0.02) and lo[0] == pytest.approx(-0.01, rel=0.02)
    tip = sweep([[0, 0, 0], [0, 0.1, 0]], 0.01, caps="round").bounds()[1][1]
    assert tip == pytest.approx(0.1 + 0.01, rel=1e-6)  # a dome one radius beyond the last point


def test_subdivision_stays_closed_and_smooth():
    m = sweep([[0, 0, 0], [0, 0.06, 0]], 0.01, segments=8)
    s = subdivide(m, 2)
    assert len(s.faces) == 16 * len(m.faces)
    assert is_closed(s) and is_oriented(s)
    assert 0.8 * volume(m) < volume(s) < volume(m)  # Loop subdivision shrinks a control cage a little


def test_rounded_outline_fillets_each_corner_with_the_radius():
    out = rounded_outline(RECT, 0.01, segments=6)
    centre = np.array([0.01, 0.01])  # the bottom-left fillet
    near = out[(out[:, 0] <= 0.01 + 1e-12) & (out[:, 1] <= 0.01 + 1e-12)]
    assert len(near) == 7 and np.allclose(np.linalg.norm(near - centre, axis=1), 0.01)
    assert shapes.signed_area(out) == pytest.approx(0.02 - (4 - np.pi) * 1e-4, rel=1e-2)


def test_plan_parts_round_trip_and_build_deterministically():
    parts = [
        extruded("frame", rounded_outline(RECT, 0.005), 0.03, "m", holes=[HOLE], bevel=0.002),
        lathed(
            "barrel", [[0, 0], [0.006, 0], [0.006, 0.05], [0, 0.05]], "m", rot=CYL_ALONG_Y, pos=(0, 0.2, 0.05)
        ),
        swept("sling", [[0, 0, 0], [0, 0.05, -0.02], [0, 0.1, 0]], 0.004, "m"),
        rounded("block", (0.03, 0.05, 0.02), (0, 0, 0.05), "m"),
    ]
    model = Model(name="t", parts=parts, materials={})
    again = Model.model_validate(json.loads(model.model_dump_json()))
    for a, b in zip(model.parts, again.parts, strict=True):
        ma, mb = part_mesh(a), part_mesh(b)
        assert np.array_equal(ma.verts, mb.verts) and np.array_equal(ma.faces, mb.faces)
        assert is_closed(ma) and is_oriented(ma)
    barrel = part_corners(parts[1])
    assert barrel[:, 1].max() == pytest.approx(0.25) and barrel[:, 1].min() == pytest.approx(0.2)  # along +Y


def test_parts_reject_unknown_shapes_and_missing_geometry():
    with pytest.raises(ValueError, match="unknown shape"):
        Part(shape="blob", material="m", geom={})
    with pytest.raises(ValueError, match="geom is required"):
        Part(shape="extrude", material="m")
    with pytest.raises(ValueError, match="needs its size"):
        Part(shape="box", material="m")
    with pytest.raises(ValueError, match="already exists"):
        shapes.register("lathe", lathe)
