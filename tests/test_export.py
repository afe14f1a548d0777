"""Exports of a real tiny render, each read back by its real consumer and checked against the masks."""

from __future__ import annotations

import csv
import io
import json
import shutil

import cv2
import numpy as np
import pytest
import webdataset as wds
import yaml
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
from typer.testing import CliRunner

from generator.cli import app
from generator.dataset.manifest import read_jsonl
from generator.export.run import export_dataset
from generator.export.yolo import box_from_line

pytestmark = pytest.mark.render  # every test here starts Blender

ALL = {"all": 1.0}


def clips_of(ds):
    return sorted(p for p in (ds / "clips").iterdir() if p.is_dir())


def labels_of(clip):
    return json.loads((clip / "labels.json").read_text())


def mask_of(clip, fl):
    return cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)


@pytest.fixture(scope="module")
def exported(tiny_dataset, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    written = export_dataset(tiny_dataset, ["all"], out, ALL, min_box_px=0)  # every box, to compare with masks
    return tiny_dataset, out, written


def coco_eval_ap(gt: COCO, iou_type: str) -> float:
    dets = [{**a, "score": 1.0} for a in gt.dataset["annotations"]]
    ev = COCOeval(gt, gt.loadRes(dets), iou_type)
    ev.evaluate(), ev.accumulate(), ev.summarize()
    return float(ev.stats[0])


def test_coco_loads_boxes_and_masks_equal_labels(exported):
    ds, out, _ = exported
    gt = COCO(str(out / "coco" / "all.json"))
    videos = {v["name"]: v for v in gt.dataset["videos"]}
    cats = {c["id"]: c["name"] for c in gt.dataset["categories"]}
    images = {(i["video_id"], i["frame_id"]): i for i in gt.dataset["images"]}
    checked = 0
    for clip in clips_of(ds):
        labels = labels_of(clip)
        vid = videos[clip.name]["id"]
        assert videos[clip.name]["axes"] == labels["axes"]
        for fl in labels["frames"]:
            img = images[(vid, fl["index"])]
            assert (ds / img["file_name"]).is_file()
            anns = {a["instance_id"]: a for a in gt.loadAnns(gt.getAnnIds(imgIds=img["id"]))}
            mask = mask_of(clip, fl)
            for a in fl["annotations"]:
                if a["area_px"] == 0:
                    assert a["instance_id"] not in anns
                    continue
                c = anns[a["instance_id"]]
                x, y, w, h = c["bbox"]
                assert [x, y, x + w, y + h] == a["bbox_modal"]
                assert cats[c["category_id"]] == a["category"]
                assert c["attributes"]["visible_fraction"] == a["visible_fraction"]
                decoded = mask_utils.decode(c["segmentation"]).astype(bool)
                assert np.array_equal(decoded, mask == a["instance_id"])
                assert gt.annToMask(c).sum() == a["area_px"]
                checked += 1
    assert checked > 10


@pytest.mark.parametrize("iou_type", ["bbox", "segm"])
def test_coco_eval_of_ground_truth_against_itself_is_perfect(exported, iou_type):
    _, out, _ = exported
    assert coco_eval_ap(COCO(str(out / "coco" / "all.json")), iou_type) == pytest.approx(1.0)


def test_coco_eval_notices_a_wrong_box(exported):
    """The AP check above can fail: shifting every box lowers it."""
    _, out, _ = exported
    gt = COCO(str(out / "coco" / "all.json"))
    dets = [
        {**a, "score": 1.0, "bbox": [a["bbox"][0] + 6, a["bbox"][1] + 6, *a["bbox"][2:]]}
        for a in gt.dataset["annotations"]
    ]
    for d in dets:
        d.pop("segmentation")
    ev = COCOeval(gt, gt.loadRes(dets), "bbox")
    ev.evaluate(), ev.accumulate(), ev.summarize()
    assert ev.stats[0] < 0.9


def test_yolo_boxes_round_trip_within_one_pixel(exported):
    ds, out, _ = exported
    data = yaml.safe_load((out / "yolo" / "data.yaml").read_text())
    names = data["names"]
    assert data["train"] == data["val"] == "images/all"
    n = 0
    for clip in clips_of(ds):
        labels = labels_of(clip)
        w, h = labels["width"], labels["height"]
        for fl in labels["frames"]:
            stem = f"{clip.name}_{fl['index']:06d}"
            img = cv2.imread(str(out / "yolo" / "images" / "all" / f"{stem}.png"))
            assert img.shape[:2] == (h, w)
            lines = (out / "yolo" / "labels" / "all" / f"{stem}.txt").read_text().splitlines()
            visible = [a for a in fl["annotations"] if a["area_px"] > 0]
            assert len(lines) == len(visible)
            mask = mask_of(clip, fl)
            for line, a in zip(lines, visible, strict=True):
                cls, box = box_from_line(line, w, h)
                assert names[cls] == a["category"]
                ys, xs = np.nonzero(mask == a["instance_id"])  # independent evidence: the mask pixels
                truth = [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
                assert np.abs(np.array(box) - truth).max() <= 1.0
                n += 1
    assert n > 10


def test_clip_lists_read_back_with_csv_and_json(exported):
    ds, out, _ = exported
    rows = list(csv.DictReader(io.StringIO((out / "clips.csv").read_text())))
    records = [json.loads(x) for x in (out / "clips.jsonl").read_text().splitlines()]
    assert [r["clip_id"] for r in rows] == [r["clip_id"] for r in records] == [c.name for c in clips_of(ds)]
    for row, rec, clip in zip(rows, records, clips_of(ds), strict=True):
        labels = labels_of(clip)
        assert (ds / rec["path"]).is_file() and row["path"] == rec["path"]
        for axis, value in labels["axes"].items():
            assert rec[axis] == value
            assert row[axis] == (str(value).lower() if isinstance(value, bool) else str(value))
        assert rec["label"] == int(labels["category"] == "positive")
        # weapon-visible frames from the mask pixels of the held object, independent of the exporter
        held = [i["instance_id"] for i in labels["instances"] if i["role"] == "held_object"]
        vis = []
        if labels["axes"]["weapon_present"]:
            vis = [fl["index"] for fl in labels["frames"] if held and (mask_of(clip, fl) == held[0]).any()]
        spans = rec["weapon_visible_intervals"]
        assert [f for s, e in spans for f in range(s, e)] == vis
        assert json.loads(row["weapon_visible_intervals"]) == spans
        assert rec["shot_frames"] == sorted(e["frame"] for e in labels["events"] if e["type"] == "shot")


def test_webdataset_clip_shards_read_back(exported):
    ds, out, written = exported
    shards = written["webdataset"]
    samples = list(wds.WebDataset(shards, shardshuffle=False))
    assert [s["__key__"] for s in samples] == [c.name for c in clips_of(ds)]
    for s, clip in zip(samples, clips_of(ds), strict=True):
        assert s["mp4"] == (clip / "video.mp4").read_bytes()
        assert json.loads(s["json"]) == labels_of(clip)
        assert int(s["cls"]) == int(labels_of(clip)["category"] == "positive")


def test_webdataset_per_frame_samples_decode_to_the_frames(tiny_dataset, tmp_path):
    written = export_dataset(tiny_dataset, ["webdataset"], tmp_path, ALL, per_frame=True, shard_size=5)
    shards = written["webdataset"]
    assert len(shards) == 4  # 16 frames, 5 per shard
    dataset = wds.WebDataset(shards, shardshuffle=False).decode("rgb8")
    n = 0
    for s in dataset:
        clip_id, frame = s["__key__"].split("_")
        clip = tiny_dataset / "clips" / clip_id
        fl = labels_of(clip)["frames"][int(frame)]
        truth = cv2.cvtColor(cv2.imread(str(clip / fl["image"])), cv2.COLOR_BGR2RGB)
        assert np.array_equal(s["png"], truth)
        assert s["json"]["frame"] == fl
        n += 1
    assert n == 16
    for s in wds.WebDataset(shards, shardshuffle=False).decode("rgb"):  # the usual decoder keeps 16-bit ids
        clip_id, frame = s["__key__"].split("_")
        clip = tiny_dataset / "clips" / clip_id
        mask = mask_of(clip, labels_of(clip)["frames"][int(frame)])
        assert s["mask.npy"].dtype == np.uint16 and np.array_equal(s["mask.npy"], mask)
        assert s["png"].dtype == np.float32  # what decode("rgb") does to an image


def test_export_uses_frames_decoded_from_video_when_pngs_are_absent(tiny_dataset, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(tiny_dataset, ds)
    clip = ds / "clips" / "000000"
    labels = labels_of(clip)
    for fl in labels["frames"]:
        fl["image"] = None
    (clip / "labels.json").write_text(json.dumps(labels))
    shutil.rmtree(clip / "frames")
    export_dataset(ds, ["coco", "yolo"], ds / "exports", ALL)
    gt = COCO(str(ds / "exports" / "coco" / "all.json"))
    for img in gt.dataset["images"]:
        assert cv2.imread(str(ds / img["file_name"])).shape == (labels["height"], labels["width"], 3)
    assert (ds / "exports" / "yolo" / "images" / "all" / "000000_000000.png").is_file()


def test_default_export_splits_by_clip(exported, tiny_dataset, tmp_path):
    written = export_dataset(
        tiny_dataset, ["coco", "cliplist"], tmp_path, {"train": 0.5, "val": 0.25, "test": 0.25}
    )
    splits = json.loads((tmp_path / "splits.json").read_text())
    assert sorted(splits) == [r["clip_id"] for r in read_jsonl(tiny_dataset / "manifest.jsonl")]
    seen = {}
    for path in written["coco"]:
        split = path.rsplit("/", 1)[1].removesuffix(".json")
        for v in json.loads(open(path).read())["videos"]:
            seen[v["name"]] = split
    assert seen == splits


def test_cli_export_and_bad_format(tiny_dataset, tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["export", str(tiny_dataset), "--format", "cliplist", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "clips.csv").is_file()
    for args, named in (
        (["--format", "tfrecord"], "--format tfrecord"),
        (["--split", "train=lots"], "train=lots"),
        (["--split", "train=0,val=0"], "sum above 0"),
    ):
        res = runner.invoke(app, ["export", str(tiny_dataset), "--out", str(tmp_path), *args])
        assert res.exit_code == 2 and named in res.output and len(res.output.strip().splitlines()) == 1
    res = runner.invoke(app, ["export", str(tmp_path / "nothing"), "--out", str(tmp_path)])
    assert res.exit_code == 1 and "no manifest.jsonl" in res.output


def test_a_counterfactual_pair_lands_in_one_split_in_every_export(tiny_dataset, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(tiny_dataset, ds)
    pair = ("000001", "000002")
    for cid in pair:
        labels = labels_of(ds / "clips" / cid)
        labels["pair_id"] = "pair-a"
        (ds / "clips" / cid / "labels.json").write_text(json.dumps(labels))
    recs = [
        {**r, "pair_id": "pair-a" if r["clip_id"] in pair else None}
        for r in read_jsonl(ds / "manifest.jsonl")
    ]
    (ds / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    from generator.dataset.validate import validate_dataset

    assert validate_dataset(ds).ok
    for ratios in ({"train": 0.5, "test": 0.5}, {"a": 1, "b": 1, "c": 1}):  # 3 source groups
        export_dataset(ds, ["cliplist"], ds / "exports", ratios)
        rows = {
            r["clip_id"]: r
            for r in map(json.loads, (ds / "exports" / "clips.jsonl").read_text().splitlines())
        }
        assert rows[pair[0]]["split"] == rows[pair[1]]["split"]
        assert rows[pair[0]]["pair_id"] == "pair-a"


def test_class_list_is_shared_by_splits_and_can_be_fixed(tiny_dataset, tmp_path):
    written = export_dataset(tiny_dataset, ["coco"], tmp_path / "a", {"train": 0.5, "val": 0.5})
    docs = [json.loads(open(p).read()) for p in written["coco"]]
    assert len(docs) == 2 and docs[0]["categories"] == docs[1]["categories"]
    fixed = ["shotgun", "handgun", "hand_right"]
    export_dataset(tiny_dataset, ["coco", "yolo"], tmp_path / "b", ALL, classes=fixed)
    doc = json.loads((tmp_path / "b" / "coco" / "all.json").read_text())
    assert [(c["id"], c["name"]) for c in doc["categories"]] == [
        (1, "shotgun"),
        (2, "handgun"),
        (3, "hand_right"),
    ]
    assert {a["category_id"] for a in doc["annotations"]} <= {2, 3} and doc["annotations"]
    assert yaml.safe_load((tmp_path / "b" / "yolo" / "data.yaml").read_text())["names"] == dict(
        enumerate(fixed)
    )
    lines = [
        x for p in (tmp_path / "b" / "yolo" / "labels" / "all").iterdir() for x in p.read_text().splitlines()
    ]
    assert lines and {int(x.split()[0]) for x in lines} <= {1, 2}
