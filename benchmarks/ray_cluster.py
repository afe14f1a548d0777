"""Clips per hour against node count on a local multi-node Ray cluster (loopback only), and a node killed
mid-run: no clip lost or duplicated.

Prints figures; never asserts. Usage: python benchmarks/ray_cluster.py [--setup smoke] [--clips 8]
[--nodes 1,2] [--cpus 1] [--kill]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from common import load_setup, machine, records

from generator.run.generate import generate
from generator.run.local_cluster import LocalCluster
from generator.run.pool import PoolOptions


def run(cfg, clips: int, nodes: int, cpus: int, kill: bool) -> str:
    with tempfile.TemporaryDirectory(prefix="povgen-rc-") as tmp, LocalCluster(nodes=nodes, cpus=cpus) as c:
        out = Path(tmp) / "ds"
        killed = []

        def killer():
            manifest = out / "manifest.jsonl"
            while not (manifest.exists() and manifest.read_text().strip()):
                time.sleep(0.2)
            if not killed:
                c.raylet(f"127.0.0.{2 + nodes - 1}").kill()
                killed.append(time.perf_counter())

        if kill and nodes > 1:
            threading.Thread(target=killer, daemon=True).start()
        opts = PoolOptions(executor="ray", ray_address=c.address, retries=3)
        t0 = time.perf_counter()
        rep = generate(cfg, out, clips, cfg.seed, opts)
        wall = time.perf_counter() - t0
        ids = [r["clip_id"] for r in records(out)]
        note = ""
        if killed:
            note = f"; node killed at {killed[0] - t0:.1f} s: {len(set(ids))} distinct of {len(ids)} manifest lines"
        return (
            f"  {nodes} node(s) x {cpus} CPU: {rep.rendered}/{clips} clips in {wall:7.2f} s = "
            f"{3600 * rep.rendered / wall:8.1f} clips/hour{note}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--setup", default="smoke", choices=["smoke", "fast", "default"])
    ap.add_argument("--clips", type=int, default=8)
    ap.add_argument("--nodes", default="1,2")
    ap.add_argument("--cpus", type=int, default=1)
    ap.add_argument(
        "--kill", action="store_true", help="also kill the last node's raylet after the first clip"
    )
    ap.add_argument("--set", dest="overrides", action="append", default=[])
    args = ap.parse_args()
    cfg = load_setup(args.setup, args.overrides)
    r = cfg.render
    print(
        f"ray_cluster: {args.setup}, {args.clips} clips x {r.frames} frames at {r.width}x{r.height}; {machine()}"
    )
    for n in (int(v) for v in args.nodes.split(",")):
        print(run(cfg, args.clips, n, args.cpus, kill=False))
    if args.kill:
        print(run(cfg, args.clips, max(2, max(int(v) for v in args.nodes.split(","))), args.cpus, kill=True))


if __name__ == "__main__":
    main()
