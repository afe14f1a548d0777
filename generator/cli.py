"""The povgen command line: thin; parses, calls library functions, prints. Never imports bpy."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

import generator
from generator.errors import PovgenError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Render synthetic first-person clips with labels."
)
config_app = typer.Typer(no_args_is_help=True, help="Show, validate and describe scene configs.")
app.add_typer(config_app, name="config")
out = Console()
err = Console(stderr=True)

SetOpt = Annotated[
    list[str] | None, typer.Option("--set", help="Override a config key: a.b.c=value (YAML value).")
]


def friendly(fn):
    """Turn PovgenError into one red line and its exit code; Ctrl-C into exit 130."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except PovgenError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted: finished clips are kept, unfinished ones were removed")
            raise typer.Exit(130) from None

    return wrapper


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


@app.command()
@friendly
def validate(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Check every clip against its masks, video and schema, and the manifest against the folders."""
    from generator.dataset.validate import summary, validate_dataset

    rep = validate_dataset(dataset)
    if as_json:
        out.print_json(json.dumps({**summary(rep), "messages": rep.problems}))
    else:
        for p in rep.problems[:50]:
            err.print(f"[red]problem:[/red] {p}", highlight=False)
        if len(rep.problems) > 50:
            err.print(f"... and {len(rep.problems) - 50} more")
        out.print(
            f"{dataset}: {rep.clips} clips, {rep.frames} frames, {rep.annotations} annotations, "
            f"{len(rep.problems)} problems"
        )
    if not rep.ok:
        raise typer.Exit(1)


@app.command()
@friendly
def smoke(
    scenes: Annotated[str, typer.Option(help="Glob of scene files.")] = "scenes/*.yaml",
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to render (default: a temp folder).")
    ] = None,
    junit: Annotated[Path | None, typer.Option(help="Write JUnit XML here.")] = None,
    clips: Annotated[int, typer.Option(help="Clips per scene.")] = 2,
) -> None:
    """Render every scene file at tiny size, validate it, print a table; non-zero exit on any failure."""
    from generator.run.smoke import find_scenes, smoke_scene, write_junit

    paths = find_scenes(scenes)
    tmp = None
    if out_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="povgen-smoke-")
        out_dir = Path(tmp.name)
    results = [smoke_scene(p, out_dir, clips=clips) for p in paths]
    table = Table(title="povgen smoke")
    for col in ("scene", "frames", "seconds", "result"):
        table.add_column(col)
    for r in results:
        table.add_row(
            r.scene,
            str(r.frames),
            f"{r.seconds:.1f}",
            "[green]ok[/green]" if r.ok else f"[red]FAIL[/red] {r.message}",
        )
    out.print(table)
    if junit is not None:
        write_junit(results, junit)
    if tmp is not None:
        tmp.cleanup()
    failed = [r.scene for r in results if not r.ok]
    if failed:
        err.print(f"[red]smoke failed:[/red] {', '.join(failed)}")
        raise typer.Exit(1)


@app.command()
@friendly
def info() -> None:
    """Versions, engines and render devices (asks a Blender subprocess; this process never imports bpy)."""
    import numpy
    import pydantic

    res = subprocess.run(
        [sys.executable, "-m", "generator.blender.probe"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    line = next((ln for ln in reversed(res.stdout.splitlines()) if ln.startswith("{")), None)
    blender = json.loads(line) if line else {"error": (res.stderr.strip().splitlines() or ["no output"])[-1]}
    data = {
        "povgen": generator.__version__,
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "pydantic": pydantic.__version__,
        "cpu_cores": os.cpu_count(),
        **blender,
    }
    out.print_json(json.dumps(data))


@config_app.command("show")
@friendly
def config_show(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")], set_: SetOpt = None
) -> None:
    """Print the fully merged config (defaults filled in, overrides applied) as YAML."""
    from generator.config import config_to_dict, load_config

    out.print(
        yaml.safe_dump(config_to_dict(load_config(config, set_)), sort_keys=False),
        end="",
        highlight=False,
        markup=False,
    )


@config_app.command("validate")
@friendly
def config_validate(
    config: Annotated[Path, typer.Argument(help="Scene config YAML.")], set_: SetOpt = None
) -> None:
    """Check a config; prints 'ok' or one line naming the bad field (exit 2)."""
    from generator.config import load_config

    cfg = load_config(config, set_)
    out.print(f"{config}: ok ({cfg.name})", highlight=False)


@config_app.command("schema")
@friendly
def config_schema() -> None:
    """Print the JSON Schema of scene configs."""
    from generator.config.models import SceneConfig

    print(json.dumps(SceneConfig.model_json_schema(), indent=1))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
