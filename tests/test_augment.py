"""Augmentation: boxes follow masks through geometry, clip vs per-frame draws, transport measured with PyAV."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from conftest import render_tiny

from generator.augment.clip_effects import apply_clip_effects, draw_clip_params
from generator.augment.frame_effects import apply_frame_effects, draw_frame_params
from generator.augment.pipeline import augment_clip, augment_into
from generator.augment.real_footage import real_clip
from generator.augment.recipe import Recipe, load_recipe, preset_names
from generator.augment.synthetic import pattern_frames
from generator.augment.transport import (
    encode_stream,
    global_motion,
    resample_indices,
    rolling_shutter,
    stream_stats,
)
from generator.dataset.validate import validate_clip, validate_dataset
from generator.errors import ConfigError
from generator.labels.boxes import boxes_by_id
from generator.plan.model import ClipAxes

AXES = ClipAxes(
    weapon_present=True,
    weapon_class="handgun",
    weapon_kind="real",
    context="test",
    held_object="handgun",
    mount="head",
    environment="test",
    lighting="test",
    activity="test",
)


def blob_clip(n=6, w=160, h=120, seed=0):
    """A pattern clip with two moving filled ellipses (ids 10 and 11) well inside the frame."""
    frames = pattern_frames(w, h, n, seed=seed)
    masks = []
    for t in range(n):
        m = np.zeros((h, w), np.uint16)
        cv2.ellipse(m, (50 + 2 * t, 60), (14, 9), 20, 0, 360, 10, -1)
        cv2.ellipse(m, (105, 55 + t), (8, 16), -15, 0, 360, 11, -1)
        masks.append(m)
    clip = real_clip("blobs", list(frames), 15, {}, AXES, masks=masks)
    for fl in clip.labels["frames"]:  # real_clip only knows categories it saw in boxes: add the two blobs
        found = boxes_by_id(clip.masks[fl["index"]])
        fl["annotations"] = [
            {
                "instance_id": i,
                "category": "blob",
                "bbox_modal": found[i][0],
                "bbox_amodal": found[i][0],
                "area_px": found[i][1],
                "visible_fraction": 1.0,
                "truncation": 0.0,
            }
            for i in (10, 11)
        ]
    clip.labels["instances"] = [{"instance_id": i, "category": "blob", "role": "target"} for i in (10, 11)]
    return clip


def test_presets_load_and_bad_recipes_name_the_field(tmp_path):
    assert {"bodycam", "phone_stream", "low_light", "weather", "heavy"} <= set(preset_names())
    for name in preset_names():
        assert load_recipe(name).name == name
    bad = tmp_path / "bad.yaml"
    bad.write_text("clip:\n  fog: {p: 0.5, fog: [0.5, 0.1]}\n")
    with pytest.raises(ConfigError, match=r"bad.yaml: clip.fog"):
        load_recipe(bad)
    with pytest.raises(ConfigError, match="no such file or preset"):
        load_recipe("no_such_recipe")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_boxes_follow_masks_through_lens_and_crop(seed):
    clip = blob_clip()
    recipe = Recipe(
        name="geo",
        clip={
            "lens": {"p": 1, "distort": [-0.4, -0.15]},
            "crop_scale": {"p": 1, "scale": [0.85, 1.25], "shift": [-0.08, 0.08], "rotate_deg": [0, 0]},
        },
    )
    a = augment_clip(clip, recipe, seed)
    assert not np.array_equal(a.masks, clip.masks)  # the geometry really moved
    h, w = a.masks.shape[1:]
    checked = 0
    for f, iid, box in a.moved_boxes:  # albumentations moved the boxes; the masks moved on their own
        mb = boxes_by_id(a.masks[f]).get(iid)
        assert mb is not None
        if 0 < mb[0][0] and 0 < mb[0][1] and mb[0][2] < w and mb[0][3] < h:
            assert max(abs(x - y) for x, y in zip(mb[0], box, strict=True)) <= 2.0
            checked += 1
    assert checked >= 6
    for fl in a.labels["frames"]:  # the written labels are the masks' tight boxes
        found = boxes_by_id(a.masks[fl["index"]])
        for ann in fl["annotations"]:
            assert ann["bbox_modal"] == found[ann["instance_id"]][0]


def test_clip_effects_same_on_every_frame_noise_differs():
    still = np.repeat(pattern_frames(96, 64, 1, seed=3, noise=0), 5, axis=0)  # five identical frames
    masks = np.zeros(still.shape[:3], np.uint16)
    recipe = Recipe(
        name="t",
        clip={"color": {"p": 1}, "fog": {"p": 1}, "lens": {"p": 1}, "motion_blur": {"p": 1}},
        frame={"noise": {"p": 1, "std": [0.03, 0.03]}, "flicker": {"p": 0}},
    )
    rng = np.random.default_rng(5)
    params = draw_clip_params(recipe.clip, rng)
    assert {"color", "fog", "lens", "motion_blur"} <= set(params)
    out, _, _ = apply_clip_effects(still, masks, [], params, seed=11)
    assert not np.array_equal(out[0], still[0])
    for f in out[1:]:
        assert np.array_equal(f, out[0])  # one draw for the whole clip
    fp = draw_frame_params(recipe.frame, rng, len(out))
    noisy = np.stack([apply_frame_effects(f, p) for f, p in zip(out, fp, strict=True)]).astype(np.float32)
    resid = noisy - out.astype(np.float32)
    assert all(r.std() > 3 for r in resid)
    for i in range(len(resid) - 1):  # a new noise field every frame: residuals of neighbours uncorrelated
        c = np.corrcoef(resid[i].ravel(), resid[i + 1].ravel())[0, 1]
        assert abs(c) < 0.2


@pytest.mark.parametrize(("kbps", "keyframe_s"), [(800, 2.0), (1500, 1.0)])
def test_stream_bitrate_within_20_percent_and_keyframe_interval(tmp_path, kbps, keyframe_s):
    frames = pattern_frames(640, 360, 120, seed=1, pan_px=5, noise=8)  # 4 s at 30 fps, 360p
    path = tmp_path / "s.mp4"
    encode_stream(frames, path, 30, kbps, keyframe_s)
    st = stream_stats(path)
    assert st["frames"] == 120
    assert abs(st["kbps"] - kbps) / kbps < 0.2, st["kbps"]
    gop = int(30 * keyframe_s)
    assert st["keyframes"] == list(range(0, 120, gop))


def test_frame_rate_conversion_indices():
    assert resample_indices(30, 15, 30) == [k // 2 for k in range(60)]
    assert resample_indices(30, 30, 15) == list(range(0, 30, 2))
    assert resample_indices(25, 25, 30)[-1] <= 24 and len(resample_indices(25, 25, 30)) == 30


def test_rolling_shutter_skews_rows_by_the_motion():
    frames = pattern_frames(160, 120, 6, seed=2, pan_px=6, noise=0)
    motion = global_motion(frames)
    assert np.allclose(motion[:, 0], -6, atol=0.5) and np.allclose(motion[:, 1], 0, atol=0.5)
    masks = np.zeros(frames.shape[:3], np.uint16)
    masks[:, 20:100, 70:90] = 10  # a vertical bar
    readout, fps = 1 / 15, 15
    f2, m2 = rolling_shutter(frames, masks, motion, readout, fps)
    # the bar's rows shift by motion * fps * readout * (y/H - 1/2): a slanted bar
    top, bottom = np.flatnonzero(m2[3, 22] == 10), np.flatnonzero(m2[3, 97] == 10)
    expected = -6 * fps * readout * ((97.5 - 22.5) / 120)
    assert abs((bottom.mean() - top.mean()) - expected) < 1.0
    assert not np.array_equal(f2, frames)


def test_mostly_hidden_flag_when_crop_pushes_object_out():
    clip = blob_clip()
    push = Recipe(
        name="p", clip={"crop_scale": {"p": 1, "scale": [1, 1], "shift": [0.35, 0.35], "rotate_deg": [0, 0]}}
    )
    a = augment_clip(clip, push, 0)
    flags = {
        (fl["index"], x["instance_id"]): x["mostly_hidden"]
        for fl in a.labels["frames"]
        for x in fl["annotations"]
    }
    assert any(v for (f, i), v in flags.items() if i == 11)  # the right-hand blob leaves the frame
    assert not any(v for (f, i), v in flags.items() if i == 10)


@pytest.mark.render
def test_augment_dataset_validates_is_deterministic_and_records_recipe(tiny_dataset, tmp_path):
    from generator.augment.clipdata import read_povgen_clip
    from generator.dataset.manifest import read_jsonl

    ids = [r["clip_id"] for r in read_jsonl(tiny_dataset / "manifest.jsonl")][:2]
    loaders = [lambda c=tiny_dataset / "clips" / i: read_povgen_clip(c) for i in ids]
    recipe = load_recipe("heavy")
    for out in (tmp_path / "a", tmp_path / "b"):
        counts = augment_into(loaders, ids, recipe, out, variants=2, seed=3)
        assert counts["written"] == 4
        rep = validate_dataset(out)
        assert rep.ok, rep.problems
    for i in ids:
        for v in range(2):
            la = json.loads((tmp_path / "a" / "clips" / f"{i}-heavy-{v}" / "labels.json").read_text())
            lb = json.loads((tmp_path / "b" / "clips" / f"{i}-heavy-{v}" / "labels.json").read_text())
            assert la["frames"] == lb["frames"] and la["augmentation"] == lb["augmentation"]
            assert la["augmentation"]["recipe"] == "heavy" and la["augmentation"]["seed"] == 3
            assert la["fps"] == 25 and la["augmentation"]["params"]["transport"]["bitrate_kbps"] >= 400
    again = augment_into(loaders, ids, recipe, tmp_path / "a", variants=2, seed=3)
    assert again["written"] == 0 and again["skipped"] == 4  # resumed


@pytest.mark.render
def test_scene_augment_section_applies_recipe_and_keeps_clean(tmp_path):
    out = tmp_path / "ds"
    report = render_tiny(out, clips=1, overrides=["augment.recipe=low_light", "augment.keep_clean=true"])
    assert report.rendered == 1
    rep = validate_dataset(out)
    assert rep.ok, rep.problems
    clip = next((out / "clips").iterdir())
    labels = json.loads((clip / "labels.json").read_text())
    assert labels["augmentation"]["recipe"] == "low_light"
    problems, n, _ = validate_clip(clip / "clean")
    problems = [p for p in problems if "labels.json says clip" not in p]  # clean/ is not named for its clip
    assert not problems and n == 4
    clean = json.loads((clip / "clean" / "labels.json").read_text())
    assert clean.get("augmentation") is None
    a = cv2.imread(str(clip / "frames" / "000000.png")).astype(float)
    b = cv2.imread(str(clip / "clean" / "frames" / "000000.png")).astype(float)
    assert a.mean() < b.mean()  # low light darkens


def test_pair_members_share_augmentation_draws():
    """Both clips of a counterfactual pair get the same augmentation; unpaired clips get their own."""
    recipe = load_recipe("heavy")
    a, b, c = blob_clip(seed=1), blob_clip(seed=1), blob_clip(seed=1)
    a.name, b.name, c.name = "000000", "000001", "000002"
    a.labels["pair_id"] = b.labels["pair_id"] = "pair000000"
    pa, pb, pc = (augment_clip(x, recipe, 5).labels["augmentation"]["params"] for x in (a, b, c))
    assert pa == pb and pa != pc
