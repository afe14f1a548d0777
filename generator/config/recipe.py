"""An augmentation recipe: YAML with clip-level, per-frame and transport effects; shipped presets by name."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from generator.errors import ConfigError

PRESETS_DIR = Path(__file__).resolve().parents[1] / "augment" / "presets"  # shipped presets
Range = tuple[float, float]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Effect(_M):
    p: float = Field(0.0, ge=0, le=1, description="Probability that the effect is applied (0 = off).")

    @model_validator(mode="after")
    def _ranges(self):
        for name, value in self:
            if isinstance(value, tuple) and len(value) == 2 and value[0] > value[1]:
                raise ValueError(f"{name}: low {value[0]} > high {value[1]}")
        return self


class Lens(_Effect):
    """Fisheye-like lens distortion (albumentations OpticalDistortion, mode fisheye)."""

    distort: Range = Field((-0.3, -0.1), description="Distortion strength; negative = barrel (body cams).")


class CropScale(_Effect):
    """Zoom, shift and tilt of the whole clip (albumentations Affine): crop and scale."""

    scale: Range = Field((1.0, 1.2), description="Zoom factor (>1 crops in).")
    shift: Range = Field((-0.05, 0.05), description="Shift as a fraction of the image size, per axis.")
    rotate_deg: Range = Field((-3.0, 3.0), description="Roll in degrees.")


class Color(_Effect):
    """Exposure, contrast, gamma and colour balance of the clip."""

    brightness: Range = Field((-0.2, 0.2), description="Brightness shift (fraction of full range).")
    contrast: Range = Field((-0.2, 0.2), description="Contrast change (fraction).")
    gamma: Range = Field((0.8, 1.25), description="Gamma (>1 darkens mid tones).")
    hue_shift: Range = Field((-8.0, 8.0), description="Hue shift in degrees (OpenCV 0-180 scale).")
    saturation: Range = Field((-20.0, 20.0), description="Saturation shift (0-255 scale).")
    white_balance: Range = Field((0.9, 1.1), description="Red and blue gains of a white-balance error.")


class Fog(_Effect):
    fog: Range = Field((0.1, 0.3), description="Fog density (albumentations fog_coef).")


class SunFlare(_Effect):
    radius: Range = Field((0.1, 0.3), description="Flare source radius as a fraction of the image width.")


class MotionBlur(_Effect):
    kernel: tuple[int, int] = Field((3, 9), description="Blur length in pixels (odd sizes).")


class ClipEffects(_M):
    """Effects drawn once per clip and applied to every frame."""

    lens: Lens = Field(default_factory=Lens)
    crop_scale: CropScale = Field(default_factory=CropScale)
    color: Color = Field(default_factory=Color)
    fog: Fog = Field(default_factory=Fog)
    sun_flare: SunFlare = Field(default_factory=SunFlare)
    motion_blur: MotionBlur = Field(default_factory=MotionBlur)


class Noise(_Effect):
    """Sensor noise with a new field every frame: Gaussian read noise plus ISO (shot and colour) noise."""

    std: Range = Field((0.01, 0.04), description="Gaussian noise std as a fraction of full range.")
    iso: Range = Field((0.05, 0.3), description="ISO noise intensity.")


class Rain(_Effect):
    """Rain streaks, new every frame."""

    drop_length: tuple[int, int] = Field((8, 20), description="Streak length in pixels.")
    slant: Range = Field((-10.0, 10.0), description="Streak slant in degrees.")


class Flicker(_Effect):
    """Small exposure changes from frame to frame (auto-exposure hunting, mains flicker)."""

    amount: float = Field(0.04, ge=0, le=0.5, description="Std of the per-frame gain around 1.")


class FrameEffects(_M):
    """Effects drawn anew for every frame."""

    noise: Noise = Field(default_factory=Noise)
    rain: Rain = Field(default_factory=Rain)
    flicker: Flicker = Field(default_factory=Flicker)


class Transport(_M):
    """What a live stream does to a clip on its way to a platform."""

    height: Literal[360, 480, 720] | None = Field(None, description="Downscale to this stream height.")
    fps: int | None = Field(None, ge=1, le=240, description="Frame-rate conversion to this rate.")
    bitrate_kbps: Range | None = Field(None, description="H.264 re-encode bitrate range in kbit/s.")
    keyframe_s: float = Field(2.0, gt=0, le=20, description="Keyframe interval in seconds.")
    rolling_shutter_ms: Range | None = Field(
        None, description="Sensor readout time; rows are skewed by the estimated image motion."
    )

    @model_validator(mode="after")
    def _ranges(self):
        for name in ("bitrate_kbps", "rolling_shutter_ms"):
            v = getattr(self, name)
            if v is not None and (v[0] > v[1] or v[0] < 0):
                raise ValueError(f"{name}: expected [low, high] with 0 <= low <= high, got {list(v)}")
        return self


class AutoExposure(_Effect):
    """A camera's auto exposure: the gain chases the scene's brightness with a lag (over- and under-shoot)."""

    lag_s: Range = Field((0.2, 0.6), description="Time constant of the exposure loop in seconds.")
    strength: Range = Field((0.5, 0.9), description="How far the gain corrects towards mid grey (0..1).")


class Watermark(_Effect):
    """A body camera's burnt-in overlay, top right: ISO-8601 UTC time ticking with the clip, model, serial."""

    start_year: tuple[int, int] = Field((2024, 2027), description="Range of the clip's start year (UTC).")
    size: float = Field(0.045, gt=0, le=0.2, description="Text height as a fraction of the frame height.")


class Recipe(_M):
    """A whole augmentation recipe."""

    name: str = Field(min_length=1)
    description: str = ""
    hidden_below: float = Field(
        0.5, ge=0, le=1, description="Flag a box as mostly hidden when its visible fraction falls below this."
    )
    clip: ClipEffects = Field(default_factory=ClipEffects)
    frame: FrameEffects = Field(default_factory=FrameEffects)
    transport: Transport = Field(default_factory=Transport)
    auto_exposure: AutoExposure = Field(default_factory=AutoExposure)
    watermark: Watermark = Field(default_factory=Watermark)


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def load_recipe(name_or_path: str | Path) -> Recipe:
    """A shipped preset by name, or a recipe YAML file; errors name the file and the field."""
    path = Path(name_or_path)
    if not path.suffix and (PRESETS_DIR / f"{name_or_path}.yaml").is_file():
        path = PRESETS_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        raise ConfigError(
            f"recipe {name_or_path}: no such file or preset (presets: {', '.join(preset_names())})"
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a recipe must be a mapping")
    data.setdefault("name", path.stem)
    try:
        return Recipe.model_validate(data)
    except ValidationError as exc:
        e = exc.errors()[0]
        where = ".".join(str(x) for x in e["loc"])
        raise ConfigError(f"{path}: {where}: {e['msg']}") from None


def augment_plan(cfg, dataset_seed: int, watermark: float = 0.0) -> dict | None:
    """The plan's ``augment`` entry for a scene's ``augment:`` section (None when no recipe is set and no
    watermark is drawn); ``watermark`` is the probability of the device overlay (camera.watermark)."""
    if cfg.recipe is None and watermark <= 0:
        return None
    recipe = load_recipe(cfg.recipe) if cfg.recipe is not None else Recipe(name="watermark")
    recipe.watermark.p = float(watermark)
    return {
        "recipe": recipe.model_dump(mode="json"),
        "keep_clean": bool(cfg.keep_clean),
        "seed": int(dataset_seed),
    }
