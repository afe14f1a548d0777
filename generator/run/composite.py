"""povgen composite: plan hands and held object for each background clip (a positive and, by default, a negative
of the same motion: a counterfactual pair), render them as transparent layers in Blender workers, light and
composite them onto the background, and write labelled clips (``source: composite``)."""

from __future__ import annotations

import re
import shutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from generator.augment.clipdata import ClipData
from generator.augment.composite import (
    LUMA,
    composite_frame,
    environment_image,
    estimate_light,
    exposure_balance,
    layer_gains,
    match_blur,
    srgb_to_linear,
    sun_for,
)
from generator.augment.pipeline import augment_clip, write_card, write_clip
from generator.augment.real_footage import VIDEO_EXT, video_meta
from generator.augment.recipe import Recipe
from generator.config import load_config
from generator.dataset.clip import ClipReader
from generator.dataset.layout import MANIFEST
from generator.dataset.manifest import append_jsonl, reconcile
from generator.errors import PovgenError
from generator.plan.model import Atmosphere, ClipPlan, Light
from generator.plan.planner import plan_clip
from generator.run.pool import PoolOptions, WorkerPool

LAYERS = ".layers"
ENV = "env"
LAYER_SAMPLES = 16  # with denoising, enough for a layer without speckle at any size the tests and docs use


def sun_power(light: dict) -> float:
    """A sun beside the world image: it gives the estimated direction a shadow side, half the usual strength."""
    return round(float(np.clip(0.5 + 4.0 * light["exposure"], 0.3, 4.0)), 3)


def env_png(env: np.ndarray) -> np.ndarray:
    """A linear float RGB world image as a 16-bit BGR PNG array (Blender reads it as Linear Rec.709)."""
    return cv2.cvtColor(np.rint(np.clip(env, 0, 1) * 65535).astype(np.uint16), cv2.COLOR_RGB2BGR)


@dataclass
class Background:
    name: str
    frames: np.ndarray
    fps: int


def background_videos(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_file():
        return [path]
    if path.is_dir():
        vids = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in VIDEO_EXT)
        if vids:
            return vids
        raise PovgenError(f"--background {path}: no videos ({', '.join(VIDEO_EXT)}) in this folder")
    raise PovgenError(f"--background {path}: no such file or folder")


def read_background(video: Path, frames: int | None, height: int | None) -> Background:
    """Frames of a background video, cut to ``frames``, scaled to ``height`` and cropped to even sizes."""
    imgs, fps = video_meta(video)
    if not imgs:
        raise PovgenError(f"{video}: video has no frames")
    imgs = imgs[:frames] if frames else imgs
    h, w = imgs[0].shape[:2]
    if height and height != h:
        nw = int(round(w * height / h))
        imgs = [cv2.resize(f, (nw, height), interpolation=cv2.INTER_AREA) for f in imgs]
        h, w = height, nw
    imgs = [f[: h - h % 2, : w - w % 2] for f in imgs]
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", video.stem)
    return Background(name, np.stack(imgs), max(1, int(round(fps))))


def layer_plans(
    bg: Background, index: int, scene: Path, overrides: list[str], seed: int, negatives: bool
) -> list[ClipPlan]:
    """Plans of the layers for one background: the same motion, held firearm and (optionally) harmless object."""
    n, h, w = bg.frames.shape[:3]
    light = estimate_light(bg.frames)
    base = list(overrides) + [
        f"render.width={w}",
        f"render.height={h}",
        f"render.fps={bg.fps}",
        f"render.frames={n}",
        "render.save_frames=true",
        "augment.recipe=null",
    ]
    kinds = [("positive", 1.0)] + ([("negative", 0.0)] if negatives else [])
    plans = []
    for k, (kind, frac) in enumerate(kinds):
        cfg = load_config(scene, base + [f"content.positive_fraction={frac}"])
        p = plan_clip(cfg, seed, index)
        axes = p.axes.model_copy(
            update={"context": "real_background", "environment": "composite", "lighting": "matched"}
        )
        bal = np.clip(np.array(light["balance"]), 0.5, 1.5)
        plans.append(
            p.model_copy(
                update={
                    "clip_id": f"{bg.name}-{kind}",
                    "index": index * 2 + k,
                    "axes": axes,
                    "environment": [],  # the layer holds only the held object, hands and effects:
                    "actors": [],  # no figures or targets (the background is the world)
                    "atmosphere": Atmosphere(),  # no fog, rain or dust over real footage
                    "world_zenith": None,
                    "lights": [
                        Light(**{**sun_for(light, p.camera.rotation[0]), "power_w": sun_power(light)})
                    ],
                    "world_color": tuple(float(c) for c in bal / bal.max()),
                    "world_strength": 1.0,  # the world is the background's own light (world_image, linear)
                    "world_image": f"{ENV}/{bg.name}.png",
                    "render": p.render.model_copy(update=layer_render(p)),
                    "pair_id": f"{bg.name}-pair" if negatives else None,
                    "augment": None,
                }
            )
        )
    return plans


