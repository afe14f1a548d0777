"""Image quality against render time: one frame per place family (firearm and hands in view) rendered at a
high-sample reference and at a grid of samples x denoiser x bounces x light tree x adaptive sampling.

Prints, per setting, seconds per frame and PSNR/SSIM to the reference over the whole frame and PSNR inside
the held-object and hand masks, marks the Pareto front (time vs PSNR inside the masks) and the settings the
presets use. Never asserts. Usage: python benchmarks/quality.py [--size 320x180] [--grid small|full]
[--families corridor,office] [--json out.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from common import ROOT, machine
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

from generator.config import load_config
from generator.config.models import RENDER_PRESETS
from generator.plan.planner import plan_clip

FAMILIES = [
    "corridor",
    "office",
    "school",
    "warehouse",
    "home",
    "retail",
    "street",
    "parking",
    "park",
    "range",
    "game_screen",
]
REFERENCE = {"name": "reference", "samples": 256, "denoise": "high", "max_bounces": 8, "light_tree": True}


def grid(kind: str) -> list[dict]:
    """The settings to try (names encode them: s<samples>_<denoise>_b<bounces>[_nolt][_ad<threshold>])."""
    if kind == "small":
        samples, denoise, bounces, tree, adaptive = [1, 2, 4, 8], ["off", "fast"], [2], [True], [0.0]
    else:
        samples, denoise, bounces = [1, 2, 4, 8, 16], ["off", "fast", "balanced"], [1, 2, 4]
        tree, adaptive = [True, False], [0.0, 0.1]
    out = []
    for s, d, b, t, a in itertools.product(samples, denoise, bounces, tree, adaptive):
        if a and s < 4:
            continue  # adaptive sampling needs a few samples to decide
        name = f"s{s}_{d}_b{b}" + ("" if t else "_nolt") + (f"_ad{a:g}" if a else "")
        out.append(
            {
                "name": name,
                "samples": s,
                "denoise": d,
                "max_bounces": b,
                "light_tree": t,
                "adaptive_threshold": a,
            }
        )
    return out


def preset_names() -> dict[str, str]:
    """Grid names of the settings the shipped presets use."""
    return {f"s{p['samples']}_{p['denoise']}_b{p['max_bounces']}": name for name, p in RENDER_PRESETS.items()}


def plans(families: list[str], width: int, height: int, folder: Path) -> list[dict]:
    """One positive plan per family, at the frame where the object is raised the most."""
    items = []
    for fam in families:
        cfg = load_config(
            ROOT / "scenes" / f"{fam}.yaml",
            [
                "content.positive_fraction=1",
                f"render.width={width}",
                f"render.height={height}",
                "render.frames=30",
                "render.fps=15",
            ],
        )
        plan = plan_clip(cfg, cfg.seed, 0)
        aim = plan.timeline.aim_weight or [1.0]
        frame = int(np.argmax(aim))
        path = folder / f"{fam}.plan.json"
        path.write_text(plan.model_dump_json())
        items.append({"plan": str(path), "frame": frame, "family": fam, "clip_id": plan.clip_id})
    return items


def masked_psnr(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float | None:
    if mask.sum() < 16:
        return None
    mse = float(np.mean((a[mask].astype(float) - b[mask].astype(float)) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0**2 / mse)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", default="320x180")
    ap.add_argument("--grid", default="small", choices=["small", "full"])
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=1, help="renders per setting; the fastest counts")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    families = args.families.split(",")
    settings = [REFERENCE] + grid(args.grid)
    print(f"quality: {len(families)} families x {len(settings) - 1} settings at {w}x{h}; {machine()}")
    with tempfile.TemporaryDirectory(prefix="povgen-quality-") as tmp:
        tmp = Path(tmp)
        items = plans(families, w, h, tmp)
        job = {
            "plans": items,
            "settings": settings,
            "out_dir": str(tmp / "out"),
            "threads": args.threads,
            "repeats": args.repeats,
            "result": str(tmp / "result.json"),
            "log": str(tmp / "blender.log"),
        }
        (tmp / "job.json").write_text(json.dumps(job))
        subprocess.run(
            [sys.executable, "-m", "generator.blender.quality", str(tmp / "job.json")], check=True, cwd=ROOT
        )
        results = json.loads((tmp / "result.json").read_text())
        rows: dict[str, list[dict]] = {}
        refs, ids = {}, {}
        for r in results:
            if r["setting"] == "reference":
                refs[r["clip_id"]] = np.asarray(Image.open(r["image"]).convert("RGB"))
                ids[r["clip_id"]] = np.load(r["ids"])
        plan_of = {it["clip_id"]: json.loads(Path(it["plan"]).read_text()) for it in items}
        for r in results:
            if r["setting"] == "reference":
                continue
            img = np.asarray(Image.open(r["image"]).convert("RGB"))
            ref, id_map, plan = refs[r["clip_id"]], ids[r["clip_id"]], plan_of[r["clip_id"]]
            held = id_map == (plan["held"]["model"]["instance_id"] if plan["held"] else -1)
            hands = np.isin(id_map, [hd["model"]["instance_id"] for hd in plan["hands"]])
            rows.setdefault(r["setting"], []).append(
                {
                    "seconds": r["seconds"],
                    "psnr": peak_signal_noise_ratio(ref, img, data_range=255),
                    "ssim": structural_similarity(ref, img, channel_axis=2, data_range=255),
                    "psnr_held": masked_psnr(ref, img, held),
                    "psnr_hands": masked_psnr(ref, img, hands),
                }
            )
    table = []
    for name, rs in rows.items():

        def mean(key, rs=rs):
            vals = [x[key] for x in rs if x[key] is not None]
            return float(np.mean(vals)) if vals else float("nan")

        masks = np.nanmean([mean("psnr_held"), mean("psnr_hands")])
        table.append(
            {
                "setting": name,
                "s_per_frame": mean("seconds"),
                "psnr": mean("psnr"),
                "ssim": mean("ssim"),
                "psnr_held": mean("psnr_held"),
                "psnr_hands": mean("psnr_hands"),
                "psnr_masks": masks,
            }
        )
    table.sort(key=lambda t: t["s_per_frame"])
    best = -np.inf
    for t in table:  # Pareto front: faster than everything at least as good inside the masks
        t["pareto"] = t["psnr_masks"] > best
        best = max(best, t["psnr_masks"])
    presets = preset_names()
    print(
        f"{'setting':24s} {'s/frame':>8s} {'PSNR':>6s} {'SSIM':>6s} {'held':>6s} {'hands':>6s}  front  preset"
    )
    for t in table:
        print(
            f"{t['setting']:24s} {t['s_per_frame']:8.3f} {t['psnr']:6.2f} {t['ssim']:6.3f} "
            f"{t['psnr_held']:6.2f} {t['psnr_hands']:6.2f}  {'  *  ' if t['pareto'] else '     '}  "
            f"{presets.get(t['setting'], '')}"
        )
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "families": families, "table": table}, indent=1))


if __name__ == "__main__":
    main()
