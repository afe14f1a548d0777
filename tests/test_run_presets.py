"""Render presets, executor options and worker/thread splitting (no rendering)."""

from __future__ import annotations

import pytest
from conftest import SMOKE

from generator.config import load_config
from generator.config.load import validate_config
from generator.config.models import RENDER_PRESETS
from generator.errors import PovgenError
from generator.plan import plan_clip
from generator.run.generate import make_executor
from generator.run.pool import PoolOptions, default_workers, threads_per_worker


@pytest.mark.parametrize("name", sorted(RENDER_PRESETS))
def test_preset_fills_keys_and_reaches_the_plan(name):
    cfg = load_config(SMOKE, [f"render.preset={name}"])
    want = RENDER_PRESETS[name]
    raw = load_config(SMOKE).render
    for key, value in want.items():
        # smoke.yaml sets some render keys itself: those win over the preset
        expected = getattr(raw, key) if key in _smoke_render_keys() else value
        assert getattr(cfg.render, key) == expected, key
    plan = plan_clip(cfg, 1, 0)
    assert plan.render.preset == name and plan.render.samples == cfg.render.samples


def _smoke_render_keys() -> set[str]:
    import yaml

    return set((yaml.safe_load(SMOKE.read_text()) or {}).get("render", {}) or {})


def test_explicit_keys_win_over_the_preset():
    cfg = validate_config({"render": {"preset": "default", "samples": 2, "width": 100}})
    assert cfg.render.samples == 2 and cfg.render.width == 100
    assert (cfg.render.height, cfg.render.denoise, cfg.render.max_bounces) == (360, "balanced", 4)
    fast = validate_config({"render": {"preset": "fast"}})
    assert (fast.render.samples, fast.render.denoise, fast.render.max_bounces) == (4, "balanced", 2)
    assert fast.render.denoise_prefilter == "fast"
    draft = validate_config({"render": {"preset": "draft", "denoise_prefilter": "accurate"}})
    assert (draft.render.samples, draft.render.denoise_prefilter) == (1, "accurate")
    plain = validate_config({})
    assert plain.render.preset == "none" and plain.render.max_bounces == 4  # no preset: field defaults


def test_unknown_preset_and_engine_are_one_line_errors():
    for bad in ("render.preset=ultra", "render.engine=workbench"):
        with pytest.raises(PovgenError) as exc:
            load_config(SMOKE, [bad])
        assert bad.split("=")[0] in str(exc.value) and "\n" not in str(exc.value)


def test_workers_and_threads_split_the_cores():
    assert default_workers(cores=16) == 4 and default_workers(cores=2) == 1
    assert default_workers(cores=16, device="gpu") == 1 and default_workers(cores=16, engine="eevee") == 1
    assert threads_per_worker(2, cores=2) == 1 and threads_per_worker(1, cores=8) == 8
    assert threads_per_worker(3, threads=5, cores=2) == 5


def test_unknown_executor_is_refused(tmp_path):
    with pytest.raises(PovgenError, match="--executor"):
        make_executor(tmp_path, PoolOptions(executor="slurm"))


def _refused(tmp_path, extra: list[str], word: str) -> None:
    from typer.testing import CliRunner

    from generator.cli import app

    res = CliRunner().invoke(app, ["generate", str(SMOKE), "--out", str(tmp_path / "x"), *extra])
    assert res.exit_code != 0 and word in res.output, res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "x").exists()  # refused before anything was written


@pytest.mark.parametrize(
    "extra, word", [(["--executor", "slurm"], "--executor"), (["--ray-address", "h:1"], "--ray-address")]
)
def test_cli_refuses_bad_executor_options(tmp_path, extra, word):
    _refused(tmp_path, extra, word)


@pytest.mark.render
def test_cli_refuses_gpu_without_gpu(tmp_path):
    """Only on machines without a GPU (probing asks Blender for its devices)."""
    from generator.cli.info import probe_blender

    if probe_blender().get("gpu_devices"):
        pytest.skip("this machine has a GPU")
    _refused(tmp_path, ["--device", "gpu"], "--device gpu")


def test_changed_config_or_seed_on_an_existing_folder_is_refused(tmp_path):
    from generator.run.generate import generate, write_card

    cfg = load_config(SMOKE)
    write_card(tmp_path, cfg, 7, 2, {"status": "complete"})
    before = (tmp_path / "dataset.json").read_text()
    changed = load_config(SMOKE, ["camera.fov_deg=60"])
    for c, seed in ((changed, 7), (cfg, 8)):
        with pytest.raises(PovgenError, match="--force"):
            generate(c, tmp_path, 2, seed, PoolOptions())
    assert (tmp_path / "dataset.json").read_text() == before  # nothing touched


def test_unquoted_off_means_no_denoising():
    assert load_config(SMOKE, ["render.denoise=off"]).render.denoise == "off"  # YAML reads off as false
    with pytest.raises(PovgenError, match="render.denoise"):
        load_config(SMOKE, ["render.denoise=true"])
