"""The scene config: pydantic models in which every scalar may be a constant or a distribution.

Each field's description is its meaning in the generated reference; numeric fields carry their allowed range.
Unknown keys are errors everywhere (``extra='forbid'``).
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from generator import catalog
from generator.config.devices import ASPECTS, DEVICES, aspect_size, fill_profile
from generator.config.distributions import Bounds, Cat, Int, Num, sample

SCHEMA_VERSION = 1

# class and family names come from the catalog (generator/catalog), in catalog order
WEAPONS = catalog.weapon_classes()
REPLICAS = catalog.names("replica")
NEGATIVES = catalog.names("none")
WEAPON_FAMILIES = catalog.weapon_families()  # firearm families within the classes (plan/objects/gunspecs.py)
ACCESSORIES = ("red_dot", "scope", "light", "laser", "sling", "foregrip", "suppressor", "extended_mag")
SLEEVES = ("long", "rolled", "short", "jacket")
ENVIRONMENTS = catalog.family_names()
TIMES_OF_DAY = ("day", "golden_hour", "dusk", "night")
WEATHERS = ("clear", "haze", "fog", "rain", "dust")
MOUNTS = ("head", "chest", "handheld", "weapon")
LENSES = ("auto", "perspective", "fisheye_equisolid", "fisheye_equidistant")
PATHS = ("stand", "walk", "run", "stop", "turn", "strafe", "back_up")
POSES = ("aimed", "held_out", "chest", "low_ready", "hip")
ONSETS = ("holster", "below", "side")
POSE_WEIGHTS = [3, 3, 2, 2, 1]


class Section(BaseModel):
    """Base of every config section: unknown keys are rejected, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, validate_default=True)

    def draw(self, name: str, rng: np.random.Generator) -> Any:
        """Draw field ``name`` with ``rng``, clipping normal draws to the field's allowed range."""
        info = type(self).model_fields[name]
        bounds = next((m for m in info.metadata if isinstance(m, Bounds)), Bounds(None, None))
        return sample(getattr(self, name), rng, bounds.lo, bounds.hi)


# Chosen on the Pareto front of render time against PSNR inside the held-object and hand masks
# (benchmarks/quality.py --grid presets; the table is in benchmarks/RESULTS.md, the guidance in docs/scaling.md).
RENDER_PRESETS: dict[str, dict[str, Any]] = {
    "draft": {
        "width": 320,
        "height": 180,
        "samples": 1,
        "denoise": "fast",
        "denoise_prefilter": "fast",
        "max_bounces": 2,
    },
    "fast": {
        "width": 320,
        "height": 180,
        "samples": 4,
        "denoise": "balanced",
        "denoise_prefilter": "fast",
        "max_bounces": 2,
    },
    "default": {
        "width": 640,
        "height": 360,
        "samples": 16,
        "denoise": "balanced",
        "denoise_prefilter": "fast",
        "max_bounces": 4,
    },
}


