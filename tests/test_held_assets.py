"""User assets: manifest errors (one line each) and real renders of GLB and .blend files the tool exports itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cv2
import pytest
import yaml
from conftest import ROOT, SMOKE, TINY

from generator.config import load_config
from generator.config.assets import load_manifest
from generator.config.paths import allow_paths
from generator.dataset.manifest import read_jsonl
from generator.errors import ConfigError
from generator.plan import plan_clip
from generator.run.generate import generate
from generator.run.pool import PoolOptions

PISTOL = {"name": "p", "file": "pistol.glb", "class": "handgun", "kind": "real", "muzzle": [0, 0.15, 0.04]}


def write_manifest(tmp_path, assets, name="assets.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump({"assets": assets}))
    return path


@pytest.fixture
def files(tmp_path):
    (tmp_path / "pistol.glb").write_bytes(b"glTF")
    return tmp_path


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"file": "missing.glb"}, r"assets\[0\] \(p\)\.file: file not found"),
        ({"file": "pistol.stl"}, r"\.file: unsupported format '\.stl'"),
        ({"class": "bazooka"}, r"assets\.0\.class: Input should be 'handgun'"),
        ({"grip": {"rotation_deg": [0, 90]}}, r"assets\.0\.grip\.rotation_deg"),
        ({"grip": {"position": [0, ".nan", 0]}}, r"assets\.0\.grip\.position"),
        ({"scale": 0}, r"assets\.0\.scale: Input should be greater than 0"),
        ({"kind": "none"}, r"\.kind: a handgun is real or replica, not none"),
        ({"muzzle": None}, r"\.muzzle: required for a firearm"),
        ({"colour": "red"}, r"assets\.0\.colour: unknown key"),
    ],
)
def test_each_bad_manifest_has_its_own_one_line_error(files, change, expected):
    entry = {**PISTOL, **change}
    if entry.get("muzzle") is None:
        entry.pop("muzzle")
    if entry["grip"] if "grip" in entry else False:
        pos = entry["grip"].get("position")
        if pos and ".nan" in pos:
            entry["grip"]["position"] = [0, float("nan"), 0]
    path = write_manifest(files, [entry])
    with pytest.raises(ConfigError, match=expected) as exc:
        load_manifest(path)
    assert "\n" not in str(exc.value) and str(path) in str(exc.value)


def test_manifest_errors_reach_the_scene_config(files):
    with pytest.raises(ConfigError, match="asset manifest not found"):
        load_config(SMOKE, [f"content.asset_manifest={files / 'nope.yaml'}"])
    ok = write_manifest(files, [PISTOL])
    with pytest.raises(ConfigError, match="outside the allowed folders"):  # not beside the scene file
        load_config(SMOKE, [f"content.asset_manifest={ok}"])
    with allow_paths([files]):
        assert load_config(SMOKE, [f"content.asset_manifest={ok}"]).content.asset_manifest == str(ok)
    dup = write_manifest(files, [PISTOL, PISTOL], "dup.yaml")
    with pytest.raises(ConfigError, match="duplicate name"):
        load_manifest(dup)


def export(name: str, seed: int, path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "generator.blender.export", name, str(seed), str(path)]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.mark.render
def test_user_assets_render_and_a_corrupt_file_fails_only_its_clip(tmp_path):
    glb = export("handgun", 3, tmp_path / "pistol.glb")
    export("rifle", 4, tmp_path / "rifle.blend")
    (tmp_path / "bad.glb").write_bytes(b"this is not a glTF file")
    rifle = export("rifle", 4, tmp_path / "rifle_points.glb")
    manifest = write_manifest(
        tmp_path,
        [
            {
                "name": "glb_pistol",
                "file": "pistol.glb",
                "class": "handgun",
                "kind": "real",
                "muzzle": list(glb["points"]["muzzle"]),
            },
            {
                "name": "blend_rifle",
                "file": "rifle.blend",
                "class": "rifle",
                "kind": "replica",
                "muzzle": list(rifle["points"]["muzzle"]),
                "support": list(rifle["points"]["support"]),
            },
            {"name": "bad_drill", "file": "bad.glb", "class": "drill", "kind": "none"},
        ],
    )
    sets = TINY + [
        "render.frames=2",
        f"content.asset_manifest={manifest}",
        "content.asset_fraction=1",
        "content.positive_fraction=0.6",
    ]
    with allow_paths([tmp_path]):
        cfg = load_config(SMOKE, sets)
    want = {"glb_pistol", "blend_rifle", "bad_drill"}
    seed = next(s for s in range(200) if {plan_clip(cfg, s, i).axes.held_object for i in range(4)} == want)
    out = tmp_path / "ds"
    report = generate(cfg, out, 4, seed, PoolOptions(workers=1, retries=0))
    names = {i: plan_clip(cfg, seed, i).axes.held_object for i in range(4)}
    bad = sorted(i for i, n in names.items() if n == "bad_drill")
    assert report.failed == len(bad) and report.rendered == 4 - len(bad)
    failures = read_jsonl(out / "failures.jsonl")
    assert sorted(int(f["clip_id"]) for f in failures) == bad
    assert all("asset bad_drill: cannot load" in f["error"] and "\n" not in f["error"] for f in failures)
    for i, name in names.items():
        if name == "bad_drill":
            continue
        clip = out / "clips" / f"{i:06d}"
        labels = json.loads((clip / "labels.json").read_text())
        assert labels["axes"]["held_object"] == name
        assert labels["axes"]["weapon_kind"] == ("real" if name == "glb_pistol" else "replica")
        seen = 0
        for fl in labels["frames"]:
            mask = cv2.imread(str(clip / fl["mask"]), cv2.IMREAD_UNCHANGED)
            held = next(a for a in fl["annotations"] if a["instance_id"] == 1)
            assert held["area_px"] == int((mask == 1).sum())
            if held["area_px"]:
                seen += 1
                m, am = held["bbox_modal"], held["bbox_amodal"]
                # the amodal box (projected loaded mesh) holds the mask pixels, and the manifest's muzzle point,
                # carried through the grip transform, lands on the loaded geometry's projection
                assert am[0] <= m[0] + 1 and am[1] <= m[1] + 1 and am[2] >= m[2] - 1 and am[3] >= m[3] - 1
                mx, my = held["muzzle_point"]
                if 0 <= mx < labels["width"] and 0 <= my < labels["height"]:
                    assert am[0] - 1 <= mx <= am[2] + 1 and am[1] - 1 <= my <= am[3] + 1
        assert seen >= 1, name
