"""The ClipPlan: every value of one clip resolved, the contract between planning and rendering.

Geometry is described as plain parts (primitives, or mesh builders with their parameters) with materials, so that sizes, grip and muzzle
points are known and testable before Blender sees them. Units: metres, radians, Blender's Z-up world.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from generator import shapes
from generator.catalog import weapon_class_values

WEAPON_CLASS_VALUES = weapon_class_values()

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
    # procedural pattern built from shader nodes (see generator/blender/materials.py); "" = plain colour
    pattern: str = ""
    color2: Vec3 | None = None  # second colour of the pattern (mortar, grain, grout, ink...)
    scale: float = 1.0  # pattern features per metre
    wear: float = 0.0  # 0..1 dirt and wear blended in at large scale
    transmission: float = 0.0  # 0 opaque .. 1 clear (glass, translucent replica plastics)
    seed: int = 0  # image patterns (poster, screen) are drawn from this seed in the worker
    text: str = ""  # poster/sign text; window_view: the bundled sky photograph seen through the window


class Part(_M):
    """One piece of a model, in the model's own frame: a primitive or a mesh builder of ``generator.shapes``.

    box: size = full extents; cylinder: size = (diameter x, diameter y, length along local Z);
    sphere: size = diameters. Builder kinds (extrude, lathe, sweep, rounded_box, ...): ``geom`` holds the
    builder's parameters and ``size`` is a scale factor. rot is an XYZ Euler rotation applied before pos.
    """

    shape: str
    size: Vec3 = (1.0, 1.0, 1.0)
    pos: Vec3 = (0.0, 0.0, 0.0)
    rot: Vec3 = (0.0, 0.0, 0.0)
    material: str
    name: str = ""
    geom: dict[str, Any] | None = None  # builder parameters (plain numbers and lists); None for primitives
    smooth: bool | None = None  # None: boxes flat, other primitives smooth, builders smooth below 30 degrees

    @field_validator("shape")
    @classmethod
    def _known_shape(cls, v: str) -> str:
        if not shapes.known(v):
            raise ValueError(f"unknown shape {v!r}; known: {sorted((*shapes.PRIMITIVES, *shapes.BUILDERS))}")
        return v

    @model_validator(mode="after")
    def _geom_matches(self) -> Part:
        if (self.shape in shapes.PRIMITIVES) != (self.geom is None):
            raise ValueError(f"part {self.name!r}: geom is required for builder shapes and only for them")
        if self.shape in shapes.PRIMITIVES and "size" not in self.model_fields_set:
            raise ValueError(f"part {self.name!r}: a {self.shape} needs its size")
        return self


class AssetRef(_M):
    """A user's model file (see docs/assets.md): loaded, scaled and moved so its grip point is the origin.

    A file-frame vertex v becomes ``R(rotation) @ (scale * v - grip)`` in the model frame.
    """

    path: str  # absolute path of the file (an input: it may be anywhere the user says)
    format: Literal["gltf", "obj", "fbx", "blend"]
    scale: float = 1.0
    grip: Vec3 = (0.0, 0.0, 0.0)  # grip point in the scaled file frame
    rotation: Vec3 = (0.0, 0.0, 0.0)  # XYZ Euler, radians


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
    asset: AssetRef | None = None  # a user asset file instead of parts (parts is then empty)


class Placed(_M):
    """A model with a fixed pose in its parent's frame (world, camera or held object)."""

    model: Model
    pos: Vec3 = (0.0, 0.0, 0.0)
    rot: Vec3 = (0.0, 0.0, 0.0)


class Light(_M):
    """An area or point light in world coordinates."""

    kind: Literal["area", "point", "sun", "spot"]
    pos: Vec3
    rot: Vec3 = (0.0, 0.0, 0.0)
    size: float = 0.5
    power_w: float
    color: Vec3 = (1.0, 1.0, 1.0)
    flicker: float = 0.0  # 0..1 depth of a per-frame flicker (faulty tube)
    flicker_seed: int = 0
    spot_deg: float = 45.0  # cone angle of spot lights
    attach: Literal["world", "camera"] = "world"  # camera: pos/rot in the camera frame (flashlight)