class RenderConfig(Section):
    """How frames are rendered. Constants only: render settings are the same for every clip of a dataset."""

    preset: Literal["none", "draft", "fast", "default"] = Field(
        "none",
        description="Render preset filling the keys not given: draft (320x180, 1 spp, FAST denoise, 2 bounces: "
        "smoke tests and previews), fast (320x180, 4 spp, BALANCED denoise, 2 bounces: bulk training clips) or "
        "default (640x360, 16 spp, BALANCED denoise, 4 bounces); the three use the fast denoise prefilter. "
        "none keeps each key's own default (docs/scaling.md).",
    )
    engine: Literal["cycles", "eevee"] = Field(
        "cycles",
        description="Render engine: cycles, or eevee (GPU machines; exact masks from a 1-sample Cycles id pass).",
    )
    device: Literal["cpu", "gpu", "auto"] = Field(
        "cpu", description="Cycles device: cpu, gpu (OPTIX, else CUDA) or auto (gpu when one is found)."
    )
    width: int = Field(320, ge=16, le=7680, description="Image width in pixels.")
    height: int = Field(180, ge=16, le=4320, description="Image height in pixels.")
    fps: int = Field(15, ge=1, le=240, description="Frames per second of the clip and its video.")
    frames: int = Field(30, ge=1, le=10000, description="Frames per clip.")
    samples: int = Field(4, ge=1, le=4096, description="Cycles samples per pixel.")
    denoise: Literal["off", "fast", "balanced", "high"] = Field(
        "fast", description="OIDN denoising quality; 'fast' costs almost nothing on CPU."
    )
    max_bounces: int = Field(4, ge=0, le=64, description="Cycles light bounces.")
    denoise_prefilter: Literal["accurate", "fast"] = Field(
        "accurate",
        description="OIDN prefilter of the albedo and normal guide passes: accurate denoises them too (three "
        "filter runs), fast uses them as rendered (one run; they are nearly noise-free from the first hit).",
    )
    caustics: bool = Field(
        True, description="Trace reflective and refractive caustic paths (off: cheaper, rarely visible)."
    )
    persistent_data: bool = Field(
        True,
        description="Keep Cycles' scene between the frames of a clip (the sky's light map, images and still "
        "geometry are built once per clip, not per frame): the same pixels, about 1.6x cheaper outdoors.",
    )
    sky_map_resolution: int = Field(
        512,
        ge=0,
        le=8192,
        description="Width of Cycles' light-sampling map of an outdoor sky photograph (0: Cycles' automatic "
        "choice, about 2.5 CPU s more per 320x180 render for the same pixels).",
    )
    threads: int = Field(0, ge=0, le=1024, description="Cycles threads per worker; 0 = cores / workers.")
    save_depth: bool = Field(False, description="Also write depth as 16-bit PNG in millimetres.")
    save_frames: bool = Field(True, description="Keep every frame as PNG beside the video.")
    video_crf: int = Field(20, ge=0, le=51, description="H.264 constant rate factor of video.mp4.")

    @field_validator("denoise", mode="before")
    @classmethod
    def _off(cls, value: Any) -> Any:
        """YAML 1.1 reads an unquoted ``off`` as false: take it as 'off' (``--set render.denoise=off``)."""
        return "off" if value is False else value

    @model_validator(mode="before")
    @classmethod
    def _preset(cls, data: Any) -> Any:
        """Fill the keys a preset sets, unless the config gives them itself."""
        if (
            isinstance(data, dict)
            and isinstance(data.get("preset"), str)
            and data["preset"] in RENDER_PRESETS
        ):
            return {**RENDER_PRESETS[data["preset"]], **data}
        return data

    @model_validator(mode="after")
    def _even(self) -> RenderConfig:
        for name in ("width", "height"):
            if getattr(self, name) % 2:
                raise ValueError(f"{name} {getattr(self, name)} must be even (H.264 4:2:0 video)")
        return self


