"""Camera motion in the plan: spectra of components, shake off, recoil shape, timelines, determinism."""

import numpy as np
import pytest

from generator.config import validate_config
from generator.labels.projection import project
from generator.motion.recoil import RECOIL_CLASSES, draw_kick, impulse, recoil
from generator.motion.shake import frame_times, gait, scan, tremor, tremor_spec
from generator.plan import plan_clip
from generator.plan.camera import make_lens

QUIET = {"breathing_deg": 0, "drift_deg": 0, "scan_deg": 0, "tremor_deg": 0, "bob_m": 0, "sway_m": 0}
NO_EVENTS = {"shots": 0, "start_aimed": 1, "lower": 0, "reload": 0}


def peak_hz(signal, fps):
    spec = np.abs(np.fft.rfft(signal - signal.mean()))
    return np.fft.rfftfreq(len(signal), 1 / fps)[np.argmax(spec)]


def plan(motion=None, events=None, render=None, camera=None, content=None, index=0, seed=0):
    cfg = validate_config(
        {
            "motion": motion or {},
            "events": events or {},
            "render": render or {},
            "camera": camera or {},
            "content": content or {},
        }
    )
    return plan_clip(cfg, seed, index)


def angular_velocity(p):
    rot = np.unwrap(np.array(p.camera.rotation), axis=0)
    return np.gradient(rot, 1 / p.render.fps, axis=0)


def test_tremor_spectrum_lies_in_band_and_has_requested_rms():
    t = frame_times(2400, 240)
    spec = tremor_spec(np.random.default_rng(0), rms_deg=0.2, low_hz=6, high_hz=12)
    rot = tremor(t, spec)
    for axis in range(3):
        power = np.abs(np.fft.rfft(rot[:, axis])) ** 2
        freqs = np.fft.rfftfreq(len(t), 1 / 240)
        band = (freqs >= 5.5) & (freqs <= 12.5)
        assert power[band].sum() / power.sum() > 0.98
        assert abs(np.rad2deg(rot[:, axis].std()) - 0.2) < 0.04


def test_gait_bob_at_step_rate_sway_at_half():
    t = frame_times(600, 60)
    g = gait(t, step_hz=2.0, bob_m=0.02, sway_m=0.01, phase=0.3)
    assert abs(peak_hz(g["position"][:, 2], 60) - 2.0) < 0.11
    assert abs(peak_hz(g["position"][:, 0], 60) - 1.0) < 0.11


@pytest.mark.parametrize("band", [(6.0, 12.0), (8.0, 10.0)])
def test_camera_angular_velocity_peaks_in_the_configured_tremor_band(band):
    lo, hi = band
    motion = {**QUIET, "path": "stand", "tremor_deg": 0.2, "tremor_low_hz": lo, "tremor_high_hz": hi}
    p = plan(motion, NO_EVENTS, {"frames": 600, "fps": 60})
    w = angular_velocity(p)
    for axis in (0, 2):  # pitch and yaw rates
        power = np.abs(np.fft.rfft(w[:, axis] - w[:, axis].mean())) ** 2
        freqs = np.fft.rfftfreq(len(w), 1 / 60)
        assert lo - 0.3 <= freqs[np.argmax(power)] <= hi + 0.3
        assert power[(freqs >= lo - 0.5) & (freqs <= hi + 0.5)].sum() / power.sum() > 0.9


@pytest.mark.parametrize("step_hz", [1.8, 2.2])
def test_camera_pitch_rate_peaks_at_the_step_frequency_and_roll_rate_at_half(step_hz):
    motion = {**QUIET, "path": "walk", "step_hz": step_hz, "bob_m": 0.02, "sway_m": 0.012}
    p = plan(motion, NO_EVENTS, {"frames": 600, "fps": 60}, {"mount": "chest"})
    w = angular_velocity(p)
    assert abs(peak_hz(w[:, 0], 60) - step_hz) < 0.11
    assert abs(peak_hz(w[:, 1], 60) - step_hz / 2) < 0.11


def test_breathing_and_drift_are_slow():
    motion = {**QUIET, "path": "stand", "breathing_deg": 0.3, "breathing_hz": 0.25, "drift_deg": 1.0}
    p = plan(motion, NO_EVENTS, {"frames": 1200, "fps": 30})
    br = np.array(p.camera.components["breathing"]["rotation"])[:, 0]
    assert abs(peak_hz(br, 30) - 0.25) < 0.03
    dr = np.array(p.camera.components["drift"]["rotation"])
    power = np.abs(np.fft.rfft(dr, axis=0)) ** 2
    freqs = np.fft.rfftfreq(len(dr), 1 / 30)
    assert power[freqs < 1.0].sum() / power.sum() > 0.98
    assert 0.5 < np.rad2deg(dr.std(axis=0)).mean() < 1.5


