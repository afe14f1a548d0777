import numpy as np

from generator.config import validate_config
from generator.motion.shake import frame_times, gait, tremor, tremor_spec
from generator.plan import plan_clip


def peak_hz(signal, fps):
    spec = np.abs(np.fft.rfft(signal - signal.mean()))
    return np.fft.rfftfreq(len(signal), 1 / fps)[np.argmax(spec)]


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


def test_standing_without_tremor_does_not_move():
    cfg = validate_config({"motion": {"path": "stand", "tremor_deg": 0}, "render": {"frames": 20}})
    plan = plan_clip(cfg, 0, 0)
    pos = np.array(plan.camera.position)
    rot = np.array(plan.camera.rotation)
    assert np.ptp(pos, axis=0).max() < 1e-9 and np.ptp(rot, axis=0).max() < 1e-9


def test_walk_moves_forward_at_speed():
    cfg = validate_config({"motion": {"path": "walk", "speed_mps": 1.2}, "render": {"frames": 30, "fps": 15}})
    plan = plan_clip(cfg, 0, 0)
    pos = np.array(plan.camera.position)
    travelled = np.linalg.norm(pos[-1, :2] - pos[0, :2])
    assert abs(travelled - 1.2 * 29 / 15) < 0.05
    assert set(plan.camera.components) == {"gait", "tremor"}