def layer_render(plan: ClipPlan) -> dict:
    """Render settings of a layer: transparent film, frames kept, denoised at a sample count that is clean."""
    return {
        "transparent": True,
        "save_frames": True,
        "samples": max(plan.render.samples, LAYER_SAMPLES),
        "denoise": "balanced" if plan.render.denoise == "off" else plan.render.denoise,
    }


def read_layer(clip: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    """RGBA frames, masks and labels of a rendered layer clip."""
    reader = ClipReader(clip)
    return reader.frames(alpha=True), reader.masks(), reader.labels


def composite_clip(
    bg: Background, layer: Path, plan: ClipPlan, seed: int
) -> tuple[ClipData, np.ndarray, dict]:
    """Light-match and composite one rendered layer over its background; returns the clip, alphas and the
    parameters used."""
    rgba, masks, labels = read_layer(layer)
    light = estimate_light(bg.frames)
    a = rgba[..., 3] > 127
    lin = srgb_to_linear(rgba[..., :3][a].astype(np.float64) / 255.0) if a.any() else np.zeros((1, 3))
    gains = layer_gains(light, float((lin @ LUMA).mean()))
    mid = len(rgba) // 2
    blur = match_blur(rgba[mid, ..., :3] * gains, rgba[mid, ..., 3] / 255.0, light["sharpness"])
    rng = np.random.default_rng(
        np.random.SeedSequence(int(seed), spawn_key=(zlib.crc32(plan.clip_id.encode()),))
    )
    frames, alphas, per_frame = [], [], []
    layer_lum = float((lin @ LUMA).mean())
    for f in range(len(rgba)):  # exposure and colour follow each background frame; direction is per clip
        exp_f, bal_f = exposure_balance(bg.frames[f : f + 1])
        gains_f = layer_gains({"exposure": exp_f, "balance": list(bal_f)}, layer_lum)
        per_frame.append([round(float(g), 4) for g in gains_f])
        out, alpha = composite_frame(bg.frames[f], rgba[f], gains_f, blur, light["noise_sigma"], rng)
        frames.append(out)
        alphas.append(alpha)
    params = {
        "light": light,
        "gains": per_frame,
        "blur_sigma": blur,
        "noise_sigma": light["noise_sigma"],
        "sun": {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in sun_for(light, plan.camera.rotation[0]).items()
        },
    }
    labels.update(
        source="composite", background=bg.name, pair_id=plan.pair_id, augmentation={"composite": params}
    )
    clip = ClipData(plan.clip_id, np.stack(frames), masks, labels, plan.model_dump(mode="json"))
    return clip, np.stack(alphas), params


def run_composite(
    background: Path,
    out: Path,
    scene: Path,
    overrides: list[str] | None = None,
    seed: int = 0,
    frames: int | None = None,
    height: int | None = None,
    negatives: bool = True,
    recipe: Recipe | None = None,
    workers: int = 1,
    threads: int = 0,
    on_clip: Callable[[str], None] | None = None,
    skip_bad: bool = True,
    on_event: Callable[[str, dict], None] | None = None,
) -> dict:
    """Composite layers onto every background video; resumable (finished clips are skipped). With ``skip_bad``
    an unreadable background is left out and listed in ``counts["bad"]``; the rest composites."""
    out = Path(out)
    load_config(scene, list(overrides or []))  # a bad scene or --set stops here, before anything is written
    PoolOptions(workers=workers, threads=threads)
    videos = background_videos(background)
    emit = on_event or (lambda kind, data: None)
    counts: dict = {"written": 0, "skipped": 0, "failed": 0, "bad": []}
    bgs, plans, read = {}, [], []
    emit("reading", {"total": len(videos)})
    for i, v in enumerate(videos):
        try:
            bg = read_background(v, frames, height)
        except Exception as exc:  # noqa: BLE001 - any unreadable video is one listed, skipped background
            if not skip_bad:
                raise PovgenError(f"{v}: unreadable background ({exc}); --skip-bad leaves it out") from None
            counts["bad"].append(
                {"background": str(v), "error": " ".join(str(exc).split()) or type(exc).__name__}
            )
            emit("bad", counts["bad"][-1])
            continue
        read.append((i, bg))
        emit("read", {"background": str(v)})
    if not read:
        raise PovgenError(
            f"--background {background}: no readable background video ({counts['bad'][0]['error']})"
        )
    out.mkdir(parents=True, exist_ok=True)
    done = reconcile(out)
    layers = out / LAYERS
    for i, bg in read:
        ps = layer_plans(bg, i, scene, list(overrides or []), seed, negatives)
        todo = [p for p in ps if p.clip_id not in done]
        counts["skipped"] += len(ps) - len(todo)
        if todo:
            bgs[bg.name] = bg
            plans += [(bg.name, p) for p in todo]
    emit("start", {"todo": len(plans), "skipped": counts["skipped"]})
    if not plans:
        return counts
    layers.mkdir(exist_ok=True)
    (layers / "clips").mkdir(exist_ok=True)
    (layers / ENV).mkdir(exist_ok=True)
    envs = {}
    for name, p in plans:  # the world image of each background, from its middle frame and the planned camera
        if name not in envs:
            mid = len(bgs[name].frames) // 2
            env = environment_image(bgs[name].frames[mid], p.camera.rotation[mid], p.camera.lens.fov_deg)
            envs[name] = env_png(env)
            cv2.imwrite(str(layers / ENV / f"{name}.png"), envs[name])
    rendered: dict[str, dict] = {}
    failures: list[str] = []
    pool = WorkerPool(
        layers, PoolOptions(workers=workers, threads=threads, retries=1, log_dir=layers / "logs")
    )
    pool.run(
        [p for _, p in plans],
        on_done=lambda r: (rendered.update({r["clip_id"]: r}), emit("rendered", r)),
        on_failed=lambda p, e, _n: (
            failures.append(f"{p.clip_id}: {e.splitlines()[0]}"),
            emit("failed", {"clip_id": p.clip_id}),
        ),
    )
    try:
        for name, p in plans:
            if p.clip_id not in rendered:
                counts["failed"] += 1
                continue
            clip, alphas, _ = composite_clip(bgs[name], layers / "clips" / p.clip_id, p, seed)
            video = None
            masks = clip.masks
            labels = clip.labels
            frames_out = clip.frames
            if recipe is not None:
                a = augment_clip(clip, recipe, seed, 0, scratch=layers)
                a.labels["augmentation"]["composite"] = clip.labels["augmentation"]["composite"]
                frames_out, masks, labels, video = a.frames, a.masks, a.labels, a.video
            # without a recipe the frames keep the layer's geometry, so its alpha (as used) goes along: a matte
            # for users and the evidence the boxes are checked against
            extra = {"alpha": np.rint(alphas * 255).astype(np.uint8)} if recipe is None else None
            plan_out = {
                **clip.plan,
                "world_image": f"clips/{p.clip_id}/environment.png",
            }  # render-plan finds it
            rec = write_clip(
                out,
                p.clip_id,
                frames_out,
                masks,
                labels,
                plan_out,
                video,
                extra=extra,
                files={"environment.png": envs[name]},
            )
            append_jsonl(out / MANIFEST, rec)
            counts["written"] += 1
            emit("written", {"clip_id": p.clip_id})
            if on_clip:
                on_clip(p.clip_id)
    finally:
        shutil.rmtree(layers, ignore_errors=True)
    config = {
        "background": str(background),
        "scene": str(scene),
        "overrides": list(overrides or []),
        "frames": frames,
        "height": height,
        "negatives": negatives,
        "recipe": recipe.model_dump(mode="json") if recipe else None,
        "bad_backgrounds": counts["bad"],
    }
    write_card(out, "composite", seed, config, 0.0)
    if failures:
        raise PovgenError(f"{len(failures)} layer renders failed; first: {failures[0]}")
    return counts