class Actor(_M):
    """A labelled model that moves through the world: per-frame world position and XYZ Euler rotation."""

    model: Model
    position: list[Vec3]
    rotation: list[Vec3]
    role: Literal["person", "target"] = "person"


class Atmosphere(_M):
    """Weather and air: fog/haze (world volume), rain streaks, floating dust. All cheap on CPU."""

    weather: str = "clear"
    fog_density: float = 0.0
    fog_color: Vec3 = (0.8, 0.8, 0.8)
    rain_streaks: int = 0
    dust_particles: int = 0
    center: Vec3 = (0.0, 0.0, 0.0)  # where rain and dust are spread (around the walk)
    extent: Vec3 = (10.0, 20.0, 4.0)
    seed: int = 0


class Lens(_M):
    """Camera projection, as Cycles renders it (see docs/motion.md).

    ``perspective``: pinhole with horizontal field of view ``fov_deg``. ``fisheye_equisolid``: r = 2 f sin(theta/2)
    with focal length ``focal_mm`` on a sensor ``sensor_width_mm`` wide (square pixels), ``fov_deg`` = diagonal
    field of view. ``fisheye_equidistant``: Cycles' circular fisheye, r = theta / (fisheye_fov / 2) in units of
    half the image width (x) and height (y); ``fov_deg`` = ``fisheye_fov_deg``.
    """

    model: Literal["perspective", "fisheye_equisolid", "fisheye_equidistant"] = "perspective"
    fov_deg: float
    focal_mm: float = 0.0
    sensor_width_mm: float = 36.0
    fisheye_fov_deg: float = 0.0  # Cycles' fisheye_fov: the image circle; nothing is seen beyond it


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
    # per-frame motion state, e.g. "walk/aimed" (path state / carry state)
    states: list[str] = Field(default_factory=list)
    shutter: float = 0.0  # motion-blur shutter as a fraction of the frame; 0 = no motion blur
    rolling_shutter_s: float = 0.0  # readout time top row -> bottom row; 0 = global shutter


class HeldTrack(_M):
    """The grip anchor's pose in the camera frame per frame (camera looks along -Z, +Y up)."""

    position: list[Vec3]
    rotation: list[Vec3]
    carry: str = "aimed"
    # per-frame carry state from the event timeline (aimed, low_ready, held_out), and motion components added
    # on top of the carry pose (weapon lag, recoil), each per-frame {"position": [...], "rotation": [...]}
    states: list[str] = Field(default_factory=list)
    components: dict[str, dict[str, list[Vec3]]] = Field(default_factory=dict)


class TimelineEvent(_M):
    """An event of the clip's timeline. Positives: raise_start, aim_start, shot, muzzle_flash, lower_start,
    reload. Negatives: the same shapes as raise_start, hold_start, action (``detail`` names it), lower_start."""

    type: str
    frame: int
    time_s: float
    detail: str = ""


class ShotEffect(_M):
    """The visible effects of one shot, in the held object's frame at its muzzle."""

    frame: int
    flash_frames: int = 1
    flash_length_m: float = 0.08
    flash_width_m: float = 0.04
    flash_petals: int = 4
    flash_twist: float = 0.0
    flash_color: Vec3 = (1.0, 0.6, 0.2)
    flash_strength: float = 40.0
    light_power_w: float = 150.0
    smoke: bool = True
    smoke_size_m: float = 0.05
    casing: bool = False
    casing_velocity: Vec3 = (0.0, 0.0, 0.0)  # camera frame, m/s (x right, y up, z towards the camera)


