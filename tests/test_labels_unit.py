import numpy as np

from generator.labels.boxes import boxes_by_id, clip_box, tight_box
from generator.labels.projection import amodal_box, project, silhouette_area, world_to_camera
from generator.plan.camera import intrinsics
from generator.plan.geometry import pose_matrix


def test_tight_box_uses_pixel_edges():
    m = np.zeros((10, 20), bool)
    m[2:5, 3:9] = True
    assert tight_box(m) == [3, 2, 9, 5]
    assert tight_box(np.zeros((4, 4), bool)) is None


def test_boxes_by_id_counts_pixels():
    ids = np.zeros((8, 8), np.uint16)
    ids[0:2, 0:3] = 1
    ids[5:8, 6:8] = 7
    assert boxes_by_id(ids) == {1: ([0, 0, 3, 2], 6), 7: ([6, 5, 8, 8], 6)}


def test_clip_box():
    assert clip_box([-5, -5, 10, 10], 8, 6) == [0.0, 0.0, 8.0, 6.0]
    assert clip_box([20, 20, 30, 30], 8, 6) is None


def test_projection_of_known_points():
    intr = intrinsics(64, 48, 90.0).model_dump()
    assert np.isclose(intr["fx"], 32.0)
    cam = pose_matrix((0, 0, 0), (np.pi / 2, 0, 0))  # looks along +Y, +Z up
    pts = np.array([[0.0, 2.0, 0.0], [2.0, 2.0, 0.0], [0.0, 2.0, 1.0]])
    xy, depth = project(world_to_camera(pts, cam), intr)
    assert np.allclose(depth, 2.0)
    assert np.allclose(xy[0], [32, 24])  # centre
    assert np.allclose(xy[1], [64, 24])  # 45 degrees right = right edge
    assert np.allclose(xy[2], [32, 8])  # up is smaller y


def test_silhouette_area_of_a_square_and_truncation():
    intr = intrinsics(64, 48, 90.0).model_dump()
    cam = pose_matrix((0, 0, 0), (np.pi / 2, 0, 0))
    # a 1 m square at 2 m covers 16 x 16 pixels
    verts = np.array([[-0.5, 2, -0.5], [0.5, 2, -0.5], [0.5, 2, 0.5], [-0.5, 2, 0.5]])
    tris = np.array([[0, 1, 2], [0, 2, 3]])
    xy, depth = project(world_to_camera(verts, cam), intr)
    inside, total = silhouette_area(xy, depth, tris, 64, 48)
    assert abs(total - 256) <= 34 and inside == total
    assert np.allclose(amodal_box(xy, depth), [24.0, 16.0, 40.0, 32.0])
    shifted = verts + np.array([2.0, 0, 0])  # half beyond the right edge
    xy, depth = project(world_to_camera(shifted, cam), intr)
    inside, total = silhouette_area(xy, depth, tris, 64, 48)
    assert 0.4 < inside / total < 0.6
