"""plan_clip: scene config + dataset seed + clip index -> ClipPlan, in pure Python and numpy.

Every area (content, environment, held object, hands, camera, motion) draws from its own generator derived
from ``SeedSequence(dataset_seed, spawn_key=(index, area))``, so clip i is the same whatever the worker count
or order, and changing how one area draws leaves the others as they were.
"""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.motion.path import straight_path
from generator.motion.rig import compose_camera
from generator.motion.shake import frame_times, gait, tremor, tremor_spec
from generator.plan import hands as hands_mod
from generator.plan.environment import FAMILIES
from generator.plan.geometry import r3
from generator.plan.model import (
    CameraTrack,
    ClipAxes,
    ClipPlan,
    HeldTrack,
    Intrinsics,
    Lens,
    Placed,
    RenderSettings,
)
from generator.plan.objects import WEAPON_CLASSES, build_held

AREAS = {"content": 0, "environment": 1, "held": 2, "hands": 3, "camera": 4, "motion": 5, "carry": 6}

# grip anchor pose in the camera frame for the head mount: (position, extra pitch/yaw), per held object
CARRY = {
    "handgun": ((0.04, -0.12, -0.36), (0.06, 0.05)),
    "phone": ((0.07, -0.15, -0.46), (0.2, 0.1)),
    "empty_hands": ((0.0, -0.2, -0.40), (0.15, 0.0)),
}
OBJECT_TO_CAMERA = (-np.pi / 2, 0.0, 0.0)  # the model's +Y (forward) onto the camera's -Z (view direction)


def area_rng(dataset_seed: int, index: int, area: str) -> np.random.Generator:
    """The generator of one area of one clip."""
    return np.random.default_rng(
        np.random.SeedSequence(int(dataset_seed), spawn_key=(int(index), AREAS[area]))
    )


def clip_id(index: int) -> str:
    """Folder name and id of clip ``index``."""
    return f"{index:06d}"


def intrinsics(width: int, height: int, fov_deg: float) -> Intrinsics:
    """Pinhole intrinsics for a horizontal field of view (square pixels, centred principal point)."""
    fx = (width / 2.0) / np.tan(np.deg2rad(fov_deg) / 2.0)
    return Intrinsics(width=width, height=height, fx=float(fx), fy=float(fx), cx=width / 2.0, cy=height / 2.0)


