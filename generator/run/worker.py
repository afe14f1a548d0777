"""Worker process entry: load Blender once (via generator.blender), render plans sent over a pipe until told to stop.

Blender's own output goes to a log file, so that the parent's terminal shows only the progress bar.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
import traceback
from pathlib import Path

CRASH_ALWAYS = "POVGEN_TEST_CRASH_ON"  # tests: comma-separated clip ids whose worker always dies
CRASH_ONCE = "POVGEN_TEST_CRASH_ONCE"  # tests: clip ids whose worker dies on the first attempt only
HANG_ON = "POVGEN_TEST_HANG_ON"  # tests: clip ids whose worker hangs (to exercise the time limit)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (no orphans rendering after a SIGKILL)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _redirect_output(log_path: Path | None) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    target = os.open(str(log_path) if log_path else os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(target, 1)
    os.dup2(target, 2)
    os.close(target)


def _listed(var: str, clip_id: str) -> bool:
    return clip_id in os.environ.get(var, "").split(",")


def inject_faults(clip_id: str, root: Path) -> None:
    """Test hooks (environment variables): die or hang on chosen clips, to exercise retries and limits."""
    if _listed(CRASH_ALWAYS, clip_id):
        os._exit(86)
    if _listed(CRASH_ONCE, clip_id):
        marker = root / "logs" / f"crashed-once-{clip_id}"
        if not marker.exists():
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
    if _listed(HANG_ON, clip_id):
        time.sleep(10_000)


def render_one(plan_json: str, root: Path, threads: int) -> dict:
    """Render one plan (JSON) into ``root`` inside this process; returns its manifest record."""
    from generator.plan.model import ClipPlan
    from generator.run.render import BLENDER_VERSION, render_plan_to

    plan = ClipPlan.model_validate_json(plan_json)
    inject_faults(plan.clip_id, root)
    record = render_plan_to(plan, root, threads=threads)
    record["blender"] = BLENDER_VERSION
    record["worker_pid"] = os.getpid()
    return record


def worker_main(conn, root: str, threads: int, log_path: str | None) -> None:
    """Loop: receive a plan as JSON (or None to stop), render it, send back ("ok", record) or ("error", text)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _redirect_output(Path(log_path) if log_path else None)
    from generator.run.render import BLENDER_VERSION  # load Blender and the render path before the first clip

    conn.send(("ready", {"pid": os.getpid(), "blender": BLENDER_VERSION}))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        try:
            conn.send(("ok", render_one(msg, Path(root), threads)))
        except Exception as exc:  # noqa: BLE001 - any failure of one clip is reported, the worker goes on
            conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
