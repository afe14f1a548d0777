"""The labels.json schema as pydantic models (its JSON Schema ships as generator/schemas/labels.schema.json)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.plan.model import ClipAxes, Intrinsics, Lens

LABELS_SCHEMA_VERSION = 1
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
    position: list[float]
    rotation_euler: list[float]
    pitch_deg: float
    roll_deg: float
    yaw_deg: float


class FrameLabels(_M):
    index: int
    time_s: float
    image: str | None
    mask: str
    depth: str | None = None
    camera: FrameCamera
    motion: dict[str, float] = Field(description="Magnitude of each shake component (rotation, degrees).")
    annotations: list[Annotation]


class Event(_M):
    type: Literal[
        "weapon_visible_start", "object_visible_start", "aim_start", "shot", "muzzle_flash", "reload"
    ]
    frame: int
    time_s: float


class InstanceInfo(_M):
    instance_id: int
    category: str
    role: Literal["held_object", "hand", "person", "target"]


class CameraInfo(_M):
    mount: str
    lens: Lens
    intrinsics: Intrinsics


class ClipLabels(_M):
    """labels.json of one clip."""

    schema_version: Literal[1] = LABELS_SCHEMA_VERSION
    kind: Literal["povgen.labels"] = "povgen.labels"
    clip_id: str
    scene: str
    index: int
    dataset_seed: int
    pair_id: str | None = None
    source: Literal["render", "composite", "real"] = "render"
    category: Literal["positive", "negative"]
    axes: ClipAxes
    fps: int
    num_frames: int
    width: int
    height: int
    duration_s: float
    video: str
    events: list[Event]
    first_visible: Event | None
    instances: list[InstanceInfo]
    camera: CameraInfo
    motion_params: dict[str, float | str]
    frames: list[FrameLabels]
    background: str | None = Field(None, description="Name of the real background clip (composites).")
    augmentation: dict | None = Field(
        None, description="Recipe, drawn parameters and seed (augmented clips)."
    )
    timings: dict[str, float] = Field(
        default_factory=dict, description="Stage seconds; not part of the label."
    )
