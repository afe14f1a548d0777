"""Cost of the sound track: synthesis + acoustics + mic per clip, muxing, and its share of whole-clip time.

Prints figures; never asserts. Goal: audio under 5 % of whole-clip time at the fast preset.
Usage: python benchmarks/audio.py [--render] [--clips N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.common import load_setup, machine, records  # noqa: E402
from generator.audio.render import render_audio  # noqa: E402
from generator.audio.track import add_audio  # noqa: E402
from generator.dataset.video import encode_mp4  # noqa: E402
from generator.plan import plan_clip  # noqa: E402


def synthesis(clips: int) -> None:
    """render_audio and add_audio (render + AAC mux) per clip at the fast preset, over the demo scene's places."""
    cfg = load_setup("fast", ["events.shots={randint: [2, 4]}", "audio.background_events=1.5"])
    plans = [plan_clip(cfg, cfg.seed, i) for i in range(clips)]
    render_audio(plans[0])  # warm caches (filter designs, imports)
    t0 = time.perf_counter()
    per = {}
    for p in plans:
        ta = time.perf_counter()
        render_audio(p)
        per.setdefault(p.axes.environment, []).append(time.perf_counter() - ta)
    dt = (time.perf_counter() - t0) / clips
    r = plans[0].render
    print(
        f"render_audio: {dt * 1000:.0f} ms per clip of {r.frames} frames at {r.fps} fps ({r.frames / r.fps:.1f} s)"
    )
    for env, ts in sorted(per.items()):
        print(f"  {env:12s} {np.mean(ts) * 1000:6.0f} ms ({len(ts)} clips)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        encode_mp4([np.zeros((r.height, r.width, 3), np.uint8)] * r.frames, folder / "video.mp4", r.fps)
        ta = time.perf_counter()
        add_audio(plans[0], folder)
        print(f"add_audio (render + AAC mux into video.mp4): {(time.perf_counter() - ta) * 1000:.0f} ms")


def share(clips: int) -> None:
    """Generate clips at the fast preset and report the audio stage's share of the clip time."""
    from generator.run.generate import generate
    from generator.run.pool import PoolOptions

    cfg = load_setup("fast")
    with tempfile.TemporaryDirectory() as tmp:
        ds = Path(tmp) / "ds"
        generate(cfg, ds, clips, cfg.seed, PoolOptions(workers=1))
        recs = records(ds)
        audio = sum(r["timings"].get("audio", 0.0) for r in recs)
        total = sum(r["timings"]["total"] for r in recs)
        print(
            f"fast preset, {len(recs)} clips: audio {audio:.2f} s of {total:.1f} s clip time = {100 * audio / total:.2f} %"
        )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--render", action="store_true", help="also render clips to measure the share")
    ap.add_argument("--clips", type=int, default=12)
    args = ap.parse_args()
    print(machine())
    synthesis(args.clips)
    if args.render:
        share(max(1, min(args.clips, 3)))
