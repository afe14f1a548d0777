"""Safe to train on: source-group splits, fixed classes, validation before export, loaders equal the labels."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter, defaultdict

import cv2
import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.dataset.splits import assign_splits, source_groups
from generator.errors import PovgenError
from generator.export.classes import class_names
from generator.export.loaders import ClipDataset, FrameDataset
from generator.export.run import export_dataset

RATIOS = {"train": 0.7, "val": 0.15, "test": 0.15}
PLACES = ["corridor", "office", "street", "park"]


def derived_records(sources: int = 120, seed: int = 5) -> list[dict]:
    """Source clips (a third in counterfactual pairs), each with 2 augmented variants and a clean copy, and
    composites sharing backgrounds."""
    rng = random.Random(seed)
    out = []
    for s in range(sources):
        wc = rng.choice(["handgun", "rifle", "shotgun", "none"])
        env = rng.choice(PLACES)
        pair = f"pair{s // 2}" if s < sources // 3 else None
        base = {"weapon_class": wc, "environment": env, "pair_id": pair}
        sid = f"{s:06d}"
        out.append({**base, "clip_id": sid})
        out.append({**base, "clip_id": f"{sid}-clean"})
        out += [{**base, "clip_id": f"{sid}-heavy-{v}", "source_clip": sid} for v in range(2)]
    for b in range(20):
        for k in range(2):
            out.append(
                {
                    "clip_id": f"comp{b}-{k}",
                    "weapon_class": "handgun" if k == 0 else "none",
                    "environment": "composite",
                    "background": f"bg{b}.mp4",
                }
            )
    return out


def test_no_source_group_is_in_two_splits():
    recs = derived_records()
    splits = assign_splits(recs, RATIOS)
    assert set(splits.values()) == set(RATIOS)
    by_source = defaultdict(set)
    for r in recs:
        root = r.get("source_clip") or r["clip_id"].removesuffix("-clean").split("-heavy-")[0]
        by_source[("pair", r["pair_id"]) if r.get("pair_id") else ("src", root)].add(splits[r["clip_id"]])
        if r.get("background"):
            by_source[("bg", r["background"])].add(splits[r["clip_id"]])
    assert by_source and all(len(s) == 1 for s in by_source.values()), [
        k for k, s in by_source.items() if len(s) > 1
    ]
    groups = source_groups(recs)
    assert len(set(groups.values())) == 20 + 80 + 20  # 20 pairs, 80 single sources, 20 backgrounds


def test_splits_are_stratified_by_class_within_one_group():
    recs = [r for r in derived_records() if not r.get("pair_id") and not r.get("background")]
    splits = assign_splits(recs, RATIOS)
    groups = source_groups(recs)
    for wc in ("handgun", "rifle", "shotgun", "none"):
        keys = {groups[r["clip_id"]] for r in recs if r["weapon_class"] == wc}
        split_of = {groups[r["clip_id"]]: splits[r["clip_id"]] for r in recs}
        got = Counter(split_of[k] for k in keys)
        for name, ratio in RATIOS.items():
            assert abs(got[name] - ratio * len(keys)) <= 1, (wc, got, len(keys))


def test_place_families_spread_over_splits():
    recs = [
        {"clip_id": f"{i:04d}", "weapon_class": "handgun", "environment": PLACES[i % 4]} for i in range(200)
    ]
    splits = assign_splits(recs, RATIOS)
    for place in PLACES:
        got = Counter(splits[r["clip_id"]] for r in recs if r["environment"] == place)
        assert got["val"] >= 5 and got["test"] >= 5 and got["train"] >= 30, (place, got)


def test_small_datasets_fill_every_split_or_refuse():
    recs = [
        {"clip_id": str(i), "weapon_class": wc} for i, wc in enumerate(["handgun", "rifle", "none", "none"])
    ]
    splits = assign_splits(recs, {"train": 0.8, "val": 0.1, "test": 0.1})
    assert set(splits.values()) == {"train", "val", "test"}
    with pytest.raises(PovgenError, match="2 source group"):
        assign_splits(recs[:2], {"train": 0.8, "val": 0.1, "test": 0.1})


def test_class_ids_are_fixed_and_unknown_classes_rejected(tiny_dataset, tmp_path):
    export_dataset(tiny_dataset, ["yolo", "coco"], tmp_path, {"all": 1})
    data_yaml = (tmp_path / "yolo" / "data.yaml").read_text()
    assert data_yaml.startswith("# NOTE: this export has no val split")  # val = train is said, not silent
    names = yaml.safe_load(data_yaml)["names"]
    assert list(names.values()) == class_names() and names[0] == "handgun"
    doc = json.loads((tmp_path / "coco" / "all.json").read_text())
    assert [c["name"] for c in doc["categories"]] == class_names()
    res = CliRunner().invoke(
        app, ["export", str(tiny_dataset), "--out", str(tmp_path), "--classes", "handgun,bazooka"]
    )
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1  # a bad option value
    assert "bazooka" in res.output and "shotgun" in res.output


def test_min_box_px_drops_small_boxes(tiny_dataset, tmp_path):
    small = export_dataset(tiny_dataset, ["coco"], tmp_path / "a", {"all": 1}, min_box_px=0)
    big = export_dataset(tiny_dataset, ["coco"], tmp_path / "b", {"all": 1}, min_box_px=12)
    a = json.loads(open(small["coco"][0]).read())["annotations"]
    b = json.loads(open(big["coco"][0]).read())["annotations"]
    assert len(b) < len(a)
    assert all(min(x["bbox"][2], x["bbox"][3]) >= 12 for x in b)
    assert sum(min(x["bbox"][2], x["bbox"][3]) >= 12 for x in a) == len(b)


def test_export_refuses_a_damaged_dataset_and_can_skip_it(tiny_dataset, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(tiny_dataset, ds)
    labels_path = ds / "clips" / "000001" / "labels.json"
    labels = json.loads(labels_path.read_text())
    ann = next(a for f in labels["frames"] for a in f["annotations"] if a["bbox_modal"])
    ann["bbox_modal"] = [v + 3 for v in ann["bbox_modal"]]  # a moved box
    labels_path.write_text(json.dumps(labels))
    runner = CliRunner()
    res = runner.invoke(app, ["export", str(ds), "--format", "cliplist", "--split", "all=1"])
    assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1
    assert "clips/000001" in res.output and "modal box" in res.output
    res = runner.invoke(
        app, ["export", str(ds), "--format", "cliplist", "--split", "all=1", "--skip-invalid"]
    )
    assert res.exit_code == 0, res.output
    assert "skipped: clips/000001" in res.output
    rows = (ds / "exports" / "clips_all.txt").read_text().splitlines()
    assert len(rows) == 3 and not any("000001" in r for r in rows)


def test_a_junk_manifest_line_is_one_line(tiny_dataset, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(tiny_dataset, ds)
    with open(ds / "manifest.jsonl", "a") as fh:
        fh.write('{"hello": 1}\n')
    runner = CliRunner()
    for cmd in (["export", str(ds), "--format", "cliplist"], ["report", str(ds)], ["audit", str(ds)]):
        res = runner.invoke(app, cmd)
        assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1, (cmd, res.output)
        assert "manifest.jsonl line 5" in res.output and "Traceback" not in res.output


def test_split_lists_and_card(tiny_dataset, tmp_path):
    export_dataset(tiny_dataset, ["cliplist"], tmp_path, {"train": 0.5, "val": 0.25, "test": 0.25})
    splits = json.loads((tmp_path / "splits.json").read_text())
    for split in ("train", "val", "test"):
        lines = (tmp_path / f"clips_{split}.txt").read_text().splitlines()
        assert lines
        for line in lines:
            path, label = line.split(" ")
            cid = path.split("/")[1]
            labels = json.loads((tiny_dataset / "clips" / cid / "labels.json").read_text())
            assert splits[cid] == split and (tiny_dataset / path).is_file()
            assert int(label) == int(labels["category"] == "positive")
    card = (tmp_path / "README.md").read_text()
    for part in (
        "## Intended use",
        "## Content policy",
        "## Splits",
        "config hash",
        "## Licence",
        "## Known limits",
    ):
        assert part in card
    assert (tiny_dataset / "README.md").is_file()


def test_clip_and_frame_datasets_return_the_labels(tiny_dataset):
    clips = ClipDataset(tiny_dataset, num_frames=3, stride=1, boxes=True, masks=True)
    assert len(clips) == 4
    cls = class_names()
    for i in range(len(clips)):
        item = clips[i]
        labels = json.loads((tiny_dataset / "clips" / item["clip_id"] / "labels.json").read_text())
        assert (
            item["frames"].shape == (3, labels["height"], labels["width"], 3)
            and item["frames"].dtype == np.uint8
        )
        assert item["label"] == int(labels["category"] == "positive")
        for t, k in enumerate(item["frame_indices"]):
            fl = labels["frames"][k]
            png = cv2.cvtColor(
                cv2.imread(str(tiny_dataset / "clips" / item["clip_id"] / fl["image"])), cv2.COLOR_BGR2RGB
            )
            assert np.array_equal(item["frames"][t], png)
            truth = [a for a in fl["annotations"] if a["bbox_modal"] and a["area_px"] > 0]
            assert item["boxes"][t].tolist() == [a["bbox_modal"] for a in truth]
            assert [cls[c] for c in item["labels"][t]] == [a["category"] for a in truth]
            mask = cv2.imread(
                str(tiny_dataset / "clips" / item["clip_id"] / fl["mask"]), cv2.IMREAD_UNCHANGED
            )
            assert np.array_equal(item["masks"][t], mask)
            for box, iid in zip(item["boxes"][t], item["instance_ids"][t], strict=True):
                ys, xs = np.nonzero(mask == iid)  # independent evidence: the mask pixels
                assert box.tolist() == [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
    frames = FrameDataset(tiny_dataset, masks=True)
    assert len(frames) == 16
    item = frames[5]
    labels = json.loads((tiny_dataset / "clips" / item["clip_id"] / "labels.json").read_text())
    fl = labels["frames"][item["frame"]]
    truth = [a for a in fl["annotations"] if a["bbox_modal"] and a["area_px"] > 0]
    assert item["boxes"].tolist() == [a["bbox_modal"] for a in truth]
    assert item["image"].shape == (labels["height"], labels["width"], 3) and item["mask"].dtype == np.uint16


def test_loaders_read_one_split(tiny_dataset, tmp_path):
    export_dataset(tiny_dataset, ["cliplist"], tmp_path, {"train": 0.5, "val": 0.5})
    splits = json.loads((tmp_path / "splits.json").read_text())
    val = ClipDataset(tiny_dataset, "val", num_frames=2, stride=3, splits_file=tmp_path / "splits.json")
    assert sorted(c.clip_id for c in val.clips) == sorted(k for k, v in splits.items() if v == "val")
    assert val[0]["frame_indices"].tolist() == [0, 3]
    with pytest.raises(PovgenError, match="no clips"):
        FrameDataset(tiny_dataset, "test", splits_file=tmp_path / "splits.json")


def test_real_variants_clean_copies_and_pairs_share_a_split(tiny_dataset, tmp_path):
    from generator.augment.clipdata import read_povgen_clip
    from generator.augment.pipeline import augment_into
    from generator.augment.recipe import load_recipe

    src = tmp_path / "src"
    shutil.copytree(tiny_dataset, src)
    for cid in ("000001", "000002"):  # a counterfactual pair
        p = src / "clips" / cid / "labels.json"
        p.write_text(json.dumps({**json.loads(p.read_text()), "pair_id": "pair-a"}))
    ids = [f"{i:06d}" for i in range(4)]
    out = tmp_path / "aug"
    loaders = [lambda c=src / "clips" / i: read_povgen_clip(c) for i in ids]
    augment_into(loaders, ids, load_recipe("bodycam"), out, variants=2, seed=1, keep_clean=True)
    assert "12 clips" in (out / "README.md").read_text()  # the card is written with the dataset
    res = export_dataset(out, ["cliplist"], out / "exports", {"train": 0.5, "val": 0.25, "test": 0.25})
    assert len(res.splits) == 12 and set(res.splits.values()) == {"train", "val", "test"}
    by_source = defaultdict(set)
    for cid, split in res.splits.items():
        source = cid.split("-")[0]
        by_source["pair-a" if source in ("000001", "000002") else source].add(split)
    assert len(by_source) == 3 and all(len(s) == 1 for s in by_source.values()), by_source
    variant = json.loads((out / "clips" / "000002-bodycam-1" / "labels.json").read_text())
    assert variant["pair_id"] == "pair-a" and variant["augmentation"]["source_clip"] == "000002"
    clean = json.loads((out / "clips" / "000003-clean" / "labels.json").read_text())
    assert clean["augmentation"] is None  # the clean copy is tied to its source by its name only


def test_loaders_pickle_for_dataloader_workers(tiny_dataset):
    """DataLoader workers receive the dataset by pickling; items are plain numpy and Python values."""
    import pickle

    for ds in (ClipDataset(tiny_dataset, num_frames=2, boxes=True), FrameDataset(tiny_dataset)):
        copy = pickle.loads(pickle.dumps(ds))
        a, b = ds[1], copy[1]
        assert a.keys() == b.keys() and len(copy) == len(ds)
        for k in a:
            assert isinstance(a[k], np.ndarray | list | int | str | dict), (k, type(a[k]))
        assert np.array_equal(a.get("frames", a.get("image")), b.get("frames", b.get("image")))
