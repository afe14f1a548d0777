"""Docs that run: every `povgen ...` command in README.md and docs/*.md runs, at tiny sizes, and exits 0.

The commands are taken from fenced code blocks (bash, sh, console, unlabelled, and `run:` lines of CI YAML) in
document order; each file runs in its own sandbox folder holding the repository's scenes and small stand-ins for
the user's files the docs name (my.yaml, my_scenes/, my_footage/, walk.mp4, my_recipe.yaml). A dataset the
docs read before they make it (outputs/demo, ...) is a copy of the tiny session dataset. Sizes are made tiny
(see ``tiny``); everything else is run as written, through bash, so quoting, globs and `|| true` behave as in
the docs. A command that needs hardware or a cluster is skipped by the SKIP list, each with its reason.

Add a command to the docs and it is tested; if it needs a new stand-in file, add it to ``sandbox``.
"""

from __future__ import annotations

import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_LANGS = {"", "bash", "sh", "shell", "console", "zsh"}
TINY_SETS = "--set render.width=64 --set render.height=48 --set render.frames=4 --set render.samples=1"
# (pattern in the command, reason): commands that cannot run on a plain CI machine
SKIP = [
    (r"--executor ray|--ray-address", "needs a Ray cluster (tests/test_ray*.py cover the Ray executor)"),
    (r"--device gpu", "needs a GPU (tests/test_run_eevee.py and povgen info cover devices)"),
    (r"povgen assets .*--manifest", "needs the user's own model files (tests/test_held_assets.py covers manifests)"),
]
# commands that never start Blender run in this process (no interpreter start-up) when they use no shell syntax
IN_PROCESS = {"config", "validate", "export", "inspect", "report", "augment"}


def doc_commands(path: Path) -> list[str]:
    """The povgen command lines of one Markdown file, continuation lines joined, comments dropped."""
    text = path.read_text(encoding="utf-8")
    found = []
    for lang, body in re.findall(r"^```(\S*)[^\n]*\n(.*?)^```", text, flags=re.S | re.M):
        body = re.sub(r"\\\n\s*", " ", body)
        for line in body.splitlines():
            line = line.strip()
            if lang.lower() in ("yaml", "yml"):
                m = re.match(r"-?\s*run:\s*(.*)$", line)
                line = m.group(1) if m else ""
            elif lang.lower() not in SHELL_LANGS:
                continue
            line = re.sub(r"^\$\s+", "", line)
            m = re.match(r"(?:\S*/)?povgen(\s.*|$)", line)
            if m:
                found.append(("povgen" + re.sub(r"\s+#(\s.*)?$", "", m.group(1))).strip())
    return found


def _scale_clips(match: re.Match) -> str:
    n = int(match.group(1))
    return f"--clips {max(1, min(4, math.ceil(n / 10)))}"


def tiny(command: str) -> str:
    """The same command at tiny sizes: few clips, 64x48 frames, 1 sample; absolute outputs made relative."""
    head, tail = re.match(r"(.*?)(\s+(?:\|\||&&|\||;|>).*)?$", command).groups()
    tail = tail or ""
    words = head.split()
    sub = words[1] if len(words) > 1 else ""
    head = re.sub(r"(\s)/(data|shared)/", r"\1\2/", head)
    if sub == "generate":
        head = re.sub(r"--clips\s+(\d+)", _scale_clips, head)
        if "--clips" not in head:  # the config's own count: 4 clips fill train/val/test for a later export
            head += " --clips 4"
        head += f" {TINY_SETS} --workers 1"
    elif sub == "preview":
        head = re.sub(r"--n\s+\d+", "--n 2", head) + " --width 64 --height 48"
    elif sub == "sweep":
        head += " --width 64 --height 48 --samples 1"
    elif sub == "assets":  # one variant of one family, small and at 1 sample: the studio renders cost minutes
        head = re.sub(r"--n\s+\d+", "", re.sub(r"--family\s+\S+", "", head))
        head += " --n 1 --family striker_pistol --width 64 --height 48 --samples 1 --no-first-person"
    elif sub == "smoke":
        head += " --clips 1" + ("" if "--scenes" in head else " --scenes scenes/smoke.yaml")
    elif sub == "composite":
        head = re.sub(r"--frames\s+\d+", "", head)
        head = re.sub(r"--height\s+\d+", "", head)
        head += " --frames 4 --height 48 --no-negatives"
    elif sub == "augment":
        head = re.sub(r"--variants\s+\d+", "--variants 1", head)
    return head + tail


