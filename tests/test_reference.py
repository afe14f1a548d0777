"""The generated config reference is complete and current; explain and new work from the CLI."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.config import config_to_dict, load_config, validate_config
from generator.config.reference import commented_yaml, entries, explain, render_markdown
from generator.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_docs_config_md_is_current():
    current = (ROOT / "docs" / "config.md").read_text()
    assert current == render_markdown(), (
        "docs/config.md is out of date: run `python -m generator.config.reference > docs/config.md`"
    )


def test_every_key_has_a_meaning_and_a_default():
    for e in entries():
        assert e.meaning, f"{e.key} has no description"
        assert e.default != "", e.key


def test_explain_a_key_a_section_and_a_typo():
    text = explain("camera.fov_deg")
    assert "Horizontal field of view" in text and "[10, 170]" in text
    assert "render.width" in explain("render")
    with pytest.raises(ConfigError, match="did you mean camera.fov_deg"):
        explain("camera.fovdeg")


def test_starter_file_round_trips(tmp_path):
    demo = load_config(ROOT / "scenes" / "demo.yaml")
    text = commented_yaml(config_to_dict(demo), "demo")
    assert text.count("# ") > 20
    p = tmp_path / "new.yaml"
    p.write_text(text)
    assert config_to_dict(load_config(p)) == config_to_dict(demo)
    assert validate_config(yaml.safe_load(text)).name == "demo"


def test_cli_config_new_and_explain(tmp_path):
    out = tmp_path / "mine.yaml"
    cmd = [sys.executable, "-m", "generator.cli", "config", "new", "--from", "demo", "--out", str(out)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert load_config(out).name == "demo"
    again = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 2 and "exists" in again.stderr
    res = subprocess.run(
        [sys.executable, "-m", "generator.cli", "config", "explain", "motion.stepz"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 2 and "no such config key" in res.stderr
