"""render-plan repairing a failed clip brings dataset.json up to date (failed count, status), and validates."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.dataset.validate import validate_dataset


@pytest.mark.render
def test_render_plan_repairs_a_failed_clip_and_the_card(tiny_dataset, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(tiny_dataset, ds, ignore=shutil.ignore_patterns("exports", "report", "inspect"))
    # make clip 000002 a failure, as generate records one: no folder, no manifest line, a failed plan and line
    (ds / "failed_plans").mkdir()
    shutil.copy(ds / "clips" / "000002" / "plan.json", ds / "failed_plans" / "000002.json")
    shutil.rmtree(ds / "clips" / "000002")
    lines = (ds / "manifest.jsonl").read_text().splitlines(keepends=True)
    (ds / "manifest.jsonl").write_text("".join(ln for ln in lines if '"000002"' not in ln))
    (ds / "failures.jsonl").write_text(json.dumps({"clip_id": "000002", "index": 2, "error": "x"}) + "\n")
    card = json.loads((ds / "dataset.json").read_text())
    card["status"], card["counts"]["failed"], card["counts"]["clips"] = "failed_clips", 1, 3
    (ds / "dataset.json").write_text(json.dumps(card))

    res = CliRunner().invoke(app, ["render-plan", str(ds / "failed_plans" / "000002.json"), "--out", str(ds)])
    assert res.exit_code == 0, res.output
    card = json.loads((ds / "dataset.json").read_text())
    assert card["status"] == "complete" and card["counts"]["failed"] == 0 and card["counts"]["clips"] == 4
    assert card["config_hash"] == json.loads((tiny_dataset / "dataset.json").read_text())["config_hash"]
    assert validate_dataset(ds).ok
