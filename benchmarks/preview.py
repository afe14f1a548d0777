"""Seconds for a 16-tile preview contact sheet and a 3-tile sweep at preview size; prints, never asserts.

Usage: python benchmarks/preview.py [SCENE]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.preview.run import preview, sweep  # noqa: E402


def main() -> None:
    scene = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "scenes" / "demo.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        for engine, samples in (("workbench", 1), ("cycles", 2)):
            res = preview(
                scene,
                [],
                n=16,
                seed=None,
                width=240,
                height=136,
                per_clip=1,
                engine=engine,
                samples=samples,
                with_overlay=False,
                out=Path(tmp) / f"p_{engine}.png",
            )
            print(f"preview 16 tiles 240x136 {engine:9s}: {res['seconds']:.2f} s")
        res = sweep(
            scene,
            [],
            [("lighting.light_power_w", ["50", "200", "800"])],
            seed=None,
            index=0,
            width=240,
            height=136,
            engine="cycles",
            samples=4,
            out=Path(tmp) / "s.png",
        )
        print(f"sweep 3 tiles 240x136 cycles 4 spp: {res['seconds']:.2f} s")


if __name__ == "__main__":
    main()
