"""povgen augment and povgen composite from the command line: work end to end, fail with one clear line."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from generator.augment.synthetic import pattern_video


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], capture_output=True, text=True, cwd=ROOT
    )


def one_line_error(res, text):
    assert res.returncode != 0 and "Traceback" not in res.stderr + res.stdout
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and text in lines[0], res.stderr


def test_augment_footage_folder_end_to_end(tmp_path):
    src = tmp_path / "footage"
    src.mkdir()
    pattern_video(src / "walk.mp4", fps=15, width=96, height=64, frames=5)
    (src / "labels.csv").write_text("video,weapon_present,context\nwalk.mp4,0,street\n")
    out = tmp_path / "out"
    res = run_cli("augment", str(src), "--recipe", "phone_stream", "--variants", "2", "--out", str(out), "-q")
    assert res.returncode == 0, res.stderr
    assert "2 clips written" in " ".join(res.stdout.split())
    res = run_cli("validate", str(out))
    assert res.returncode == 0, res.stderr + res.stdout
    res = run_cli("augment", str(src), "--recipe", "phone_stream", "--variants", "2", "--out", str(out), "-q")
    assert "0 clips written, 2 already done" in " ".join(res.stdout.split())


def test_augment_errors_are_one_line(tmp_path):
    one_line_error(
        run_cli("augment", str(tmp_path / "nope"), "--out", str(tmp_path / "o")), "no such file or folder"
    )
    (tmp_path / "empty").mkdir()
    one_line_error(run_cli("augment", str(tmp_path / "empty"), "--out", str(tmp_path / "o")), "no videos")
    bad = tmp_path / "r.yaml"
    bad.write_text("transport: {height: 1080}\n")
    one_line_error(
        run_cli("augment", str(tmp_path / "empty"), "--recipe", str(bad), "--out", str(tmp_path / "o")),
        "r.yaml: transport.height",
    )
    one_line_error(
        run_cli("composite", "--background", str(tmp_path / "none.mp4"), "--out", str(tmp_path / "c")),
        "--background",
    )


def test_cli_modules_do_not_import_bpy():
    code = (
        "import sys, generator.cli.augment, generator.cli.composite, generator.run.composite,"
        " generator.augment.pipeline; print('bpy' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.stdout.strip() == "False", res.stderr
