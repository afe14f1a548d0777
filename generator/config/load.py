"""Load a scene config from YAML (a SafeLoader: data only), apply ``--set`` overrides, explain errors in one line."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.config.models import SceneConfig
from generator.config.paths import config_root
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


_TAGS = {"const", "uniform", "normal", "loguniform", "randint", "choice", "unknown"}


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


def _suggest(loc: tuple, name: str) -> str:
    """Nearest valid key for a typo at ``loc`` (a path inside SceneConfig)."""
    model: Any = SceneConfig
    for part in loc:
        field = (
            model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        )
        if field is None:
            return ""
        ann = field.annotation
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None
    if model is None:
        return ""
    close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _override_at(loc: tuple, overrides: list[str] | None) -> str:
    """'--set KEY=VALUE' when that override set the bad field (or a section holding it), else ''."""
    dotted = [str(p) for p in loc]
    for item in reversed(overrides or []):
        key = [k for k in item.split("=", 1)[0].strip().split(".") if k]
        n = min(len(key), len(dotted))
        if key and key[:n] == dotted[:n]:
            return f"--set {item}"
    return ""


def format_validation_error(
    exc: ValidationError, source: str = "", overrides: list[str] | None = None
) -> str:
    """One line: the dotted path of the first bad field and what is wrong with it."""
    err = exc.errors(include_url=False)[0]
    loc = tuple(
        p for p in err["loc"] if not (isinstance(p, str) and p in _TAGS and p in ("const", "unknown"))
    )
    path = ".".join(str(p) for p in loc) or "(top level)"
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if err["type"] == "extra_forbidden":
        msg = "unknown key" + _suggest(tuple(loc[:-1]), str(loc[-1]))
    elif err["type"] == "missing":
        msg = "required key missing"
    more = len(exc.errors()) - 1
    tail = f" (+{more} more)" if more > 0 else ""
    source = _override_at(loc, overrides) or source
    prefix = f"{source}: " if source else ""
    return f"{prefix}{path}: {msg}{tail}"


def validate_config(
    data: dict[str, Any], source: str = "", overrides: list[str] | None = None
) -> SceneConfig:
    """Validate a raw mapping into a SceneConfig, or raise a one-line ConfigError (naming --set if it is to blame)."""
    try:
        return SceneConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_validation_error(exc, source, overrides)) from None


def load_config(path: str | Path, overrides: list[str] | None = None) -> SceneConfig:
    """Read, override and validate a scene file."""
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
