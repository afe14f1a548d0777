"""Memory (RSS) and seconds per clip over many consecutive clips in ONE worker process (no recycling).

Prints RSS growth and the last-20% / first-20% clip time; never asserts. Goals: growth < 50 MB,
last 20% no more than 10% slower than the first 20%.
Usage: python benchmarks/longrun.py [--clips 200] [--set k=v ...]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import load_setup, machine, records

from generator.run.generate import generate
from generator.run.pool import PoolOptions

TINY = [
    "render.width=32",
    "render.height=24",
    "render.frames=2",
    "render.samples=1",
    "render.save_frames=false",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clips", type=int, default=200)
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    ap.add_argument("--plot", type=Path, help="Also draw RSS and seconds per clip into this PNG.")
    args = ap.parse_args()
    cfg = load_setup("smoke", TINY + args.overrides)
    opts = PoolOptions(workers=1, max_clips=10**9, max_rss_mb=1e9, retries=0)
    with tempfile.TemporaryDirectory(prefix="povgen-long-") as tmp:
        t0 = time.perf_counter()
        rep = generate(cfg, Path(tmp) / "ds", args.clips, cfg.seed, opts)
        wall = time.perf_counter() - t0
        recs = sorted(records(Path(tmp) / "ds"), key=lambda r: r["index"])
    pids = {r["worker_pid"] for r in recs}
    rss = [r["worker_rss_mb"] for r in recs]
    secs = [r["wall_s"] for r in recs]
    k = max(1, len(recs) // 5)
    first, last = statistics.mean(secs[:k]), statistics.mean(secs[-k:])
    # RSS after the first few clips (caches warm) to the end: the growth that would pile up over a long run
    warm = min(5, len(rss) - 1)
    r = cfg.render
    print(
        f"longrun: {len(recs)} clips x {r.frames} frames at {r.width}x{r.height}, {r.samples} spp in "
        f"{len(pids)} worker process(es), {rep.failed} failed, {wall:.1f} s; {machine()}"
    )
    print(
        f"  RSS after clip 1 {rss[0]:.1f} MB, after clip {warm + 1} {rss[warm]:.1f} MB, at the end {rss[-1]:.1f} MB"
    )
    print(
        f"  RSS growth from clip {warm + 1} to the end {rss[-1] - rss[warm]:+.1f} MB "
        f"({(rss[-1] - rss[warm]) / max(1, len(rss) - warm - 1) * 1000:+.1f} kB per clip); "
        f"max {max(rss):.1f} MB"
    )
    print(
        f"  seconds per clip (dispatch to result): first 20% {first:.3f}, last 20% {last:.3f} "
        f"({100 * (last / first - 1):+.1f} %), median {statistics.median(secs):.3f}"
    )
    mf, ml = statistics.median(secs[:k]), statistics.median(secs[-k:])
    print(
        f"  medians (robust to other jobs' bursts on a shared machine): first 20% {mf:.3f}, "
        f"last 20% {ml:.3f} ({100 * (ml / mf - 1):+.1f} %)"
    )
    for stage in ("build", "render", "labels", "total"):
        v = [r["timings"][stage] for r in recs]
        f, la = statistics.mean(v[:k]), statistics.mean(v[-k:])
        print(
            f"    in-worker {stage:7s} first 20% {f:.4f} s, last 20% {la:.4f} s ({100 * (la / f - 1):+.1f} %)"
        )
    deciles = [statistics.mean(secs[i * len(secs) // 10 : (i + 1) * len(secs) // 10]) for i in range(10)]
    print("  mean s/clip by tenth of the run: " + " ".join(f"{d:.3f}" for d in deciles))
    print(
        "  RSS MB by tenth of the run:      " + " ".join(f"{rss[i * len(rss) // 10]:.0f}" for i in range(10))
    )
    if args.plot:
        plot(rss, secs, args.plot)


def plot(rss: list[float], secs: list[float], path: Path) -> None:
    """Two small panels: worker RSS and seconds per clip against the clip number."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(7, 2.4), dpi=90)
    a.plot(range(1, len(rss) + 1), rss, lw=1)
    a.set(xlabel="clip", ylabel="worker RSS (MB)", title="memory, one worker")
    b.plot(range(1, len(secs) + 1), secs, lw=0.6, color="tab:orange")
    b.set(xlabel="clip", ylabel="s per clip", title="time per clip (shared machine)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    print(f"  plot: {path}")


if __name__ == "__main__":
    main()
