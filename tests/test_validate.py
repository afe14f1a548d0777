"""The validator on a real tiny render: it passes clean data and catches every corruption we can inflict."""

from __future__ import annotations

import json
import shutil

import cv2
import jsonschema
import numpy as np
import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.dataset.manifest import read_jsonl
from generator.dataset.validate import validate_dataset
from generator.labels import schema_files


def labels_of(clip):
    return json.loads((clip / "labels.json").read_text())


def write_labels(clip, labels):
    (clip / "labels.json").write_text(json.dumps(labels))


def first_visible(labels):
    """(frame label, annotation) of the first annotation with visible pixels."""
    for fl in labels["frames"]:
        for a in fl["annotations"]:
            if a["bbox_modal"]:
                return fl, a
    raise AssertionError("no visible annotation in the clip")


def rewrite_manifest(ds, fn):
    recs = [r for r in (fn(r) for r in read_jsonl(ds / "manifest.jsonl")) if r is not None]
    (ds / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))


def delete_frame(ds, clip):
    (clip / "frames" / "000001.png").unlink()


def delete_mask(ds, clip):
    (clip / "masks" / "000002.png").unlink()


def move_box(ds, clip):
    labels = labels_of(clip)
    _, a = first_visible(labels)
    a["bbox_modal"] = [v + 1 for v in a["bbox_modal"]]
    write_labels(clip, labels)


def change_area(ds, clip):
    labels = labels_of(clip)
    _, a = first_visible(labels)
    a["area_px"] += 3
    write_labels(clip, labels)


def shrink_amodal(ds, clip):
    labels = labels_of(clip)
    _, a = first_visible(labels)
    x0, y0, x1, y1 = a["bbox_modal"]
    a["bbox_amodal"] = [x0 + 3, y0 + 3, max(x0 + 4, x1 - 3), max(y0 + 4, y1 - 3)]
    write_labels(clip, labels)