class ContentConfig(Section):
    """What the wearer holds: a firearm (positive clip) or a harmless object (negative clip)."""

    positive_fraction: Num(0, 1) = Field(0.5, description="Probability that a clip is a positive.")
    weapon: Cat(*WEAPONS, *REPLICAS) = Field(
        "handgun", description="Firearm (or replica_<class>, a toy/airsoft replica) held in positive clips."
    )
    weapon_families: dict[str, float] = Field(
        default_factory=dict,
        description="Weight of each firearm family within its class (striker_pistol, hammer_pistol, m1911, "
        "duty_revolver, snub_revolver; ar15, ak, smg, bolt_rifle; pump_shotgun, semi_shotgun); families not "
        "named weigh 1, weight 0 leaves one out (see docs/assets.md).",
    )
    accessories: dict[str, float] = Field(
        default_factory=dict,
        description="Probability of each firearm accessory (red_dot, scope, light, laser, sling, foregrip, "
        "suppressor, extended_mag); accessories not named keep their defaults (docs/assets.md).",
    )
    negative: Cat(*NEGATIVES) = Field(
        {"choice": ["phone", "empty_hands"], "weights": [3, 1]},
        description="Harmless object (or empty hands) held in negative clips.",
    )
    pairs: bool = Field(
        False,
        description="Counterfactual pairs: clips 2k and 2k+1 share place, light, camera path and timing; "
        "2k holds the firearm, 2k+1 a harmless object of similar size and grip.",
    )
    asset_manifest: str | None = Field(
        None, description="YAML asset manifest of the user's own models (see docs/assets.md); None = none."
    )
    asset_fraction: Num(0, 1) = Field(
        0.0,
        description="Probability that a clip's held object comes from the asset manifest (of the clip's "
        "side: a firearm asset for positives, a harmless one for negatives) instead of a procedural model.",
    )


    @field_validator("weapon_families", "accessories")
    @classmethod
    def _known(cls, value: dict[str, float], info) -> dict[str, float]:
        names = WEAPON_FAMILIES if info.field_name == "weapon_families" else ACCESSORIES
        for k, v in value.items():
            if k not in names:
                raise ValueError(f"unknown name {k!r}: expected one of {', '.join(names)}")
            hi = float("inf") if info.field_name == "weapon_families" else 1.0
            if not 0 <= float(v) <= hi:
                raise ValueError(f"{k}: {v} out of range [0, {hi}]")
        return value


class EnvironmentConfig(Section):
    """The place around the wearer: a procedural family (see docs/environments.md) and its contents."""

    family: Cat(*ENVIRONMENTS) = Field(
        "corridor",
        description="Environment family: corridor, office, school, warehouse, home, retail, street, parking, "
        "park, range (training range) or game_screen (a monitor showing a first-person game).",
    )
    width_m: Num(1.5, 20) = Field({"uniform": [2.2, 4.5]}, description="Corridor: inner width in metres.")
    length_m: Num(4, 100) = Field({"uniform": [10, 20]}, description="Corridor: inner length in metres.")
    height_m: Num(2.2, 8) = Field({"uniform": [2.5, 3.2]}, description="Corridor: ceiling height in metres.")
    boxes: Int(0, 40) = Field({"randint": [3, 8]}, description="Corridor: clutter boxes on the floor.")
    size_scale: Num(0.5, 3) = Field(
        {"uniform": [0.8, 1.25]}, description="Other families: scale of their layout sizes (1 = typical)."
    )
    clutter: Num(0, 3) = Field(
        {"uniform": [0.6, 1.4]},
        description="Other families: clutter density (furniture, shelves, cars, trees).",
    )
    wear: Num(0, 1) = Field({"uniform": [0.0, 0.6]}, description="Wear and dirt blended into surfaces.")
    figures: Int(0, 20) = Field(
        {"randint": [0, 3]}, description="Mannequin figures (labelled 'person') standing or walking."
    )
    walking_fraction: Num(0, 1) = Field(0.5, description="Probability that a figure walks during the clip.")
    targets: Int(0, 12) = Field(
        {"randint": [2, 6]}, description="Range: paper or steel targets downrange (labelled 'target')."
    )
    posters: Int(0, 20) = Field({"randint": [0, 4]}, description="Posters and signs with random text.")
    wall_value: Num(0, 1) = Field(
        {"uniform": [0.35, 0.85]}, description="Wall brightness (0 black, 1 white)."
    )
    wall_saturation: Num(0, 1) = Field({"uniform": [0.0, 0.15]}, description="Wall colour saturation.")
    floor_value: Num(0, 1) = Field({"uniform": [0.1, 0.5]}, description="Floor brightness.")


