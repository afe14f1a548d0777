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


# Layers, lowest first: a package may import only packages of a lower layer (never a sibling or a higher one).
# docs/architecture.md explains each layer.
LAYERS = [
    {"errors", "geometry", "__init__"},
    {"catalog"},
    {"config"},
    {"shapes"},
    {"motion"},
    {"plan"},
    {"labels"},
    {"dataset"},
    {"blender", "export"},
    {"augment"},
    {"report", "audit"},
    {"preview"},
    {"run"},
    {"cli"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def package_imports(root: Path = ROOT / "generator") -> list[tuple[str, str, str]]:
    """(importing package, imported package, file:line) for every import between generator's packages,
    including imports inside functions."""
    import ast

    out = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        src = rel.parts[0].removesuffix(".py") if len(rel.parts) > 1 or rel.stem != "__init__" else "__init__"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = (
                    [f"{node.module}.{a.name}" for a in node.names]
                    if node.module == "generator"
                    else [node.module]
                )
            else:
                continue
            for mod in mods:
                parts = mod.split(".")
                if parts[0] == "generator" and len(parts) > 1 and parts[1] != src:
                    out.append((src, parts[1], f"{rel}:{node.lineno}"))
    return out


def test_every_package_has_a_layer():
    packages = {
        p.name.removesuffix(".py") for p in (ROOT / "generator").iterdir() if p.suffix == ".py" or p.is_dir()
    }
    packages -= {"__pycache__", "schemas", "scenes"}  # data folders
    assert packages - set(RANK) == set()


def test_packages_import_only_lower_layers():
    """No package cycles: every import between packages goes down the layer order."""
    bad = [f"{where}: {src} imports {dst}" for src, dst, where in package_imports() if RANK[dst] >= RANK[src]]
    assert bad == []


def test_layer_check_catches_an_upward_import(tmp_path):
    """The check itself fails on a lower package importing a higher one (inside a function, too)."""
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "x.py").write_text("def f():\n    from generator.run import pool\n")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "y.py").write_text("from generator import plan\n")
    found = {(s, d) for s, d, _ in package_imports(tmp_path)}
    assert found == {("plan", "run"), ("config", "plan")}
    assert all(RANK[d] > RANK[s] for s, d in found)


def test_validators_do_no_file_io():
    """Config and label models only check values: reading files happens in loading code (config/load.py)."""
    import ast

    offenders = []
    for path in [
        *(ROOT / "generator" / "config").glob("models.py"),
        ROOT / "generator" / "labels" / "schema.py",
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"read_text", "open", "is_file", "exists"}:
                offenders.append(f"{path.name}:{node.lineno}")
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.endswith(("assets", "recipe"))
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_docs_figure_scripts_live_under_docs():
    """Scripts that only make documentation pictures are not part of the installed package."""
    in_package = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "generator").rglob("*.py")
        if p.stem.startswith("make_") or "docs/images" in p.read_text(encoding="utf-8")
    ]
    assert in_package == []
    assert sorted(p.name for p in (ROOT / "docs").glob("make_*.py"))
