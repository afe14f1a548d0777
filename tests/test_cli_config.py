"""config show writes valid YAML at any width; config validate takes many files; resume messages say what differs."""

from __future__ import annotations

import pytest
from conftest import SMOKE
from typer.testing import CliRunner

from generator.cli import app
from generator.config import config_to_dict, load_config
from generator.errors import OptionError
from generator.run.generate import check_card, write_card


@pytest.mark.parametrize("columns", ["20", "80", "400"])
def test_config_show_is_valid_yaml_whatever_the_width(tmp_path, columns):
    res = CliRunner().invoke(app, ["config", "show", str(SMOKE)], env={"COLUMNS": columns})
    assert res.exit_code == 0, res.output
    shown = tmp_path / "shown.yaml"
    shown.write_text(res.stdout)
    assert config_to_dict(load_config(shown)) == config_to_dict(load_config(SMOKE))


def test_config_validate_takes_many_files_and_refuses_an_empty_one(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("\n# nothing here\n")
    res = CliRunner().invoke(app, ["config", "validate", str(SMOKE), str(SMOKE)])
    assert res.exit_code == 0 and res.stdout.count(": ok (smoke)") == 2
    res = CliRunner().invoke(app, ["config", "validate", str(SMOKE), str(empty)])
    assert res.exit_code == 2 and ": ok (smoke)" in res.stdout
    assert (
        res.stderr.strip()
        == f"error: {empty}: empty file (a scene file needs at least one key; povgen config new writes one)"
    )


def test_resume_message_names_what_differs_with_both_values(tmp_path):
    cfg = load_config(SMOKE)
    card = write_card(tmp_path, cfg, 7, 2, {"status": "complete"})
    with pytest.raises(
        OptionError, match=r"another seed \(seed 7 there, 8 now\); to grow it rerun with --seed 7"
    ):
        check_card(tmp_path, cfg, 8, force=False)
    changed = load_config(SMOKE, ["camera.fov_deg=60"])
    with pytest.raises(
        OptionError, match=rf"another config \(config hash {card['config_hash']} there, \w+ now\)"
    ):
        check_card(tmp_path, changed, 7, force=False)
    with pytest.raises(
        OptionError, match=r"another config and seed \(config hash .* there, .* now; seed 7 there, 9 now\)"
    ):
        check_card(tmp_path, changed, 9, force=False)
    assert check_card(tmp_path, changed, 9, force=True)["seed"] == 7


def test_grow_without_seed_continues_with_the_folders_seed(tmp_path):
    from generator.run.generate import folder_seed

    write_card(tmp_path, load_config(SMOKE), 1, 2, {"status": "complete"})
    assert folder_seed(tmp_path) == 1 and folder_seed(tmp_path / "none") is None
