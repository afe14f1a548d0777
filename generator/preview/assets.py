"""Asset sheets: N variants of every firearm family (and of a manifest's user assets) rendered side-on,
three-quarter and in the first-person aimed view, as captioned contact sheets plus one image per variant.

The studio views run in a Blender subprocess (``generator.blender.assets``); the first-person view plans a
one-frame clip holding the variant's family and renders it with the preview worker.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from generator.config import load_config
from generator.config.assets import load_manifest
from generator.config.models import WEAPON_FAMILIES
from generator.errors import PovgenError
from generator.plan import plan_clip
from generator.plan.model import Model
from generator.plan.objects.assets import asset_model
from generator.plan.objects.families import build_family
from generator.plan.objects.gunspecs import FAMILIES
from generator.preview.run import render_tiles
from generator.preview.sheet import tile

ROOT = Path(__file__).resolve().parents[2]
SCENE = ROOT / "scenes" / "held_objects.yaml"
STUDIO_VIEWS = ("side", "three_quarter")
# one aimed frame, standing still, no shots: the first-person view of the held object
FIRST_PERSON = [
    "render.frames=1",
    "motion.path=stand",
    "events.start_aimed=1",
    "events.shots=0",
    "events.lower=0",
    "content.positive_fraction=1",
    "content.pairs=false",
]


def _studio(
    models: list[tuple[str, Model]],
    width: int,
    height: int,
    samples: int,
    out: Path,
    views: tuple[str, ...] = STUDIO_VIEWS,
    frame: tuple[list[float], list[float]] | None = None,
) -> list[dict]:
    """Render the studio views of every model in one Blender subprocess; returns [{name, view, image}].
    ``frame``: (lo, hi) bounds every view frames (one scale for all models) instead of each model's own."""
    with tempfile.TemporaryDirectory(prefix="povgen-assets-") as tmp:
        t = Path(tmp)
        items = []
        for name, m in models:
            path = t / f"{name}.json"
            path.write_text(m.model_dump_json())
            items.append({"model": str(path), "name": name})
        job = {
            "models": items,
            "views": list(views),
            "frame": frame,
            "width": width,
            "height": height,
            "samples": samples,
            "out_dir": str(out),
            "result": str(t / "result.json"),
            "log": str(t / "blender.log"),
        }
        (t / "job.json").write_text(json.dumps(job))
        res = subprocess.run(
            [sys.executable, "-m", "generator.blender.assets", str(t / "job.json")],
            capture_output=True,
            text=True,
        )
        if res.returncode != 0 or not (t / "result.json").is_file():
            log = (t / "blender.log").read_text(errors="replace").strip().splitlines()
            raise PovgenError(f"asset render failed: {log[-1] if log else res.stderr.strip()[-300:]}")
        return json.loads((t / "result.json").read_text())


def _on_grey(path: str) -> np.ndarray:
    """An RGBA studio render composited on a neutral grey."""
    im = Image.open(path).convert("RGBA")
    bg = Image.new("RGBA", im.size, (150, 152, 156, 255))
    return np.asarray(Image.alpha_composite(bg, im).convert("RGB"))


def asset_sheets(
    out: Path,
    n: int = 2,
    families: list[str] | None = None,
    manifest: Path | None = None,
    width: int = 480,
    height: int = 270,
    fp_size: tuple[int, int] = (640, 360),
    samples: int = 8,
    seed: int = 0,
    first_person: bool = True,
    config: Path = SCENE,
) -> dict:
    """Render ``n`` variants of each family (default all) and each manifest asset; write one PNG per variant
    and view, and the sheets ``side.png``, ``three_quarter.png`` and ``first_person.png``."""
    t0 = time.perf_counter()
    fams = list(families or WEAPON_FAMILIES)
    bad = [f for f in fams if f not in FAMILIES]
    if bad:
        raise PovgenError(f"--family {bad[0]}: expected one of {', '.join(FAMILIES)}")
    out.mkdir(parents=True, exist_ok=True)
    models: list[tuple[str, Model]] = []
    for f in fams:
        for i in range(n):
            models.append((f"{f}_{i}", build_family(f, np.random.default_rng([seed, i]))))
    assets = load_manifest(manifest) if manifest else []
    models += [(a.name, asset_model(a)) for a in assets]
    if not models:
        raise PovgenError("nothing to render: no families and no manifest assets")
    renders = _studio(models, width, height, samples, out)
    sheets = {}
    for view in STUDIO_VIEWS:
        mine = [r for r in renders if r["view"] == view]
        caps = [f"{r['name']}\n{_caption(dict(models)[r['name']])}" for r in mine]
        path = out / f"{view}.png"
        tile([_on_grey(r["image"]) for r in mine], caps, cols=min(4, len(mine)), title=f"{view} view").save(
            path
        )
        sheets[view] = str(path)
    if first_person:
        plans = []
        for _, m in models:
            plans.append(_aimed_plan(config, m, fp_size, seed, manifest))
        try:  # a 640x360 Cycles frame per variant: allow two minutes each on a busy machine
            tiles = render_tiles(plans, [0], "cycles", samples, False, timeout_s=300.0 + 120.0 * len(plans))
        except subprocess.TimeoutExpired:
            raise PovgenError(
                f"first-person renders of {len(plans)} variants timed out: use fewer --n or "
                "--family, or --no-first-person"
            ) from None
        for (name, _), t in zip(models, tiles, strict=True):
            Image.fromarray(t.images[0]).save(out / f"{name}_first_person.png")
        path = out / "first_person.png"
        tile(
            [t.images[0] for t in tiles],
            [n for n, _ in models],
            cols=min(4, len(tiles)),
            title="first-person aimed view",
        ).save(path)
        sheets["first_person"] = str(path)
    return {"variants": len(models), "sheets": sheets, "seconds": time.perf_counter() - t0}


def _caption(m: Model) -> str:
    meta = m.meta
    if "family" not in meta:
        return str(meta.get("class", ""))
    acc = [k.removeprefix("acc_") for k, v in meta.items() if k.startswith("acc_") and v]
    return f"{meta['variant']} {meta['body_length_m']:.3f} m" + (f" +{','.join(acc)}" if acc else "")


def _aimed_plan(config: Path, m: Model, size: tuple[int, int], seed: int, manifest: Path | None):
    """A one-frame aimed clip holding a firearm of ``m``'s family (hands posed for it), or the user asset ``m``."""
    sets = [*FIRST_PERSON, f"render.width={size[0]}", f"render.height={size[1]}"]
    family = m.meta.get("family")
    if family:
        sets.append(f"content.weapon={m.meta['class']}")
    else:
        sets += [f"content.asset_manifest={manifest}", "content.asset_fraction=1"]
        if m.meta.get("kind", "none") == "none":
            sets.append("content.positive_fraction=0")
    cfg = load_config(config, sets)
    if family:
        weights = {f: float(f == family) for f in WEAPON_FAMILIES}
        cfg = cfg.model_copy(update={"content": cfg.content.model_copy(update={"weapon_families": weights})})
    plan = plan_clip(cfg, seed, 0)
    if not family and plan.held is not None:  # hold this very asset
        plan = plan.model_copy(
            update={
                "held": plan.held.model_copy(
                    update={"model": m.model_copy(update={"instance_id": plan.held.model.instance_id})}
                )
            }
        )
    return plan
