"""Rotation and colour helpers now live in ``generator.geometry`` (below every package); re-exported here."""

from generator.geometry import (  # noqa: F401
    align_z,
    euler_to_matrix,
    hsv_to_linear,
    kelvin_to_rgb,
    matrix_to_euler,
    pose_matrix,
    r3,
    srgb_to_linear,
)