def plan_clip(cfg: SceneConfig, dataset_seed: int, index: int) -> ClipPlan:
    """Resolve every random value of clip ``index`` into a ClipPlan."""
    r = cfg.render
    t = frame_times(r.frames, r.fps)

    rng = area_rng(dataset_seed, index, "content")
    positive = bool(rng.random() < cfg.content.draw("positive_fraction", rng))
    held_name = cfg.content.draw("weapon" if positive else "negative", rng)

    rng = area_rng(dataset_seed, index, "environment")
    family = cfg.environment.draw("family", rng)
    place = FAMILIES[family](cfg.environment, cfg.lighting, rng)

    held_model = build_held(held_name, area_rng(dataset_seed, index, "held"))
    if held_model is not None:
        held_model = held_model.model_copy(update={"instance_id": 1})

    rng = area_rng(dataset_seed, index, "hands")
    mats = hands_mod.hand_materials(
        rng,
        cfg.hands.draw("skin_tone", rng),
        bool(rng.random() < cfg.hands.draw("gloves", rng)),
        cfg.hands.draw("sleeve_hue", rng),
        cfg.hands.draw("sleeve_value", rng),
    )
    sleeve_from = float(rng.uniform(0.04, 0.16))
    if held_name == "handgun":
        hands = hands_mod.handgun_grip(mats, two_handed=bool(rng.random() < 0.8), sleeve_from=sleeve_from)
    elif held_name == "phone":
        hands = hands_mod.phone_grip(mats, phone_width=0.075, sleeve_from=sleeve_from)
    else:
        hands = hands_mod.open_hands(mats, sleeve_from=sleeve_from)

    rng = area_rng(dataset_seed, index, "camera")
    fov = cfg.camera.draw("fov_deg", rng)
    eye = cfg.camera.draw("eye_height_m", rng)
    mount = cfg.camera.draw("mount", rng)
    pitch0 = float(np.deg2rad(rng.uniform(-7, 1)))

    rng = area_rng(dataset_seed, index, "motion")
    m = cfg.motion
    path_kind = m.draw("path", rng)
    duration = r.frames / r.fps
    speed = m.draw("speed_mps", rng) if path_kind == "walk" else 0.0
    speed = min(speed, place.walk_length / max(duration, 1e-6))
    step_hz = m.draw("step_hz", rng)
    bob, sway = m.draw("bob_m", rng), m.draw("sway_m", rng)
    tremor_rms = m.draw("tremor_deg", rng)
    lo, hi = m.draw("tremor_low_hz", rng), m.draw("tremor_high_hz", rng)
    heading = float(np.deg2rad(rng.uniform(-4, 4)))
    phase = float(rng.uniform(0, 2 * np.pi))
    path = straight_path(t, np.asarray(place.start, dtype=float), heading, speed)
    components = {}
    if path_kind == "walk":
        components["gait"] = gait(t, step_hz, bob, sway, phase)
    spec = tremor_spec(rng, tremor_rms, lo, hi)
    components["tremor"] = {"position": np.zeros((len(t), 3)), "rotation": tremor(t, spec)}
    pos, rot, listed = compose_camera(path, components, eye, pitch0)

    # the held object lags and sways a little relative to the camera
    rng = area_rng(dataset_seed, index, "carry")
    base_pos, (dpitch, dyaw) = CARRY[held_name]
    jitter = np.array(base_pos) + rng.uniform(-0.01, 0.01, size=3)
    sway_spec = tremor_spec(rng, float(rng.uniform(0.2, 0.6)), 0.5, 2.0, n_sines=3)
    sway_rot = tremor(t, sway_spec)
    held_pos, held_rot = [], []
    for i in range(len(t)):
        held_pos.append(r3(jitter + np.array([0.0, 0.004 * np.sin(2 * np.pi * step_hz * t[i]), 0.0])))
        held_rot.append(
            r3(
                np.array(OBJECT_TO_CAMERA)
                + np.array([dpitch + sway_rot[i, 0], sway_rot[i, 1], dyaw + sway_rot[i, 2]])
            )
        )

    weapon_class = WEAPON_CLASSES.get(held_name, "none")
    axes = ClipAxes(
        weapon_present=positive,
        weapon_class=weapon_class,
        weapon_kind="real" if positive else "none",
        context=place.context,
        held_object=held_name,
        mount=mount,
        environment=family,
        lighting=place.lighting,
        activity=("walking" if path_kind == "walk" else "standing") + ("_aiming" if positive else "_holding"),
    )
    return ClipPlan(
        clip_id=clip_id(index),
        index=index,
        dataset_seed=dataset_seed,
        scene=cfg.name,
        category="positive" if positive else "negative",
        axes=axes,
        environment=place.models,
        world_color=place.world_color,
        world_strength=place.world_strength,
        lights=place.lights,
        held=Placed(model=held_model) if held_model is not None else None,
        hands=hands,
        held_track=HeldTrack(position=held_pos, rotation=held_rot, carry="aimed" if positive else "held_out"),
        camera=CameraTrack(
            mount=mount,
            lens=Lens(fov_deg=float(fov)),
            intrinsics=intrinsics(r.width, r.height, fov),
            position=[r3(p) for p in pos],
            rotation=[r3(q) for q in rot],
            components=listed,
            motion_params={
                "path": path_kind,
                "speed_mps": round(speed, 6),
                "step_hz": round(step_hz, 6),
                "bob_m": round(bob, 6),
                "sway_m": round(sway, 6),
                "tremor_deg_rms": round(tremor_rms, 6),
                "tremor_low_hz": lo,
                "tremor_high_hz": hi,
                "eye_height_m": round(eye, 6),
                "pitch0_deg": round(float(np.rad2deg(pitch0)), 6),
                "heading_deg": round(float(np.rad2deg(heading)), 6),
            },
        ),
        render=RenderSettings(**r.model_dump()),
    )


def plan_dataset(cfg: SceneConfig, dataset_seed: int, clips: int) -> list[ClipPlan]:
    """Plans of clips 0..clips-1."""
    return [plan_clip(cfg, dataset_seed, i) for i in range(clips)]
