"""The shortcut audit finds a planted shortcut and stays at chance on counterfactual pairs (tiny real renders)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.audit.run import audit_dataset
from generator.cli import app
from generator.report.report import audit_section
from tests.conftest import render_tiny

pytestmark = pytest.mark.render


def merge(parts: list[tuple[Path, str]], out: Path) -> Path:
    """One dataset from the clips of several, keeping those of the given category (renamed to stay unique)."""
    (out / "clips").mkdir(parents=True)
    lines = []
    for n, (root, category) in enumerate(parts):
        for rec in map(json.loads, (root / "manifest.jsonl").read_text().splitlines()):
            if rec["category"] != category:
                continue
            cid = f"{n}{rec['clip_id']}"
            shutil.copytree(root / "clips" / rec["clip_id"], out / "clips" / cid)
            for name in ("labels.json", "plan.json"):
                p = out / "clips" / cid / name
                p.write_text(json.dumps({**json.loads(p.read_text()), "clip_id": cid}))
            lines.append({**rec, "clip_id": cid, "path": f"clips/{cid}", "index": len(lines)})
    (out / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    return out


@pytest.fixture(scope="module")
def paired(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "paired"
    assert render_tiny(out, clips=16, overrides=["content.pairs=true"]).failed == 0
    return out


@pytest.fixture(scope="module")
def leaky(paired, tmp_path_factory) -> Path:
    """Firearms only in the corridor, harmless objects only in the office."""
    office = tmp_path_factory.mktemp("audit") / "office"
    overrides = ["content.positive_fraction=0", "environment.family=office"]
    assert render_tiny(office, clips=4, overrides=overrides).failed == 0
    return merge([(paired, "positive"), (office, "negative")], tmp_path_factory.mktemp("audit") / "leaky")


def test_audit_flags_a_place_shortcut(leaky):
    doc = audit_dataset(leaky)
    flagged = {f["probe"]: f for f in doc["flags"]}
    assert doc["probes"]["metadata"] > 0.9 and doc["probes"]["background"] > 0.9
    assert {"metadata", "background"} <= set(flagged)
    assert (
        "environment.family" in flagged["metadata"]["advice"]
        and "axes.environment" in flagged["metadata"]["advice"]
    )
    assert doc["axes"]["axes.environment"]["counts"] == {
        "corridor": {"positive": 8, "negative": 0},
        "office": {"positive": 0, "negative": 4},
    }
    assert json.loads((leaky / "audit.json").read_text())["flags"] == json.loads(json.dumps(doc["flags"]))


def test_pairs_put_the_background_probe_at_chance(paired):
    doc = audit_dataset(paired, write=False)
    assert abs(doc["probes"]["background"] - 0.5) <= 0.1, doc["probes"]
    assert "background" not in {f["probe"] for f in doc["flags"]}
    assert doc["source_groups"] == 8 and doc["axes"]["axes.environment"]["auc"] is None  # one place only


def test_cli_prints_a_table_and_the_report_section_shows_it(paired, tmp_path):
    ds = tmp_path / "ds"
    shutil.copytree(paired, ds)
    runner = CliRunner()
    res = runner.invoke(app, ["audit", str(ds)])
    assert res.exit_code == 0, res.output
    assert (
        "background only" in res.output and "held_object only" in res.output and "metadata only" in res.output
    )
    assert (ds / "audit.json").is_file()
    page = audit_section(ds)  # the report's section (the whole report takes longer to draw)
    assert "Shortcut audit" in page and "background only" in page and "metadata only" in page
    one_class = tmp_path / "one"
    merge([(paired, "positive")], one_class)
    res = runner.invoke(app, ["audit", str(one_class)])
    assert res.exit_code == 1 and "both firearm and harmless" in res.output


def test_a_few_clips_give_numbers_and_a_warning(tiny_dataset):
    doc = audit_dataset(tiny_dataset, write=False)
    assert doc["positive"] and doc["negative"]  # the smoke scene renders both
    assert "noisy" in doc["warning"]
    assert set(doc["probes"]) == {"background", "hands", "held_object", "metadata"}
