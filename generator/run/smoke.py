"""CI smoke: render every scene file at tiny size, validate each output, report a table and JUnit XML."""

from __future__ import annotations

import glob
import shutil
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from generator.config import load_config
from generator.config.scenes import SHIPPED
from generator.dataset.validate import validate_dataset
from generator.errors import OptionError, PovgenError
from generator.run.generate import generate
from generator.run.pool import PoolOptions

TINY = [
    "render.width=64",
    "render.height=48",
    "render.frames=3",
    "render.samples=1",
    "render.denoise=off",
    "render.max_bounces=1",
]


@dataclass
class SmokeResult:
    scene: str
    frames: int
    seconds: float
    ok: bool
    message: str


def smoke_scene(path: Path, out: Path, clips: int = 2, timeout_s: float = 300.0) -> SmokeResult:
    """Render one scene file tiny and validate it; any error becomes a failed result naming the scene."""
    t0 = time.perf_counter()
    try:
        cfg = load_config(path, TINY)
        target = out / path.stem
        shutil.rmtree(target, ignore_errors=True)
        report = generate(
            cfg, target, clips, cfg.seed, PoolOptions(workers=1, retries=0, timeout_s=timeout_s)
        )
        rep = validate_dataset(target)
        if report.failed:
            ok, msg = False, f"{report.failed} clip(s) failed to render (see {target}/failures.jsonl)"
        elif not rep.ok:
            ok, msg = False, rep.problems[0] if rep.problems else "no clips"
        else:
            ok, msg = True, f"{rep.clips} clips, {rep.annotations} annotations valid"
        return SmokeResult(path.stem, rep.frames, time.perf_counter() - t0, ok, msg)
    except PovgenError as exc:
        return SmokeResult(path.stem, 0, time.perf_counter() - t0, False, str(exc))


def find_scenes(pattern: str) -> list[Path]:
    """Scene files matching a glob; the default ``scenes/*.yaml`` run outside the repository means the shipped
    scenes."""
    paths = sorted(Path(p) for p in glob.glob(pattern))
    if not paths and pattern == "scenes/*.yaml":
        paths = sorted(SHIPPED.glob("*.yaml"))
    if not paths:
        raise OptionError(f"--scenes {pattern}: no scene files match")
    return paths


def write_junit(results: list[SmokeResult], path: Path) -> None:
    """JUnit XML: one test case per scene."""
    suite = ET.Element(
        "testsuite",
        name="povgen.smoke",
        tests=str(len(results)),
        failures=str(sum(not r.ok for r in results)),
        time=f"{sum(r.seconds for r in results):.3f}",
    )
    for r in results:
        case = ET.SubElement(
            suite, "testcase", classname="povgen.smoke", name=r.scene, time=f"{r.seconds:.3f}"
        )
        if not r.ok:
            ET.SubElement(case, "failure", message=r.message).text = r.message
        else:
            ET.SubElement(case, "system-out").text = r.message
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
