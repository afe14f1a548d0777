"""povgen generate and render-plan: render datasets and single clips."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from generator.cli.app import SetOpt, app, err, friendly, out
from generator.errors import PovgenError


@app.command()
@friendly
def generate(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder (created, or resumed).")] = Path(
        "outputs/run"
    ),
    clips: Annotated[int | None, typer.Option(help="Clips in the dataset (default: the config's).")] = None,
    seed: Annotated[int | None, typer.Option(help="Dataset seed (default: the config's).")] = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: from cores).")] = None,
    threads: Annotated[int, typer.Option(help="Cycles threads per worker (0 = cores / workers).")] = 0,
    device: Annotated[str | None, typer.Option(help="cpu, gpu or auto (default: the config's).")] = None,
    set_: SetOpt = None,
    force: Annotated[bool, typer.Option(help="Continue a folder made with another config or seed.")] = False,
    retries: Annotated[int, typer.Option(help="Extra attempts for a clip whose render fails.")] = 2,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed per clip before its worker is killed.")
    ] = 1800.0,
    max_clips_per_worker: Annotated[int, typer.Option(help="Recycle a worker after this many clips.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Render a dataset of labelled clips (resumes an existing folder)."""
    from generator.config import load_config
    from generator.run.generate import generate as run_generate
    from generator.run.pool import PoolOptions, default_workers

    overrides = list(set_ or [])
    if device is not None:
        if device not in ("cpu", "gpu", "auto"):
            raise PovgenError(f"--device {device}: expected cpu, gpu or auto")
        overrides.append(f"render.device={device}")
    cfg = load_config(config, overrides)
    n = clips if clips is not None else cfg.clips
    if n < 1:
        raise PovgenError(f"--clips {n}: must be at least 1")
    s = seed if seed is not None else cfg.seed
    w = workers or default_workers(device=cfg.render.device)
    opts = PoolOptions(
        workers=w, threads=threads, retries=retries, timeout_s=timeout, max_clips=max_clips_per_worker
    )
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[fps]:.2f} frames/s"),
        TextColumn("failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
    )
    state = {"task": None, "frames": 0, "failed": 0}

    def on_event(kind: str, data: dict) -> None:
        if kind == "start":
            state["task"] = progress.add_task(cfg.name, total=data["todo"], fps=0.0, failed=0)
            if data["skipped"]:
                err.print(f"resuming: {data['skipped']} clips already done")
        elif kind == "done":
            state["frames"] += data.get("frames", 0)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(state["task"], advance=1, fps=state["frames"] / elapsed)
        elif kind == "failed":
            state["failed"] += 1
            progress.update(state["task"], advance=1, failed=state["failed"])
            err.print(f"[yellow]clip {data['clip_id']} failed:[/yellow] {data['error']}", highlight=False)

    with progress:
        report = run_generate(cfg, out_dir, n, s, opts, force=force, on_event=on_event)
    if not quiet:
        out.print(
            f"{out_dir}: {report.rendered} rendered, {report.skipped} already done, {report.failed} failed, "
            f"{report.frames} frames in {report.wall_s:.1f} s"
        )
    if report.failed:
        raise typer.Exit(1)


@app.command("render-plan")
@friendly
def render_plan(
    plan: Annotated[Path, typer.Argument(help="A plan.json (from a clip folder or failed_plans/).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder to render the clip into.")],
    threads: Annotated[int, typer.Option(help="Cycles threads (0 = all cores).")] = 0,
) -> None:
    """Re-render exactly one clip from its plan."""
    from generator.dataset.manifest import append_jsonl, reconcile
    from generator.plan import load_plan
    from generator.run.pool import PoolOptions, WorkerPool

    p = load_plan(plan)
    out_dir.mkdir(parents=True, exist_ok=True)
    reconcile(out_dir)
    result: dict = {}
    failure: list[str] = []
    WorkerPool(out_dir, PoolOptions(workers=1, threads=threads, retries=0, log_dir=out_dir / "logs")).run(
        [p], on_done=lambda r: result.update(r), on_failed=lambda _p, e, _n: failure.append(e)
    )
    if failure:
        raise PovgenError(f"{plan}: render failed: {failure[0].splitlines()[0]}")
    reconcile(out_dir)
    from generator.dataset.manifest import read_jsonl

    if not any(r["clip_id"] == p.clip_id for r in read_jsonl(out_dir / "manifest.jsonl")):
        append_jsonl(out_dir / "manifest.jsonl", result)
    out.print(f"{out_dir}/clips/{p.clip_id}: {p.render.frames} frames in {result['timings']['total']:.2f} s")