def test_scanning_roll_is_bounded_and_follows_yaw_speed():
    t = frame_times(900, 30)
    s = scan(t, np.random.default_rng(3), max_deg=40, every_s=1.5, roll_deg=8)
    yaw, roll = s["rotation"][:, 2], s["rotation"][:, 1]
    assert np.rad2deg(np.abs(yaw).max()) <= 40 + 1e-6 and np.rad2deg(np.ptp(yaw)) > 10
    assert abs(np.rad2deg(np.abs(roll).max()) - 8) < 1e-6
    rate = np.gradient(yaw, t)
    assert np.corrcoef(rate, -roll)[0, 1] > 0.99


@pytest.mark.parametrize("path", ["stand", "walk", "run", "stop", "turn", "strafe", "back_up"])
def test_with_shake_off_the_camera_moves_only_along_its_path(path):
    p = plan({"path": path, "shake": False, "turn_deg": 60}, NO_EVENTS, {"frames": 45, "fps": 15})
    for name, comp in p.camera.components.items():
        assert np.abs(np.array(comp["rotation"])).max() == 0, name
        assert np.abs(np.array(comp["position"])).max() == 0, name
    pos, rot = np.array(p.camera.position), np.array(p.camera.rotation)
    assert np.ptp(pos[:, 2]) < 1e-6 and np.ptp(rot[:, :2], axis=0).max() < 1e-6  # no bob, pitch or roll
    if path != "turn":
        assert np.ptp(rot[:, 2]) < 1e-6
        d = np.diff(pos[:, :2], axis=0)
        moving = np.linalg.norm(d, axis=1) > 1e-3  # positions are rounded to 1e-6 m
        if moving.sum() > 1:  # straight line: all steps point the same way
            u = d[moving] / np.linalg.norm(d[moving], axis=1, keepdims=True)
            assert np.abs(u - u[0]).max() < 1e-4
    else:
        assert abs(np.rad2deg(rot[-1, 2] - rot[0, 2]) - 60) < 1.0


def test_walk_moves_forward_at_speed_and_back_up_moves_backwards():
    p = plan({"path": "walk", "speed_mps": 1.2}, NO_EVENTS, {"frames": 30, "fps": 15})
    pos = np.array(p.camera.position)
    assert abs(np.linalg.norm(pos[-1, :2] - pos[0, :2]) - 1.2 * 29 / 15) < 0.05
    b = np.array(plan({"path": "back_up", "speed_mps": 0.5}, NO_EVENTS).camera.position)
    assert b[-1, 1] < b[0, 1] - 0.2


@pytest.mark.parametrize("klass", sorted(RECOIL_CLASSES))
def test_recoil_rises_within_range_peaks_on_time_and_recovers(klass):
    rng = np.random.default_rng(11)
    r = RECOIL_CLASSES[klass]
    t = np.arange(0, 1.0, 0.0005)
    for _ in range(20):
        k = draw_kick(rng, klass, 0.1)
        pitch = np.rad2deg(recoil(t, [k])["pitch"])
        assert r["rise_deg"][0] <= pitch.max() <= r["rise_deg"][1]
        assert r["peak_s"][0] - 1e-3 <= t[np.argmax(pitch)] - 0.1 <= r["peak_s"][1] + 1e-3
        assert np.all(pitch[t >= 0.1 + r["recovery_s"][1]] == 0)
        assert np.all(pitch[t < 0.1] == 0)
        assert pitch[t >= 0.1 + k.recovery_s].max() < 1e-9


def test_impulse_is_continuous():
    tau = np.arange(-0.1, 0.5, 1e-4)
    g = impulse(tau, 0.06, 0.25)
    assert np.abs(np.diff(g)).max() < 0.03


def test_plan_recoil_pitches_the_camera_after_each_shot_by_the_mount_share():
    p = plan(
        {**QUIET, "path": "stand"},
        {"force_shot_frames": [10, 20]},
        {"frames": 40, "fps": 30},
        content={"positive_fraction": 1},
    )
    share = float(p.camera.motion_params["recoil_share"])
    pitch = np.rad2deg(np.array(p.camera.components["recoil"]["rotation"])[:, 0])
    lo, hi = RECOIL_CLASSES["handgun"]["rise_deg"]
    assert np.all(pitch[:10] == 0)
    for f in (10, 20):
        window = pitch[f : f + 6]
        assert window[0] == 0 and share * lo * 0.5 < window.max() <= share * hi
    held = np.array(p.held_track.components["recoil"]["rotation"])[:, 0]
    assert np.rad2deg(held[11:13]).max() > lo * 0.5  # the weapon itself rises more than the camera


def test_timeline_forced_shots_flash_and_negatives_get_actions():
    pos = plan(events={"force_shot_frames": [2]}, content={"positive_fraction": 1}, render={"frames": 6})
    kinds = [(e.type, e.frame) for e in pos.timeline.events]
    assert ("shot", 2) in kinds and ("muzzle_flash", 2) in kinds
    assert pos.timeline.muzzle_flash == [f == 2 for f in range(6)]
    neg = plan(events={"force_shot_frames": [2]}, content={"positive_fraction": 0}, render={"frames": 6})
    assert [e.type for e in neg.timeline.events if e.frame == 2] == ["action"]
    assert not any(neg.timeline.muzzle_flash) and neg.timeline.action


