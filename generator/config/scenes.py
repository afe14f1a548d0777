"""Shipped scene files, found by name from anywhere: the package's ``scenes`` folder.

The repository's ``scenes/`` is the one copy people read and edit; ``generator/scenes`` is a symbolic link to
it, so an installed package (setuptools copies the files behind the link into the wheel) and a checkout find
the same files.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ConfigError

SHIPPED = Path(__file__).resolve().parents[1] / "scenes"


def shipped_scenes() -> list[str]:
    """Names of the shipped scenes (file stems), sorted."""
    return sorted(p.stem for p in SHIPPED.glob("*.yaml"))


def shipped_path(name: str) -> Path | None:
    """The shipped scene file called ``name``, or None."""
    path = SHIPPED / f"{name}.yaml"
    return path if name and "/" not in name and path.is_file() else None


def scene_path(source: str | Path) -> Path:
    """A scene file: ``source`` when it exists, else the shipped scene it names (``demo``, or ``scenes/demo.yaml``
    run from outside the repository); a one-line ConfigError listing the shipped scenes otherwise."""
    p = Path(source)
    if p.is_file():
        return p
    name = (
        str(source) if not p.suffix and p.parent == Path(".") else p.stem if p.parent.name == "scenes" else ""
    )
    found = shipped_path(name) if p.suffix in ("", ".yaml") else None
    if found is not None:
        return found
    raise ConfigError(
        f"{source}: no such scene file or shipped scene (shipped: {', '.join(shipped_scenes())})"
    )
