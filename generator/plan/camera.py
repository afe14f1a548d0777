"""Plan the wearer's camera: mount, lens, intrinsics, and its per-frame pose from path plus shake components.

Every component (gait, tremor, breathing, drift, scan, recoil) is computed in numpy and kept apart in
``CameraTrack.components``; the pose is their sum on top of the path. With ``motion.shake`` off only the path
(and recoil, which is an event, not shake) moves the camera.
"""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.motion.mounts import mount_of
from generator.motion.path import make_path
from generator.motion.recoil import Kick, camera_kick
from generator.motion.rig import compose_camera, rows
from generator.motion.shake import breathing, drift, frame_times, gait, scan, tremor, tremor_spec
from generator.plan.model import CameraTrack, Intrinsics, Lens
from generator.plan.places.base import Place

SENSOR_WIDTH_MM = 36.0
ROLLING_EXPOSURE = 0.02  # exposure (fraction of a frame) of each row when only the rolling shutter is on
EIS_CROP = (1.1, 1.25)  # electronic stabilisation: the image is cropped by this factor (a narrower lens)
EIS_DAMP = 0.25  # and the high-frequency shake (gait, tremor, breathing rotation) is left at this share
EIS_SMOOTHED = ("gait", "tremor", "breathing")


def cropped_fov(model: str, fov_deg: float, crop: float) -> float:
    """The field of view left after cropping the image by ``crop`` (centred), for the lens model."""
    if model == "perspective":
        return float(np.rad2deg(2.0 * np.arctan(np.tan(np.deg2rad(fov_deg) / 2.0) / crop)))
    if model == "fisheye_equisolid":  # r = 2 f sin(theta / 2): the corner radius shrinks by ``crop``
        return float(np.rad2deg(4.0 * np.arcsin(np.sin(np.deg2rad(fov_deg) / 4.0) / crop)))
    return float(fov_deg / crop)  # equidistant: r = f theta


def intrinsics(width: int, height: int, fov_deg: float) -> Intrinsics:
    """Pinhole intrinsics for a horizontal field of view (square pixels, centred principal point)."""
    fx = (width / 2.0) / np.tan(np.deg2rad(fov_deg) / 2.0)
    return Intrinsics(width=width, height=height, fx=float(fx), fy=float(fx), cx=width / 2.0, cy=height / 2.0)


def make_lens(model: str, fov_deg: float, width: int, height: int) -> tuple[Lens, Intrinsics]:
    """A lens and its intrinsics. Perspective: ``fov_deg`` horizontal. Fisheye: ``fov_deg`` diagonal
    (equisolid: the image circle passes through the corners; equidistant: Cycles' circle spans the width).

    Fisheye intrinsics: fx, fy are pixels per unit of the lens function (2 sin(theta/2) or theta)."""
    if model == "perspective":
        return Lens(model="perspective", fov_deg=float(fov_deg)), intrinsics(width, height, fov_deg)
    fov = float(np.deg2rad(fov_deg))
    if model == "fisheye_equisolid":
        sensor_h = SENSOR_WIDTH_MM * height / width
        half_diag_mm = 0.5 * np.hypot(SENSOR_WIDTH_MM, sensor_h)
        focal = half_diag_mm / (2.0 * np.sin(fov / 4.0))
        px_per_mm = width / SENSOR_WIDTH_MM
        f_px = float(focal * px_per_mm)
        lens = Lens(
            model=model,
            fov_deg=float(fov_deg),
            focal_mm=float(focal),
            sensor_width_mm=SENSOR_WIDTH_MM,
            fisheye_fov_deg=float(min(fov_deg + 2.0, 360.0)),
        )
        return lens, Intrinsics(width=width, height=height, fx=f_px, fy=f_px, cx=width / 2.0, cy=height / 2.0)
    if model == "fisheye_equidistant":
        lens = Lens(model=model, fov_deg=float(fov_deg), fisheye_fov_deg=float(fov_deg))
        return lens, Intrinsics(
            width=width, height=height, fx=width / fov, fy=height / fov, cx=width / 2.0, cy=height / 2.0
        )
    raise ValueError(f"unknown lens model {model!r}")


