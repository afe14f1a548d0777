"""The labels.json schema as pydantic models (its JSON Schema ships as generator/schemas/labels.schema.json)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.plan.model import WEAPON_CLASS_VALUES, ClipAxes, Intrinsics, Lens

LABELS_SCHEMA_VERSION = 1
MANIFEST_SCHEMA_VERSION = 1
CARD_SCHEMA_VERSION = 1
Box = list[float]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Annotation(_M):
    """One labelled instance in one frame."""

    instance_id: int = Field(ge=1, description="Pixel value of this instance in the frame's mask.")
    category: str
    bbox_modal: list[int] | None = Field(description="Tight box [x0,y0,x1,y1] of the visible mask pixels.")
    bbox_amodal: Box | None = Field(description="Box of the projected geometry, clipped to the image.")
    area_px: int = Field(ge=0, description="Visible mask pixels.")
    visible_fraction: float = Field(ge=0, le=1, description="Visible pixels / projected silhouette pixels.")
    truncation: float = Field(ge=0, le=1, description="Share of the projected silhouette outside the image.")
    muzzle_point: list[float] | None = Field(None, description="Projected muzzle [x, y] (firearms only).")
    mostly_hidden: bool = Field(False, description="Augmentation left less than its recipe's share visible.")


class FrameCamera(_M):
    """The camera pose of one frame in the world (metres, radians; Blender's Z-up world, camera looks along -Z)."""

    position: list[float] = Field(description="Camera position [x, y, z] in metres.")
    rotation_euler: list[float] = Field(description="Camera XYZ Euler rotation [rx, ry, rz] in radians.")
    pitch_deg: float = Field(description="Pitch above the horizon in degrees (rx - 90 deg).")
    roll_deg: float = Field(description="Roll in degrees (ry).")
    yaw_deg: float = Field(description="Heading in degrees (rz); 0 looks along +Y.")


class FrameLabels(_M):
    """Labels of one frame."""

    index: int = Field(ge=0, description="Frame index, 0-based; equals the frame's position in the video.")
    time_s: float = Field(ge=0, description="Frame time in seconds: index / fps.")
    image: str | None = Field(
        description="RGB PNG, relative to the clip folder; null when frames are not saved."
    )
    mask: str = Field(
        description="16-bit instance-mask PNG relative to the clip folder: pixel = instance_id."
    )
    depth: str | None = Field(None, description="16-bit depth PNG in millimetres, if render.save_depth.")
    camera: FrameCamera
    motion: dict[str, float] = Field(description="Magnitude of each shake component (rotation, degrees).")
    annotations: list[Annotation]
    motion_state: str = Field("", description="Path state / carry state, e.g. 'walk/aimed'.")
    muzzle_flash: bool = Field(False, description="A muzzle flash is visible in this frame.")


class Event(_M):
    """A moment of the clip: visibility starts, aiming, shots, flashes, reloads."""

    type: Literal[
        "weapon_visible_start",
        "object_visible_start",
        "aim_start",
        "shot",
        "muzzle_flash",
        "reload",
        "raise_start",
        "hold_start",
        "action",
        "lower_start",
        "onset_start",
    ] = Field(description="What happens (onset_start: the held object starts coming into view; detail: from "
    "holster, below or side).")
    frame: int = Field(ge=0, description="Frame index where it happens.")
    time_s: float = Field(ge=0, description="The same moment in seconds.")
    detail: str = Field("", description="What a negative's action is (phone_tap, drill_trigger, ...).")


class InstanceInfo(_M):
    """A labelled instance of the clip (present in every frame's annotations)."""

    instance_id: int = Field(
        ge=1, description="Mask pixel value: held object 1, hands 2/3, figures and targets 10+."
    )
    category: str = Field(description="Class name, e.g. handgun, phone, hand_right.")
    role: Literal["held_object", "hand", "person", "target"]


class CameraInfo(_M):
    """The clip's camera: mount, lens model and pinhole intrinsics."""

    mount: str = Field(description="Where the camera is worn: head, chest, handheld...")
    lens: Lens
    intrinsics: Intrinsics
    motion_blur_shutter: float = Field(0.0, description="Shutter as a fraction of the frame; 0 = no blur.")
    rolling_shutter_s: float = Field(0.0, description="Readout time top to bottom row; 0 = global shutter.")
    flow_available: bool = Field(
        False, description="Optical flow is written (Cycles' Vector pass is empty with motion blur on)."
    )


class ClipLabels(_M):
    """labels.json of one clip."""

    schema_version: Literal[1] = Field(LABELS_SCHEMA_VERSION, description="Version of this format.")
    kind: Literal["povgen.labels"] = "povgen.labels"
    clip_id: str = Field(description="Clip id, also its folder name under clips/.")
    scene: str = Field(description="Name of the scene config that made it.")
    index: int = Field(ge=0, description="Clip index in the dataset.")
    dataset_seed: int = Field(description="Dataset seed; with the index it fixes every random choice.")
    pair_id: str | None = Field(
        None, description="Shared by the two clips of a counterfactual pair (kept in one split)."
    )
    source: Literal["render", "composite", "real"] = Field(
        "render", description="Where the pixels came from."
    )
    category: Literal["positive", "negative"] = Field(description="positive = a firearm is held.")
    axes: ClipAxes
    fps: int = Field(gt=0, description="Frames per second of the video.")
    num_frames: int = Field(gt=0, description="Frames in the video and in frames[].")
    width: int = Field(gt=0, description="Image width in pixels.")
    height: int = Field(gt=0, description="Image height in pixels.")
    duration_s: float = Field(description="num_frames / fps.")
    video: str = Field(description="H.264 MP4 relative to the clip folder.")
    events: list[Event] = Field(description="Events in time order.")
    first_visible: Event | None = Field(
        description="The weapon_visible_start event (time-to-detection reference), or null."
    )
    instances: list[InstanceInfo]
    camera: CameraInfo
    motion_params: dict[str, float | str] = Field(description="Resolved camera-motion parameters.")
    frames: list[FrameLabels]
    background: str | None = Field(None, description="Name of the real background clip (composites).")
    augmentation: dict | None = Field(
        None, description="Recipe, drawn parameters and seed (augmented clips)."
    )
    timings: dict[str, float] = Field(
        default_factory=dict, description="Stage seconds; not part of the label."
    )


class _Open(BaseModel):
    """Records that other stages may extend: unknown keys are kept, known keys are checked."""

    model_config = ConfigDict(extra="allow")


class ManifestRecord(_Open):
    """One line of manifest.jsonl: a finished clip."""

    schema_version: Literal[1] = Field(MANIFEST_SCHEMA_VERSION, description="Version of this format.")
    clip_id: str = Field(description="Clip id, also its folder name.")
    path: str = Field(description="The clip folder relative to the dataset root: clips/<clip_id>.")
    index: int = Field(ge=0, description="Clip index in the dataset.")
    category: Literal["positive", "negative"]
    weapon_present: bool
    weapon_class: Literal[WEAPON_CLASS_VALUES]  # type: ignore[valid-type]
    held_object: str
    environment: str
    frames: int = Field(gt=0, description="Frames in the clip.")
    fps: int = Field(gt=0)
    pair_id: str | None = Field(None, description="Counterfactual pair id, or null.")
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage for this clip.")
    blender: str | None = Field(None, description="Blender version that rendered it.")
    device: str | None = Field(None, description="Render device (CPU, OPTIX, CUDA...).")


class DatasetCard(_Open):
    """dataset.json: what a dataset is and how it was made."""

    schema_version: Literal[1] = Field(CARD_SCHEMA_VERSION, description="Version of this format.")
    kind: Literal["povgen.dataset"] = "povgen.dataset"
    name: str = Field(description="Scene config name.")
    seed: int = Field(description="Dataset seed.")
    config_hash: str = Field(description="Hash of the merged config; a resumed run must match it.")
    config: dict = Field(description="The fully merged scene config.")
    versions: dict[str, str | None] = Field(description="povgen, python, numpy and Blender versions.")
    counts: dict = Field(description="Clips requested, clips, frames, failed, and counts per class.")
    timings: dict = Field(description="Stage seconds, total and per frame.")
    created: str | None = Field(None, description="UTC time of the first run (ISO 8601).")
    updated: str | None = Field(None, description="UTC time of the last card update.")
    status: str | None = Field(None, description="running, complete, failed_clips or interrupted.")
    last_run: dict | None = Field(
        None, description="Wall time, rendered, failed and workers of the last run."
    )
