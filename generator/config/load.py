"""Load a scene config from YAML (a SafeLoader: data only), apply ``--set`` overrides, explain errors in one line."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.config.assets import load_manifest
from generator.config.messages import format_validation_error, override_at
from generator.config.models import SceneConfig
from generator.config.paths import config_root, confine
from generator.config.recipe import load_recipe
from generator.config.scenes import scene_path
from generator.errors import ConfigError


class DataLoader(yaml.SafeLoader):
    """yaml.SafeLoader with YAML 1.2 booleans: only true/false are booleans, so `denoise: off` stays a string."""


DataLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str):
    """Parse YAML text as plain data (no tags that build objects, YAML 1.2 booleans)."""
    return yaml.load(text, Loader=DataLoader)  # noqa: S506 - DataLoader is a SafeLoader


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping; a missing, unreadable or non-mapping file is a ConfigError naming the file."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: config file not found")
    try:
        data = load_yaml(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{p}:{where} invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read: {exc}") from None
    if data is None:
        raise ConfigError(
            f"{p}: empty file (a scene file needs at least one key; povgen config new writes one)"
        )
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: top level must be a mapping, not {type(data).__name__}")
    return data


def apply_overrides(data: dict[str, Any], overrides: list[str] | None) -> dict[str, Any]:
    """Apply ``a.b.c=value`` overrides to a raw config mapping; values are parsed as YAML."""
    out = json.loads(json.dumps(data))
    for item in overrides or []:
        if "=" not in item:
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE, e.g. camera.fov_deg=90")
        key, raw = item.split("=", 1)
        parts = [k for k in key.strip().split(".") if k]
        if not parts:
            raise ConfigError(f"--set {item!r}: empty key")
        try:
            value = load_yaml(raw) if raw.strip() else ""
        except yaml.YAMLError:
            raise ConfigError(f"--set {key}: value {raw!r} is not valid YAML") from None
        node = out
        for i, part in enumerate(parts[:-1]):
            child = node.get(part)
            if child is None:
                child = node[part] = {}
            if not isinstance(child, dict):
                raise ConfigError(f"--set {key}: {'.'.join(parts[: i + 1])} is not a section")
            node = child
        node[parts[-1]] = value
    return out


def validate_config(
    data: dict[str, Any], source: str = "", overrides: list[str] | None = None
) -> SceneConfig:
    """Validate a raw mapping into a SceneConfig and check the files it names, or raise a one-line ConfigError
    (naming the --set override when it is to blame)."""
    try:
        cfg = SceneConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(exc, source, overrides)) from None
    check_files(cfg, source, overrides)
    return cfg


def check_files(cfg: SceneConfig, source: str = "", overrides: list[str] | None = None) -> None:
    """Load the asset manifest and augmentation recipe a config names, so that a bad one is an error now (naming
    the config field), not after rendering; a file outside the allowed folders is refused (see config/paths).
    Model validators do no file I/O; loading does."""
    checks = (
        ("content", "asset_manifest", cfg.content.asset_manifest, load_manifest),
        ("augment", "recipe", cfg.augment.recipe, load_recipe),
    )
    for section, key, value, load in checks:
        if value is not None:
            where = override_at((section, key), overrides) or source
            prefix = f"{where}: " if where else ""
            try:
                if key == "asset_manifest" or looks_like_file(value):
                    confine(value, key)
                load(value)
            except ConfigError as exc:
                raise ConfigError(f"{prefix}{section}: {exc}") from None


def load_config(path: str | Path, overrides: list[str] | None = None) -> SceneConfig:
    """Read, override and validate a scene file."""
    if not Path(path).is_file():  # a shipped scene by name (or scenes/<name>.yaml outside the repository)
        try:
            path = scene_path(path)
        except ConfigError:
            pass  # read_yaml names the missing file
    base = Path(path).resolve().parent
    with config_root(base):
        data = anchor_paths(read_yaml(path), base)
        data = apply_overrides(data, overrides)
        return validate_config(data, str(path), overrides)


def anchor_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Make file paths in a scene file relative to the scene file, not to where the command runs."""
    content = data.get("content")
    if isinstance(content, dict) and isinstance(content.get("asset_manifest"), str):
        p = Path(content["asset_manifest"])
        if not p.is_absolute():
            content["asset_manifest"] = str(base / p)
    aug = data.get("augment")
    if isinstance(aug, dict) and isinstance(aug.get("recipe"), str) and looks_like_file(aug["recipe"]):
        p = Path(aug["recipe"])
        if not p.is_absolute():
            aug["recipe"] = str(base / p)
    return data


def looks_like_file(name: str) -> bool:
    """A recipe given as a file (a path or a .yaml name), not as a shipped preset name."""
    return "/" in name or "\\" in name or name.lower().endswith((".yaml", ".yml"))


def config_to_dict(cfg: SceneConfig) -> dict[str, Any]:
    """The fully merged config as plain JSON-able data (defaults filled in)."""
    return cfg.model_dump(mode="json", exclude_none=True)


def config_hash(cfg: SceneConfig) -> str:
    """A stable hash of the merged config, to notice a changed config on an existing dataset."""
    blob = json.dumps(config_to_dict(cfg), sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
