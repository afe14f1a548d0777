"""Re-render exactly one clip from its plan into a dataset folder, and keep the manifest and dataset.json true.

Used by ``povgen render-plan`` (and by Python users repairing a failed clip from ``failed_plans/``).
"""

from __future__ import annotations

from pathlib import Path

from generator.dataset.layout import CARD, MANIFEST
from generator.dataset.manifest import append_jsonl, read_jsonl, reconcile
from generator.errors import PovgenError
from generator.plan import load_plan
from generator.run.generate import refresh_card
from generator.run.options import check_count, check_writable
from generator.run.pool import PoolOptions, WorkerPool


def render_plan(plan_path: Path, root: Path, threads: int = 0) -> dict:
    """Render the clip of ``plan_path`` into ``root``; returns its manifest record (a failure raises)."""
    check_count("--threads", threads, 0)
    plan = load_plan(plan_path)
    root = Path(root)
    check_writable(root)
    root.mkdir(parents=True, exist_ok=True)
    reconcile(root)
    result: dict = {}
    failure: list[str] = []
    WorkerPool(root, PoolOptions(workers=1, threads=threads, retries=0, log_dir=root / "logs")).run(
        [plan], on_done=result.update, on_failed=lambda _p, e, _n: failure.append(e)
    )
    if failure:
        raise PovgenError(f"{plan_path}: render failed: {failure[0].splitlines()[0]}")
    reconcile(root)
    if not any(r["clip_id"] == plan.clip_id for r in read_jsonl(root / MANIFEST)):
        append_jsonl(root / MANIFEST, result)
    if (root / CARD).is_file():
        refresh_card(root)
    return result

