"""Shared fixtures: a tiny real render of the smoke scene, made once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.config import load_config
from generator.run.generate import generate
from generator.run.pool import PoolOptions

ROOT = Path(__file__).resolve().parents[1]
SMOKE = ROOT / "scenes" / "smoke.yaml"
TINY = ["render.width=64", "render.height=48", "render.frames=4", "render.samples=1"]


def render_tiny(out: Path, clips: int = 4, seed: int = 7, overrides: list[str] | None = None, **opts):
    """Generate ``clips`` tiny clips of the smoke scene into ``out`` with real bpy workers."""
    cfg = load_config(SMOKE, TINY + list(overrides or []))
    options = PoolOptions(workers=opts.pop("workers", 1), retries=opts.pop("retries", 1), **opts)
    return generate(cfg, out, clips, seed, options)


@pytest.fixture(autouse=True)
def _no_bpy_in_the_test_process():
    """Fail the test that imports bpy here: bpy puts its scripts folder on sys.path, which every render worker
    spawned afterwards inherits, and their ``import bpy`` then finds the wrong module. Render in a child."""
    yield
    assert "bpy" not in sys.modules, "this test imported bpy into the pytest process; render in a subprocess"


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "ds"
    report = render_tiny(out, clips=4)
    assert report.rendered == 4 and report.failed == 0
    return out


# CI runs the property tests with a fixed seed (set CI=true), so a red CI always means a reproducible bug;
# local runs keep exploring new random examples.
try:
    import os as _os

    from hypothesis import settings as _hsettings

    _hsettings.register_profile("ci", derandomize=True, print_blob=True)
    if _os.environ.get("CI"):
        _hsettings.load_profile("ci")
except ImportError:  # hypothesis is a dev dependency
    pass
