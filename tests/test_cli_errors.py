"""Every command, driven with generated bad values: one line, the right exit code, and the dataset untouched.

Bad option values and configs exit 2; environment problems (missing folder, unwritable output) exit 1; never a
traceback. A tiny dataset made before the runs must be byte-for-byte the same afterwards and still validate.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from generator.cli import app
from generator.config.models import SceneConfig

ROOT = Path(__file__).resolve().parents[1]
SMOKE = str(ROOT / "scenes" / "smoke.yaml")
runner = CliRunner()

nonpos = st.integers(-(10**6), 0)
negative = st.integers(-(10**6), -1)
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
not_a_number = word.filter(lambda w: w not in ("inf", "nan", "infinity"))
bad_seconds = st.one_of(st.floats(max_value=0.0, allow_nan=False), st.sampled_from(["nan", "inf", "-inf"]))
SECTIONS = {
    name: set(f.annotation.model_fields)
    for name, f in SceneConfig.model_fields.items()
    if hasattr(f.annotation, "model_fields")
}


@st.composite
def bad_sets(draw) -> str:
    """A --set naming a key that no section has, or a known key with an impossible value."""
    section = draw(st.sampled_from(sorted(SECTIONS)))
    if draw(st.booleans()):
        key = draw(word.filter(lambda w, s=section: w not in SECTIONS[s]))
        return f"{section}.{key}={draw(st.integers(0, 9))}"
    key, value = draw(
        st.sampled_from(
            [
                ("render.width", draw(st.integers(-(10**4), 15))),
                ("render.samples", draw(nonpos)),
                ("render.frames", draw(nonpos)),
                ("camera.fov_deg", draw(not_a_number)),
                ("render.engine", draw(word.filter(lambda w: w not in ("cycles", "eevee")))),
            ]
        )
    )
    return f"{key}={value}"


def cases(ds: Path, scratch: Path) -> list[tuple[list[str], str, st.SearchStrategy, int]]:
    """(command words, option, bad values, exit code) for every command and its checked options."""
    clip = str(ds / "clips" / "000000")
    video = str(next((ds / "clips" / "000000").glob("*.mp4")))
    out = ["--out", str(ds)]  # outputs aimed at the dataset itself: a bad value must stop before writing
    gen = ["generate", SMOKE, *out, "--clips", "1"]
    sheet = ["--out", str(scratch / "sheet.png")]
    return [
        (gen, "--clips", nonpos, 2),
        (gen, "--seed", negative, 2),
        (gen, "--workers", nonpos, 2),
        (gen, "--threads", negative, 2),
        (gen, "--retries", negative, 2),
        (gen, "--timeout", bad_seconds, 2),
        (gen, "--max-clips-per-worker", nonpos, 2),
        (gen, "--max-rss-mb", bad_seconds, 2),
        (gen, "--device", word.filter(lambda w: w not in ("cpu", "gpu", "auto")), 2),
        (gen, "--executor", word.filter(lambda w: w not in ("local", "ray")), 2),
        (gen, "--clips", not_a_number, 2),
        (gen, "--set", bad_sets(), 2),
        (["render-plan", f"{clip}/plan.json", *out], "--threads", negative, 2),
        (["augment", str(ds), "--out", str(scratch / "aug")], "--variants", nonpos, 2),
        (["augment", str(ds), "--out", str(scratch / "aug")], "--seed", negative, 2),
        (["augment", str(ds), "--out", str(scratch / "aug")], "--recipe", word.map(lambda w: f"no_{w}"), 2),
        (["composite", "--background", video, *out], "--frames", nonpos, 2),
        (["composite", "--background", video, *out], "--height", st.integers(-(10**4), 15), 2),
        (["composite", "--background", video, *out], "--workers", nonpos, 2),
        (["composite", "--background", video, *out], "--threads", negative, 2),
        (["composite", "--background", video, *out], "--seed", negative, 2),
        (["composite", "--background", video, *out], "--set", bad_sets(), 2),
        (["export", str(ds)], "--format", word.filter(lambda w: w != "all"), 2),
        (["export", str(ds)], "--split", st.sampled_from(["train", "a=-1", "a=nan", "=1", "a=0"]), 2),
        (["export", str(ds)], "--shard-size", nonpos, 2),
        (["inspect", clip], "--scale", negative, 2),
        (["report", str(ds)], "--sheet", nonpos, 2),
        (["preview", SMOKE, *sheet], "--n", st.one_of(nonpos, st.integers(257, 10**6)), 2),
        (["preview", SMOKE, *sheet], "--width", st.integers(-(10**4), 15), 2),
        (["preview", SMOKE, *sheet], "--samples", nonpos, 2),
        (["preview", SMOKE, *sheet], "--frames", nonpos, 2),
        (["preview", SMOKE, *sheet], "--engine", word.filter(lambda w: w not in ("cycles", "workbench")), 2),
        (["preview", SMOKE, *sheet], "--seed", negative, 2),
        (["preview", SMOKE, *sheet], "--set", bad_sets(), 2),
        (["sweep", SMOKE, "--param", "camera.fov_deg", "--values", "60,90", *sheet], "--index", negative, 2),
        (["sweep", SMOKE, "--param", "camera.fov_deg", "--values", "60,90", *sheet], "--height", nonpos, 2),
        (["config", "show", SMOKE], "--set", bad_sets(), 2),
        (["config", "validate", SMOKE], "--set", bad_sets(), 2),
        (["config", "new", "--out", str(scratch / "new.yaml")], "--from", word.map(lambda w: f"no_{w}"), 2),
        (["smoke", "--out", str(scratch / "smoke")], "--clips", nonpos, 2),
        (["smoke", "--out", str(scratch / "smoke")], "--scenes", word.map(lambda w: f"/no/{w}/*.yaml"), 2),
    ]


def signature(root: Path) -> dict[str, tuple[int, int]]:
    """Every file of a folder with its size and modification time: any write shows up."""
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")}


def run(args: list[str]):
    res = runner.invoke(app, args)
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    return res, lines


def assert_one_line(args: list[str], code: int, *named: str) -> str:
    res, lines = run(args)
    shown = " ".join(args)
    assert res.exit_code == code, f"povgen {shown}: exit {res.exit_code}, wanted {code}:\n{res.output}"
    assert len(lines) == 1 and lines[0].startswith("error:"), f"povgen {shown}:\n{res.output}"
    assert "Traceback" not in res.output
    for name in named:
        assert name in lines[0], f"povgen {shown}: {name!r} not in {lines[0]!r}"
    return lines[0]


@pytest.fixture(scope="module")
def prepared(tiny_dataset, tmp_path_factory):
    """A private copy of the tiny dataset (so other tests' writes cannot confuse the signature) and a scratch dir."""
    base = tmp_path_factory.mktemp("clierr")
    ds = base / "ds"
    shutil.copytree(tiny_dataset, ds, ignore=shutil.ignore_patterns("exports", "report", "inspect"))
    scratch = base / "scratch"
    scratch.mkdir()
    return ds, scratch


@pytest.mark.render  # the prepared dataset is a tiny real render
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_bad_values_give_one_line_and_leave_the_dataset_alone(prepared, data):
    ds, scratch = prepared
    table = cases(ds, scratch)
    words, option, values, code = data.draw(st.sampled_from(table), label="case")
    value = str(data.draw(values, label=option))
    before = signature(ds)
    assert_one_line([*words, option, value], code, option.lstrip("-").split("-")[0])
    assert signature(ds) == before, f"povgen {' '.join(words)} {option} {value} changed the dataset"
    assert not any(scratch.iterdir()), f"povgen {' '.join(words)} {option} {value} wrote into {scratch}"


def unwritable(base: Path) -> Path:
    """A folder nothing can be written into, even as root: immutable (chattr +i), else a path under a file."""
    folder = base / "locked"
    folder.mkdir()
    if (
        shutil.which("chattr")
        and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    ):
        return folder
    (base / "a_file").write_text("x")
    return base / "a_file"


@pytest.mark.render
def test_environment_problems_are_one_line_exit_1(prepared, tmp_path):
    ds, _ = prepared
    before = signature(ds)
    locked = unwritable(tmp_path)
    try:
        clip = str(ds / "clips" / "000000")
        for args in (
            ["generate", SMOKE, "--out", str(locked / "x"), "--clips", "1"],
            ["export", str(ds), "--out", str(locked / "x")],
            ["report", str(ds), "--out", str(locked / "x")],
            ["inspect", clip, "--out", str(locked / "x")],
            ["augment", str(ds), "--out", str(locked / "x")],
            ["render-plan", f"{clip}/plan.json", "--out", str(locked / "x")],
            ["preview", SMOKE, "--out", str(locked / "x.png")],
            ["config", "new", "--out", str(locked / "x.yaml")],
            ["validate", str(tmp_path / "missing")],
            ["export", str(tmp_path / "missing")],
            ["augment", str(tmp_path / "missing"), "--out", str(tmp_path / "aug")],
        ):
            assert_one_line(args, 1)
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path / "locked")], capture_output=True)
    assert signature(ds) == before


@pytest.mark.render
def test_issue_cases_then_the_dataset_still_validates(prepared, tmp_path):
    from generator.dataset.validate import validate_dataset

    ds, _ = prepared
    gen = ["generate", SMOKE, "--out", str(ds)]
    assert "-1" in assert_one_line([*gen, "--seed", "-1"], 2, "--seed")
    for option, value in (("--clips", "0"), ("--workers", "0"), ("--threads", "-2"), ("--retries", "-1")):
        assert_one_line([*gen, option, value], 2, option, value)
    assert_one_line([*gen, "--timeout", "0"], 2, "--timeout")
    assert_one_line([*gen, "--set", "render.widht=64"], 2, "--set render.widht=64", "did you mean 'width'")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert_one_line(["config", "validate", str(empty)], 2, "empty")
    assert not (tmp_path / "interrupted").exists()
    rep = validate_dataset(ds)
    assert rep.ok, rep.problems[:3]


def test_debug_shows_the_traceback():
    res = runner.invoke(app, ["--debug", "generate", SMOKE, "--seed", "-1"])
    assert res.exit_code != 0 and res.exception is not None and "--seed -1" in str(res.exception)
