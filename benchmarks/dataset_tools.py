"""Seconds per frame of validate, each export format, inspect and report on an existing dataset.

Prints figures; never asserts. Writes exports and the report into a temporary folder, not the dataset.
Usage: python benchmarks/dataset_tools.py DATASET
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.dataset.validate import validate_dataset  # noqa: E402
from generator.export.run import FORMATS, export_dataset  # noqa: E402
from generator.report.inspect import inspect_clip  # noqa: E402
from generator.report.report import write_report  # noqa: E402


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    root = Path(sys.argv[1])
    rep = validate_dataset(root)
    frames = rep.frames
    print(f"{root}: {rep.clips} clips, {frames} frames, {rep.annotations} annotations, ok={rep.ok}")
    with tempfile.TemporaryDirectory() as tmp:
        rows = [("validate", timed(lambda: validate_dataset(root)))]
        for fmt in FORMATS:
            rows.append((f"export {fmt}", timed(lambda f=fmt: export_dataset(root, [f], Path(tmp) / "ex"))))
        first = sorted((root / "clips").iterdir())[0]
        t_inspect = timed(lambda: inspect_clip(first, Path(tmp) / "inspect"))
        rows.append(("report", timed(lambda: write_report(root, Path(tmp) / "report"))))
    print(f"{'stage':<20}{'seconds':>10}{'ms/frame':>10}")
    for name, s in rows:
        print(f"{name:<20}{s:>10.3f}{1000 * s / frames:>10.2f}")
    n = len(list((first / "masks").iterdir()))
    print(f"{'inspect (1 clip)':<20}{t_inspect:>10.3f}{1000 * t_inspect / n:>10.2f}")


if __name__ == "__main__":
    main()
