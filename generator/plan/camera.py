"""Plan the wearer's camera: mount, lens, intrinsics, and its per-frame pose from path plus shake components."""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.motion.path import straight_path
from generator.motion.rig import compose_camera
from generator.motion.shake import frame_times, gait, tremor, tremor_spec
from generator.plan.environment import Place
from generator.plan.geometry import r3
from generator.plan.model import CameraTrack, Intrinsics, Lens


def intrinsics(width: int, height: int, fov_deg: float) -> Intrinsics:
    """Pinhole intrinsics for a horizontal field of view (square pixels, centred principal point)."""
    fx = (width / 2.0) / np.tan(np.deg2rad(fov_deg) / 2.0)
    return Intrinsics(width=width, height=height, fx=float(fx), fy=float(fx), cx=width / 2.0, cy=height / 2.0)


def plan_camera(
    cfg: SceneConfig, place: Place, rng_camera: np.random.Generator, rng_motion: np.random.Generator
) -> CameraTrack:
    """Lens and per-frame pose; each motion component is kept apart in ``components``."""
    r = cfg.render
    t = frame_times(r.frames, r.fps)
    rng = rng_camera
    fov = cfg.camera.draw("fov_deg", rng)
    eye = cfg.camera.draw("eye_height_m", rng)
    mount = cfg.camera.draw("mount", rng)
    pitch0 = float(np.deg2rad(rng.uniform(-7, 1)))

    rng = rng_motion
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
    return CameraTrack(
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
    )
