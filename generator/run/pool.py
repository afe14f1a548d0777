"""Local executor: a pool of worker processes fed with plans; crashes, hangs and memory growth are contained.

Each worker imports bpy once and renders many clips; it is replaced after ``max_clips`` clips, when its memory
passes ``max_rss_mb``, or when it dies or overruns ``timeout_s`` on a clip (that clip is retried up to
``retries`` times, then reported as failed while the run goes on).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

import psutil

from generator.errors import PovgenError
from generator.plan.model import ClipPlan
from generator.run.worker import worker_main


@dataclass
class PoolOptions:
    workers: int = 1
    threads: int = 0  # Cycles threads per worker; 0 = cores // workers
    max_clips: int = 50  # recycle a worker after this many clips
    max_rss_mb: float = 4000.0  # recycle a worker whose memory passes this
    retries: int = 2  # extra attempts for a clip whose worker crashed, hung or raised
    timeout_s: float = 1800.0  # per clip
    log_dir: Path | None = None
    executor: str = "local"  # local (this machine's worker pool) or ray
    ray_address: str | None = None  # Ray cluster to join (None: start a local Ray instance)
    gpus: float = 0.0  # GPUs each Ray task asks for (1 on GPU clusters)
    cpus_per_task: int = 0  # CPUs each Ray task asks for (0: sized from the cluster's nodes)

    def __post_init__(self) -> None:
        from generator.run.options import check_pool

        check_pool(self)


@dataclass
class _Worker:
    proc: mp.Process
    conn: object
    plan: ClipPlan | None = None
    started: float = 0.0
    clips: int = 0
    ready: bool = False
    info: dict = field(default_factory=dict)


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which containers and taskset narrow)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


def default_workers(cores: int | None = None, device: str = "cpu", engine: str = "cycles") -> int:
    """One worker per 4 cores on CPU (Cycles scales well with threads), one on a GPU machine or for EEVEE."""
    cores = cores or usable_cores()
    return 1 if device == "gpu" or engine == "eevee" else max(1, cores // 4)


def threads_per_worker(workers: int, threads: int = 0, cores: int | None = None) -> int:
    """Cycles threads each worker gets: the cores split evenly, unless set."""
    return threads or max(1, (cores or usable_cores()) // max(1, workers))


class WorkerPool:
    """Render plans in worker processes; results and failures are reported through callbacks."""

    def __init__(self, root: Path, opts: PoolOptions):
        self.root, self.opts = Path(root), opts
        self.ctx = mp.get_context("spawn")
        self.threads = threads_per_worker(opts.workers, opts.threads)
        self.workers: list[_Worker] = []
        self._serial = 0
        self._start_failures = 0

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        log = None
        if self.opts.log_dir is not None:
            self.opts.log_dir.mkdir(parents=True, exist_ok=True)
            self._serial += 1
            log = str(self.opts.log_dir / f"worker-{self._serial:03d}.log")
        proc = self.ctx.Process(
            target=worker_main, args=(child, str(self.root), self.threads, log), daemon=True
        )
        proc.start()
        child.close()
        w = _Worker(proc=proc, conn=parent)
        self.workers.append(w)
        return w

    def _retire(self, w: _Worker, kill: bool = False) -> None:
        if w in self.workers:
            self.workers.remove(w)
        try:
            if kill:
                w.proc.kill()
            else:
                w.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        w.proc.join(timeout=10)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join(timeout=5)
        w.conn.close()

    def shutdown(self, kill: bool = False) -> None:
        for w in list(self.workers):
            self._retire(w, kill=kill)

    def run(
        self,
        plans: Iterable[ClipPlan],
        on_done: Callable[[dict], None],
        on_failed: Callable[[ClipPlan, str, int], None],
    ) -> None:
        """Render every plan; ``on_done(record)`` per finished clip, ``on_failed(plan, error, attempts)``.

        ``plans`` may be a lazy iterator: plans are drawn only a few ahead of the workers, so that a run of
        10^5 clips starts rendering at once and never holds every plan in memory."""
        fresh = iter(plans)
        pending: deque[ClipPlan] = deque()
        attempts: dict[str, int] = {}

        def top_up() -> None:
            while len(pending) < self.opts.workers:
                plan = next(fresh, None)
                if plan is None:
                    return
                pending.append(plan)

        def retry(plan: ClipPlan, error: str) -> None:
            attempts[plan.clip_id] = attempts.get(plan.clip_id, 0) + 1
            if attempts[plan.clip_id] <= self.opts.retries:
                pending.appendleft(plan)
            else:
                on_failed(plan, error, attempts[plan.clip_id])

        try:
            top_up()
            while pending or any(w.plan is not None for w in self.workers):
                while len(self.workers) < min(self.opts.workers, len(pending) + self._busy()):
                    self._spawn()
                for w in self.workers:
                    if w.ready and w.plan is None and pending:
                        w.plan = pending.popleft()
                        w.started = time.monotonic()
                        attempts.setdefault(w.plan.clip_id, 0)
                        try:
                            w.conn.send(w.plan.model_dump_json())
                        except (BrokenPipeError, OSError):
                            pass  # the worker just died: _check sees it and retries the clip
                        top_up()
                waitables = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
                wait(waitables, timeout=0.5)
                for w in list(self.workers):
                    self._check(w, on_done, retry, attempts)
                top_up()
        finally:
            self.shutdown(kill=True)

    def _busy(self) -> int:
        return sum(1 for w in self.workers if w.plan is not None)

    def _check(self, w: _Worker, on_done, retry, attempts: dict[str, int]) -> None:
        try:
            has_msg = w.conn.poll()
        except (EOFError, OSError):
            has_msg = False
        if has_msg:
            try:
                msg = w.conn.recv()
            except (EOFError, OSError):
                msg = None
            if msg is not None:
                kind = msg[0]
                if kind == "ready":
                    w.ready, w.info = True, msg[1]
                    self._start_failures = 0  # only consecutive start failures abort the run
                    return
                plan, w.plan = w.plan, None
                w.clips += 1
                if kind == "ok":
                    record = msg[1]
                    record["attempts"] = attempts.get(plan.clip_id, 0) + 1
                    record["wall_s"] = round(time.monotonic() - w.started, 4)
                    record["worker_rss_mb"] = round(self._rss_mb(w), 1)
                    on_done(record)
                else:
                    self._log_error(w, plan, msg)
                    retry(plan, msg[1])
                # recycle after K clips, past the memory limit, or after an error (its Blender state is suspect)
                if kind != "ok" or w.clips >= self.opts.max_clips or self._rss_mb(w) > self.opts.max_rss_mb:
                    self._retire(w)
                return
        if not w.proc.is_alive():
            plan = w.plan
            self._retire(w, kill=True)
            if not w.ready:
                self._start_failures += 1
                if self._start_failures >= 3:
                    raise PovgenError(
                        f"render workers fail to start (exit code {w.proc.exitcode}); see {self.opts.log_dir}"
                    )
            if plan is not None:
                retry(plan, f"worker died (exit code {w.proc.exitcode})")
            return
        if w.plan is not None and time.monotonic() - w.started > self.opts.timeout_s:
            plan = w.plan
            self._retire(w, kill=True)
            retry(plan, f"timed out after {self.opts.timeout_s:g} s")

    def _log_error(self, w: _Worker, plan: ClipPlan | None, msg: tuple) -> None:
        """Keep the full traceback of a failed clip in logs/errors.log (failures.jsonl holds one line)."""
        if self.opts.log_dir is None or plan is None:
            return
        self.opts.log_dir.mkdir(parents=True, exist_ok=True)
        with open(self.opts.log_dir / "errors.log", "a", encoding="utf-8") as fh:
            fh.write(f"--- clip {plan.clip_id} (worker pid {w.proc.pid})\n{msg[-1]}\n")

    @staticmethod
    def _rss_mb(w: _Worker) -> float:
        try:
            return psutil.Process(w.proc.pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0
