"""The wearer's camera in Blender: lens (perspective or Cycles fisheye), animated pose, shutter and readout."""

from __future__ import annotations

import bpy
import numpy as np

from generator.plan.model import CameraTrack

PANORAMA = {"fisheye_equisolid": "FISHEYE_EQUISOLID", "fisheye_equidistant": "FISHEYE_EQUIDISTANT"}


def linear_keys() -> None:
    """New keyframes interpolate linearly, so sub-frame poses (motion blur, rolling shutter) are predictable."""
    bpy.context.preferences.edit.keyframe_new_interpolation_type = "LINEAR"


def build_camera(track: CameraTrack, collection: bpy.types.Collection) -> bpy.types.Object:
    """A camera object with the track's lens; the pose is keyed by ``key_camera``."""
    data = bpy.data.cameras.new("camera")
    lens = track.lens
    data.sensor_fit = "HORIZONTAL"
    data.sensor_width = lens.sensor_width_mm
    if lens.model == "perspective":
        data.type = "PERSP"
        data.angle = float(np.deg2rad(lens.fov_deg))
    else:
        data.type = "PANO"
        data.panorama_type = PANORAMA[lens.model]
        data.fisheye_fov = float(np.deg2rad(lens.fisheye_fov_deg))
        if lens.focal_mm > 0:
            data.fisheye_lens = lens.focal_mm
    data.clip_start = 0.02
    data.clip_end = 500.0
    camera = bpy.data.objects.new("camera", data)
    collection.objects.link(camera)
    return camera


def configure_shutter(scene: bpy.types.Scene, track: CameraTrack) -> None:
    """Motion blur and rolling shutter (Cycles renders a rolling shutter only with motion blur on).

    The shutter spans the readout plus each row's exposure; rows are read from the top down.
    """
    fps = scene.render.fps / scene.render.fps_base
    readout = track.rolling_shutter_s * fps  # in frames
    if track.shutter <= 0 and readout <= 0:
        scene.render.use_motion_blur = False
        return
    scene.render.use_motion_blur = True
    scene.render.motion_blur_position = "CENTER"
    scene.render.motion_blur_shutter = track.shutter + readout
    if readout > 0:
        scene.cycles.rolling_shutter_type = "TOP"
        scene.cycles.rolling_shutter_duration = track.shutter / (track.shutter + readout)
    else:
        scene.cycles.rolling_shutter_type = "NONE"