class Timeline(_M):
    """The clip's events and per-frame flags; empty in plans made before timelines existed."""

    events: list[TimelineEvent] = Field(default_factory=list)
    aim_weight: list[float] = Field(default_factory=list)  # 0 = lowered, 1 = raised (aimed / held out)
    muzzle_flash: list[bool] = Field(default_factory=list)
    shots: list[ShotEffect] = Field(default_factory=list)
    action: str = ""  # negatives: what the wearer does at the "shot" times (phone_tap, drill_trigger, ...)
    # planned first frame showing part of the held object (empty hands: the hands), from projecting the plan
    first_visible_frame: int | None = None


class RenderSettings(_M):
    engine: Literal["cycles", "eevee"] = "cycles"
    preset: str = "none"
    device: Literal["cpu", "gpu", "auto"] = "cpu"
    width: int
    height: int
    fps: int
    frames: int
    samples: int
    denoise: Literal["off", "fast", "balanced", "high"]
    max_bounces: int
    denoise_prefilter: Literal["accurate", "fast"] = "accurate"
    caustics: bool = True
    persistent_data: bool = True  # Cycles keeps its scene between frames (same pixels, less sync per frame)
    sky_map_resolution: int = 512  # light-sampling map of a sky photograph; 0 = Cycles' automatic choice
    threads: int = 0
    save_depth: bool = False
    save_frames: bool = True
    video_crf: int = 20
    transparent: bool = False  # film_transparent RGBA frames (composite layers, generator/blender/layer.py)


class AudioSettings(_M):
    """The clip's sound settings, drawn from the config's audio section (rendered by generator/audio)."""

    sample_rate: int = 48000
    channels: int = 1
    bitrate_kbps: int = 128
    save_wav: bool = False
    ambient_spl_db: float = 50.0
    background_events: float = 0.5
    mic_overload_db: float = 122.0
    wind_ms: float = 0.0
    max_order: int = 6
    seed: int = 0  # seeds the sound's own random draws (sources, noise)


class ClipAxes(_M):
    """Clip-level label axes (see docs/labels.md)."""

    weapon_present: bool
    weapon_class: Literal[WEAPON_CLASS_VALUES]  # type: ignore[valid-type]
    weapon_kind: Literal["real", "replica", "virtual", "none"]
    context: str
    held_object: str
    holder: str = "first_person"
    mount: str
    environment: str
    lighting: str
    activity: str
    weather: str = "clear"  # clear, haze, fog, rain, dust (the plan's atmosphere)
    weapon_family: str = "none"  # the held firearm's family (docs/assets.md); none for harmless objects
    device: str = "none"  # camera device profile: none, bodycam, action_cam, phone, weapon_cam
    carry: str = ""  # carry pose: aimed, held_out, chest, low_ready, hip (the same for either class)
    onset: str = "none"  # how the held object comes into view: none (in view from frame 0), holster, below, side


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
    # places: moving labelled figures and targets, weather, sky gradient, exposure in stops
    actors: list[Actor] = Field(default_factory=list)
    atmosphere: Atmosphere = Field(default_factory=Atmosphere)
    world_zenith: Vec3 | None = None
    exposure: float = 0.0
    timeline: Timeline = Field(default_factory=Timeline)
    pair_index: int | None = None  # k for clips 2k and 2k+1 of a counterfactual pair (also seeds their noise)
    # resolved augmentation recipe applied after rendering (generator/run/render.py), None = none
    augment: dict | None = None
    # an equirectangular world image lighting the scene (composite layers), relative to the clip's folder
    world_image: str | None = None
    # outdoors: one of Blender's bundled CC0 sky photographs (datafiles/studiolights/world/<name>.exr) as sky
    # and ambient light, turned about +Z by world_hdri_rotation (radians) so its sun lines up with the sun light
    world_hdri: str | None = None
    world_hdri_rotation: float = 0.0
    audio: AudioSettings | None = None  # None: a silent clip
