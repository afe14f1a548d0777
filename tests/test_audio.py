"""Sound tracks: shots heard at their flashes in the decoded mp4, no gunshots in negatives, rooms ring, exact length.

Onsets are found on the AAC audio decoded back from video.mp4 with PyAV by an energy detector that knows nothing
of how the track was made; the reference is the plan's muzzle-flash frames.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from generator.audio.mux import read_audio, read_wav
from generator.audio.onsets import detect_onsets
from generator.audio.render import n_samples, render_audio
from generator.audio.room import impulse_response, measure_rt60
from generator.audio.track import add_audio, retime
from generator.config import load_config
from generator.dataset.video import encode_mp4, probe
from generator.labels.schema import AudioInfo
from generator.plan.planner import plan_clip

ROOT = Path(__file__).resolve().parents[1]
SHOTS = [4, 11, 19]
LOUD = -20.0  # dBFS of 1 ms energy: a shot, not footfalls or birds lifted by the AGC


def _plans(scene: str, overrides: list[str], n: int) -> list:
    cfg = load_config(ROOT / "scenes" / f"{scene}.yaml", ["render.frames=26", "render.fps=15", *overrides])
    return [plan_clip(cfg, cfg.seed, i) for i in range(n)]


def _write(plan, folder: Path) -> dict:
    """A clip folder with a black video of the plan's frames and its muxed sound track."""
    folder.mkdir(parents=True)
    r = plan.render
    encode_mp4([np.zeros((32, 48, 3), np.uint8)] * r.frames, folder / "video.mp4", r.fps)
    return add_audio(plan, folder)


def _flash_starts(plan) -> list[int]:
    f = plan.timeline.muzzle_flash
    return [k for k in range(len(f)) if f[k] and (k == 0 or not f[k - 1])]


@pytest.mark.parametrize(
    # hard corridors (RT60 > 1 s) bury rapid shots in the previous shot's tail: docs/audio.md, "Rapid fire"
    "scene,weapon", [("range", "handgun"), ("school", "rifle"), ("park", "shotgun"), ("warehouse", "handgun")]
)
def test_every_shot_has_an_onset_within_a_frame_of_its_flash_in_the_decoded_mp4(tmp_path, scene, weapon):
    overrides = [
        "content.positive_fraction=1",
        f"content.weapon={weapon}",
        f"events.force_shot_frames={SHOTS}",
        "audio.background_events=1",
    ]
    checked = 0
    for plan in _plans(scene, overrides, 2):
        if plan.axes.weapon_kind != "real":
            continue
        label = _write(plan, tmp_path / plan.clip_id)
        x, sr = read_audio(tmp_path / plan.clip_id / "video.mp4")
        onsets = np.array(detect_onsets(x, sr, floor_dbfs=LOUD))
        fps = plan.render.fps
        flashes = _flash_starts(plan)
        assert flashes == SHOTS
        for f in flashes:
            assert len(onsets) and np.abs(onsets - f / fps).min() <= 1.0 / fps, (scene, f, onsets * fps)
        shots = [e for e in label["events"] if e["gunshot"]]
        assert [e["emit_frame"] for e in shots] == flashes
        assert all(e["onset_frame"] == e["emit_frame"] and e["peak_spl_db"] > 120 for e in shots)
        checked += 1
    assert checked


def test_detector_finds_nothing_in_a_clip_without_shots(tmp_path):
    plan = _plans("park", ["content.positive_fraction=1", "events.shots=0", "audio.background_events=0"], 1)[0]
    _write(plan, tmp_path / "c")
    x, sr = read_audio(tmp_path / "c" / "video.mp4")
    onsets = detect_onsets(x, sr, floor_dbfs=LOUD)
    assert not [t for t in onsets if t > 0.05], onsets


def test_negatives_have_no_gunshot_events_but_do_have_look_alikes():
    for scene in ("range", "game_screen", "street"):
        plans = _plans(
            scene, ["content.positive_fraction=0", f"events.force_shot_frames={SHOTS}", "audio.background_events=3"], 3
        )
        kinds = set()
        for plan in plans:
            label = render_audio(plan).label
            assert plan.category == "negative"
            assert not [e for e in label["events"] if e["gunshot"]]
            kinds |= {e["type"] for e in label["events"]}
        assert kinds - {"tap", "click"}, (scene, kinds)
        if scene == "game_screen":
            assert "game_gunfire" in kinds


def test_reverberation_is_longer_in_corridors_and_warehouses_than_in_parks_and_streets():
    rt = {}
    for scene in ("corridor", "warehouse", "park", "street"):
        rt[scene] = [measure_rt60(impulse_response(p), 16000) for p in _plans(scene, [], 2)]
    indoor = min(rt["corridor"] + rt["warehouse"])
    outdoor = max(rt["park"] + rt["street"])
    assert indoor > 0.5 and outdoor < 0.3 and indoor > 2 * outdoor, rt


def test_mp4_audio_lasts_exactly_the_clip_and_keeps_every_frame(tmp_path):
    plan = _plans("office", ["render.fps=24", "render.frames=37"], 1)[0]
    label = _write(plan, tmp_path / "c")
    video = tmp_path / "c" / "video.mp4"
    n = n_samples(37, 24, 48000)
    assert n == 37 * 2000 and label["samples"] == n
    with av.open(str(video)) as c:
        a = c.streams.audio[0]
        assert a.codec_context.name == "aac" and a.codec_context.sample_rate == 48000
        assert a.duration * a.time_base == pytest.approx(37 / 24, abs=1e-9)
        decoded = sum(f.samples for f in c.decode(a))
    assert n <= decoded < n + 1024  # the codec's last frame is padded; the edit list says where it ends
    x, sr = read_audio(video)
    assert x.shape == (n, 1) and sr == 48000
    assert probe(video)[0] == 37
    AudioInfo.model_validate(label)


