"""The scene-config reference, generated from the pydantic models: docs/config.md, `config explain`, `config new`.

Every field's entry gives its dotted key, type, default, allowed range or values, meaning and an example.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types as at
import yaml
from pydantic import BaseModel

from generator.config.distributions import Allowed, Bounds, LogUniform, Normal, RandInt, Uniform
from generator.config.models import SceneConfig
from generator.errors import ConfigError

HEADER = """# Scene config reference

Generated from the config models by `python -m generator.config.reference > docs/config.md`
(a test fails when this file is out of date). Every scalar marked *constant or distribution* may be a
constant or one of `{uniform: [a, b]}`, `{normal: [mu, sigma]}` (clipped to the allowed range),
`{loguniform: [a, b]}`, `{randint: [a, b]}` (both ends included) or `{choice: [...], weights: [...]}`.
Categorical fields take a value or a `choice` of values. Unknown keys are errors. Override any key on the
command line with `--set key=value`; see one entry with `povgen config explain KEY`.
"""


@dataclass
class Entry:
    """One leaf key of the config."""

    key: str
    type: str
    default: Any
    allowed: str
    meaning: str
    example: str
    section_doc: str = ""


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_param(annotation: Any) -> bool:
    return any(getattr(a, "__metadata__", None) for a in typing.get_args(annotation)) and "Tag" in repr(
        annotation
    )


def _describe(field) -> tuple[str, str]:
    """(type, allowed) of a field from its annotation and metadata."""
    meta = field.metadata
    bounds = next((m for m in meta if isinstance(m, Bounds)), None)
    allowed = next((m for m in meta if isinstance(m, Allowed)), None)
    ann = field.annotation
    if allowed is not None:
        return "categorical: value or choice", ", ".join(allowed.values)
    if bounds is not None:
        is_int = "Annotated[int" in repr(ann)
        kind = "integer" if is_int else "number"
        lo = "-inf" if bounds.lo is None else f"{bounds.lo:g}"
        hi = "inf" if bounds.hi is None else f"{bounds.hi:g}"
        return f"{kind}: constant or distribution", f"[{lo}, {hi}]"
    if typing.get_origin(ann) is Literal:
        return "constant", ", ".join(str(v) for v in typing.get_args(ann))
    ge = next((m.ge for m in meta if isinstance(m, at.Ge)), None)
    le = next((m.le for m in meta if isinstance(m, at.Le)), None)
    name = getattr(ann, "__name__", str(ann).replace("typing.", ""))
    rng = (
        f"[{'-inf' if ge is None else ge}, {'inf' if le is None else le}]"
        if ge is not None or le is not None
        else ""
    )
    return f"{name} constant", rng


def _example(default: Any, type_: str, allowed: str) -> str:
    if isinstance(default, Uniform | LogUniform):
        lo, hi = getattr(default, "uniform", None) or default.loguniform
        return f"{(lo + hi) / 2:g}"
    if isinstance(default, Normal):
        return f"{default.normal[0]:g}"
    if isinstance(default, RandInt):
        return f"{default.randint[1]}"
    if type_.startswith("categorical") and "," in allowed:
        vals = [v.strip() for v in allowed.split(",")][:2]
        return "{choice: [" + ", ".join(vals) + "]}"
    if type_.startswith("number") and isinstance(default, int | float) and not isinstance(default, bool):
        return "{uniform: [" + f"{default * 0.8:g}, {default * 1.2:g}" + "]}"
    return _flow(default)


def _flow(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_none=True)
    text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, width=10_000).strip()
    return text[:-4].strip() if text.endswith("\n...") else text.removesuffix("...").strip()


def entries(model: type[BaseModel] = SceneConfig, prefix: str = "") -> list[Entry]:
    """Every leaf key of a config model, depth first, in declaration order."""
    out: list[Entry] = []
    instance = model()
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        if _is_model(field.annotation):
            sub = entries(field.annotation, key + ".")
            if sub:
                sub[0].section_doc = (field.annotation.__doc__ or "").strip().splitlines()[0]
            out += sub
            continue
        default = getattr(instance, name)
        type_, allowed = _describe(field)
        example = _example(default, type_, allowed)
        out.append(Entry(key, type_, _flow(default), allowed, field.description or "", example))
    return out


def render_markdown() -> str:
    """docs/config.md: one table per section."""
    lines = [HEADER]
    current = None
    for e in entries():
        section = e.key.rsplit(".", 1)[0] if "." in e.key else "(top level)"
        if section != current:
            current = section
            lines += ["", f"## `{section}`" if section != "(top level)" else "## Top level", ""]
            if e.section_doc:
                lines += [e.section_doc, ""]
            lines += [
                "| key | type | default | allowed | meaning | example |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
        cells = [
            f"`{e.key}`",
            e.type,
            f"`{e.default}`",
            e.allowed,
            e.meaning,
            f"`{e.key.split('.')[-1]}: {e.example}`",
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def explain(key: str) -> str:
    """A short text about one dotted key, or a ConfigError suggesting the nearest keys."""
    all_entries = entries()
    by_key = {e.key: e for e in all_entries}
    if key in by_key:
        e = by_key[key]
        parts = [f"{e.key}", f"  meaning: {e.meaning}", f"  type:    {e.type}", f"  default: {e.default}"]
        if e.allowed:
            parts.append(f"  allowed: {e.allowed}")
        parts.append(f"  example: {e.key.split('.')[-1]}: {e.example}")
        parts.append(
            f"  set:     --set {e.key}={e.example if not e.example.startswith('{') else repr(e.example)}"
        )
        return "\n".join(parts)
    inner = [e.key for e in all_entries if e.key.startswith(key + ".")]
    if inner:
        return f"{key} is a section with keys:\n" + "\n".join(f"  {k}" for k in inner)
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ConfigError(f"{key}: no such config key{hint}")


def commented_yaml(data: dict[str, Any], source: str) -> str:
    """A scene file with a comment above every key saying what it means (for `povgen config new`)."""
    docs = {e.key: e for e in entries()}
    section_docs = {}
    for name, field in SceneConfig.model_fields.items():
        if _is_model(field.annotation):
            section_docs[name] = (field.annotation.__doc__ or "").strip().splitlines()[0]
    lines = [
        f"# povgen scene file, started from {source}.",
        "# Every key is optional; see docs/config.md.",
        "# Numbers may be distributions: {uniform: [a, b]}, {normal: [mu, sigma]}, {randint: [a, b]}, ...",
        "",
    ]
    for key, value in data.items():
        if isinstance(value, dict) and key in section_docs:
            lines += [f"# {section_docs[key]}", f"{key}:"]
            for sub, v in value.items():
                e = docs.get(f"{key}.{sub}")
                if e is not None:
                    note = f"{e.meaning} Allowed: {e.allowed}." if e.allowed else e.meaning
                    lines.append(f"  # {note}")
                lines.append(f"  {sub}: {_flow(v)}")
            lines.append("")
        else:
            e = docs.get(key)
            if e is not None:
                lines.append(f"# {e.meaning}")
            lines.append(f"{key}: {_flow(value)}")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
