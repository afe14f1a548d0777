"""The CLI and everything outside generator/blender/ must work without importing bpy."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_only_blender_package_imports_bpy():
    offenders = []
    for path in (ROOT / "generator").rglob("*.py"):
        if "blender" in path.relative_to(ROOT / "generator").parts[:1]:
            continue
        text = path.read_text()
        if re.search(r"^\s*(import bpy|from bpy\b|import bmesh|from mathutils)", text, re.M):
            offenders.append(str(path))
    assert offenders == []


def test_cli_process_does_not_import_bpy():
    code = (
        "import sys, generator.cli, generator.run.generate, generator.dataset.validate, generator.run.smoke;"
        "print('bpy' in sys.modules)"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.stdout.strip() == "False", res.stderr
