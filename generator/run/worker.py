"""Worker process entry: import bpy once, render plans sent over a pipe until told to stop.

Blender's own output goes to a log file, so that the parent's terminal shows only the progress bar.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import traceback
from pathlib import Path


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


def worker_main(conn, root: str, threads: int, log_path: str | None) -> None:
    """Loop: receive a plan as JSON (or None to stop), render it, send back ("ok", record) or ("error", text)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _redirect_output(Path(log_path) if log_path else None)
    from generator.blender.clip import BLENDER_VERSION, render_clip
    from generator.plan.model import ClipPlan

    conn.send(("ready", {"pid": os.getpid(), "blender": BLENDER_VERSION}))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        fault = os.environ.get("POVGEN_TEST_CRASH_ON")  # tests: simulate a crash on given clip ids
        try:
            plan = ClipPlan.model_validate_json(msg)
            if fault and plan.clip_id in fault.split(","):
                os._exit(86)
            record = render_clip(plan, Path(root), threads=threads)
            record["blender"] = BLENDER_VERSION
            conn.send(("ok", record))
        except Exception as exc:  # noqa: BLE001 - any failure of one clip is reported, the worker goes on
            conn.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
