"""A saved plan renders to the same pixels and labels as on the code path it was recorded with."""

import json

import pytest
from golden_clip import FIXTURE, clip_digests, render_fixture


@pytest.mark.render
def test_golden_plan_renders_identical_masks_frames_and_labels(tmp_path):
    """Masks, frames (decoded pixels) and per-frame labels match tests/fixtures/golden_clip/expected.json,
    recorded before the render/write split; a deliberate realism change regenerates it (see its README)."""
    expected = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
    got = clip_digests(render_fixture(tmp_path))
    assert got == expected
