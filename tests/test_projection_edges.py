"""Amodal boxes under a fisheye lens follow the bent image of straight edges, not just the vertices."""

import numpy as np

from generator.labels.projection import amodal_box, edge_points, project

INTR = {"fx": 100.0, "fy": 100.0, "cx": 160.0, "cy": 90.0}
LENS = {"model": "fisheye_equidistant", "fisheye_fov_deg": 180.0}


def test_edge_points_lie_on_edges():
    pts = np.array([[0.0, 0, -1], [1, 0, -1], [0, 1, -1]])
    e = edge_points(pts, np.array([[0, 1, 2]]), steps=4)
    assert e.shape == (9, 3)
    assert np.allclose(e[:, 2], -1) and (e[:, :2] >= 0).all() and (e[:, :2].sum(axis=1) <= 1 + 1e-9).all()


def test_long_edge_bows_outside_the_vertex_box():
    # a long horizontal bar far below the axis: its middle projects lower than its ends under a fisheye
    verts = np.array([[-2.0, -0.6, -0.5], [2.0, -0.6, -0.5], [2.0, -0.62, -0.5]])
    tris = np.array([[0, 1, 2]])
    xy, depth = project(verts, INTR, LENS)
    vbox = amodal_box(xy, depth)
    exy, edepth = project(edge_points(verts, tris, steps=16), INTR, LENS)
    ebox = amodal_box(exy, edepth)
    assert ebox[3] > vbox[3] + 5  # the bar's middle sits well below the vertices' box
