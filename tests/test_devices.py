"""Device profiles, the watermark, weapon onset and pose balance: checked on plans and synthetic frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from generator.augment.overlay import draw_watermark, watermark_box, watermark_lines
from generator.augment.pipeline import augment_clip
from generator.augment.real_footage import real_clip
from generator.augment.recipe import load_recipe
from generator.augment.synthetic import pattern_frames
from generator.config import load_config
from generator.config.devices import DEVICES, aspect_size
from generator.config.models import SceneConfig
from generator.errors import ConfigError
from generator.plan.camera import cropped_fov
from generator.plan.model import ClipAxes
from generator.plan.planner import plan_clip
from generator.plan.visibility import hands_box

ROOT = Path(__file__).resolve().parents[1]
DEMO, MIXED = ROOT / "scenes" / "demo.yaml", ROOT / "scenes" / "mixed.yaml"
EXPECT = {  # device -> (aspect, fps, mount, lens, watermark probability)
    "bodycam": (4 / 3, 30, "chest", "fisheye_equisolid", 1.0),
    "action_cam": (16 / 9, 30, "head", "fisheye_equisolid", 0.0),
    "phone": (16 / 9, 30, "handheld", "perspective", 0.0),
    "weapon_cam": (16 / 9, 30, "weapon", "perspective", 0.0),
}


@pytest.mark.parametrize("device", sorted(EXPECT))
def test_profile_plans_aspect_fps_lens_and_watermark(device):
    aspect, fps, mount, lens, wm = EXPECT[device]
    cfg = load_config(DEMO, [f"camera.device={device}"])
    assert cfg.render.fps == fps and cfg.render.frames == 4 * fps  # about 4 s per clip
    assert cfg.render.width / cfg.render.height == pytest.approx(aspect, rel=0.02)
    assert (
        max(cfg.render.width, cfg.render.height) == 320
    )  # the scene's own size wins: only the aspect changes
    cats = set()
    for i in range(6):
        p = plan_clip(cfg, 1, i)
        cats.add(p.category)
        assert p.camera.mount == mount and p.camera.lens.model == lens and p.axes.device == device
        assert (
            p.augment["recipe"]["transport"]["keyframe_s"] == 2.0
            and p.augment["recipe"]["transport"]["bitrate_kbps"]
        )
        assert p.augment["recipe"]["watermark"]["p"] == wm  # positives and negatives alike
        if lens != "perspective" and device == "bodycam":
            assert 140 <= p.camera.lens.fov_deg <= 160 and p.camera.rolling_shutter_s >= 0.026
        if device == "phone":
            assert p.camera.motion_params["stabilised"] == "on" and 50 <= p.camera.lens.fov_deg <= 78
    assert cats == {"positive", "negative"}


def test_explicit_values_win_over_the_profile_and_none_is_today():
    cfg = load_config(
        DEMO, ["camera.device=bodycam", "camera.mount=head", "render.fps=15", "camera.watermark=0.3"]
    )
    assert cfg.camera.mount == "head" and cfg.render.fps == 15 and cfg.camera.watermark == 0.3
    assert cfg.camera.aspect == "4:3" and (cfg.render.width, cfg.render.height) == (320, 240)
    plain = load_config(DEMO)
    assert plain.camera.device == "none" and (plain.render.width, plain.render.height, plain.render.fps) == (
        320,
        180,
        15,
    )
    assert plan_clip(plain, 1, 0).augment is None
    vertical = load_config(DEMO, ["camera.device=phone", "camera.aspect=9:16"])  # unquoted 9:16 from YAML too
    assert (vertical.render.width, vertical.render.height) == (180, 320)
    upright = plan_clip(vertical, 1, 0).camera.lens.fov_deg  # 65-78 deg across the long side
    assert 2 * np.rad2deg(np.arctan(np.tan(np.deg2rad(upright) / 2) * 320 / 180)) == pytest.approx(
        plan_clip(load_config(DEMO, ["camera.device=phone"]), 1, 0).camera.lens.fov_deg
    )
    full = SceneConfig.model_validate({"camera": {"device": "bodycam"}})  # no size given: the profile's 720p
    assert (full.render.width, full.render.height, full.render.frames) == (960, 720, 120)
    fast = SceneConfig.model_validate({"camera": {"device": "phone"}, "render": {"preset": "fast"}})
    assert (fast.render.width, fast.render.height, fast.render.fps) == (320, 180, 30)  # the preset's size
    with pytest.raises(ConfigError, match="camera.device"):
        load_config(DEMO, ["camera.device=gopro"])
    assert set(DEVICES) == {"none", *EXPECT}


def test_aspect_size_keeps_the_long_side():
    assert aspect_size(320, 180, "4:3") == (320, 240)
    assert aspect_size(320, 180, "9:16") == (180, 320)
    assert aspect_size(640, 480, "16:9") == (640, 360)
    assert aspect_size(320, 180, "free") == (320, 180)


def test_stabilisation_crops_the_lens_and_damps_the_jitter():
    base = ["camera.device=action_cam", "motion.path=walk"]
    on = plan_clip(load_config(DEMO, [*base, "camera.stabilise=1"]), 4, 0)
    off = plan_clip(load_config(DEMO, [*base, "camera.stabilise=0"]), 4, 0)
    crop = on.camera.motion_params["eis_crop"]
    assert 1.1 <= crop <= 1.25 and off.camera.motion_params["eis_crop"] == 1.0
    assert on.camera.lens.fov_deg == pytest.approx(
        cropped_fov("fisheye_equisolid", off.camera.lens.fov_deg, crop)
    )
    jitter = {
        k: np.abs(np.asarray(p.camera.components["tremor"]["rotation"])).sum()
        for k, p in (("on", on), ("off", off))
    }
    assert jitter["on"] == pytest.approx(0.25 * jitter["off"], rel=1e-3)
    # cropping an equisolid image by k shrinks the corner radius 2 f sin(theta/2) by k
    assert np.sin(np.deg2rad(cropped_fov("fisheye_equisolid", 150, 1.2)) / 4) == pytest.approx(
        np.sin(np.deg2rad(150) / 4) / 1.2
    )


AXES = ClipAxes(
    weapon_present=False,
    weapon_class="none",
    weapon_kind="none",
    context="t",
    held_object="phone",
    mount="chest",
    environment="t",
    lighting="t",
    activity="t",
)


def _watermarked(fps=30, n=45):
    frames = pattern_frames(320, 240, n, seed=2, pan_px=1.0)
    masks = [np.zeros((240, 320), np.uint16) for _ in range(n)]
    clip = real_clip("wm", list(frames), fps, {}, AXES, masks=masks)
    recipe = load_recipe("device_bodycam")
    recipe.watermark.p = 1.0
    return clip, augment_clip(clip, recipe, 5)


def test_watermark_top_right_ticks_with_clip_time():
    clip, a = _watermarked()
    wm = a.labels["augmentation"]["params"]["watermark"]
    x0, y0, x1, y1 = watermark_box(a.frames.shape[1:], wm["size"])
    start_s = int(wm["start_utc"][17:19])
    tick = next(
        k for k in range(len(a.frames)) if (start_s + int(k / 30)) % 60 != start_s % 60
    )  # first new second

    def core(lines):  # the text's white core, drawn independently onto black
        return draw_watermark(np.zeros((240, 320, 3), np.uint8), lines, wm["size"]).mean(axis=2) > 200

    for k in (tick - 1, tick):
        right = watermark_lines(wm, k / 30)
        wrong = watermark_lines(wm, k / 30 + (1 if k < tick else -1))
        assert right != wrong and right[0].endswith("Z") and "T" in right[0] and right[1] == wrong[1]
        lum = a.frames[k].astype(float).mean(axis=2)
        only_right, only_wrong = core(right) & ~core(wrong), core(wrong) & ~core(right)
        assert lum[only_right].mean() > lum[only_wrong].mean() + 40  # the digits shown are the right ones
    # in every frame: the text's pixels bright, inside the top-right region, and the rest of the frame untouched
    text = core(watermark_lines(wm, 0.0))
    assert text[y0:y1, x0:x1].sum() == text.sum() > 100 and text[:, : 320 // 2].sum() < text.sum() / 4
    lum = a.frames.astype(float).mean(axis=3)
    assert (lum[:, text].mean(axis=1) > 200).all()
    assert np.array_equal(a.masks, np.stack(clip.masks))  # not a labelled instance; masks untouched
    gains = a.labels["augmentation"]["params"]["auto_exposure"]["gains"]
    assert len(gains) == len(a.frames) and min(gains) > 0


def _positives(cfg, n):
    out, i = [], 0
    while len(out) < n:
        p = plan_clip(cfg, 2028, i)
        if p.category == "positive":
            out.append(p)
        i += 1
    return out


def test_onset_spreads_first_visible_over_the_clip():
    cfg = load_config(DEMO)
    plans = _positives(cfg, 40)
    first = [p.timeline.first_visible_frame for p in plans]
    assert all(f is not None and f < p.render.frames for f, p in zip(first, plans, strict=True))
    later = [f for f in first if f > 0]
    assert len(later) >= 0.4 * len(plans)
    assert max(later) - min(later) >= cfg.render.frames // 3  # spread, not bunched at one time
    onset = [p for p in plans if p.axes.onset != "none"]
    for p in onset:
        ev = next(e for e in p.timeline.events if e.type == "onset_start")
        assert ev.detail == p.axes.onset and ev.frame <= p.timeline.first_visible_frame
        # the timeline starts once the object has arrived: no shot before it is in view
        assert all(e.frame >= p.timeline.first_visible_frame for e in p.timeline.events if e.type == "shot")
    assert {p.axes.onset for p in onset} >= {"holster", "below"}
    negatives = [plan_clip(cfg, 2028, i) for i in range(40)]
    assert sum(p.axes.onset != "none" for p in negatives if p.category == "negative") >= 5  # negatives too


def test_never_onset_starts_in_view():
    """Without onsets the object is in view from frame 0, or, where the clip starts at low ready with the object
    wholly below the view (a shouldered long gun under a head camera), from its raise on, before the aim."""
    cfg = load_config(DEMO, ["events.onset=0"])
    plans = _positives(cfg, 10)
    for p in plans:
        assert p.axes.onset == "none" and all(e.type != "onset_start" for e in p.timeline.events)
        first = p.timeline.first_visible_frame
        if first != 0:
            ev = {e.type: e.frame for e in p.timeline.events}
            assert p.held_track.states[0] == "low_ready", (p.index, first)
            assert ev["raise_start"] <= first <= ev["aim_start"], (p.index, first, ev)
    assert sum(p.timeline.first_visible_frame == 0 for p in plans) >= 0.7 * len(plans)


def _features(plans):
    x, axes, y = [], [], []
    for p in plans:
        w, h = p.render.width, p.render.height
        row = []
        for f in (p.render.frames // 2, p.render.frames - 1):
            b = hands_box(p.hands, p.held_track, p.camera, f)
            row += (
                [0.0] * 5
                if b is None
                else [1.0, (b[0] + b[2]) / 2 / w, (b[1] + b[3]) / 2 / h, (b[2] - b[0]) / w, (b[3] - b[1]) / h]
            )
        x.append(row)
        axes.append([p.axes.activity, p.axes.carry])
        y.append(p.axes.weapon_present)
    return np.array(x), np.array(axes), np.array(y)


def _cv_auc(x, y):
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    return float(roc_auc_score(y, cross_val_predict(model, x, y, cv=cv, method="predict_proba")[:, 1]))


def test_hand_boxes_and_pose_axes_do_not_tell_the_class():
    from sklearn.preprocessing import OneHotEncoder

    cfg = load_config(MIXED)
    x, axes, y = _features([plan_clip(cfg, 2027, i) for i in range(200)])
    onehot = OneHotEncoder(handle_unknown="ignore").fit_transform(axes).toarray()
    auc = _cv_auc(np.hstack([x, onehot]), y)
    assert auc < 0.65, auc
    pos_poses = set(axes[y, 1])
    assert {"low_ready", "hip", "held_out", "chest"} <= pos_poses  # positives not always aiming
    assert "aimed" in set(axes[~y, 1])  # negatives raised and pointed into the scene too
    # the knob: negatives always held out at the chest separate again
    skew = load_config(MIXED, ["events.negative_pose=hip"])
    xs, axs, ys = _features([plan_clip(skew, 2027, i) for i in range(80)])
    assert (
        _cv_auc(np.hstack([xs, OneHotEncoder(handle_unknown="ignore").fit_transform(axs).toarray()]), ys)
        > 0.8
    )


def test_report_counts_first_visible_times_and_devices(tmp_path):
    from types import SimpleNamespace

    from generator.report.onset import first_visible, onset_devices
    from generator.report.report import bar, save

    def clip(cat, ev, t, device):
        events = [{"type": ev, "frame": int(t * 30), "time_s": t}] if ev else []
        axes = {"device": device, "onset": "holster" if t else "none", "carry": "aimed"}
        return SimpleNamespace(labels={"category": cat, "events": events, "duration_s": 4.0, "axes": axes})

    clips = [
        clip("positive", "weapon_visible_start", 0.0, "bodycam"),
        clip("positive", "weapon_visible_start", 2.0, "bodycam"),
        clip("negative", "object_visible_start", 1.0, "phone"),
        clip("negative", None, 0.0, "phone"),
    ]
    got = first_visible(clips)
    assert got == {"positive (weapon)": [0.0, 0.5], "negative (object)": [0.25]}
    assert (
        onset_devices(clips, tmp_path / "o.png", save, bar) == "o.png"
        and (tmp_path / "o.png").stat().st_size > 1000
    )


@pytest.mark.parametrize("model", ["perspective", "fisheye_equisolid", "fisheye_equidistant"])
def test_plan_projection_agrees_with_the_labels_projection(model):
    from generator.labels.projection import project as label_project
    from generator.plan.camera import make_lens
    from generator.plan.visibility import project

    lens, intr = make_lens(model, 150 if model != "perspective" else 75, 320, 240)
    pts = np.random.default_rng(0).normal(0, 1, (200, 3)) * [0.6, 0.6, 1.0] - [0, 0, 0.5]
    a_xy, a_d = project(pts, intr.model_dump(), lens.model_dump())
    b_xy, b_d = label_project(pts, intr.model_dump(), lens.model_dump())
    seen = b_d > 1e-3
    assert seen.sum() > 50 and np.array_equal(a_d > 1e-3, seen)
    assert np.allclose(a_xy[seen], b_xy[seen])


def test_plan_samples_span_the_meshes_the_renderer_builds():
    """The onset's first visible frame is planned from these samples: they must be the rendered shapes (a
    builder part sampled as a 1 m sphere once put the object in view frames before the render showed it)."""
    from generator.plan.objects.parts import part_mesh
    from generator.plan.visibility import model_points, part_points

    p = _positives(load_config(DEMO), 1)[0]
    held = p.held.model
    assert any(q.geom is not None for q in held.parts)
    mesh = np.concatenate([part_mesh(q).verts for q in held.parts])
    pts = model_points(held)
    assert np.allclose(pts.min(axis=0), mesh.min(axis=0), atol=2e-3)
    assert np.allclose(pts.max(axis=0), mesh.max(axis=0), atol=2e-3)
    hand = next(q for h in p.hands for q in h.model.parts if q.shape == "hand")  # sampled from its skeleton
    pts, mesh = part_points(hand), part_mesh(hand).verts
    assert np.abs(pts.min(axis=0) - mesh.min(axis=0)).max() < 0.03
    assert np.abs(pts.max(axis=0) - mesh.max(axis=0)).max() < 0.03


def test_a_clip_too_short_to_raise_a_lowered_long_gun_starts_raised():
    """A shouldered long gun at low ready under a head camera lies below the view: a clip too short to raise it
    starts it raised, so that every positive shows its weapon."""
    over = ["render.frames=2", "content.weapon=shotgun", "events.onset=0", "events.start_aimed=0"]
    plans = _positives(load_config(DEMO, over), 6)
    assert all(p.timeline.first_visible_frame == 0 for p in plans)
    assert any(p.held_track.states[0] == "aimed" for p in plans)
