"""EEVEE engine: colour from EEVEE, exact id masks and depth from the 1-sample Cycles label pass.

On machines without a GPU EEVEE runs on Mesa llvmpipe (about half a minute of shader compilation, then
seconds per 32x24 frame), so the EEVEE render test runs only when the environment sets POVGEN_TEST_EEVEE=1
(nothing sets it for you: set it on a machine with a GPU). The fisheye refusal renders nothing and runs
everywhere.
"""

from __future__ import annotations

import json
import os

import cv2
import numpy as np
import pytest
from conftest import render_tiny

from generator.dataset.validate import validate_dataset

pytestmark = pytest.mark.render


@pytest.mark.skipif(
    os.environ.get("POVGEN_TEST_EEVEE") != "1", reason="slow without a GPU: set POVGEN_TEST_EEVEE=1"
)
def test_eevee_clip_has_exact_masks_matching_its_boxes(tmp_path):
    out = tmp_path / "ds"
    sets = ["render.engine=eevee", "render.width=32", "render.height=24", "render.frames=2"]
    sets += ["camera.lens=perspective"]
    report = render_tiny(out, clips=1, overrides=sets, timeout_s=600)
    assert report.rendered == 1, (out / "failures.jsonl").read_text() if report.failed else ""
    assert validate_dataset(out).ok
    clip = out / "clips" / "000000"
    labels = json.loads((clip / "labels.json").read_text())
    assert report.records[0]["device"].startswith("EEVEE")
    boxes = 0
    for fl in labels["frames"]:
        rgb = cv2.imread(str(clip / fl["image"]))
        assert rgb.std() > 1.0  # EEVEE drew a picture, not a blank frame
        mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
        for a in fl["annotations"]:
            ys, xs = np.nonzero(mask == a["instance_id"])
            if xs.size:
                assert a["bbox_modal"] == [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
                boxes += 1
    assert boxes > 0


def test_eevee_refuses_a_fisheye_lens(tmp_path):
    sets = ["render.engine=eevee", "render.width=32", "render.height=24", "render.frames=1"]
    report = render_tiny(
        tmp_path / "ds", clips=1, overrides=[*sets, "camera.lens=fisheye_equisolid"], retries=0
    )
    assert report.failed == 1
    failure = json.loads((tmp_path / "ds" / "failures.jsonl").read_text().splitlines()[0])
    assert "fisheye" in failure["error"]