def _zeros(n: int) -> dict[str, np.ndarray]:
    return {"position": np.zeros((n, 3)), "rotation": np.zeros((n, 3))}


def _scaled(comp: dict[str, np.ndarray], k: float) -> dict[str, np.ndarray]:
    return {"position": comp["position"] * k, "rotation": comp["rotation"] * k}


def plan_camera(
    cfg: SceneConfig,
    place: Place,
    rng_camera: np.random.Generator,
    rng_motion: np.random.Generator,
    kicks: list[Kick] | None = None,
    aim_states: list[str] | None = None,
    aim_weight: np.ndarray | None = None,
) -> CameraTrack:
    """Lens and per-frame pose; each motion component is kept apart in ``components``."""
    r = cfg.render
    t = frame_times(r.frames, r.fps)
    n = len(t)
    rng = rng_camera
    c = cfg.camera
    mount_name = c.draw("mount", rng)
    mount = mount_of(mount_name)
    lens_model = c.draw("lens", rng)
    lens_model = mount.lens if lens_model == "auto" else lens_model
    fov = c.draw("fov_deg", rng) if lens_model == "perspective" else c.draw("fisheye_fov_deg", rng)
    eye = c.draw("eye_height_m", rng)
    pitch0 = float(np.deg2rad(rng.uniform(*mount.pitch0_deg)))
    blur = bool(rng.random() < c.draw("motion_blur", rng))
    shutter = c.draw("shutter", rng)
    rolling = bool(rng.random() < c.draw("rolling_shutter", rng))
    readout = c.draw("readout_ms", rng) / 1000.0
    if lens_model == "perspective" and r.height > r.width:  # portrait: the drawn view spans the long side
        fov = float(np.rad2deg(2.0 * np.arctan(np.tan(np.deg2rad(fov) / 2.0) * r.width / r.height)))
    stabilised = bool(rng.random() < c.draw("stabilise", rng))
    crop = float(rng.uniform(*EIS_CROP)) if stabilised else 1.0
    fov = cropped_fov(lens_model, fov, crop) if stabilised else fov
    lens, intr = make_lens(lens_model, fov, r.width, r.height)

    rng = rng_motion
    m = cfg.motion
    path_kind = m.draw("path", rng)
    duration = r.frames / r.fps
    running = path_kind == "run"
    speed = m.draw("run_speed_mps" if running else "speed_mps", rng)
    speed = 0.0 if path_kind == "stand" else speed
    room = place.walk_length if path_kind not in ("strafe", "back_up") else 0.8
    speed = min(speed, room / max(duration, 1e-6))
    step_hz = m.draw("run_step_hz" if running else "step_hz", rng)
    bob, sway = m.draw("bob_m", rng), m.draw("sway_m", rng)
    if running:
        bob, sway = bob * 1.8, sway * 1.3
    turn = float(np.deg2rad(m.draw("turn_deg", rng)))
    turn_at = float(rng.uniform(0.0, 0.5)) * duration
    stop_at = float(rng.uniform(0.3, 0.7)) * duration
    tremor_rms = m.draw("tremor_deg", rng)
    lo, hi = m.draw("tremor_low_hz", rng), m.draw("tremor_high_hz", rng)
    heading = float(np.deg2rad(rng.uniform(-4, 4)))
    phase = float(rng.uniform(0, 2 * np.pi))
    br_hz, br_deg = m.draw("breathing_hz", rng), m.draw("breathing_deg", rng)
    br_phase = float(rng.uniform(0, 2 * np.pi))
    drift_rms, drift_hi = m.draw("drift_deg", rng), m.draw("drift_high_hz", rng)
    scan_deg, scan_every, roll_deg = (
        m.draw("scan_deg", rng),
        m.draw("scan_every_s", rng),
        m.draw("head_roll_deg", rng),
    )

    start = np.asarray(place.start, dtype=float)
    path = make_path(t, path_kind, start, heading, speed, turn, turn_at, stop_at)
    # every component is drawn, whether shake is on or off, so that switching shake leaves the rest alone
    moving = path["speed"] / max(speed, 1e-9) if speed > 0 else np.zeros(n)
    g = gait(t, step_hz, bob * mount.gait, sway * mount.gait, phase)
    g = {"position": g["position"] * moving[:, None], "rotation": g["rotation"] * moving[:, None]}
    spec = tremor_spec(rng, tremor_rms * mount.tremor, lo, hi)
    comps = {
        "gait": g,
        "tremor": {"position": np.zeros((n, 3)), "rotation": tremor(t, spec)},
        "breathing": breathing(t, br_hz, br_deg * mount.breathing, br_phase),
        "drift": drift(t, rng, drift_rms, drift_hi),
        "scan": _scaled(scan(t, rng, scan_deg, scan_every, roll_deg), mount.scan),
    }
    if path_kind == "turn":  # the head leads the body's turn by about 0.2 s, rolling into it
        lead = np.interp(t + 0.2, t, path["yaw"]) - path["yaw"]
        comps["scan"]["rotation"][:, 2] += lead * mount.scan
    if not m.shake:
        comps = {name: _zeros(n) for name in comps}
    if stabilised:  # electronic stabilisation keeps the intended motion and damps the jitter
        for name in EIS_SMOOTHED:
            rotation = comps[name]["rotation"] * EIS_DAMP
            comps[name] = {"position": comps[name]["position"], "rotation": rotation}
    comps["recoil"] = camera_kick(t, kicks or [], mount.recoil_share) if kicks else _zeros(n)
    if mount_name == "weapon" and aim_weight is not None:  # the camera is raised and lowered with the weapon
        comps["raise"] = _zeros(n)
        comps["raise"]["rotation"][:, 0] = -0.6 * (1.0 - np.asarray(aim_weight, dtype=float))
    pos, rot, listed = compose_camera(path, comps, eye, pitch0, mount.offset)
    path_state = np.where(path["speed"] > 1e-3, "run" if running else "walk", "stand")
    if path_kind in ("strafe", "back_up"):
        path_state = np.where(path["speed"] > 1e-3, path_kind, "stand")
    carry = aim_states or ["aimed"] * n
    return CameraTrack(
        mount=mount_name,
        lens=lens,
        intrinsics=intr,
        position=rows(pos, 6),
        rotation=rows(rot, 6),
        components=listed,
        states=[f"{s}/{a}" for s, a in zip(path_state, carry, strict=True)],
        shutter=round(shutter, 6) if blur else (ROLLING_EXPOSURE if rolling else 0.0),
        rolling_shutter_s=round(readout, 6) if rolling else 0.0,
        motion_params={
            "path": path_kind,
            "shake": "on" if m.shake else "off",
            "speed_mps": round(speed, 6),
            "step_hz": round(step_hz, 6),
            "bob_m": round(bob * mount.gait, 6),
            "sway_m": round(sway * mount.gait, 6),
            "tremor_deg_rms": round(tremor_rms * mount.tremor, 6),
            "tremor_low_hz": lo,
            "tremor_high_hz": hi,
            "breathing_hz": round(br_hz, 6),
            "breathing_deg": round(br_deg * mount.breathing, 6),
            "drift_deg_rms": round(drift_rms, 6),
            "drift_high_hz": drift_hi,
            "scan_deg": round(scan_deg * mount.scan, 6),
            "turn_deg": round(float(np.rad2deg(turn)), 6) if path_kind == "turn" else 0.0,
            "eye_height_m": round(eye, 6),
            "pitch0_deg": round(float(np.rad2deg(pitch0)), 6),
            "heading_deg": round(float(np.rad2deg(heading)), 6),
            "recoil_share": mount.recoil_share,
            "device": c.device,
            "stabilised": "on" if stabilised else "off",
            "eis_crop": round(crop, 6),
        },
    )
