"""Render settings that change only how the image is computed reach Blender: the pixels change, the labels do not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cv2
import numpy as np
import pytest
from conftest import ROOT, render_tiny

from generator.config import load_config
from generator.plan.planner import plan_clip

pytestmark = pytest.mark.render  # starts Blender


def _frames_and_masks(ds):
    clip = next(p for p in sorted((ds / "clips").iterdir()) if p.is_dir())
    frames = [cv2.imread(str(f)) for f in sorted((clip / "frames").glob("*.png"))]
    masks = [cv2.imread(str(f), cv2.IMREAD_UNCHANGED) for f in sorted((clip / "masks").glob("*.png"))]
    return np.stack(frames).astype(int), np.stack(masks)


def test_denoise_prefilter_and_caustics_change_pixels_not_masks(tmp_path):
    """The same plan with the OIDN prefilter 'fast' and caustics off: another image (so the keys reached
    Cycles), the same object ids in every pixel (labels never depend on shading)."""
    base = ["render.samples=2", "render.denoise=fast", "render.frames=2"]
    runs = {}
    for name, extra in (
        ("accurate", ["render.denoise_prefilter=accurate", "render.caustics=true"]),
        ("fast", ["render.denoise_prefilter=fast", "render.caustics=false"]),
    ):
        render_tiny(tmp_path / name, clips=1, seed=11, overrides=base + extra)
        runs[name] = _frames_and_masks(tmp_path / name)
    (fa, ma), (fb, mb) = runs["accurate"], runs["fast"]
    assert np.array_equal(ma, mb)
    assert np.abs(fa - fb).mean() > 0.05  # grey levels: the images differ
    assert np.abs(fa - fb).mean() < 20  # but show the same scene


CACHE_SNIPPET = r"""
import json, sys
import numpy as np
from generator.blender.render import close_render, open_render
from generator.plan.model import ClipPlan
plan = ClipPlan.model_validate_json(open(sys.argv[1]).read())
out = {}
for name, keys in json.loads(sys.argv[2]).items():
    r = open_render(plan.model_copy(update={"render": plan.render.model_copy(update=keys)}), threads=2)
    scene = r._built.scene
    frames = list(r.frames())
    out[name] = {
        "persistent": scene.render.use_persistent_data,
        "sky_map": [scene.world.cycles.sampling_method, scene.world.cycles.sample_map_resolution],
        "images": [f.image.tolist() for f in frames],
        "ids": [f.ids.tolist() for f in frames],
    }
    close_render(r)
print("RESULT" + json.dumps(out))
"""


def test_persistent_data_and_sky_map_reach_cycles_and_keep_the_picture(tmp_path):
    """An outdoor plan (a sky photograph lights it) rendered with Cycles' scene kept between frames and a
    512 sky light map, and with neither (the settings before they existed): Blender got each setting, the ids
    are the same in every pixel and the frames the same picture (these settings change the cost, not the
    image: sampling noise at most)."""
    over = [
        "render.width=64",
        "render.height=48",
        "render.frames=3",
        "render.samples=2",
        "render.denoise=fast",
    ]
    cfg = load_config(ROOT / "scenes" / "street.yaml", over)
    plan = plan_clip(cfg, cfg.seed, 0)
    assert plan.world_hdri  # outdoors: the sky photograph whose light map the setting sizes
    path = tmp_path / "plan.json"
    path.write_text(plan.model_dump_json())
    variants = {
        "new": {"persistent_data": True, "sky_map_resolution": 512},
        "old": {"persistent_data": False, "sky_map_resolution": 0},
    }
    res = subprocess.run(
        [sys.executable, "-c", CACHE_SNIPPET, str(path), json.dumps(variants)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(next(ln for ln in res.stdout.splitlines() if ln.startswith("RESULT"))[6:])
    new, old = out["new"], out["old"]
    assert new["persistent"] is True and old["persistent"] is False
    assert new["sky_map"] == ["MANUAL", 512] and old["sky_map"][0] == "AUTOMATIC"
    assert new["ids"] == old["ids"]
    a, b = np.asarray(new["images"], dtype=float), np.asarray(old["images"], dtype=float)
    assert a.shape == (3, 48, 64, 3)
    assert np.abs(a - b).mean() < 1.0  # grey levels: the same picture
