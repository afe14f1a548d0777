"""Render settings that change only how the image is computed reach Blender: the pixels change, the labels do not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from conftest import render_tiny

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
