"""The user's asset manifest: their own model files (glTF/GLB, OBJ, FBX, .blend) with class, kind and grip.

A manifest is YAML (read with safe_load); file paths in it are relative to the manifest. Every problem is a
one-line ConfigError naming the manifest, the entry and the field. See docs/assets.md.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.catalog import HELD, weapon_classes
from generator.config.messages import format_validation_error
from generator.config.paths import allowed_extra, confine
from generator.errors import ConfigError

FORMATS = {".glb": "gltf", ".gltf": "gltf", ".obj": "obj", ".fbx": "fbx", ".blend": "blend"}
WEAPONS = weapon_classes()
ASSET_CLASSES = (*(c.name for c in HELD if c.asset), "other")
GRIPS = ("pistol", "shoulder", "fist_y", "fist_z", "phone", "two_side")


def _finite3(v: tuple[float, float, float]) -> tuple[float, float, float]:
    if not all(math.isfinite(x) for x in v):
        raise ValueError(f"{list(v)} must hold 3 finite numbers")
    return v


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class GripTransform(_M):
    """Where the grip point is in the file, and the rotation that turns the file's axes onto the model frame."""

    position: tuple[float, float, float] = Field((0.0, 0.0, 0.0), description="Grip point in file units.")
    rotation_deg: tuple[float, float, float] = Field(
        (0.0, 0.0, 0.0), description="XYZ Euler (degrees) turning the model so +Y is forward and +Z up."
    )

    _p = field_validator("position", "rotation_deg")(_finite3)


class AssetEntry(_M):
    """One model file of the manifest."""

    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$", description="Name used in labels (held_object).")
    file: str = Field(min_length=1, description="Model file, relative to the manifest.")
    cls: Literal[ASSET_CLASSES] = Field(alias="class", description="Object class.")  # type: ignore[valid-type]
    kind: Literal["real", "replica", "none"] = Field(
        description="real / replica firearm, or none (harmless)."
    )
    scale: float = Field(1.0, gt=0, description="Metres per file unit.")
    grip: GripTransform = Field(default_factory=GripTransform)
    muzzle: tuple[float, float, float] | None = Field(
        None, description="Muzzle point in file units (firearms)."
    )
    support: tuple[float, float, float] | None = Field(None, description="Support-hand point in file units.")
    grip_type: Literal[GRIPS] | None = Field(None, description="Hand pose; default from the class.")  # type: ignore[valid-type]
    length_m: float = Field(0.0, ge=0, description="Overall length in metres (metadata only).")

    _p = field_validator("muzzle", "support")(lambda v: v if v is None else _finite3(v))

    @field_validator("scale")
    @classmethod
    def _scale(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError("scale must be finite")
        return v


class AssetManifest(_M):
    """A manifest file: a list of assets."""

    version: Literal[1] = 1
    assets: list[AssetEntry] = Field(min_length=1)


class Asset(AssetEntry):
    """An entry with its file resolved to an absolute path and its format known."""

    path: str
    format: Literal["gltf", "obj", "fbx", "blend"]

    @property
    def firearm(self) -> bool:
        return self.cls in WEAPONS


def _check_entry(src: Path, i: int, e: AssetEntry) -> Asset:
    where = f"{src}: assets[{i}] ({e.name})"
    path = confine(e.file, f"{where}.file", base=src.parent)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ConfigError(f"{where}.file: unsupported format {path.suffix!r}; use {', '.join(FORMATS)}")
    if not path.is_file():
        raise ConfigError(f"{where}.file: file not found: {path}")
    if e.cls in WEAPONS and e.kind == "none":
        raise ConfigError(f"{where}.kind: a {e.cls} is real or replica, not none")
    if e.cls not in WEAPONS and e.kind != "none":
        raise ConfigError(f"{where}.kind: a {e.cls} is harmless: kind must be none")
    if e.cls in WEAPONS and e.muzzle is None:
        raise ConfigError(f"{where}.muzzle: required for a firearm (muzzle point in file units)")
    return Asset(**e.model_dump(by_alias=True), path=str(path), format=fmt)


def load_manifest(path: str | Path) -> list[Asset]:
    """Read and check a manifest; any problem is a one-line ConfigError."""
    p = Path(path).resolve()
    st = p.stat() if p.is_file() else None
    return list(_load(str(p), st.st_mtime_ns if st else 0, allowed_extra()))


@lru_cache(maxsize=16)
def _load(path: str, _mtime: int, _allowed: tuple) -> tuple[Asset, ...]:
    import yaml

    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: asset manifest not found")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read asset manifest: {str(exc).splitlines()[0]}") from None
    try:
        manifest = AssetManifest.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise ConfigError(format_validation_error(exc, str(p))) from None
    names = [a.name for a in manifest.assets]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ConfigError(f"{p}: assets: duplicate name(s) {dup}")
    return tuple(_check_entry(p, i, e) for i, e in enumerate(manifest.assets))
