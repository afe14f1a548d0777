"""The ClipPlan: every value of one clip resolved, the contract between planning and rendering.

Geometry is described as plain parts (boxes, cylinders, spheres) with materials, so that sizes, grip and muzzle
points are known and testable before Blender sees them. Units: metres, radians, Blender's Z-up world.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PLAN_SCHEMA_VERSION = 1

Vec3 = tuple[float, float, float]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Material(_M):
    """A principled-BSDF material."""

    color: Vec3
    roughness: float = 0.5
    metallic: float = 0.0
    emission: float = 0.0  # emission strength, same colour as base


class Part(_M):
    """One primitive of a model, in the model's own frame.

    box: size = full extents; cylinder: size = (diameter x, diameter y, length along local Z);
    sphere: size = diameters. rot is an XYZ Euler rotation applied before pos.
    """

    shape: Literal["box", "cylinder", "sphere"]
    size: Vec3
    pos: Vec3 = (0.0, 0.0, 0.0)
    rot: Vec3 = (0.0, 0.0, 0.0)
    material: str
    name: str = ""


class Model(_M):
    """A model made of parts, built as one Blender object. Labelled models get ``instance_id >= 1``."""

    name: str
    parts: list[Part]
    materials: dict[str, Material]
    instance_id: int = 0  # 0 = not labelled (background)
    category: str = ""
    # model-frame points of interest (held objects): grip, support hand, muzzle and its axis
    points: dict[str, Vec3] = Field(default_factory=dict)
    meta: dict[str, float | str | bool] = Field(default_factory=dict)


class Placed(_M):
    """A model with a fixed pose in its parent's frame (world, camera or held object)."""

    model: Model
    pos: Vec3 = (0.0, 0.0, 0.0)
    rot: Vec3 = (0.0, 0.0, 0.0)


class Light(_M):
    """An area or point light in world coordinates."""

    kind: Literal["area", "point", "sun"]
    pos: Vec3
    rot: Vec3 = (0.0, 0.0, 0.0)
    size: float = 0.5
    power_w: float
    color: Vec3 = (1.0, 1.0, 1.0)


class Lens(_M):
    """Camera projection. ``perspective``: pinhole with horizontal field of view ``fov_deg``."""

    model: Literal["perspective"] = "perspective"
    fov_deg: float


class Intrinsics(_M):
    """Pinhole intrinsics in pixels; pixel (i, j) covers [i, i+1) x [j, j+1)."""

    width: int
    height: int
    fx: float
    fy: float
    cx: float
    cy: float


class CameraTrack(_M):
    """Per-frame camera pose in the world (position and XYZ Euler), with its motion components kept apart."""

    mount: str
    lens: Lens
    intrinsics: Intrinsics
    position: list[Vec3]
    rotation: list[Vec3]
    # each component: per-frame offsets {"position": [...], "rotation": [...]}, summed into the pose above
    components: dict[str, dict[str, list[Vec3]]]
    motion_params: dict[str, float | str]


class HeldTrack(_M):
    """The grip anchor's pose in the camera frame per frame (camera looks along -Z, +Y up)."""

    position: list[Vec3]
    rotation: list[Vec3]
    carry: str = "aimed"


class RenderSettings(_M):
    engine: Literal["cycles"] = "cycles"
    device: Literal["cpu", "gpu", "auto"] = "cpu"
    width: int
    height: int
    fps: int
    frames: int
    samples: int
    denoise: Literal["off", "fast", "balanced", "high"]
    max_bounces: int
    threads: int = 0
    save_depth: bool = False
    save_frames: bool = True
    video_crf: int = 20
    transparent: bool = False  # film_transparent RGBA frames (composite layers, generator/blender/layer.py)


class ClipAxes(_M):
    """Clip-level label axes (see docs/labels.md)."""

    weapon_present: bool
    weapon_class: Literal["handgun", "rifle", "shotgun", "none"]
    weapon_kind: Literal["real", "replica", "virtual", "none"]
    context: str
    held_object: str
    holder: str = "first_person"
    mount: str
    environment: str
    lighting: str
    activity: str


class ClipPlan(_M):
    """Everything needed to render one clip, on any machine, identically."""

    schema_version: Literal[1] = PLAN_SCHEMA_VERSION
    kind: Literal["povgen.clip_plan"] = "povgen.clip_plan"
    clip_id: str
    index: int
    dataset_seed: int
    scene: str
    category: Literal["positive", "negative"]
    axes: ClipAxes
    environment: list[Placed]
    world_color: Vec3
    world_strength: float
    lights: list[Light]
    # the hands' anchor (grip frame) follows held_track in the camera frame; held object and hands sit in it
    held: Placed | None
    hands: list[Placed]
    held_track: HeldTrack
    camera: CameraTrack
    render: RenderSettings
    pair_id: str | None = None
    # resolved augmentation recipe applied after rendering (generator/augment/render_hook.py), None = none
    augment: dict | None = None
    # an equirectangular world image lighting the scene (composite layers), relative to the clip's folder
    world_image: str | None = None
