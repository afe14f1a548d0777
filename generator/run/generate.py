"""Generate a dataset: prepare (or resume) the folder, plan the missing clips, render them, keep the card.

Files are the interface: a clip folder appears complete (by rename) before its manifest line is written; a
crash at any point leaves a folder that the next run reconciles.
"""

from __future__ import annotations

import datetime as _dt
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import config_hash, config_to_dict
from generator.config.models import SceneConfig
from generator.dataset import card
from generator.dataset.card import failed_ids
from generator.dataset.layout import CARD, LOGS, MANIFEST
from generator.dataset.manifest import append_jsonl, reconcile, record_failure
from generator.errors import OptionError, PovgenError
from generator.export.card import refresh_readme
from generator.plan import plan_clip, save_plan
from generator.plan.model import ClipPlan
from generator.run.options import check_pool, check_run, check_writable
from generator.run.pool import PoolOptions, WorkerPool


@dataclass
class RunReport:
    """What a generate run did."""

    requested: int
    skipped: int
    rendered: int = 0
    failed: int = 0
    frames: int = 0
    wall_s: float = 0.0
    records: list[dict] = field(default_factory=list)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def check_card(root: Path, cfg: SceneConfig, seed: int, force: bool) -> dict | None:
    """Refuse to mix configs in one folder: an existing card with another config or seed is an error."""
    card_path = root / CARD
    if not card_path.is_file():
        return None
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return None
    diffs = []
    if card.get("config_hash") != config_hash(cfg):
        diffs.append(f"config hash {card.get('config_hash')} there, {config_hash(cfg)} now")
    if card.get("seed") != seed:
        diffs.append(f"seed {card.get('seed')} there, {seed} now")
    if diffs and not force:
        fixes = ["the same config"] if card.get("config_hash") != config_hash(cfg) else []
        fixes += [f"--seed {card.get('seed')}"] if card.get("seed") != seed else []
        fix = " and ".join(fixes)
        raise OptionError(
            f"{root}: holds a dataset made with another {' and '.join(d.split(' ')[0] for d in diffs)} "
            f"({'; '.join(diffs)}); to grow it rerun with {fix}, or use a new --out, or --force to continue"
        )
    return card


def folder_seed(root: Path) -> int | None:
    """The seed of the dataset already in ``root`` (so a grow without --seed continues it), or None."""
    try:
        seed = json.loads((Path(root) / CARD).read_text(encoding="utf-8")).get("seed")
    except (OSError, ValueError):
        return None
    return seed if isinstance(seed, int) and not isinstance(seed, bool) else None


def write_card(root: Path, cfg: SceneConfig, seed: int, requested: int, extra: dict) -> dict:
    """dataset.json: config, versions, counts and timings, rebuilt from the manifest."""
    counts = {"clips_requested": requested, "failed": len(failed_ids(root))}
    written = card.write_card(root, cfg.name, seed, config_to_dict(cfg), config_hash(cfg), counts, extra=extra)
    refresh_readme(root)  # the human-readable card beside dataset.json
    return written


def refresh_card(root: Path) -> dict | None:
    """Rebuild dataset.json's counts and status from the manifest and failures (after a repair), keeping its
    config, seed and history; None when the folder has no readable generate card."""
    from generator.config import validate_config

    try:
        card = json.loads((Path(root) / CARD).read_text(encoding="utf-8"))
        cfg = validate_config(card["config"])
        seed, requested = card["seed"], card["counts"]["clips_requested"]
    except (OSError, ValueError, KeyError, TypeError, PovgenError):
        return None
    keep = {k: card[k] for k in ("created", "last_run") if k in card}
    new = write_card(root, cfg, seed, requested, {**keep, "updated": _now(), "status": card.get("status")})
    counts = new["counts"]
    status = card.get("status")
    if status != "running":
        if counts["failed"]:
            status = "failed_clips"
        elif counts["clips"] >= requested:
            status = "complete"
    if status != new.get("status"):
        new = write_card(root, cfg, seed, requested, {**keep, "updated": _now(), "status": status})
    return new


def make_executor(root: Path, opts: PoolOptions):
    """The local worker pool, or the Ray executor (imported only when asked for)."""
    if opts.executor == "local":
        return WorkerPool(root, opts)
    if opts.executor == "ray":
        from generator.run.ray_executor import RayExecutor

        return RayExecutor(root, opts)
    raise PovgenError(f"--executor {opts.executor}: expected local or ray")


def generate(
    cfg: SceneConfig,
    root: Path,
    clips: int,
    seed: int,
    opts: PoolOptions,
    force: bool = False,
    on_event: Callable[[str, dict], None] | None = None,
) -> RunReport:
    """Render clips 0..clips-1 of ``cfg`` into ``root``, skipping finished ones; returns a RunReport."""
    check_run(clips, seed)
    check_pool(opts)
    check_writable(root)
    root = Path(root)
    old = check_card(root, cfg, seed, force)
    root.mkdir(parents=True, exist_ok=True)
    created = old.get("created") if old else _now()
    done = reconcile(root)
    todo = [i for i in range(clips) if f"{i:06d}" not in done]
    plan_s: dict[str, float] = {}

    def planned() -> Iterator[ClipPlan]:
        """Plans made lazily, as the executor asks for them (a 10^5-clip run starts rendering at once)."""
        for i in todo:
            tp = time.perf_counter()
            plan = plan_clip(cfg, seed, i)
            plan_s[plan.clip_id] = time.perf_counter() - tp
            yield plan

    report = RunReport(requested=clips, skipped=clips - len(todo))
    emit = on_event or (lambda kind, data: None)
    write_card(root, cfg, seed, clips, {"created": created, "updated": _now(), "status": "running"})
    emit("start", {"todo": len(todo), "skipped": report.skipped, "frames_per_clip": cfg.render.frames})
    if opts.log_dir is None:
        opts.log_dir = root / LOGS
    t0 = time.perf_counter()

    def on_done(record: dict) -> None:
        record.setdefault("timings", {})["plan"] = round(plan_s.pop(record["clip_id"], 0.0), 5)
        append_jsonl(root / MANIFEST, record)
        report.rendered += 1
        report.frames += record.get("frames", 0)
        report.records.append(record)
        emit("done", record)

    def on_failed(plan: ClipPlan, error: str, attempts: int) -> None:
        failed_dir = root / "failed_plans"
        failed_dir.mkdir(exist_ok=True)
        save_plan(plan, failed_dir / f"{plan.clip_id}.json")
        record_failure(
            root,
            {
                "clip_id": plan.clip_id,
                "index": plan.index,
                "error": error.splitlines()[0],
                "attempts": attempts,
                "plan": f"failed_plans/{plan.clip_id}.json",
                "time": _now(),
            },
        )
        report.failed += 1
        emit("failed", {"clip_id": plan.clip_id, "error": error.splitlines()[0]})

    status = "interrupted"
    try:
        if todo:
            make_executor(root, opts).run(planned(), on_done, on_failed)
        status = "complete" if report.failed == 0 else "failed_clips"
    finally:
        report.wall_s = time.perf_counter() - t0
        reconcile(root)
        write_card(
            root,
            cfg,
            seed,
            clips,
            {
                "created": created,
                "updated": _now(),
                "status": status,
                "last_run": {
                    "wall_s": round(report.wall_s, 3),
                    "rendered": report.rendered,
                    "failed": report.failed,
                    "workers": opts.workers,
                    "executor": opts.executor,
                },
            },
        )
    return report
