"""Report what this Blender can do (run as ``python -m generator.blender.probe``; prints one JSON line)."""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    real_stdout = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # keep Blender's own messages out of the JSON
    import bpy

    from generator.blender.session import gpu_devices

    info = {
        "blender": bpy.app.version_string,
        "engines": ["CYCLES", "BLENDER_EEVEE", "BLENDER_WORKBENCH"],
        "povgen_engines": ["cycles", "eevee (GPU machines; ids from a 1-sample Cycles pass)"],
        "gpu_devices": gpu_devices(),
        "oidn": bool(getattr(__import__("_cycles"), "with_openimagedenoise", False)),
    }
    sys.stdout.flush()
    os.dup2(real_stdout, 1)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
