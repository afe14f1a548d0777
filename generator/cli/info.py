"""povgen info: versions and render devices."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import generator
from generator.cli.app import app, friendly, out
from generator.run.pool import usable_cores


def _version(dist: str) -> str | None:
    """Installed version of an optional distribution, without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def probe_blender() -> dict:
    """What the Blender in a subprocess reports (version, engines, GPU devices); this process never imports bpy."""
    res = subprocess.run(
        [sys.executable, "-m", "generator.blender.probe"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    line = next((ln for ln in reversed(res.stdout.splitlines()) if ln.startswith("{")), None)
    return json.loads(line) if line else {"error": (res.stderr.strip().splitlines() or ["no output"])[-1]}


@app.command()
@friendly
def info() -> None:
    """Versions, engines and render devices (asks a Blender subprocess; this process never imports bpy)."""
    import numpy
    import pydantic

    blender = probe_blender()
    data = {
        "povgen": generator.__version__,
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "pydantic": pydantic.__version__,
        "cpu_cores": os.cpu_count(),
        "usable_cores": usable_cores(),
        "ray": _version("ray"),
        **blender,
    }
    gpus = blender.get("gpu_devices") or {}
    data["render_devices"] = ["CPU"] + [f"{kind}: {name}" for kind, names in gpus.items() for name in names]
    data["default_device_for_auto"] = next(iter(gpus), "CPU")
    out.print_json(json.dumps(data))
