"""Ray executor: each plan is a Ray task with CPU (or GPU) resources; worker death is retried by Ray.

Tasks write finished clip folders straight into the dataset folder (a path every node sees: shared storage),
with the same atomic rename as the local pool, and return their manifest record; the driver writes the
manifest. The same plans give the same clips as the local executor. Ray is an optional extra
(``pip install 'povgen[ray]'``).
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.errors import PovgenError
from generator.plan.model import ClipPlan
from generator.run.pool import PoolOptions, threads_per_worker, usable_cores

GENERATOR_PARENT = str(Path(__file__).resolve().parents[2])


def import_ray():
    """Import Ray or explain how to install it."""
    try:
        import ray
    except ImportError:
        raise PovgenError("--executor ray: Ray is not installed; pip install 'povgen[ray]'") from None
    return ray


def _render_task(plan_json: str, root: str, threads: int, timeout_s: float) -> dict:
    """Body of the Ray task: render one plan in the Ray worker process (bpy is imported there once).

    A clip that overruns ``timeout_s`` ends its worker process: Ray sees a dead worker and retries the task."""
    import threading

    from generator.run.worker import render_one

    timer = threading.Timer(timeout_s, os._exit, args=(87,))
    timer.daemon = True
    timer.start()
    try:
        return render_one(plan_json, Path(root), threads)
    finally:
        timer.cancel()


def start_ray(opts: PoolOptions) -> bool:
    """Join ``opts.ray_address`` or start a local instance; returns whether this call started Ray."""
    ray = import_ray()
    if ray.is_initialized():
        return False
    env = {"PYTHONPATH": os.pathsep.join(p for p in (GENERATOR_PARENT, os.environ.get("PYTHONPATH")) if p)}
    kwargs: dict = {
        "runtime_env": {"env_vars": env},
        "log_to_driver": False,
        "include_dashboard": False,
    }
    if opts.ray_address:
        kwargs["address"] = opts.ray_address
    else:
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # no token file for a private local instance
        kwargs["num_cpus"] = usable_cores()
    try:
        ray.init(**kwargs)
    except Exception as exc:  # noqa: BLE001 - Ray raises many kinds; one line is enough here
        where = opts.ray_address or "a local instance"
        raise PovgenError(f"--ray-address {where}: cannot start or join Ray: {exc}".splitlines()[0]) from None
    return True


def node_resources(nodes: list[dict]) -> list[dict[str, float]]:
    """Resources (CPU, GPU, ...) of the alive nodes of ``ray.nodes()``."""
    return [dict(n.get("Resources", {})) for n in nodes if n.get("Alive")]


def size_tasks(nodes: list[dict[str, float]], wanted_threads: int, cpus_per_task: int, gpus: float) -> int:
    """CPUs each task asks for, from the cluster's nodes rather than the driver machine's cores.

    ``cpus_per_task`` > 0 is taken as asked; otherwise a task asks for the driver's thread count cut down to the
    smallest CPU node, so that every node can run tasks. A request that no node can satisfy is an error at
    once (Ray would otherwise leave the tasks pending forever without a word).
    """
    cpu_nodes = [n.get("CPU", 0.0) for n in nodes if n.get("CPU", 0.0) >= 1]
    if not cpu_nodes:
        raise PovgenError("--executor ray: the Ray cluster has no node with a CPU")
    largest = int(max(cpu_nodes))
    if gpus:
        gpu_nodes = [n for n in nodes if n.get("GPU", 0.0) >= gpus and n.get("CPU", 0.0) >= 1]
        if not gpu_nodes:
            most = max((n.get("GPU", 0.0) for n in nodes), default=0.0)
            raise PovgenError(
                f"render.device gpu: no Ray node has {gpus:g} GPU(s) (most on one node: {most:g})"
            )
        largest = int(max(n["CPU"] for n in gpu_nodes))
    if cpus_per_task > 0:
        if cpus_per_task > largest:
            raise PovgenError(
                f"--cpus-per-task {cpus_per_task}: no Ray node has {cpus_per_task} CPUs (largest: {largest})"
            )
        return cpus_per_task
    if gpus:
        return 1  # a GPU task needs one CPU to feed it
    return int(max(1, min(wanted_threads, min(cpu_nodes))))


class RayExecutor:
    """Render plans as Ray tasks; same callbacks as the local WorkerPool."""

    def __init__(self, root: Path, opts: PoolOptions):
        self.root, self.opts = Path(root).resolve(), opts  # Ray workers do not share the driver's cwd
        self.threads = threads_per_worker(opts.workers, opts.threads)
        self.cpus = self.threads

    def run(
        self,
        plans: Iterable[ClipPlan],
        on_done: Callable[[dict], None],
        on_failed: Callable[[ClipPlan, str, int], None],
    ) -> None:
        """Submit every plan, report each as it finishes; Ray retries a task whose worker died."""
        ray = import_ray()
        started = start_ray(self.opts)
        refs: dict = {}
        try:
            nodes = node_resources(ray.nodes())
            self.cpus = size_tasks(nodes, self.threads, self.opts.cpus_per_task, self.opts.gpus)
            self.threads = self.cpus if not self.opts.gpus else self.threads  # Blender threads = CPUs asked
            remote = ray.remote(max_calls=self.opts.max_clips)(_render_task)  # recycle a worker after K clips
            task = remote.options(
                num_cpus=self.cpus,
                num_gpus=self.opts.gpus,
                max_retries=self.opts.retries,
                retry_exceptions=True,
            )
            t0: dict = {}
            fresh = iter(plans)
            window = self._window(ray)

            def submit() -> bool:
                plan = next(fresh, None)
                if plan is None:
                    return False
                ref = task.remote(plan.model_dump_json(), str(self.root), self.threads, self.opts.timeout_s)
                refs[ref], t0[ref] = plan, time.monotonic()
                return True

            while len(refs) < window and submit():
                pass
            while refs:
                ready, _ = ray.wait(list(refs), num_returns=1, timeout=None)
                for ref in ready:
                    plan = refs.pop(ref)
                    try:
                        record = ray.get(ref)
                    except Exception as exc:  # noqa: BLE001 - a task that failed all its retries
                        self._log_error(plan, exc)
                        on_failed(plan, _one_line(exc), self.opts.retries + 1)
                    else:
                        record["wall_s"] = round(time.monotonic() - t0.pop(ref), 4)
                        on_done(record)
                    submit()
        except BaseException:
            for ref in refs:
                try:
                    ray.cancel(ref, force=True)
                except Exception:  # noqa: BLE001 - best effort on the way out
                    pass
            raise
        finally:
            if started:
                ray.shutdown()

    def _window(self, ray) -> int:
        """Tasks kept in flight: twice what the cluster can run at once (plans are made as they are needed)."""
        res = ray.cluster_resources()
        slots = res.get("GPU", 0) // self.opts.gpus if self.opts.gpus else res.get("CPU", 1) // self.cpus
        return int(max(2, 2 * slots))

    def _log_error(self, plan: ClipPlan, exc: BaseException) -> None:
        if self.opts.log_dir is None:
            return
        self.opts.log_dir.mkdir(parents=True, exist_ok=True)
        with open(self.opts.log_dir / "errors.log", "a", encoding="utf-8") as fh:
            fh.write(f"--- clip {plan.clip_id} (ray)\n{''.join(traceback.format_exception(exc))}\n")


def _one_line(exc: BaseException) -> str:
    """The useful line of a Ray task error (Ray wraps the original exception in a long message)."""
    cause = getattr(exc, "cause", None)
    if cause is not None and not isinstance(cause, type(exc)):
        return f"{type(cause).__name__}: {cause}".splitlines()[0]
    name = type(exc).__name__
    text = str(exc).strip().splitlines()
    if "WorkerCrashedError" in name or "died" in " ".join(text[:3]).lower():
        return f"worker died ({name})"
    return f"{name}: {text[0] if text else ''}"
