"""Plan clips and render their key frames in a Blender subprocess, then build a contact sheet or sweep grid."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import product
from pathlib import Path

import numpy as np
from PIL import Image

from generator.config import load_config
from generator.config.models import SceneConfig
from generator.errors import ConfigError, PovgenError
from generator.labels.make import instances_of
from generator.plan import plan_clip, save_plan
from generator.plan.model import ClipPlan
from generator.preview.sheet import overlay, tile


@dataclass
class Tile:
    """One rendered tile: its plan, frame images (and id masks) and caption."""

    plan: ClipPlan
    images: list[np.ndarray]
    ids: list[np.ndarray | None]
    caption: str


def caption(plan: ClipPlan) -> str:
    """The sampled values a researcher looks for: class, place, light, mount, field of view."""
    a = plan.axes
    return (
        f"{plan.clip_id} {a.held_object} | {a.environment}\n"
        f"{a.lighting} | {plan.camera.mount} | fov {plan.camera.lens.fov_deg:.0f}"
    )


def key_frames(frames: int, per_clip: int) -> list[int]:
    """Evenly spaced key frames inside a clip (the middle one when one is asked)."""
    if per_clip <= 1:
        return [frames // 2]
    return [int(round(x)) for x in np.linspace(0, frames - 1, per_clip)]


def render_tiles(
    plans: list[ClipPlan],
    frames: list[int],
    engine: str,
    samples: int,
    with_ids: bool,
    timeout_s: float = 600.0,
) -> list[Tile]:
    """Render the key frames of every plan in one Blender subprocess (this process never imports bpy)."""
    with tempfile.TemporaryDirectory(prefix="povgen-preview-") as tmp:
        tmp_path = Path(tmp)
        paths = []
        for i, p in enumerate(plans):
            path = tmp_path / f"plan_{i:04d}.json"
            save_plan(p.model_copy(update={"clip_id": f"t{i:04d}"}), path)
            paths.append(str(path))
        job = {
            "plans": paths,
            "frames": frames,
            "engine": engine,
            "samples": samples,
            "with_ids": with_ids,
            "out_dir": str(tmp_path / "out"),
            "result": str(tmp_path / "result.json"),
            "log": str(tmp_path / "blender.log"),
        }
        (tmp_path / "out").mkdir()
        (tmp_path / "job.json").write_text(json.dumps(job))
        res = subprocess.run(
            [sys.executable, "-m", "generator.blender.stills", str(tmp_path / "job.json")],
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
        if res.returncode != 0 or not (tmp_path / "result.json").is_file():
            log = (tmp_path / "blender.log").read_text(errors="replace").strip().splitlines()
            raise PovgenError(f"preview render failed: {log[-1] if log else res.stderr.strip()[-300:]}")
        items = json.loads((tmp_path / "result.json").read_text())
        tiles = []
        for i, p in enumerate(plans):
            mine = [it for it in items if it["clip_id"] == f"t{i:04d}"]
            images = [np.asarray(Image.open(it["image"]).convert("RGB")) for it in mine]
            ids = [np.load(it["ids"]) if it["ids"] else None for it in mine]
            tiles.append(Tile(p, images, ids, caption(p)))
        return tiles


def _strip(t: Tile, with_overlay: bool) -> np.ndarray:
    cats = {i.instance_id: i.category for i in instances_of(t.plan)}
    imgs = [
        overlay(im, ids, cats) if with_overlay and ids is not None else im
        for im, ids in zip(t.images, t.ids, strict=True)
    ]
    return np.concatenate(imgs, axis=1)


def preview_config(cfg: SceneConfig, width: int, height: int) -> SceneConfig:
    """The same scene at preview size (planning uses the size for intrinsics)."""
    return cfg.model_copy(update={"render": cfg.render.model_copy(update={"width": width, "height": height})})


def preview(
    config: Path,
    overrides: list[str],
    n: int,
    seed: int | None,
    width: int,
    height: int,
    per_clip: int,
    engine: str,
    samples: int,
    with_overlay: bool,
    out: Path,
    cols: int = 4,
) -> dict:
    """Plan n clips, render key frames, write a captioned contact sheet; returns timings and captions."""
    t0 = time.perf_counter()
    cfg = preview_config(load_config(config, overrides), width, height)
    s = cfg.seed if seed is None else seed
    plans = [plan_clip(cfg, s, i) for i in range(n)]
    engine = "cycles" if with_overlay else engine
    tiles = render_tiles(plans, key_frames(cfg.render.frames, per_clip), engine, samples, with_overlay)
    sheet = tile(
        [_strip(t, with_overlay) for t in tiles],
        [t.caption for t in tiles],
        cols=min(cols, n),
        title=f"{cfg.name}: {n} clips, seed {s}, {engine}",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    return {
        "tiles": len(tiles),
        "seconds": time.perf_counter() - t0,
        "captions": [t.caption for t in tiles],
        "path": str(out),
    }


def parse_values(raw: str) -> list[str]:
    """Comma-separated sweep values (each later parsed as YAML by --set)."""
    vals = [v.strip() for v in raw.split(",") if v.strip()]
    if not vals:
        raise PovgenError(f"--values {raw!r}: no values")
    return vals


def sweep(
    config: Path,
    overrides: list[str],
    params: list[tuple[str, list[str]]],
    seed: int | None,
    index: int,
    width: int,
    height: int,
    engine: str,
    samples: int,
    out: Path,
) -> dict:
    """A grid varying one or two parameters, everything else drawn from the same seed and clip index."""
    if not 1 <= len(params) <= 2:
        raise PovgenError("sweep takes one or two --param KEY --values a,b,c pairs")
    t0 = time.perf_counter()
    # row-major grid: the first parameter varies along a row, the second down the columns
    combos = [tuple(reversed(c)) for c in product(*[[(k, v) for v in vals] for k, vals in reversed(params)])]
    plans, captions = [], []
    for combo in combos:
        sets = [f"{k}={v}" for k, v in combo]
        try:
            loaded = load_config(config, overrides + sets)
        except ConfigError as exc:  # name the --param/--values pair, not the --set it became
            text = str(exc)
            for k, v in combo:
                text = text.replace(f"--set {k}={v}:", f"--param {k} --values ...{v}...:")
            raise ConfigError(text) from None
        cfg = preview_config(loaded, width, height)
        s = cfg.seed if seed is None else seed
        plans.append(plan_clip(cfg, s, index))
        captions.append("\n".join(sets))
    frame = key_frames(plans[0].render.frames, 1)
    tiles = render_tiles(plans, frame, engine, samples, with_ids=False)
    cols = len(params[0][1])
    grid = tile(
        [t.images[0] for t in tiles],
        captions,
        cols=cols,
        title=" x ".join(k for k, _ in params) + f" (clip {index}, same seed)",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    grid.save(out)
    return {
        "tiles": len(tiles),
        "seconds": time.perf_counter() - t0,
        "captions": captions,
        "path": str(out),
        "mean_brightness": [float(t.images[0].mean()) for t in tiles],
    }
