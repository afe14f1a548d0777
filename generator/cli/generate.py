"""povgen generate and render-plan: render datasets and single clips."""

from __future__ import annotations

import json
import time
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

from generator.cli.app import AllowPathOpt, SetOpt, app, err, friendly, out
from generator.errors import OptionError, PovgenError


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
    allow_path: AllowPathOpt = None,
    force: Annotated[bool, typer.Option(help="Continue a folder made with another config or seed.")] = False,
    retries: Annotated[int, typer.Option(help="Extra attempts for a clip whose render fails.")] = 2,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed per clip before its worker is killed.")
    ] = 1800.0,
    max_clips_per_worker: Annotated[int, typer.Option(help="Recycle a worker after this many clips.")] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    log_json: Annotated[
        Path | None, typer.Option("--log-json", help="Append one JSON line per clip (stage timings) here.")
    ] = None,
    executor: Annotated[
        str, typer.Option(help="local (worker processes here) or ray (a Ray cluster).")
    ] = "local",
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="Ray cluster to join, e.g. HEAD:6379 (ray executor).")
    ] = None,
    max_rss_mb: Annotated[
        float, typer.Option(help="Recycle a worker whose memory passes this (MB).")
    ] = 4000.0,
    cpus_per_task: Annotated[
        int, typer.Option(help="CPUs each Ray task asks for (0 = sized from the cluster's smallest node).")
    ] = 0,
) -> None:
    """Render a dataset of labelled clips (resumes an existing folder)."""
    from generator.config import load_config
    from generator.run.generate import folder_seed
    from generator.run.generate import generate as run_generate
    from generator.run.options import check_run
    from generator.run.pool import PoolOptions, default_workers

    overrides = list(set_ or [])
    if device is not None:
        if device not in ("cpu", "gpu", "auto"):
            raise OptionError(f"--device {device}: expected cpu, gpu or auto")
        overrides.append(f"render.device={device}")
    cfg = load_config(config, overrides)
    n = clips if clips is not None else cfg.clips
    s = seed if seed is not None else folder_seed(out_dir)
    if s is None:
        s = cfg.seed
    note = f"{out_dir}: continuing with the folder's seed {s} (give --seed to choose)" if seed is None else ""
    check_run(n, s)
    w = (
        workers
        if workers is not None
        else default_workers(device=cfg.render.device, engine=cfg.render.engine)
    )
    opts = PoolOptions(
        workers=w,
        threads=threads or cfg.render.threads,
        retries=retries,
        timeout_s=timeout,
        max_clips=max_clips_per_worker,
        max_rss_mb=max_rss_mb,
        executor=executor,
        ray_address=ray_address,
        gpus=1.0 if cfg.render.device == "gpu" else 0.0,
        cpus_per_task=cpus_per_task,
    )
    if cfg.render.device == "gpu" and executor == "local":
        from generator.cli.info import probe_blender

        if not probe_blender().get("gpu_devices"):
            raise PovgenError(
                "--device gpu: Blender finds no OPTIX, CUDA, HIP or oneAPI device here (povgen info)"
            )
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[cps]:.2f} clips/s {task.fields[fps]:.1f} frames/s"),
        TextColumn("failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet,
    )
    on_event = progress_events(progress, cfg.name, quiet, log_json, note if s != cfg.seed else "")
    try:
        report = run_generate(cfg, out_dir, n, s, opts, force=force, on_event=on_event)
    finally:
        if progress.live.is_started:
            progress.stop()
    if not quiet:
        out.print(
            f"{out_dir}: {report.rendered} rendered, {report.skipped} already done, {report.failed} failed, "
            f"{report.frames} frames in {report.wall_s:.1f} s"
        )
    if report.failed:
        raise typer.Exit(1)


def progress_events(progress: Progress, name: str, quiet: bool, log_json: Path | None, note: str = ""):
    """The generate event handler: advances the bar (clips/s, frames/s, failures) and writes --log-json lines."""
    state = {"task": None, "frames": 0, "clips": 0, "failed": 0}

    def write_log(line: dict) -> None:
        if log_json is not None:
            with open(log_json, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line, sort_keys=True) + "\n")

    def on_event(kind: str, data: dict) -> None:
        if kind == "start":
            if note and not quiet:
                err.print(note, highlight=False, soft_wrap=True)
            progress.start()
            state["task"] = progress.add_task(name, total=data["todo"], fps=0.0, cps=0.0, failed=0)
            if data["skipped"] and not quiet:
                err.print(f"resuming: {data['skipped']} clips already done")
        elif kind == "done":
            state["frames"] += data.get("frames", 0)
            state["clips"] += 1
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(
                state["task"], advance=1, fps=state["frames"] / elapsed, cps=state["clips"] / elapsed
            )
            write_log(
                {
                    "event": "clip",
                    "clip_id": data["clip_id"],
                    "frames": data.get("frames"),
                    "timings": data.get("timings", {}),
                    "wall_s": data.get("wall_s"),
                    "attempts": data.get("attempts", 1),
                    "device": data.get("device"),
                    "worker_pid": data.get("worker_pid"),
                    "worker_rss_mb": data.get("worker_rss_mb"),
                    "time": time.time(),
                }
            )
        elif kind == "failed":
            state["failed"] += 1
            progress.update(state["task"], advance=1, failed=state["failed"])
            err.print(f"[yellow]clip {data['clip_id']} failed:[/yellow] {data['error']}", highlight=False)
            write_log(
                {"event": "failed", "clip_id": data["clip_id"], "error": data["error"], "time": time.time()}
            )

    return on_event


@app.command("render-plan")
@friendly
def render_plan(
    plan: Annotated[Path, typer.Argument(help="A plan.json (from a clip folder or failed_plans/).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder to render the clip into.")],
    threads: Annotated[int, typer.Option(help="Cycles threads (0 = all cores).")] = 0,
) -> None:
    """Re-render exactly one clip from its plan (dataset.json, when there is one, is brought up to date)."""
    from generator.run.render_plan import render_plan as run_render_plan

    result = run_render_plan(plan, out_dir, threads)
    out.print(
        f"{out_dir}/clips/{result['clip_id']}: {result['frames']} frames in {result['timings']['total']:.2f} s",
        highlight=False,
    )
