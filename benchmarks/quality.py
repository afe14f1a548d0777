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
    if kind == "presets":  # the grid the shipped presets were chosen from (benchmarks/RESULTS.md)
        combos = [("fast", 2, 0), ("fast", 2, 1), ("balanced", 2, 0), ("balanced", 2, 1), ("fast", 1, 0)]
        points = [(s, *c) for s in (1, 2, 4, 8, 16) for c in combos]
        points += [(4, "off", 2, 0), (16, "off", 2, 0), (8, "fast", 4, 0), (16, "fast", 4, 0)]
        points += [(8, "balanced", 4, 0), (16, "balanced", 4, 0), (16, "balanced", 4, 1)]
        out = []
        for s, d, b, pf in points:
            out.append(
                {
                    "name": f"s{s}_{d}_b{b}" + ("_pf" if pf else ""),
                    "samples": s,
                    "denoise": d,
                    "max_bounces": b,
                    "light_tree": True,
                    "adaptive_threshold": 0.0,
                    **({"prefilter": "FAST"} if pf else {}),
                }
            )
        return out
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


FAST = {"samples": 4, "denoise": "fast", "max_bounces": 2, "light_tree": True, "adaptive_threshold": 0.0}
SHADING = {  # ablations on top of the fast preset: what each shading cost buys
    "fast": {},
    "no_light_tree": {"light_tree": False},
    "prefilter_fast": {"prefilter": "FAST"},
    "prefilter_none": {"prefilter": "NONE"},
    "albedo_only": {"input_passes": "RGB_ALBEDO"},
    "no_caustics": {"caustics": False},
    "fast_gi": {"fast_gi": True},
    "no_normal_maps": {"normal_maps": False},
    "no_emission_sampling": {"emission_sampling": "NONE"},
    "no_textures": {"textures": False, "normal_maps": False},
    "no_volumes": {"volumes": False},
    "bounces1": {"max_bounces": 1},
    "blue_noise": {"pattern": "BLUE_NOISE"},
    "s3": {"samples": 3},
    "s2": {"samples": 2},
    "s3_pf": {"samples": 3, "prefilter": "FAST"},
    "clamp3": {"clamp_indirect": 3.0},
    "clamp1": {"clamp_indirect": 1.0},
    "s3_pf_clamp3": {"samples": 3, "prefilter": "FAST", "clamp_indirect": 3.0},
    "s4_pf_clamp3": {"samples": 4, "prefilter": "FAST", "clamp_indirect": 3.0},
    "s4_pf_clamp1": {"samples": 4, "prefilter": "FAST", "clamp_indirect": 1.0},
    "s3_pf_blue": {"samples": 3, "prefilter": "FAST", "pattern": "BLUE_NOISE"},
    "s2_pf_blue": {"samples": 2, "prefilter": "FAST", "pattern": "BLUE_NOISE"},
    "s4_pf_blue": {"samples": 4, "prefilter": "FAST", "pattern": "BLUE_NOISE"},
    "s4_pf_nocaustics": {"samples": 4, "prefilter": "FAST", "caustics": False},
    # on top of the shipped fast preset (BALANCED, fast prefilter): per-sample costs of the place
    "nf": {"denoise": "balanced", "prefilter": "FAST"},
    "nf_decor_none": {"denoise": "balanced", "prefilter": "FAST", "decor_emission": "NONE"},
    "nf_decor_none_nolt": {
        "denoise": "balanced",
        "prefilter": "FAST",
        "decor_emission": "NONE",
        "light_tree": False,
    },
    "nf_threshold05": {"denoise": "balanced", "prefilter": "FAST", "light_threshold": 0.05},
    "nf_threshold0": {"denoise": "balanced", "prefilter": "FAST", "light_threshold": 0.0},
    "nf_fog_camera": {"denoise": "balanced", "prefilter": "FAST", "fog_camera_only": True},
    "nf_world_auto": {"denoise": "balanced", "prefilter": "FAST", "world_map": 0},
    "nf_world512": {"denoise": "balanced", "prefilter": "FAST", "world_map": 512},
    "nf_world256": {"denoise": "balanced", "prefilter": "FAST", "world_map": 256},
    "nf_transparent2": {"denoise": "balanced", "prefilter": "FAST", "transparent_bounces": 2},
}


def shading_grid(only: list[str] | None = None) -> list[dict]:
    """The fast preset and one change at a time (or a few together), named for the change."""
    return [{"name": n, **FAST, **c} for n, c in SHADING.items() if not only or n in only]


