"""Paths inside configs are confined to the config file's folder and the --allow-path folders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from generator.cli import app
from generator.config import load_config
from generator.config.paths import allow_paths
from generator.errors import ConfigError

MANIFEST = {
    "assets": [{"name": "p", "file": "p.glb", "class": "handgun", "kind": "replica", "muzzle": [0, 0, 0]}]
}


def layout(tmp_path: Path) -> tuple[Path, Path]:
    """scenes/ (the config's folder) and elsewhere/ (a manifest outside it, with its model file)."""
    scenes, elsewhere = tmp_path / "scenes", tmp_path / "elsewhere"
    scenes.mkdir()
    elsewhere.mkdir()
    (elsewhere / "p.glb").write_bytes(b"glTF")
    (elsewhere / "m.yaml").write_text(yaml.safe_dump(MANIFEST))
    return scenes, elsewhere


def scene(folder: Path, manifest: str) -> Path:
    p = folder / "s.yaml"
    p.write_text(yaml.safe_dump({"name": "s", "content": {"asset_manifest": manifest}}))
    return p


def test_a_manifest_outside_the_config_folder_is_refused_unless_allowed(tmp_path):
    scenes, elsewhere = layout(tmp_path)
    s = scene(scenes, "../elsewhere/m.yaml")
    with pytest.raises(ConfigError, match=r"s\.yaml: content: asset_manifest .*outside the allowed folders"):
        load_config(s)
    with allow_paths([elsewhere]):
        assert Path(load_config(s).content.asset_manifest).resolve() == elsewhere / "m.yaml"
    res = CliRunner().invoke(app, ["config", "validate", str(s), "--allow-path", str(elsewhere)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["config", "validate", str(s)])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1 and "--allow-path" in res.output


def test_symlinks_are_resolved_before_the_check(tmp_path):
    scenes, elsewhere = layout(tmp_path)
    (scenes / "m.yaml").symlink_to(elsewhere / "m.yaml")
    with pytest.raises(ConfigError, match="outside the allowed folders"):
        load_config(scene(scenes, "m.yaml"))


def test_an_asset_file_outside_its_manifest_folder_is_refused(tmp_path):
    scenes, elsewhere = layout(tmp_path)
    inside = {"assets": [{**MANIFEST["assets"][0], "file": "../elsewhere/p.glb"}]}
    (scenes / "m.yaml").write_text(yaml.safe_dump(inside))
    with pytest.raises(ConfigError, match=r"assets\[0\] \(p\)\.file .*outside the allowed folders"):
        load_config(scene(scenes, "m.yaml"))
    (scenes / "p.glb").write_bytes(b"glTF")
    (scenes / "m.yaml").write_text(yaml.safe_dump(MANIFEST))
    assert load_config(scene(scenes, "m.yaml")).content.asset_manifest == str(scenes / "m.yaml")


def test_a_recipe_file_is_relative_to_the_config_and_confined(tmp_path):
    scenes, elsewhere = layout(tmp_path)
    (elsewhere / "r.yaml").write_text("name: r\n")
    s = scenes / "s.yaml"
    s.write_text(yaml.safe_dump({"name": "s", "augment": {"recipe": "../elsewhere/r.yaml"}}))
    with pytest.raises(ConfigError, match="augment: recipe .*outside the allowed folders"):
        load_config(s)
    (scenes / "r.yaml").write_text("name: r\n")
    s.write_text(yaml.safe_dump({"name": "s", "augment": {"recipe": "r.yaml"}}))
    assert load_config(s).augment.recipe == str(scenes / "r.yaml")