class LightingConfig(Section):
    """Light in the place."""

    ceiling_lights: Int(0, 20) = Field({"randint": [2, 5]}, description="Ceiling light panels.")
    light_power_w: Num(0, 5000) = Field({"uniform": [150, 450]}, description="Power of each panel in watts.")
    color_temperature_k: Num(1500, 12000) = Field(
        {"uniform": [3000, 6500]}, description="Colour temperature of the panels in kelvin."
    )
    ambient: Num(0, 5) = Field({"uniform": [0.05, 0.3]}, description="Strength of the uniform world light.")
    time_of_day: Cat(*TIMES_OF_DAY) = Field(
        {"choice": list(TIMES_OF_DAY), "weights": [4, 2, 1, 2]},
        description="Sun and sky of outdoor families (day, golden_hour, dusk, night).",
    )
    flicker: Num(0, 1) = Field(0.15, description="Probability that an indoor ceiling tube flickers.")
    flashlight: Num(0, 1) = Field(
        0.7, description="Probability of a weapon light / flashlight on the camera at night."
    )
    exposure: Num(-4, 4) = Field(0.0, description="Extra exposure in stops on top of the place's own.")


class AtmosphereConfig(Section):
    """Weather and air: haze or fog, rain (outdoors: streaks and wet surfaces), dust. Cheap on CPU."""

    weather: Cat(*WEATHERS) = Field(
        {"choice": list(WEATHERS), "weights": [5, 2, 1, 2, 1]},
        description="clear, haze, fog, rain (outdoor families; indoors it falls back to clear) or dust.",
    )
    haze_density: Num(0, 1) = Field({"uniform": [0.005, 0.02]}, description="Haze: volume density per metre.")
    fog_density: Num(0, 1) = Field({"uniform": [0.03, 0.08]}, description="Fog: volume density per metre.")
    rain_streaks: Int(0, 20000) = Field(
        {"randint": [400, 1200]}, description="Rain: streaks around the walk."
    )
    dust_particles: Int(0, 20000) = Field({"randint": [150, 400]}, description="Dust: floating motes.")


class CameraConfig(Section):
    """The wearer's camera: where it is mounted, its lens, shutter and readout."""

    device: Literal[DEVICES] = Field(
        "none",
        description="Device profile filling the camera, render and augment keys a scene does not set "
        "(see docs/motion.md): none (the plain defaults), bodycam, action_cam, phone or weapon_cam.",
    )
    aspect: Literal[tuple(ASPECTS)] = Field(
        "free",
        description="Frame aspect: free (render.width x render.height as given), 4:3, 16:9 or 9:16 (the long "
        "side of the configured size is kept, the short side follows the aspect).",
    )
    stabilise: Num(0, 1) = Field(
        0.0,
        description="Probability of electronic stabilisation: a crop of the lens (narrower view) and a "
        "smoother path (high-frequency shake damped).",
    )
    watermark: Num(0, 1) = Field(
        0.0,
        description="Probability of a burnt-in device watermark (UTC time ticking with the clip, model and "
        "serial) in the top-right corner, drawn after rendering on positives and negatives alike.",
    )
    mount: Cat(*MOUNTS) = Field(
        "head",
        description="Where the camera sits: head (action camera), chest (body camera), handheld (phone) "
        "or weapon (weapon-mounted camera).",
    )
    lens: Cat(*LENSES) = Field(
        "auto",
        description="Projection: auto (the mount's typical lens: fisheye for head and chest, perspective "
        "for handheld and weapon), perspective, fisheye_equisolid or fisheye_equidistant (Cycles models).",
    )
    fov_deg: Num(10, 170) = Field(
        {"uniform": [65, 80]},
        description="Horizontal field of view of a perspective lens in degrees (portrait frames: across the "
        "long side, as a phone held upright).",
    )
    fisheye_fov_deg: Num(60, 220) = Field(
        {"uniform": [120, 170]}, description="Diagonal field of view of a fisheye lens in degrees."
    )
    eye_height_m: Num(0.8, 2.2) = Field(
        {"normal": [1.65, 0.07]}, description="Eye height of the wearer above the floor."
    )
    motion_blur: Num(0, 1) = Field(0.0, description="Probability that a clip is rendered with motion blur.")
    shutter: Num(0.01, 1) = Field(
        {"uniform": [0.1, 0.5]}, description="Shutter time as a fraction of the frame when motion blur is on."
    )
    rolling_shutter: Num(0, 1) = Field(0.0, description="Probability that a clip has a rolling shutter.")
    readout_ms: Num(1, 60) = Field(
        {"uniform": [15, 33]}, description="Rolling-shutter readout time (top row to bottom row) in ms."
    )

    @field_validator("aspect", mode="before")
    @classmethod
    def _sexagesimal(cls, value: Any) -> Any:
        """YAML 1.1 reads an unquoted 4:3 as the base-60 number 243: take it back as the aspect."""
        back = {4 * 60 + 3: "4:3", 16 * 60 + 9: "16:9", 9 * 60 + 16: "9:16"}
        return back.get(value, value) if isinstance(value, int) else value


