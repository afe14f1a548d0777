"""The catalog is the one table of held classes and place families; every derived table agrees with it."""

from pathlib import Path

import numpy as np
import pytest

from generator import catalog
from generator.catalog import HELD, PLACES
from generator.config import models as cfgm
from generator.config.assets import ASSET_CLASSES, GRIPS
from generator.plan.held import CARRY, carry_key
from generator.plan.model import Model
from generator.plan.objects import build_held, factory, weapon_kind
from generator.plan.objects.assets import DEFAULT_GRIP
from generator.plan.places import planner

ROOT = Path(__file__).resolve().parents[1]
# the first ids are a contract: datasets and trained models refer to classes by these ids
STABLE_IDS = ["handgun", "rifle", "shotgun", "replica_handgun", "replica_rifle", "replica_shotgun", "phone"]


def test_class_ids_are_catalog_order_and_stable():
    ids = catalog.class_ids()
    assert list(ids) == [c.name for c in HELD]
    assert [n for n, i in sorted(ids.items(), key=lambda kv: kv[1])][: len(STABLE_IDS)] == STABLE_IDS
    assert len(ids) == len(HELD)  # names are unique


@pytest.mark.parametrize("row", HELD, ids=lambda r: r.name)
def test_every_class_has_factory_grip_and_carry(row):
    assert row.grip in GRIPS
    assert row.carry in CARRY
    assert carry_key(row.name) == row.carry
    assert row.kind in ("real", "replica", "none")
    assert (row.weapon_class == "none") == (row.kind == "none")
    if row.name == "empty_hands":
        assert row.factory is None and build_held(row.name, np.random.default_rng(0)) is None
        return
    model = factory(row.name)(np.random.default_rng(0))
    assert isinstance(model, Model) and model.parts
    assert model.meta["kind"] == row.kind == weapon_kind(row.name)
    for family in row.families:
        assert catalog.family_class(family) == row.name
    for other in row.counterparts:
        assert catalog.held_class(other).kind == "none"


def test_config_enums_come_from_the_catalog():
    assert cfgm.WEAPONS == catalog.weapon_classes() == ("handgun", "rifle", "shotgun")
    assert set(cfgm.WEAPONS + cfgm.REPLICAS + cfgm.NEGATIVES) == {c.name for c in HELD}
    assert cfgm.ENVIRONMENTS == catalog.family_names()
    assert set(ASSET_CLASSES) - {"other"} == set(DEFAULT_GRIP) - {"other"}


@pytest.mark.parametrize("fam", PLACES, ids=lambda p: p.name)
def test_every_family_has_planner_and_shipped_scene(fam):
    from generator.config.load import load_config

    assert callable(planner(fam.name))
    scene = ROOT / "scenes" / f"{fam.scene}.yaml"
    assert scene.is_file()
    cfg = load_config(scene)
    fams = cfg.environment.family
    assert fam.name in (fams.choice if hasattr(fams, "choice") else [fams])


def test_register_rejects_a_duplicate_name():
    with pytest.raises(ValueError, match="already"):
        catalog.register_held(HELD[0])
    with pytest.raises(ValueError, match="already"):
        catalog.register_place(PLACES[0])


@pytest.mark.render
def test_a_new_class_is_one_catalog_row_plus_one_factory(tmp_path):
    """tests/fixtures/toy_class.py registers a class and its factory, nothing else; a scene can ask for it and
    it renders with labels whose boxes match its mask pixels."""
    import subprocess
    import sys

    from generator.dataset.clip import ClipReader
    from generator.dataset.validate import validate_dataset

    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import toy_class; toy_class.register();"
        "from generator.config.load import load_config; from generator.plan import plan_clip;"
        "from generator.run.render import render_plan_to;"
        "cfg = load_config(sys.argv[2], ['content.positive_fraction=0', 'content.negative=toy_block',"
        " 'render.frames=2']);"
        "render_plan_to(plan_clip(cfg, 7, 0), sys.argv[3], threads=1)"
    )
    scene = ROOT / "scenes" / "smoke.yaml"
    fixtures = ROOT / "tests" / "fixtures"
    res = subprocess.run(
        [sys.executable, "-c", code, str(fixtures), str(scene), str(tmp_path)], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr[-2000:]
    clip = ClipReader(tmp_path / "clips" / "000000")
    labels = clip.labels
    assert labels["axes"]["held_object"] == "toy_block" and labels["category"] == "negative"
    held = next(i for i in labels["instances"] if i["role"] == "held_object")
    assert held["category"] == "toy_block"
    pixels = (clip.masks() == held["instance_id"]).sum(axis=(1, 2))
    assert pixels.max() > 20  # the block is in view
    from generator.dataset.manifest import append_jsonl, manifest_record

    append_jsonl(tmp_path / "manifest.jsonl", manifest_record(labels))
    assert validate_dataset(tmp_path).problems == []
