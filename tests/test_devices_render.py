"""Device profiles and weapon onset rendered for real at tiny sizes: aspect, fps, lens, watermark, labels."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
from conftest import SMOKE, TINY, render_tiny

from generator.augment.overlay import draw_watermark, watermark_box, watermark_lines
from generator.config.load import apply_overrides, read_yaml, validate_config
from generator.labels.boxes import boxes_by_id
from generator.plan.model import ClipPlan
from generator.plan.visibility import hands_box
from generator.run.generate import generate
from generator.run.pool import PoolOptions

pytestmark = pytest.mark.render


def _clips(ds):
    out = []
    for d in sorted((ds / "clips").iterdir()):
        out.append(
            (d, json.loads((d / "labels.json").read_text()), json.loads((d / "plan.json").read_text()))
        )
    return out


def _boxes_match_masks(d, labels):
    for fl in labels["frames"]:
        ids = cv2.imread(str(d / fl["mask"]), cv2.IMREAD_UNCHANGED)
        found = boxes_by_id(ids)
        for a in fl["annotations"]:
            want = found.get(a["instance_id"])
            assert (a["bbox_modal"] is None) == (want is None)
            if want is not None:
                assert a["bbox_modal"] == want[0] and a["area_px"] == want[1]


@pytest.mark.parametrize(
    ("device", "size", "aspect", "lens"),
    [
        ("bodycam", (160, 120), 4 / 3, "fisheye_equisolid"),
        ("action_cam", (128, 72), 16 / 9, "fisheye_equisolid"),
        ("phone", (128, 72), 16 / 9, "perspective"),
        ("weapon_cam", (128, 72), 16 / 9, "perspective"),
    ],
)
def test_profile_renders_its_aspect_fps_lens_and_watermark(tmp_path, device, size, aspect, lens):
    over = [
        f"camera.device={device}",
        f"render.width={size[0]}",
        f"render.height={size[1]}",
        "render.frames=3",
        "camera.stabilise=1" if device == "action_cam" else "camera.stabilise=0",
        "content.positive_fraction=0.5",
    ]
    data = read_yaml(SMOKE)
    data["render"].pop("fps", None)  # the profile's frame rate, not the smoke scene's
    cfg = validate_config(apply_overrides(data, TINY + over))
    report = generate(cfg, tmp_path / device, 2, 11, PoolOptions(workers=1, retries=1))
    assert report.rendered == 2 and report.failed == 0
    cats = set()
    for d, labels, plan in _clips(tmp_path / device):
        cats.add(labels["category"])
        assert labels["fps"] == 30 and labels["axes"]["device"] == device
        assert labels["width"] / labels["height"] == pytest.approx(aspect, rel=0.03)
        assert labels["camera"]["lens"]["model"] == lens
        frame = cv2.imread(str(d / labels["frames"][0]["image"]))
        assert frame.shape[:2] == (labels["height"], labels["width"])
        _boxes_match_masks(d, labels)
        aug = labels["augmentation"]
        assert aug["params"]["transport"]["keyframe_s"] == 2.0 and aug["params"]["transport"]["bitrate_kbps"]
        if device == "action_cam":
            assert plan["camera"]["motion_params"]["stabilised"] == "on"
        if device == "bodycam":  # the overlay of frame 0's time, drawn independently, is where the pixels are
            wm = aug["params"]["watermark"]
            x0, y0, x1, y1 = watermark_box(frame.shape, wm["size"])
            text = draw_watermark(np.zeros_like(frame), watermark_lines(wm, 0.0), wm["size"]).mean(axis=2)
            core = text > 120
            halo = cv2.dilate(core.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~core
            lum = frame.astype(float).mean(axis=2)
            assert core[y0:y1, x0:x1].sum() == core.sum() > 20  # all of it in the top-right region
            assert lum[core].mean() > lum[halo].mean() + 50
        else:
            assert "watermark" not in aug["params"]
    if device == "bodycam":
        assert cats == {"positive", "negative"}  # the overlay on both classes


def _iou(a, b) -> float:
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def test_planned_onset_matches_the_masks(tmp_path):
    over = [
        "render.width=96",
        "render.height=64",
        "render.frames=12",
        "render.fps=15",
        "events.onset=1",
        "events.onset_at={uniform: [0.2, 0.5]}",
        "events.onset_from=below",
        "camera.lens=perspective",
        "camera.fov_deg=75",
        "content.positive_fraction=1",
    ]
    report = render_tiny(tmp_path / "onset", clips=2, seed=5, overrides=over)
    assert report.rendered == 2 and report.failed == 0
    for d, labels, plan in _clips(tmp_path / "onset"):
        planned = plan["timeline"]["first_visible_frame"]
        assert labels["axes"]["onset"] == "below" and planned > 0
        held = next(i["instance_id"] for i in labels["instances"] if i["role"] == "held_object")
        hands = {i["instance_id"] for i in labels["instances"] if i["role"].startswith("hand")}
        mine = [next(a for a in fl["annotations"] if a["instance_id"] == held) for fl in labels["frames"]]
        # the labels' projection of the rendered object (Blender's geometry) enters the view at the planned frame
        assert next(f for f, a in enumerate(mine) if a["bbox_amodal"] is not None) == planned
        # the masks: the object or the hands holding it have pixels from that frame (or the next, where only a
        # sliver thinner than a pixel has crossed the frame's edge)
        both = next(
            fl["index"]
            for fl in labels["frames"]
            if any(a["area_px"] > 0 for a in fl["annotations"] if a["instance_id"] in hands | {held})
        )
        assert planned <= both <= planned + 1, (both, planned)
        # the object's own pixels: from then on, except in frames where the hands in front of it (a small
        # handgun wrapped by both hands, seen from behind) cover all of its projected box
        seen = labels["first_visible"]["frame"]
        assert seen >= planned, (seen, planned)
        for f in range(planned, seen):
            ids = cv2.imread(str(d / labels["frames"][f]["mask"]), cv2.IMREAD_UNCHANGED)
            x0, y0, x1, y1 = mine[f]["bbox_amodal"]
            box = ids[int(y0) : int(np.ceil(y1)), int(x0) : int(np.ceil(x1))]
            assert mine[f]["area_px"] == 0 and np.isin(box, list(hands)).mean() >= 0.9, (f, planned, seen)
        first = labels["frames"][0]
        assert next(a for a in first["annotations"] if a["instance_id"] == held)["area_px"] == 0
        # the plan's box of each hand (forearm and sleeve in their arm keys) is the labels' amodal box
        clip = ClipPlan.model_validate(plan)
        kept = 0
        for hand in clip.hands:
            for f, fl in enumerate(labels["frames"]):
                theirs = next(a for a in fl["annotations"] if a["instance_id"] == hand.model.instance_id)
                ours = hands_box([hand], clip.held_track, clip.camera, f)
                if theirs["bbox_amodal"] and ours:
                    assert _iou(theirs["bbox_amodal"], ours) > 0.7, (f, theirs["bbox_amodal"], ours)
                    kept += 1
                else:  # where a hand crosses the frame's edge, a sliver may be in one and not the other
                    assert not (theirs["bbox_amodal"] or ours) or abs(f - planned) <= 1, (f, theirs, ours)
        assert kept >= len(labels["frames"]) - planned - 1
