"""Shared helpers of the benchmark scripts: scene presets, running generate, reading the manifest."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

STAGES = ("plan", "build", "render", "labels", "encode", "write")

# Named set-ups: a scene file plus overrides. smoke = the CI scene; fast and default = the demo scene with
# the render preset's values (demo.yaml sets render keys itself, which would win over a bare preset).
SETUPS = {"smoke": "smoke.yaml", "draft": "demo.yaml", "fast": "demo.yaml", "default": "demo.yaml"}


def load_setup(name: str, extra: list[str] | None = None):
    """The SceneConfig of a named set-up, with extra --set overrides."""
    from generator.config import load_config
    from generator.config.models import RENDER_PRESETS

    overrides = []
    if name in RENDER_PRESETS:
        overrides = [f"render.preset={name}"] + [f"render.{k}={v}" for k, v in RENDER_PRESETS[name].items()]
    return load_config(ROOT / "scenes" / SETUPS[name], overrides + list(extra or []))


def records(ds: Path) -> list[dict]:
    return [json.loads(line) for line in (ds / "manifest.jsonl").read_text().splitlines() if line.strip()]


def machine() -> str:
    """One line about the machine the figures come from (load average included: the box may be shared)."""
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
