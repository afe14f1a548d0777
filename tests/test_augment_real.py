"""Real footage: each supported label form is read back correctly; test footage is made here, not downloaded."""

from __future__ import annotations

import json

import numpy as np
import pytest

from generator.augment.pipeline import augment_into
from generator.augment.real_footage import find_footage
from generator.augment.recipe import load_recipe
from generator.augment.synthetic import pattern_frames
from generator.dataset.validate import validate_dataset
from generator.dataset.video import encode_mp4
from generator.errors import PovgenError

W, H, N, FPS = 128, 96, 6, 15


def truth_box(t: int) -> list[int]:
    """The moving object's box in frame t (integer pixel edges)."""
    return [20 + 4 * t, 30, 52 + 4 * t, 62]


def make_video(folder, stem):
    frames = pattern_frames(W, H, N, seed=4)
    for t in range(N):
        x0, y0, x1, y1 = truth_box(t)
        frames[t, y0:y1, x0:x1] = (20, 20, 20)
    folder.mkdir(exist_ok=True)
    encode_mp4(list(frames), folder / f"{stem}.mp4", FPS, crf=12)


def boxes_of(clip, iid):
    return [
        next(a["bbox_modal"] for a in fl["annotations"] if a["instance_id"] == iid)
        for fl in clip.labels["frames"]
    ]


def test_povgen_schema_labels(tmp_path):
    make_video(tmp_path, "a")
    frames = [
        {
            "index": t,
            "time_s": t / FPS,
            "image": None,
            "mask": f"masks/{t:06d}.png",
            "camera": {
                "position": [0, 0, 0],
                "rotation_euler": [0, 0, 0],
                "pitch_deg": 0,
                "roll_deg": 0,
                "yaw_deg": 0,
            },
            "motion": {},
            "annotations": [
                {
                    "instance_id": 1,
                    "category": "handgun",
                    "bbox_modal": truth_box(t),
                    "bbox_amodal": None,
                    "area_px": 0,
                    "visible_fraction": 1,
                    "truncation": 0,
                }
            ],
        }
        for t in range(N)
    ]
    axes = {
        "weapon_present": True,
        "weapon_class": "handgun",
        "weapon_kind": "real",
        "context": "range",
        "held_object": "handgun",
        "mount": "chest",
        "environment": "range",
        "lighting": "day",
        "activity": "aim",
    }
    (tmp_path / "a.labels.json").write_text(
        json.dumps({"axes": axes, "frames": frames, "events": [{"type": "shot", "frame": 3, "time_s": 0.2}]})
    )
    ((name, load),) = find_footage(tmp_path)
    clip = load()
    assert name == "a" and clip.frames.shape == (N, H, W, 3)
    assert boxes_of(clip, 1) == [truth_box(t) for t in range(N)]  # masks are drawn from the boxes
    assert clip.labels["axes"]["context"] == "range" and clip.labels["events"][0]["frame"] == 3


def test_coco_video_labels(tmp_path):
    make_video(tmp_path, "clip1")
    coco = {
        "videos": [{"id": 7, "name": "clip1.mp4"}],
        "images": [{"id": 100 + t, "video_id": 7, "frame_id": t} for t in range(N)],
        "annotations": [
            {
                "id": t,
                "image_id": 100 + t,
                "category_id": 2,
                "track_id": 5,
                "bbox": [truth_box(t)[0], 30, 32, 32],
            }
            for t in range(N)
        ],
        "categories": [{"id": 1, "name": "person"}, {"id": 2, "name": "pistol"}],
    }
    (tmp_path / "annotations.json").write_text(json.dumps(coco))
    clip = find_footage(tmp_path)[0][1]()
    assert clip.labels["instances"] == [{"instance_id": 10, "category": "pistol", "role": "held_object"}]
    assert boxes_of(clip, 10) == [truth_box(t) for t in range(N)]
    assert clip.labels["axes"]["weapon_present"] is True and clip.labels["category"] == "positive"


def test_yolo_labels(tmp_path):
    make_video(tmp_path, "v")
    (tmp_path / "classes.txt").write_text("rifle\nphone\n")
    (tmp_path / "labels" / "v").mkdir(parents=True)
    for t in range(N):
        x0, y0, x1, y1 = truth_box(t)
        line = f"1 {(x0 + x1) / 2 / W} {(y0 + y1) / 2 / H} {(x1 - x0) / W} {(y1 - y0) / H}\n"
        (tmp_path / "labels" / "v" / f"frame_{t:05d}.txt").write_text(line)
    clip = find_footage(tmp_path)[0][1]()
    assert clip.labels["instances"][0]["category"] == "phone"
    assert boxes_of(clip, 10) == [truth_box(t) for t in range(N)]
    assert clip.labels["axes"]["weapon_present"] is False  # a phone is not a weapon


def test_unlabelled_footage_takes_clip_labels_from_csv_and_keeps_them(tmp_path):
    src = tmp_path / "src"
    make_video(src, "u1")
    make_video(src, "u2")
    (src / "labels.csv").write_text(
        "video,weapon_present,weapon_class,context\nu1.mp4,1,rifle,training_range\nu2.mp4,0,,street\n"
    )
    found = find_footage(src)
    c1, c2 = found[0][1](), found[1][1]()
    assert c1.labels["axes"]["weapon_class"] == "rifle" and c1.labels["axes"]["context"] == "training_range"
    assert c2.labels["axes"]["weapon_present"] is False and c2.labels["category"] == "negative"
    assert c1.labels["instances"] == [] and all(not fl["annotations"] for fl in c1.labels["frames"])
    out = tmp_path / "out"
    augment_into(
        [f for _, f in found], [n for n, _ in found], load_recipe("weather"), out, variants=1, seed=1
    )
    rep = validate_dataset(out)
    assert rep.ok and rep.clips == 2, rep.problems
    lab = json.loads((out / "clips" / "u1-weather-0" / "labels.json").read_text())
    assert lab["source"] == "real" and lab["axes"]["weapon_class"] == "rifle"
    assert lab["augmentation"]["source"] == "real"


def test_unlabelled_footage_without_csv_row_is_an_error(tmp_path):
    make_video(tmp_path, "lonely")
    with pytest.raises(PovgenError, match="lonely: no labels and no row"):
        find_footage(tmp_path)[0][1]()


def test_box_labels_follow_augmentation(tmp_path):
    make_video(tmp_path, "clip1")
    coco = {
        "videos": [{"id": 1, "file_name": "clip1.mp4"}],
        "images": [{"id": t, "video_id": 1, "frame_id": t} for t in range(N)],
        "annotations": [
            {"image_id": t, "category_id": 1, "bbox": [truth_box(t)[0], 30, 32, 32]} for t in range(N)
        ],
        "categories": [{"id": 1, "name": "handgun"}],
    }
    (tmp_path / "coco.json").write_text(json.dumps(coco))
    found = find_footage(tmp_path)
    out = tmp_path / "out"
    augment_into([f for _, f in found], ["clip1"], load_recipe("bodycam"), out, seed=2)
    rep = validate_dataset(out)  # boxes equal the transformed masks' boxes
    assert rep.ok, rep.problems
    lab = json.loads((out / "clips" / "clip1-bodycam-0" / "labels.json").read_text())
    assert all(fl["annotations"][0]["bbox_modal"] for fl in lab["frames"])
    assert np.mean([fl["annotations"][0]["area_px"] for fl in lab["frames"]]) > 500