def truncate_video(ds, clip):
    data = (clip / "video.mp4").read_bytes()
    (clip / "video.mp4").write_bytes(data[: len(data) // 2])


def extra_frame_label(ds, clip):
    labels = labels_of(clip)
    labels["num_frames"] += 1
    labels["duration_s"] = labels["num_frames"] / labels["fps"]
    write_labels(clip, labels)


def unlabelled_id(ds, clip):
    path = clip / "masks" / "000000.png"
    mask = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    mask[0, 0] = 77
    cv2.imwrite(str(path), mask)


def schema_violation(ds, clip):
    labels = labels_of(clip)
    labels["frames"][0]["annotations"][0]["visible_fraction"] = 1.5
    write_labels(clip, labels)


def unknown_label_field(ds, clip):
    labels = labels_of(clip)
    labels["weapon"] = "yes"
    write_labels(clip, labels)


def event_outside_clip(ds, clip):
    labels = labels_of(clip)
    labels["events"].append({"type": "shot", "frame": labels["num_frames"] + 5, "time_s": 9.0})
    write_labels(clip, labels)


def dropped_annotation(ds, clip):
    labels = labels_of(clip)
    fl, a = first_visible(labels)
    fl["annotations"].remove(a)
    write_labels(clip, labels)


def repeated_annotation(ds, clip):
    labels = labels_of(clip)
    fl = labels["frames"][0]
    fl["annotations"].append(fl["annotations"][0])
    write_labels(clip, labels)


def line_without_folder(ds, clip):
    shutil.rmtree(clip)


def folder_without_line(ds, clip):
    rewrite_manifest(ds, lambda r: None if r["clip_id"] == clip.name else r)


def manifest_schema(ds, clip):
    rewrite_manifest(
        ds, lambda r: {k: v for k, v in r.items() if k != "path"} if r["clip_id"] == clip.name else r
    )


def manifest_disagrees(ds, clip):
    flip = {"positive": "negative", "negative": "positive"}
    rewrite_manifest(ds, lambda r: {**r, "category": flip[r["category"]]} if r["clip_id"] == clip.name else r)


def card_schema(ds, clip):
    card = json.loads((ds / "dataset.json").read_text())
    del card["config_hash"]
    (ds / "dataset.json").write_text(json.dumps(card))


def plan_of_other_clip(ds, clip):
    other = sorted(p for p in (ds / "clips").iterdir() if p.name != clip.name)[0]
    shutil.copy(other / "plan.json", clip / "plan.json")


def leftover_temp(ds, clip):
    (ds / "clips" / ".tmp-000009-1").mkdir()


CORRUPTIONS = {
    delete_frame: "missing frames/000001.png",
    delete_mask: "masks/000002.png",
    move_box: "modal box",
    change_area: "mask pixels",
    shrink_amodal: "amodal box",
    truncate_video: "video.mp4",
    extra_frame_label: "frame labels, num_frames",
    unlabelled_id: "unlabelled ids [77]",
    schema_violation: "frames.0.annotations.0.visible_fraction",
    unknown_label_field: "weapon: Extra inputs",
    event_outside_clip: "event shot",
    dropped_annotation: "with no annotation in this frame",
    repeated_annotation: "annotations for ids",
    line_without_folder: "has no folder",
    folder_without_line: "not in manifest.jsonl",
    manifest_schema: "manifest.jsonl line",
    manifest_disagrees: "category",
    card_schema: "dataset.json: does not match the schema: config_hash",
    plan_of_other_clip: "plan.json is clip",
    leftover_temp: "temporary folder",
}


@pytest.fixture(scope="module")
def clean_copy(tiny_dataset, tmp_path_factory):
    """One pristine copy per module (cheap to copy again per corruption)."""
    ds = tmp_path_factory.mktemp("clean") / "ds"
    shutil.copytree(tiny_dataset, ds)
    return ds


@pytest.mark.render
def test_clean_dataset_passes(clean_copy):
    rep = validate_dataset(clean_copy)
    assert rep.ok, rep.problems
    assert rep.clips == 4 and rep.frames == 16 and rep.annotations > 0


@pytest.mark.parametrize("corrupt", list(CORRUPTIONS), ids=lambda f: f.__name__)
@pytest.mark.render
def test_validator_catches(corrupt, clean_copy, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(clean_copy, ds)
    corrupt(ds, ds / "clips" / "000001")
    rep = validate_dataset(ds)
    assert not rep.ok
    assert any(CORRUPTIONS[corrupt] in p for p in rep.problems), rep.problems


@pytest.mark.render
def test_cli_exit_codes(clean_copy, tmp_path):
    runner = CliRunner()
    good = runner.invoke(app, ["validate", str(clean_copy)])
    assert good.exit_code == 0 and "0 problems" in good.stdout
    ds = tmp_path / "ds"
    shutil.copytree(clean_copy, ds)
    move_box(ds, ds / "clips" / "000000")
    bad = runner.invoke(app, ["validate", str(ds), "--json"])
    assert bad.exit_code == 1
    report = json.loads(bad.stdout)
    assert report["ok"] is False and any("modal box" in m for m in report["messages"])


def test_shipped_schemas_are_up_to_date():
    stale = schema_files.stale()
    assert not stale, f"regenerate with: python -m generator.labels.schema_files ({stale})"


@pytest.mark.render
def test_shipped_schemas_accept_real_files_and_reject_bad_ones(clean_copy):
    """A generic JSON Schema validator, fed the shipped files, agrees with our validator."""
    clip = clean_copy / "clips" / "000000"
    docs = {
        "labels": labels_of(clip),
        "plan": json.loads((clip / "plan.json").read_text()),
        "manifest": read_jsonl(clean_copy / "manifest.jsonl")[0],
        "dataset": json.loads((clean_copy / "dataset.json").read_text()),
    }
    for name, doc in docs.items():
        assert doc["schema_version"] == 1
        jsonschema.validate(doc, schema_files.load(name))
    bad = docs["labels"]
    bad["frames"][0]["annotations"][0]["truncation"] = -0.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema_files.load("labels"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**docs["manifest"], "category": "maybe"}, schema_files.load("manifest"))


@pytest.mark.render
def test_mask_pixels_are_the_evidence(clean_copy):
    """Independent check of the invariant the validator relies on: masks hold only labelled ids."""
    for clip in sorted((clean_copy / "clips").iterdir()):
        labels = labels_of(clip)
        ids = {i["instance_id"] for i in labels["instances"]}
        for fl in labels["frames"]:
            mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
            assert set(np.unique(mask).tolist()) - {0} <= ids
