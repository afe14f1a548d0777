import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.config import config_hash, load_config, validate_config
from generator.config.load import apply_overrides
from generator.config.models import SceneConfig
from generator.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path, data, name="s.yaml"):
    p = tmp_path / name
    p.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return p


@pytest.mark.parametrize(
    "data, message",
    [
        ({"camera": {"fov_deg": {"uniform": [130, 90]}}}, "camera.fov_deg.uniform: low 130 > high 90"),
        ({"camera": {"fov_dg": 80}}, "camera.fov_dg: unknown key (did you mean 'fov_deg'?)"),
        ({"camera": {"fov_deg": 200}}, "camera.fov_deg: 200 outside allowed range [10, 170]"),
        ({"content": {"weapon": "bazooka"}}, "content.weapon: unknown value 'bazooka'"),
        ({"render": {"width": 65}}, "render: width 65 must be even"),
        ({"render": {"samples": 0}}, "render.samples: Input should be greater than or equal to 1"),
        (
            {"lighting": {"ceiling_lights": {"randint": [1, 99]}}},
            "lighting.ceiling_lights: randint: 99 outside",
        ),
        ({"motion": {"step_hz": {"normal": [2, -1]}}}, "motion.step_hz.normal: sigma -1 < 0"),
        ({"bogus": 1}, "bogus: unknown key"),
        ({"augment": {"recipe": "nope"}}, "augment: recipe nope: no such file or preset"),
        ({"content": {"asset_manifest": "/no/such/assets.yaml"}}, "content: /no/such/assets.yaml: asset manifest"),
    ],
)
def test_errors_name_the_path(tmp_path, data, message):
    with pytest.raises(ConfigError) as exc:
        load_config(write(tmp_path, data))
    text = str(exc.value)
    assert message in text, text
    assert "\n" not in text


def test_missing_file_and_bad_yaml(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(write(tmp_path, "a: [1, 2\n"))
    with pytest.raises(ConfigError, match="top level must be a mapping"):
        load_config(write(tmp_path, "- 1\n- 2\n"))


def test_yaml_is_data_only(tmp_path):
    p = write(tmp_path, "name: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(p)


def test_overrides_set_nested_values_and_distributions(tmp_path):
    cfg = load_config(
        write(tmp_path, {"name": "x"}),
        ["camera.fov_deg=90", "render.frames=5", "motion.speed_mps={uniform: [1, 2]}"],
    )
    assert cfg.camera.fov_deg == 90 and cfg.render.frames == 5
    assert cfg.motion.speed_mps.uniform == (1.0, 2.0)


def test_override_errors(tmp_path):
    p = write(tmp_path, {})
    with pytest.raises(ConfigError, match="expected KEY=VALUE"):
        load_config(p, ["camera.fov_deg"])
    with pytest.raises(ConfigError, match="camera.fov_degs: unknown key"):
        load_config(p, ["camera.fov_degs=3"])
    with pytest.raises(ConfigError, match="name is not a section"):
        apply_overrides({"name": "a"}, ["name.x=1"])


def test_shipped_scenes_are_valid():
    for path in sorted((ROOT / "scenes").glob("*.yaml")):
        assert isinstance(load_config(path), SceneConfig)


def test_config_hash_changes_with_content():
    a, b = validate_config({}), validate_config({"camera": {"fov_deg": 60}})
    assert config_hash(a) == config_hash(validate_config({})) != config_hash(b)


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_broken_config_exits_2_with_one_line(tmp_path):
    p = write(tmp_path, {"camera": {"fov_deg": {"uniform": [130, 90]}}})
    res = run_cli("generate", str(p), "--out", str(tmp_path / "o"))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr + res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "camera.fov_deg.uniform: low 130 > high 90" in lines[0]
    assert not (tmp_path / "o").exists()


def test_cli_missing_config_exits_2(tmp_path):
    res = run_cli("generate", str(tmp_path / "missing.yaml"), "--out", str(tmp_path / "o"))
    assert res.returncode == 2 and "config file not found" in res.stderr and "Traceback" not in res.stderr


def test_cli_config_show_validate_schema(tmp_path):
    p = write(tmp_path, {"name": "abc"})
    shown = yaml.safe_load(run_cli("config", "show", str(p), "--set", "camera.fov_deg=77").stdout)
    assert shown["name"] == "abc" and shown["camera"]["fov_deg"] == 77.0 and "render" in shown
    assert run_cli("config", "validate", str(p)).returncode == 0
    bad = run_cli("config", "validate", str(p), "--set", "render.fps=0")
    assert bad.returncode == 2 and "render.fps" in bad.stderr
    import json

    schema = json.loads(run_cli("config", "schema").stdout)
    assert "camera" in schema["properties"] and schema["additionalProperties"] is False


def test_off_and_yes_stay_strings(tmp_path):
    cfg = load_config(write(tmp_path, "render:\n  denoise: off\n"), ["render.denoise=off"])
    assert cfg.render.denoise == "off"
    with pytest.raises(ConfigError, match="render.save_depth"):
        load_config(write(tmp_path, {}), ["render.save_depth=maybe"])
    assert load_config(write(tmp_path, {}), ["render.save_depth=true"]).render.save_depth is True


def test_asset_manifest_is_relative_to_the_scene_file(tmp_path, monkeypatch):
    scene_dir = tmp_path / "scenes"
    scene_dir.mkdir()
    p = write(scene_dir, {"content": {"asset_manifest": "my_assets.yaml"}})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    assert str(scene_dir / "my_assets.yaml") in str(exc.value) and "not found" in str(exc.value)
