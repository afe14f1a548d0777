"""One-line messages for pydantic validation errors of configs and manifests."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.config.models import SceneConfig

_TAGS = {"const", "uniform", "normal", "loguniform", "randint", "choice", "unknown"}


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


def override_at(loc: tuple, overrides: list[str] | None) -> str:
    """'--set KEY=VALUE' when that override set the bad field (or a section holding it), else ''."""
    dotted = [str(p) for p in loc]
    for item in reversed(overrides or []):
        key = [k for k in item.split("=", 1)[0].strip().split(".") if k]
        n = min(len(key), len(dotted))
        if key and key[:n] == dotted[:n]:
            return f"--set {item}"
    return ""


def format_validation_error(exc: ValidationError, source: str = "", overrides: list[str] | None = None) -> str:
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
    source = override_at(loc, overrides) or source
    prefix = f"{source}: " if source else ""
    return f"{prefix}{path}: {msg}{tail}"
