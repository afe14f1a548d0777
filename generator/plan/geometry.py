"""The shared math lives in generator/geometry.py; this name stays for the planner's modules."""

from generator.geometry import (
    align_z,
    euler_to_matrix,
    hsv_to_linear,
    kelvin_to_rgb,
    matrix_to_euler,
    pose_matrix,
    r3,
    srgb_to_linear,
    srgb_to_linear_array,
)

__all__ = [
    "align_z",
    "euler_to_matrix",
    "hsv_to_linear",
    "kelvin_to_rgb",
    "matrix_to_euler",
    "pose_matrix",
    "r3",
    "srgb_to_linear",
    "srgb_to_linear_array",
]