def test_timeline_events_are_ordered_and_inside_the_clip():
    for i in range(20):
        p = plan(render={"frames": 60, "fps": 30}, index=i)
        frames = [e.frame for e in p.timeline.events]
        assert frames == sorted(frames) and all(0 <= f < 60 for f in frames)
        for e in p.timeline.events:
            assert abs(e.time_s - e.frame / 30) < 1e-6
        w = np.array(p.timeline.aim_weight)
        assert w.min() >= 0 and w.max() <= 1


def test_negative_camera_motion_matches_positive():
    """Class does not change camera draws: same seed and index give the same camera track either way."""
    render = {"frames": 40, "fps": 20}
    stats = {True: [], False: []}
    for i in range(6):
        a = plan(render=render, content={"positive_fraction": 1}, index=i)
        b = plan(render=render, content={"positive_fraction": 0}, index=i)
        assert a.category == "positive" and b.category == "negative"
        assert a.camera.position == b.camera.position and a.camera.rotation == b.camera.rotation
        assert [e.frame for e in a.timeline.events if e.type == "shot"] == [
            e.frame for e in b.timeline.events if e.type == "action" and e.detail != "adjust_grip"
        ]
    for i in range(40):  # and across clips of a mixed scene the statistics agree
        p = plan(render=render, index=i)
        stats[p.category == "positive"].append(np.abs(angular_velocity(p)).mean())
    assert len(stats[True]) > 8 and len(stats[False]) > 8
    m1, m0 = np.mean(stats[True]), np.mean(stats[False])
    assert abs(m1 - m0) / max(m1, m0) < 0.35


def test_every_component_is_deterministic():
    cfg = validate_config({"render": {"frames": 30}, "motion": {"path": "turn"}})
    a, b = plan_clip(cfg, 5, 3), plan_clip(cfg, 5, 3)
    for other in range(3):
        plan_clip(cfg, 5, other)  # other clips in between change nothing
    c = plan_clip(cfg, 5, 3)
    assert a.model_dump_json() == b.model_dump_json() == c.model_dump_json()
    assert set(a.camera.components) >= {"gait", "tremor", "breathing", "drift", "scan", "recoil"}
    assert set(a.held_track.components) == {"raise", "lag", "recoil"}
    assert plan_clip(cfg, 6, 3).camera.components != a.camera.components


@pytest.mark.parametrize(
    "mount,model",
    [("head", "fisheye_equisolid"), ("chest", "fisheye_equisolid"), ("handheld", "perspective")],
)
def test_mounts_pick_their_typical_lens(mount, model):
    p = plan(camera={"mount": mount})
    assert p.camera.lens.model == model
    lo, hi = (120, 170) if model != "perspective" else (65, 80)
    assert lo <= p.camera.lens.fov_deg <= hi


def test_equisolid_lens_puts_the_diagonal_field_of_view_on_the_corners():
    lens, intr = make_lens("fisheye_equisolid", 150.0, 320, 180)
    half = np.deg2rad(75.0)
    corner = np.array([320 / 2, 180 / 2]) / np.hypot(160, 90)
    d = np.array([[np.sin(half) * corner[0], np.sin(half) * corner[1], -np.cos(half)]])
    xy, depth = project(d * 3.0, intr.model_dump(), lens.model_dump())
    assert np.allclose(xy[0], [320, 0], atol=1e-6) and depth[0] > 0
    centre, _ = project(np.array([[0.0, 0.0, -2.0]]), intr.model_dump(), lens.model_dump())
    assert np.allclose(centre[0], [160, 90])


def test_perspective_lens_puts_the_horizontal_fov_on_the_edges():
    lens, intr = make_lens("perspective", 70.0, 320, 180)
    half = np.deg2rad(35.0)
    xy, _ = project(np.array([[np.sin(half), 0, -np.cos(half)]]), intr.model_dump(), lens.model_dump())
    assert np.allclose(xy[0], [320, 90])


def test_rolling_shutter_rows_are_solved_at_their_own_times():
    """A point moving down the image at v px/frame is seen where its time equals its row's read-out time."""
    from generator.labels.rolling import solve_rows

    h, shutter, duty = 100, 0.6, 0.05
    taus = np.linspace(-shutter / 2, shutter / 2, 9)
    y0 = np.array([10.0, 50.0, 90.0])
    v = 20.0
    xy = np.stack([np.stack([np.full(3, 5.0), y0 + v * t], axis=1) for t in taus])
    got, ok = solve_rows(taus, xy, np.ones((9, 3), bool), h, shutter, duty, 0.0)
    a = -shutter / 2 + shutter * duty / 2
    b = shutter * (1 - duty) / h
    tau = (a + b * y0) / (1 - b * v)  # tau = a + b * y(tau), solved by hand
    assert ok.all() and np.allclose(got[:, 1], y0 + v * tau, atol=1e-6)
