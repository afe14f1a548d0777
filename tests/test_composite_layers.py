"""Composite layers hold only the held object, hands and effects, render clean, and a bad background is skipped."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from conftest import SMOKE

from generator.augment.synthetic import pattern_frames, pattern_video
from generator.dataset.validate import validate_dataset
from generator.errors import PovgenError
from generator.run.composite import LAYER_SAMPLES, Background, layer_plans, run_composite

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("scene", ["demo", "mixed", "street"])
def test_layer_plans_have_no_figures_environment_or_weather_and_render_clean(scene):
    frames = np.stack(list(pattern_frames(width=96, height=72, frames=4)))
    bg = Background("walk", frames, 15)
    for index in range(3):
        sets = ["render.samples=1", "render.denoise=off", "atmosphere.weather=rain"]
        try:
            plans = layer_plans(bg, index, ROOT / "scenes" / f"{scene}.yaml", sets, 5, True)
        except PovgenError:  # a scene without that weather option: plan it as it is
            plans = layer_plans(bg, index, ROOT / "scenes" / f"{scene}.yaml", sets[:2], 5, True)
        for p in plans:
            assert p.environment == [] and p.actors == [], p.clip_id
            assert (
                p.atmosphere.rain_streaks == 0
                and p.atmosphere.fog_density == 0
                and p.atmosphere.weather == "clear"
            )
            assert p.render.transparent and p.render.samples >= LAYER_SAMPLES and p.render.denoise != "off"
            assert p.world_image == "env/walk.png" and (p.held is not None or p.category == "negative")


def test_only_bad_backgrounds_is_one_error_and_no_output(tmp_path):
    bgs = tmp_path / "bgs"
    bgs.mkdir()
    (bgs / "broken.mp4").write_bytes(b"not a video")
    with pytest.raises(PovgenError, match="no readable background video") as exc:
        run_composite(bgs, tmp_path / "out", SMOKE, [])
    assert "\n" not in str(exc.value) and not (tmp_path / "out").exists()
    pattern_video(bgs / "good.mp4", fps=15, width=64, height=48, frames=3)
    with pytest.raises(PovgenError, match="broken.mp4: unreadable background"):
        run_composite(bgs, tmp_path / "out", SMOKE, [], skip_bad=False)
    assert not (tmp_path / "out").exists()


@pytest.mark.render
def test_a_bad_background_is_skipped_listed_and_the_rest_composites(tmp_path):
    bgs = tmp_path / "bgs"
    bgs.mkdir()
    pattern_video(bgs / "good.mp4", fps=15, width=64, height=48, frames=3)
    (bgs / "broken.mp4").write_bytes(b"not a video")
    out = tmp_path / "out"
    counts = run_composite(bgs, out, SMOKE, ["render.samples=1"], negatives=False)
    assert counts["written"] == 1 and [Path(b["background"]).name for b in counts["bad"]] == ["broken.mp4"]
    assert validate_dataset(out).ok
    card = json.loads((out / "dataset.json").read_text())
    assert card["config"]["bad_backgrounds"][0]["background"].endswith("broken.mp4")
    plan = json.loads((out / "clips" / "good-positive" / "plan.json").read_text())
    assert plan["render"]["samples"] >= LAYER_SAMPLES and plan["render"]["denoise"] != "off"
