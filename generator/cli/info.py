"""povgen info: versions and render devices."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import generator
from generator.cli.app import app, friendly, out


@app.command()
@friendly
def info() -> None:
    """Versions, engines and render devices (asks a Blender subprocess; this process never imports bpy)."""
    import numpy
    import pydantic

    res = subprocess.run(
        [sys.executable, "-m", "generator.blender.probe"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    line = next((ln for ln in reversed(res.stdout.splitlines()) if ln.startswith("{")), None)
    blender = json.loads(line) if line else {"error": (res.stderr.strip().splitlines() or ["no output"])[-1]}
    data = {
        "povgen": generator.__version__,
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "pydantic": pydantic.__version__,
        "cpu_cores": os.cpu_count(),
        **blender,
    }
    out.print_json(json.dumps(data))
