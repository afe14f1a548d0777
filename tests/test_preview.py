"""Previews and sweeps render for real (tiny) and show what they claim."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from generator.config import load_config
from generator.plan import plan_clip
from generator.preview.run import preview, sweep
from generator.preview.sheet import CAPTION_H

pytestmark = pytest.mark.render  # every test here starts Blender

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "scenes" / "demo.yaml"


def test_preview_tiles_and_captions_match_plans(tmp_path):
    out = tmp_path / "sheet.png"
    res = preview(
        DEMO,
        ["render.frames=4"],
        n=5,
        seed=11,
        width=48,
        height=32,
        per_clip=1,
        engine="workbench",
        samples=1,
        with_overlay=False,
        out=out,
        cols=3,
    )
    assert res["tiles"] == 5
    img = Image.open(out)
    assert img.size == (3 * 48, CAPTION_H + 2 * (32 + CAPTION_H))
    cfg = load_config(DEMO, ["render.frames=4", "render.width=48", "render.height=32"])
    for i, cap in enumerate(res["captions"]):
        plan = plan_clip(cfg, 11, i)
        assert plan.axes.held_object in cap and plan.axes.environment in cap and plan.camera.mount in cap
        assert f"fov {plan.camera.lens.fov_deg:.0f}" in cap
    # tiles are real renders, not blank
    arr = np.asarray(img.convert("L"), dtype=float)
    assert arr[CAPTION_H : CAPTION_H + 32, :48].std() > 5


def test_preview_overlay_draws_masks(tmp_path):
    out = tmp_path / "ov.png"
    plain = tmp_path / "plain.png"
    args = dict(n=1, seed=3, width=48, height=32, per_clip=1, samples=1, cols=1)
    preview(
        DEMO,
        ["render.frames=2", "content.positive_fraction=1"],
        engine="cycles",
        with_overlay=True,
        out=out,
        **args,
    )
    preview(
        DEMO,
        ["render.frames=2", "content.positive_fraction=1"],
        engine="cycles",
        with_overlay=False,
        out=plain,
        **args,
    )
    a = np.asarray(Image.open(out).convert("RGB"), dtype=float)
    b = np.asarray(Image.open(plain).convert("RGB"), dtype=float)
    assert np.abs(a - b).mean() > 0.5  # the tint and boxes changed pixels


def test_light_power_sweep_is_ordered_in_brightness(tmp_path):
    res = sweep(
        ROOT / "scenes" / "corridor.yaml",
        ["render.frames=2"],
        [("lighting.light_power_w", ["40", "300", "2000"])],
        seed=5,
        index=0,
        width=48,
        height=32,
        engine="cycles",
        samples=2,
        out=tmp_path / "sweep.png",
    )
    b = res["mean_brightness"]
    assert res["tiles"] == 3 and b[0] < b[1] < b[2], b


def test_sweep_tiles_differ_only_by_the_parameter(tmp_path):
    # sweeping a parameter that does not act on the image (clip count) gives identical tiles
    res = sweep(
        DEMO,
        ["render.frames=2"],
        [("clips", ["1", "2"])],
        seed=5,
        index=0,
        width=48,
        height=32,
        engine="workbench",
        samples=1,
        out=tmp_path / "same.png",
    )
    assert abs(res["mean_brightness"][0] - res["mean_brightness"][1]) < 1e-9


def test_smoke_fails_naming_a_broken_scene(tmp_path):
    scenes = tmp_path / "scenes"
    scenes.mkdir()
    (scenes / "good.yaml").write_text((ROOT / "scenes" / "smoke.yaml").read_text())
    (scenes / "broken.yaml").write_text("camera:\n  fov_deg: {uniform: [130, 90]}\n")
    junit = tmp_path / "smoke.xml"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "smoke",
            "--scenes",
            str(scenes / "*.yaml"),
            "--junit",
            str(junit),
            "--clips",
            "1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 1
    assert "broken" in res.stderr and "good" not in res.stderr.split("smoke failed:")[-1]
    xml = junit.read_text()
    assert 'name="broken"' in xml and "<failure" in xml and 'name="good"' in xml and 'failures="1"' in xml


def test_two_parameter_sweep_grid_is_row_major(tmp_path):
    res = sweep(
        DEMO,
        ["render.frames=2"],
        [("camera.fov_deg", ["50", "90"]), ("clips", ["1", "2", "3"])],
        seed=5,
        index=0,
        width=32,
        height=24,
        engine="workbench",
        samples=1,
        out=tmp_path / "g.png",
    )
    assert res["captions"][:3] == [
        "camera.fov_deg=50\nclips=1",
        "camera.fov_deg=90\nclips=1",
        "camera.fov_deg=50\nclips=2",
    ]
    assert Image.open(tmp_path / "g.png").size == (2 * 32, CAPTION_H + 3 * (24 + CAPTION_H))
