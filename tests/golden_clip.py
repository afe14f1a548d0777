"""Digests of a rendered clip (decoded pixels of masks and frames, labels' frames), for the golden-clip test.

Run ``PYTHONPATH=$PWD python tests/golden_clip.py`` to re-render tests/fixtures/golden_clip/plan.json and rewrite
expected.json: do that only when a change to the scene builders or the renderer is meant to change pixels.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "golden_clip"


def clip_digests(clip: Path) -> dict[str, str]:
    """sha256 of every mask and frame (decoded pixels) and of the labels' per-frame records."""
    out: dict[str, str] = {}
    for kind in ("masks", "frames"):
        for f in sorted((clip / kind).glob("*.png")):
            img = cv2.imread(str(f), cv2.IMREAD_UNCHANGED)
            out[f"{kind}/{f.name}"] = hashlib.sha256(np.ascontiguousarray(img).tobytes()).hexdigest()
    frames = json.loads((clip / "labels.json").read_text(encoding="utf-8"))["frames"]
    out["labels.frames"] = hashlib.sha256(json.dumps(frames, sort_keys=True).encode()).hexdigest()
    return out


def render_fixture(out: Path) -> Path:
    """Render the fixture plan into dataset folder ``out`` with one thread, in a child process (importing bpy
    changes ``sys.path``, which spawned render workers would inherit); return the clip folder."""
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root}
    subprocess.run(
        [sys.executable, __file__, "--render", str(out)], check=True, cwd=root, env=env, timeout=600
    )
    plan = json.loads((FIXTURE / "plan.json").read_text(encoding="utf-8"))
    return out / "clips" / plan["clip_id"]


def _render_here(out: Path) -> None:
    from generator.plan import load_plan
    from generator.run.render import render_plan_to

    render_plan_to(load_plan(FIXTURE / "plan.json"), out, threads=1)


if __name__ == "__main__":
    import tempfile

    if sys.argv[1:2] == ["--render"]:
        _render_here(Path(sys.argv[2]))
        sys.exit(0)
    with tempfile.TemporaryDirectory() as tmp:
        digests = clip_digests(render_fixture(Path(tmp)))
    (FIXTURE / "expected.json").write_text(json.dumps(digests, indent=1) + "\n", encoding="utf-8")
    json.dump(digests, sys.stdout, indent=1)
