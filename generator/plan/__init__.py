"""Planning: scene config + seed -> ClipPlan (pure Python and numpy, no Blender)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.errors import PlanError
from generator.plan.model import ClipPlan
from generator.plan.planner import plan_clip, plan_dataset
from generator.plan.seeds import clip_id


def save_plan(plan: ClipPlan, path: str | Path) -> None:
    """Write a plan as indented JSON."""
    Path(path).write_text(plan.model_dump_json(indent=1) + "\n", encoding="utf-8")


def load_plan(path: str | Path) -> ClipPlan:
    """Read a plan.json; a missing or invalid file is a one-line PlanError."""
    p = Path(path)
    if not p.is_file():
        raise PlanError(f"{p}: plan file not found")
    try:
        return ClipPlan.model_validate_json(p.read_text(encoding="utf-8"))
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = ".".join(str(x) for x in err["loc"]) or "(top level)"
        raise PlanError(f"{p}: {loc}: {err['msg']}") from None


__all__ = ["ClipPlan", "clip_id", "load_plan", "plan_clip", "plan_dataset", "save_plan"]
