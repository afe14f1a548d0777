"""Checks of run options (clips, seed, workers, threads, retries, timeout...), shared by the CLI, Python and Ray.

Each bad value is an OptionError (exit 2) naming the option and the value, raised before anything is written.
"""

from __future__ import annotations

import math

from generator.errors import OptionError

SEED_MAX = 2**63 - 1
EXECUTORS = ("local", "ray")


def _need(ok: bool, option: str, value: object, rule: str) -> None:
    if not ok:
        raise OptionError(f"{option} {value}: {rule}")


def check_count(option: str, value: int, least: int = 1) -> int:
    """An integer count that must be at least ``least``."""
    _need(isinstance(value, int) and not isinstance(value, bool), option, value, "must be a whole number")
    _need(value >= least, option, value, f"must be at least {least}")
    return value


def check_seed(seed: int, option: str = "--seed") -> int:
    """A dataset seed: a whole number from 0 to 2**63-1 (numpy seeds are non-negative)."""
    _need(isinstance(seed, int) and not isinstance(seed, bool), option, seed, "must be a whole number")
    _need(0 <= seed <= SEED_MAX, option, seed, f"expected 0 to {SEED_MAX}")
    return seed


def check_seconds(option: str, value: float) -> float:
    """A positive, finite duration in seconds."""
    _need(
        isinstance(value, int | float) and math.isfinite(value) and value > 0, option, value, "must be > 0 s"
    )
    return float(value)


def check_run(clips: int, seed: int) -> None:
    """The clip count and seed of a generate run."""
    check_count("--clips", clips, 1)
    check_seed(seed)


def check_pool(opts) -> None:
    """Every field of a PoolOptions, named as its command-line option."""
    check_count("--workers", opts.workers, 1)
    check_count("--threads", opts.threads, 0)
    check_count("--retries", opts.retries, 0)
    check_seconds("--timeout", opts.timeout_s)
    check_count("--max-clips-per-worker", opts.max_clips, 1)
    _need(
        math.isfinite(opts.max_rss_mb) and opts.max_rss_mb > 0,
        "--max-rss-mb",
        opts.max_rss_mb,
        "must be > 0 MB",
    )
    _need(opts.executor in EXECUTORS, "--executor", opts.executor, "expected local or ray")
    _need(
        not (opts.ray_address and opts.executor != "ray"),
        "--ray-address",
        opts.ray_address,
        "only with --executor ray",
    )
    _need(opts.gpus >= 0, "gpus", opts.gpus, "must be >= 0")
    check_count("--cpus-per-task", getattr(opts, "cpus_per_task", 0), 0)


def check_writable(path, option: str = "--out") -> None:
    """Fail early (one line, exit 1) if ``path`` could not be created or written; creates nothing."""
    import errno
    import tempfile
    from pathlib import Path

    from generator.errors import PovgenError, describe_os_error

    p = Path(path).absolute()
    probe = p
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.is_file() and probe != p:
        err = OSError(errno.ENOTDIR, "Not a directory", str(probe))
        raise PovgenError(f"{option} {path}: {describe_os_error(err)}")
    folder = probe if probe.is_dir() else probe.parent
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".povgen-probe-"):
            pass
    except OSError as exc:
        raise PovgenError(f"{option} {path}: cannot write in {folder} ({exc.strerror})") from None