class MotionConfig(Section):
    """How the camera and the held object move: a path plus separate shake components and recoil."""

    path: Cat(*PATHS) = Field(
        {"choice": ["walk", "stand"], "weights": [3, 1]},
        description="Path through the place: stand, walk, run, stop (walk then stand), turn, strafe "
        "(sideways) or back_up.",
    )
    shake: bool = Field(True, description="Add shake components; off = the camera moves only along its path.")
    speed_mps: Num(0, 6) = Field({"uniform": [0.8, 1.5]}, description="Walking speed in m/s.")
    run_speed_mps: Num(0, 8) = Field({"uniform": [2.5, 4.0]}, description="Running speed in m/s.")
    step_hz: Num(0.5, 4) = Field({"normal": [2.0, 0.13]}, description="Walking step frequency in Hz.")
    run_step_hz: Num(0.5, 5) = Field({"uniform": [2.5, 3.0]}, description="Running step frequency in Hz.")
    bob_m: Num(0, 0.2) = Field({"uniform": [0.01, 0.03]}, description="Vertical bob amplitude in metres.")
    sway_m: Num(0, 0.2) = Field(
        {"uniform": [0.005, 0.02]}, description="Lateral sway amplitude (half step rate)."
    )
    turn_deg: Num(-180, 180) = Field(
        {"uniform": [-90, 90]}, description="Heading change of a 'turn' path in degrees."
    )
    tremor_deg: Num(0, 5) = Field({"uniform": [0.05, 0.3]}, description="Tremor RMS in degrees per axis.")
    tremor_low_hz: Num(0.1, 30) = Field(6.0, description="Lower edge of the tremor band in Hz.")
    tremor_high_hz: Num(0.1, 30) = Field(12.0, description="Upper edge of the tremor band in Hz.")
    breathing_hz: Num(0.05, 1) = Field({"uniform": [0.2, 0.33]}, description="Breathing rate in Hz.")
    breathing_deg: Num(0, 3) = Field(
        {"uniform": [0.1, 0.4]}, description="Breathing pitch amplitude in degrees."
    )
    drift_deg: Num(0, 10) = Field(
        {"uniform": [0.5, 2.0]}, description="Slow drift RMS in degrees (below drift_high_hz)."
    )
    drift_high_hz: Num(0.05, 1) = Field(0.8, description="Upper edge of the slow drift band in Hz.")
    scan_deg: Num(0, 90) = Field(
        {"uniform": [0, 35]}, description="Largest yaw of scanning head turns in degrees (0 = no scanning)."
    )
    scan_every_s: Num(0.3, 30) = Field(
        {"uniform": [1.0, 3.0]}, description="Mean time between scanning head turns in seconds."
    )
    head_roll_deg: Num(0, 20) = Field(
        {"uniform": [2, 8]}, description="Head roll at the fastest scanning turn in degrees."
    )
    weapon_lag_s: Num(0, 0.5) = Field(
        {"uniform": [0.03, 0.12]}, description="Time constant of the held object's lag behind camera turns."
    )
    recoil_scale: Num(0, 3) = Field(
        1.0, description="Scale of the per-class recoil ranges (handgun 5–15 deg rise, see docs/motion.md)."
    )


