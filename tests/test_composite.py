"""Compositing onto real video: boxes against the layer's alpha, untouched background, counterfactual pairs,
and the light, noise and blur measurements it relies on."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from conftest import SMOKE

from generator.augment.composite import environment_image, estimate_light, noise_sigma
from generator.augment.synthetic import pattern_frames, pattern_video
from generator.dataset.validate import validate_dataset
from generator.errors import PovgenError
from generator.labels.boxes import tight_box
from generator.run.composite import read_background, run_composite


@pytest.fixture(scope="module")
def composite_ds(tmp_path_factory):
    root = tmp_path_factory.mktemp("comp")
    (root / "bg").mkdir()
    bg = pattern_video(root / "bg" / "hall way.mp4", fps=15, width=96, height=72, frames=5)
    out = root / "out"
    counts = run_composite(root / "bg", out, SMOKE, ["render.samples=2"], seed=3)
    assert counts["written"] == 2
    return bg, out


@pytest.mark.render
def test_composite_dataset_validates_and_pairs(composite_ds):
    _, out = composite_ds
    rep = validate_dataset(out)
    assert rep.ok, rep.problems
    pos = json.loads((out / "clips" / "hall_way-positive" / "labels.json").read_text())
    neg = json.loads((out / "clips" / "hall_way-negative" / "labels.json").read_text())
    for lab in (pos, neg):
        assert lab["source"] == "composite" and lab["background"] == "hall_way"
        assert lab["pair_id"] == "hall_way-pair"
    assert pos["axes"]["weapon_present"] is True and neg["axes"]["weapon_present"] is False
    assert pos["category"] == "positive" and neg["category"] == "negative"


@pytest.mark.render
def test_boxes_equal_tight_boxes_of_layer_alpha(composite_ds):
    _, out = composite_ds
    checked = 0
    for kind in ("positive", "negative"):
        clip = out / "clips" / f"hall_way-{kind}"
        lab = json.loads((clip / "labels.json").read_text())
        for fl in lab["frames"]:
            alpha = cv2.imread(str(clip / "alpha" / f"{fl['index']:06d}.png"), cv2.IMREAD_UNCHANGED)
            boxes = [a["bbox_modal"] for a in fl["annotations"] if a["bbox_modal"]]
            if not boxes:
                assert tight_box(alpha > 127) is None
                continue
            union = [
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            ]
            ab = tight_box(alpha > 127)
            assert ab is not None and max(abs(x - y) for x, y in zip(ab, union, strict=True)) <= 2
            checked += 1
    assert checked >= 5


@pytest.mark.render
def test_background_unchanged_away_from_the_layer(composite_ds):
    bg, out = composite_ds
    frames = read_background(bg, None, None).frames
    for kind in ("positive", "negative"):
        clip = out / "clips" / f"hall_way-{kind}"
        changed_total = 0
        for t in range(len(frames)):
            img = cv2.cvtColor(cv2.imread(str(clip / "frames" / f"{t:06d}.png")), cv2.COLOR_BGR2RGB)
            alpha = cv2.imread(str(clip / "alpha" / f"{t:06d}.png"), cv2.IMREAD_UNCHANGED)
            away = cv2.dilate((alpha > 0).astype(np.uint8), np.ones((3, 3), np.uint8)) == 0
            assert np.array_equal(img[away], frames[t][away])
            changed_total += int((img != frames[t]).any(axis=-1).sum())
        assert changed_total > 100  # the layer is there


def test_light_direction_and_noise_estimates():
    right = pattern_frames(160, 90, 3, seed=1, noise=0)  # brighter on the right
    assert estimate_light(right)["direction_cam"][0] > 0.3
    assert estimate_light(right[:, :, ::-1].copy())["direction_cam"][0] < -0.3
    smooth = cv2.GaussianBlur(right[0], (0, 0), 3)
    rng = np.random.default_rng(0)
    noisy = np.clip(smooth + rng.normal(0, 6, smooth.shape), 0, 255).astype(np.uint8)
    assert noise_sigma(smooth) < 1.5
    assert abs(noise_sigma(noisy) - 6) < 1.2


def test_bad_background_is_a_clear_error(tmp_path):
    with pytest.raises(PovgenError, match="--background .*no such file"):
        run_composite(tmp_path / "missing", tmp_path / "out", SMOKE)


def test_environment_image_puts_the_frame_in_front_of_the_camera():
    frame = np.zeros((90, 160, 3), np.uint8)
    frame[:, :80] = (255, 0, 0)  # left half red
    frame[:, 80:] = (0, 0, 255)  # right half blue
    env = environment_image(frame, (np.pi / 2, 0.0, 0.0), 90.0)  # camera looks along world +Y, right is +X
    h, w = env.shape[:2]
    row = h // 2
    right, left = env[row, int(0.32 * w)], env[row, int(0.18 * w)]  # +Y is at u = 0.25; +X lies at larger u
    assert right[2] > 3 * right[0] and left[0] > 3 * left[2]