def preset_names() -> dict[str, str]:
    """Grid names of the settings the shipped presets use."""
    out = {}
    for name, p in RENDER_PRESETS.items():
        pf = "_pf" if p.get("denoise_prefilter") == "fast" and p["denoise"] != "off" else ""
        out[f"s{p['samples']}_{p['denoise']}_b{p['max_bounces']}{pf}"] = name
    return out


def plans(families: list[str], width: int, height: int, folder: Path, clips: int = 1) -> list[dict]:
    """``clips`` positive plans per family (a shipped scene name), each at the frame where the object is
    raised the most."""
    items = []
    for fam, index in itertools.product(families, range(clips)):
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
        plan = plan_clip(cfg, cfg.seed, index)
        aim = plan.timeline.aim_weight or [1.0]
        frame = int(np.argmax(aim))
        path = folder / f"{fam}_{index}.plan.json"
        path.write_text(plan.model_dump_json())
        items.append({"plan": str(path), "frame": frame, "family": fam, "key": f"{fam}_{index}"})
    return items


def masked_psnr(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float | None:
    if mask.sum() < 16:
        return None
    mse = float(np.mean((a[mask].astype(float) - b[mask].astype(float)) ** 2))
    return 99.0 if mse == 0 else 10 * np.log10(255.0**2 / mse)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", default="320x180")
    ap.add_argument("--grid", default="small", choices=["small", "presets", "full", "shading"])
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument(
        "--clock",
        default="cpu",
        choices=["cpu", "wall"],
        help="time to rank by: cpu (CPU seconds of the render, all threads; steady on a shared machine) or wall",
    )
    ap.add_argument("--only", type=lambda v: v.split(","), default=None, help="shading grid: these names")
    ap.add_argument("--ref-samples", type=int, default=REFERENCE["samples"], help="samples of the reference")
    ap.add_argument("--clips", type=int, default=1, help="plans per family (e.g. --families demo --clips 6)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=1, help="renders per setting; the fastest counts")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    families = args.families.split(",")
    settings = [{**REFERENCE, "samples": args.ref_samples}] + (
        shading_grid(args.only) if args.grid == "shading" else grid(args.grid)
    )
    print(f"quality: {len(families)} families x {len(settings) - 1} settings at {w}x{h}; {machine()}")
    with tempfile.TemporaryDirectory(prefix="povgen-quality-") as tmp:
        tmp = Path(tmp)
        items = plans(families, w, h, tmp, args.clips)
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
                refs[r["key"]] = np.asarray(Image.open(r["image"]).convert("RGB"))
                ids[r["key"]] = np.load(r["ids"])
        plan_of = {it["key"]: json.loads(Path(it["plan"]).read_text()) for it in items}
        for r in results:
            if r["setting"] == "reference":
                continue
            img = np.asarray(Image.open(r["image"]).convert("RGB"))
            ref, id_map, plan = refs[r["key"]], ids[r["key"]], plan_of[r["key"]]
            held = id_map == (plan["held"]["model"]["instance_id"] if plan["held"] else -1)
            hands = np.isin(id_map, [hd["model"]["instance_id"] for hd in plan["hands"]])
            rows.setdefault(r["setting"], []).append(
                {
                    "seconds": r["seconds"],
                    "cpu": r["cpu_seconds"],
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
                "cpu_per_frame": mean("cpu"),
                "psnr": mean("psnr"),
                "ssim": mean("ssim"),
                "psnr_held": mean("psnr_held"),
                "psnr_hands": mean("psnr_hands"),
                "psnr_masks": masks,
            }
        )
    clock = "cpu_per_frame" if args.clock == "cpu" else "s_per_frame"
    table.sort(key=lambda t: t[clock])
    best = -np.inf
    for t in table:  # Pareto front: faster than everything at least as good inside the masks
        t["pareto"] = bool(t["psnr_masks"] > best)
        best = max(best, t["psnr_masks"])
    presets = preset_names()
    print(f"sorted by {args.clock} time; front = Pareto front of that time against PSNR inside the masks")
    print(
        f"{'setting':30s} {'s/frame':>8s} {'cpu s':>7s} {'PSNR':>6s} {'SSIM':>6s} {'held':>6s} {'hands':>6s}"
        "  front  preset"
    )
    for t in table:
        print(
            f"{t['setting']:30s} {t['s_per_frame']:8.3f} {t['cpu_per_frame']:7.3f} {t['psnr']:6.2f} "
            f"{t['ssim']:6.3f} {t['psnr_held']:6.2f} {t['psnr_hands']:6.2f}  "
            f"{'  *  ' if t['pareto'] else '     '}  {presets.get(t['setting'], '')}"
        )
    if args.json:
        args.json.write_text(json.dumps({"size": args.size, "families": families, "table": table}, indent=1))


if __name__ == "__main__":
    main()