class EventsConfig(Section):
    """The event timeline of a clip: idle, raise to aim, shots (or a negative's actions), lower, reload."""

    start_aimed: Num(0, 1) = Field(0.3, description="Probability that a clip starts with the object raised.")
    raise_at_s: Num(0, 600) = Field(
        {"uniform": [0.0, 1.0]}, description="When the raise to aim starts, in seconds."
    )
    raise_s: Num(0.05, 5) = Field({"uniform": [0.25, 0.6]}, description="Duration of the raise in seconds.")
    shots: Int(0, 50) = Field(
        {"randint": [0, 4]}, description="Shots (negatives: actions) after the aim; inclusive range."
    )
    first_shot_s: Num(0, 60) = Field(
        {"uniform": [0.1, 1.0]}, description="Delay from aim to the first shot in seconds."
    )
    split_s: Num(0.05, 5) = Field(
        {"uniform": [0.15, 0.30]}, description="Time between consecutive shots in seconds."
    )
    lower: Num(0, 1) = Field(0.3, description="Probability of lowering after the last shot.")
    reload: Num(0, 1) = Field(
        0.15, description="Probability of a reload (negatives: a pause) after the shots."
    )
    force_shot_frames: list[int] = Field(
        default_factory=list,
        description="Frames with a forced shot (tests, previews); when given, the clip starts aimed and "
        "only these shots happen.",
    )
    onset: Num(0, 1) = Field(
        0.7,
        description="Probability that the held object comes into view during the clip (drawn from a holster, "
        "brought up from below the frame or swung in from the side) instead of being in view from frame 0; "
        "the same for positives and negatives.",
    )
    onset_at: Num(0, 1) = Field(
        {"uniform": [0.05, 0.7]},
        description="When an onset starts, as a fraction of the clip's duration.",
    )
    onset_from: Cat(*ONSETS) = Field(
        {"choice": list(ONSETS), "weights": [2, 2, 1]},
        description="Where an onset starts: holster (at the hip), below (low, under the frame) or side "
        "(out of frame to the right, as when the wearer turns).",
    )
    pose: Cat(*POSES) = Field(
        {"choice": list(POSES), "weights": POSE_WEIGHTS},
        description="Carry pose of the held object, for positives and negatives alike: aimed (raised, "
        "centred, pointed into the scene), held_out (at arm's length, as a phone filming), chest (two hands "
        "together in front), low_ready or hip (low at the side, at the frame's edge).",
    )
    negative_pose: Cat(*POSES) | None = Field(
        None, description="Carry pose of negatives when it should differ from positives; none = same as pose."
    )
    flash_frames: Int(1, 4) = Field(1, description="Frames a muzzle flash lasts (shotguns: one more).")
    casing: Num(0, 1) = Field(0.5, description="Probability that a shot ejects a visible casing.")


class HandsConfig(Section):
    """The wearer's hands and forearms."""

    skin_tone: Num(0, 1) = Field({"uniform": [0, 1]}, description="0 = very light, 1 = very dark skin.")
    gloves: Num(0, 1) = Field(0.15, description="Probability of gloves.")
    sleeve_value: Num(0, 1) = Field({"uniform": [0.05, 0.8]}, description="Sleeve brightness.")
    sleeve_hue: Num(0, 1) = Field({"uniform": [0, 1]}, description="Sleeve hue.")
    sleeve: Cat(*SLEEVES) = Field(
        {"choice": list(SLEEVES)}, description="Sleeve kind: long, rolled up, short (bare forearm) or jacket."
    )
    watch: Num(0, 1) = Field(0.3, description="Probability of a wrist watch on the left wrist.")
    two_handed: Num(0, 1) = Field(0.8, description="Probability of a two-handed grip on a handgun.")