def test_wav_stereo_and_determinism(tmp_path):
    plan = _plans("home", ["audio.channels=2", "audio.save_wav=true", "content.positive_fraction=1",
                           f"events.force_shot_frames={SHOTS}"], 1)[0]
    label = _write(plan, tmp_path / "c")
    wav, sr = read_wav(tmp_path / "c" / "audio.wav")
    again = render_audio(plan)
    assert wav.shape == (label["samples"], 2) == again.samples.shape
    assert np.abs(wav - again.samples).max() < 1e-5  # 24-bit PCM of the same track
    assert not np.allclose(wav[:, 0], wav[:, 1])  # two mics, two signals


def test_distance_and_direction_change_a_bang():
    from generator.audio.render import _azimuth

    plan = _plans("park", ["content.positive_fraction=0", "audio.background_events=9"], 1)[0]
    events = [e for e in render_audio(plan).label["events"] if e["source"] == "environment"]
    assert events
    for e in events:
        assert 1.0 < e["distance_m"] < 20 and -180 <= e["azimuth_deg"] <= 180
    pos = np.asarray(plan.camera.position[0]) + np.array([0.0, 5.0, 0.0])
    assert abs(_azimuth(plan, 0, pos)) < 45  # the camera looks along +y at the start


def test_retime_cuts_audio_and_re_expresses_frames():
    plan = _plans("range", ["content.positive_fraction=1", f"events.force_shot_frames={SHOTS}"], 1)[0]
    track = render_audio(plan)
    cut, label = retime(track.label, track.samples, 10.0, 12)  # 26 frames at 15 fps -> 12 frames at 10 fps
    assert len(cut) == n_samples(12, 10, 48000) == label["samples"]
    assert all(e["onset_sample"] < len(cut) for e in label["events"])
    shot = next(e for e in label["events"] if e["gunshot"])
    assert shot["emit_frame"] == int(SHOTS[0] / 15 * 10)


@pytest.mark.render
def test_generated_clip_carries_its_sound(tmp_path):
    from tests.conftest import render_tiny

    report = render_tiny(tmp_path / "ds", clips=1, overrides=[
        "render.frames=12", "content.positive_fraction=1", "content.weapon=handgun", "events.force_shot_frames=[3,8]",
        "environment.family=range",
    ])
    assert report.rendered == 1
    clip = next((tmp_path / "ds" / "clips").iterdir())
    labels = json.loads((clip / "labels.json").read_text())
    x, sr = read_audio(clip / "video.mp4")
    assert labels["audio"]["samples"] == len(x) == 12 * sr // labels["fps"]
    onsets = np.array(detect_onsets(x, sr, floor_dbfs=LOUD))
    flashes = [f["index"] for f in labels["frames"] if f["muzzle_flash"]]
    if labels["axes"]["weapon_kind"] == "real":
        assert flashes
        for f in flashes:
            assert np.abs(onsets - f / labels["fps"]).min() <= 1 / labels["fps"]
    # the scene's augmentation with an fps change (15 -> 25) cuts and re-muxes the track with the frames
    sets = ["render.frames=12", "content.positive_fraction=1", "content.weapon=handgun",
            "events.force_shot_frames=[3,8]", "environment.family=range", "augment.recipe=heavy"]
    assert render_tiny(tmp_path / "aug", clips=1, overrides=sets).rendered == 1
    aug = next((tmp_path / "aug" / "clips").iterdir())
    new = json.loads((aug / "labels.json").read_text())
    y, sr2 = read_audio(aug / "video.mp4")
    assert new["fps"] == 25 and new["audio"]["samples"] == len(y) == new["num_frames"] * sr2 // 25
    assert [e["type"] for e in new["audio"]["events"]] == [e["type"] for e in labels["audio"]["events"]]


def test_check_track_notices_a_missing_or_wrong_track(tmp_path):
    from generator.audio.mux import check_track

    plan = _plans("office", [], 1)[0]
    label = _write(plan, tmp_path / "c")
    video = tmp_path / "c" / "video.mp4"
    assert check_track(video, label) == []
    assert "lasts" in check_track(video, {**label, "samples": label["samples"] + 1})[0]
    assert "no audio block" in check_track(video, None)[0]
    encode_mp4([np.zeros((32, 48, 3), np.uint8)] * 4, tmp_path / "silent.mp4", 15)
    assert "no audio" in check_track(tmp_path / "silent.mp4", label)[0]


@pytest.mark.parametrize("frames", [1, 4])
def test_very_short_clips_get_a_track_of_their_length(frames):
    from generator.audio import ambient

    for place in ambient.BEDS:  # every bed at every length (bird calls longer than the clip, babble...)
        n = n_samples(frames, 15, 48000)
        bed, _ = ambient.ambient_bed(np.random.default_rng(frames), 48000, n, place, 50.0)
        assert bed.shape == (n,)
    plan = _plans("park", [f"render.frames={frames}", "audio.background_events=3"], 1)[0]
    assert render_audio(plan).samples.shape == (n_samples(frames, 15, 48000), 1)