def sandbox(folder: Path, tiny_dataset: Path) -> dict[str, str]:
    """A working folder with the scenes, the user files the docs name, and a povgen on PATH; returns env."""
    shutil.copytree(ROOT / "scenes", folder / "scenes")
    (folder / "my_scenes").mkdir()
    shutil.copy(ROOT / "scenes" / "smoke.yaml", folder / "my_scenes" / "mine.yaml")
    shutil.copy(ROOT / "scenes" / "smoke.yaml", folder / "my.yaml")
    shutil.copy(ROOT / "generator" / "augment" / "presets" / "bodycam.yaml", folder / "my_recipe.yaml")
    clip = tiny_dataset / "clips" / "000000"
    for name in ("my_footage", "my_bodycam_clips"):
        (folder / name).mkdir()
        shutil.copy(clip / "video.mp4", folder / name / "walk.mp4")
        shutil.copy(clip / "labels.json", folder / name / "walk.labels.json")
    shutil.copy(clip / "video.mp4", folder / "walk.mp4")
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    povgen = bin_dir / "povgen"
    povgen.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator.cli "$@"\n')
    povgen.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "200",
    }


def prepare_inputs(command: str, folder: Path, tiny_dataset: Path) -> None:
    """Copy the tiny dataset to each outputs/NAME the command reads but no earlier command made."""
    words = command.split()
    for i, word in enumerate(words):
        m = re.match(r"(outputs/[^/\s]+)", word)
        if m and words[i - 1] != "--out" and not (folder / m.group(1)).exists():
            shutil.copytree(tiny_dataset, folder / m.group(1))


@pytest.mark.render
@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_documented_command_runs(doc, tiny_dataset, tmp_path, monkeypatch):
    commands = doc_commands(doc)
    if not commands:
        pytest.skip(f"{doc.name} shows no povgen commands")
    env = sandbox(tmp_path, tiny_dataset)
    failures, took = [], []
    for command in commands:
        if any(re.search(pattern, command) for pattern, _ in SKIP):
            continue
        run = tiny(command)
        prepare_inputs(run, tmp_path, tiny_dataset)
        t0 = time.perf_counter()
        code, output = run_command(run, tmp_path, env, monkeypatch)
        took.append(f"{time.perf_counter() - t0:6.1f} s  {run}")
        if code != 0:
            failures.append(f"{doc.name}: `{command}` (ran `{run}`): exit {code}: {output[-600:]}")
    print("\n".join(took))  # shown with -s or on failure: where the time goes
    assert not failures, "\n".join(failures)


def run_command(run: str, cwd: Path, env: dict[str, str], monkeypatch) -> tuple[int, str]:
    """Exit code and output of one command line: in this process when that is the same, else through bash."""
    words = shlex.split(run)
    plain = not re.search(r"[|&;<>*?$`]", run)
    if plain and len(words) > 1 and words[1] in IN_PROCESS:
        from typer.testing import CliRunner

        from generator.cli import app

        monkeypatch.chdir(cwd)
        res = CliRunner().invoke(app, words[1:])
        return res.exit_code, res.output
    res = subprocess.run(["bash", "-c", run], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    return res.returncode, res.stderr


def test_commands_are_found_and_made_tiny():
    readme = doc_commands(ROOT / "README.md")
    assert any(c.startswith("povgen generate scenes/demo.yaml") for c in readme)
    assert all("#" not in c for c in readme)
    assert tiny("povgen generate s.yaml --out o --clips 40").startswith(
        "povgen generate s.yaml --out o --clips 4 "
    )
    assert "--clips 2" in tiny("povgen generate s.yaml --out o --clips 20")
    assert tiny("povgen config validate my_scenes/*.yaml || true").endswith("|| true")
    assert "--out data/shards" in tiny("povgen export d -f webdataset --out /data/shards")
    assert any(re.search(p, "povgen generate x --executor ray") for p, _ in SKIP)
