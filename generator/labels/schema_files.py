"""The JSON Schema files shipped in generator/schemas/, generated from the pydantic models.

Regenerate after changing a model: ``python -m generator.labels.schema_files`` (a test fails when they are stale).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.labels.schema import ClipLabels, DatasetCard, ManifestRecord
from generator.plan.model import ClipPlan

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
MODELS: dict[str, type[BaseModel]] = {
    "labels": ClipLabels,
    "plan": ClipPlan,
    "manifest": ManifestRecord,
    "dataset": DatasetCard,
}
FILES = {
    "labels": "labels.json",
    "plan": "plan.json",
    "manifest": "manifest.jsonl (one line)",
    "dataset": "dataset.json",
}


def schema_document(name: str) -> dict:
    """The JSON Schema (draft 2020-12) of one povgen file kind."""
    doc = MODELS[name].model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://povgen.invalid/schemas/{name}.schema.json",
        **doc,
        "description": f"povgen {FILES[name]}: {doc.get('description', '')}".strip(),
    }


def render(name: str) -> str:
    """The text of a schema file, stable across runs."""
    return json.dumps(schema_document(name), indent=1, sort_keys=True) + "\n"


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def stale() -> list[str]:
    """Names of the shipped schema files that differ from the models."""
    return [n for n in MODELS if not schema_path(n).is_file() or schema_path(n).read_text() != render(n)]


def write_all() -> list[Path]:
    """Write every schema file; returns their paths."""
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in MODELS:
        schema_path(n).write_text(render(n), encoding="utf-8")
        paths.append(schema_path(n))
    return paths


def load(name: str) -> dict:
    """A shipped schema file, as data."""
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


if __name__ == "__main__":
    for p in write_all():
        print(p)