class AugmentConfig(Section):
    """Augmentation applied to every clip right after it is rendered (see docs/augmentation.md)."""

    recipe: str | None = Field(
        None,
        description="Preset name (bodycam, phone_stream, low_light, weather, heavy) or recipe YAML; none = off.",
    )
    keep_clean: bool = Field(False, description="Also keep the clean render, in the clip's clean/ folder.")


class AudioConfig(Section):
    """The clip's sound track: gunshots, look-alike bangs, ambience, room acoustics and the mic (docs/audio.md)."""

    enabled: bool = Field(True, description="Render a sound track and mux it into video.mp4 as AAC.")
    sample_rate: Literal[16000, 22050, 44100, 48000] = Field(48000, description="Audio sample rate in Hz.")
    channels: Literal[1, 2] = Field(1, description="1 = mono mic; 2 = two mics 14 cm apart (phone stereo).")
    bitrate_kbps: int = Field(128, ge=16, le=512, description="AAC bitrate of the stream's audio in kbit/s.")
    save_wav: bool = Field(False, description="Also write the lossless track as audio.wav beside the video.")
    ambient_spl_db: Num(0, 90) = Field(
        {"uniform": [42, 58]}, description="Ambient bed level (HVAC, traffic, birds, murmur) in dB SPL."
    )
    background_events: Num(0, 10) = Field(
        {"uniform": [0.0, 1.5]},
        description="Mean look-alike bangs per clip (door slams, claps, pops, ...), Poisson; any class.",
    )
    mic_overload_db: Num(100, 150) = Field(
        {"uniform": [122, 136]}, description="Mic acoustic overload point in dB SPL (loud shots clip)."
    )
    wind_ms: Num(0, 20) = Field({"uniform": [0.0, 4.0]}, description="Wind speed outdoors in m/s (mic noise).")
    max_order: int = Field(6, ge=0, le=30, description="Image-source reflection order indoors (outdoors: 2).")


class SceneConfig(Section):
    """A whole scene file."""

    schema_version: Literal[1] = Field(SCHEMA_VERSION, description="Scene config format version.")
    name: str = Field("scene", min_length=1, description="Scene name, used in ids and reports.")
    description: str = Field("", description="Free text.")
    clips: int = Field(4, ge=1, le=10_000_000, description="Clips to generate when --clips is not given.")
    seed: int = Field(0, ge=0, description="Dataset seed when --seed is not given.")
    render: RenderConfig = Field(default_factory=RenderConfig)
    content: ContentConfig = Field(default_factory=ContentConfig)
    environment: EnvironmentConfig = Field(default_factory=EnvironmentConfig)
    lighting: LightingConfig = Field(default_factory=LightingConfig)
    atmosphere: AtmosphereConfig = Field(default_factory=AtmosphereConfig)
    camera: CameraConfig = Field(default_factory=CameraConfig)
    motion: MotionConfig = Field(default_factory=MotionConfig)
    events: EventsConfig = Field(default_factory=EventsConfig)
    hands: HandsConfig = Field(default_factory=HandsConfig)
    augment: AugmentConfig = Field(default_factory=AugmentConfig)
    audio: AudioConfig = Field(default_factory=AudioConfig)

    @model_validator(mode="before")
    @classmethod
    def _device(cls, data: Any) -> Any:
        """Fill the keys the camera's device profile sets, unless the scene gives them itself."""
        return fill_profile(data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _aspect(self) -> SceneConfig:
        """Resize the frame to the camera's aspect (long side kept)."""
        r = self.render
        w, h = aspect_size(r.width, r.height, self.camera.aspect)
        if (w, h) != (r.width, r.height):
            self.render = r.model_copy(update={"width": w, "height": h})
        return self
