"""Augment one clip with a recipe (clip effects, transport, per-frame effects, labels) and write clip folders."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.augment.clip_effects import apply_clip_effects, draw_clip_params
from generator.augment.clipdata import ClipData
from generator.augment.frame_effects import apply_frame_effects, draw_frame_params
from generator.augment.labels import box_list, relabel
from generator.augment.overlay import (
    apply_exposure,
    draw_exposure_params,
    draw_watermark_params,
    exposure_gains,
    watermark_clip,
)
from generator.augment.recipe import Recipe
from generator.augment.transport import (
    encode_stream,
    global_motion,
    resample_indices,
    resize_clip,
    rolling_shutter,
)
from generator.dataset import card
from generator.dataset.clip import write_clip
from generator.dataset.layout import MANIFEST
from generator.dataset.manifest import append_jsonl, reconcile
from generator.dataset.video import read_frames


@dataclass
class Augmented:
    frames: np.ndarray  # what the output clip shows (decoded from the stream when re-encoded)
    masks: np.ndarray
    labels: dict
    video: Path | None  # the re-encoded stream, or None (then the writer encodes the frames)
    moved_boxes: list[tuple[int, int, list[float]]]  # albumentations' modal boxes in output frames (checks)


def clip_seed(seed: int, name: str, variant: int) -> np.random.SeedSequence:
    """The seed sequence of one variant of one clip: the same whatever the order or worker."""
    return np.random.SeedSequence(int(seed), spawn_key=(zlib.crc32(name.encode()), int(variant)))


def augment_clip(
    clip: ClipData, recipe: Recipe, seed: int, variant: int = 0, scratch: Path | None = None
) -> Augmented:
    """Apply ``recipe`` to a clip; deterministic in (seed, clip name, variant). The two clips of a
    counterfactual pair share their draws (keyed on the pair id), so they stay equal apart from the object."""
    ss = clip_seed(seed, clip.labels.get("pair_id") or clip.name, variant)
    rng = np.random.default_rng(ss)
    alb_seed = int(rng.integers(0, 2**31 - 2))
    fps_in = float(clip.labels["fps"])
    tr = recipe.transport
    cparams = draw_clip_params(recipe.clip, rng)
    tparams: dict = {"height": tr.height, "fps": tr.fps, "keyframe_s": tr.keyframe_s}
    tparams["bitrate_kbps"] = round(float(rng.uniform(*tr.bitrate_kbps)), 1) if tr.bitrate_kbps else None
    tparams["rolling_shutter_ms"] = (
        round(float(rng.uniform(*tr.rolling_shutter_ms)), 3) if tr.rolling_shutter_ms else None
    )

    h0, w0 = clip.frames.shape[1:3]
    modal = box_list(clip.labels, "bbox_modal")
    amodal = [(f, -i, b) for f, i, b in box_list(clip.labels, "bbox_amodal")]  # negative ids: amodal boxes
    frames, masks, boxes = apply_clip_effects(clip.frames, clip.masks, modal + amodal, cparams, alb_seed)
    if tparams["rolling_shutter_ms"]:
        motion = global_motion(frames)
        tparams["motion_px"] = [[round(float(v), 3) for v in m] for m in motion]
        frames, masks = rolling_shutter(frames, masks, motion, tparams["rolling_shutter_ms"] / 1000.0, fps_in)
    fps_out = int(tr.fps or round(fps_in))
    src_of = resample_indices(len(frames), fps_in, fps_out) if tr.fps else list(range(len(frames)))
    frames, masks = frames[src_of], masks[src_of]
    sx = sy = 1.0
    if tr.height and tr.height < h0:  # transport only ever downscales
        frames, masks = resize_clip(frames, masks, tr.height)
        sx, sy = frames.shape[2] / w0, frames.shape[1] / h0
    tparams["height"] = int(frames.shape[1])  # the size the stream really has (transport never upscales)
    device_rng = np.random.default_rng(np.random.SeedSequence(ss.entropy, spawn_key=(*ss.spawn_key, 1)))
    exposure = draw_exposure_params(recipe.auto_exposure, device_rng)
    watermark = draw_watermark_params(recipe.watermark, device_rng)
    if exposure:
        gains = exposure_gains(frames, fps_out, exposure["lag_s"], exposure["strength"])
        exposure["gains"] = [round(float(g), 4) for g in gains]
        frames = apply_exposure(frames, gains)
    fparams = draw_frame_params(recipe.frame, rng, len(frames))
    frames = np.stack([apply_frame_effects(f, p) for f, p in zip(frames, fparams, strict=True)])
    if watermark:
        frames = watermark_clip(frames, watermark, fps_out)

    def scale(b):
        return [b[0] * sx, b[1] * sy, b[2] * sx, b[3] * sy]

    by_src = {j: k for k, j in reversed(list(enumerate(src_of)))}
    moved = [(by_src[f], i, scale(b)) for f, i, b in boxes if i > 0 and f in by_src]
    amodal_moved = {(f, -i): scale(b) for f, i, b in boxes if i < 0}
    zoom = sx * sy * cparams.get("crop_scale", {}).get("scale", 1.0) ** 2
    video = None
    if tparams["bitrate_kbps"]:
        scratch = scratch or Path(tempfile.mkdtemp(prefix="povgen-aug-"))
        video = scratch / f"stream-{os.getpid()}-{variant}.mp4"
        encode_stream(frames, video, fps_out, tparams["bitrate_kbps"], tr.keyframe_s)
        decoded = read_frames(video)
        frames = np.stack(decoded[: len(frames)])
    augmentation = {
        "recipe": recipe.name,
        "seed": int(seed),
        "variant": int(variant),
        "entropy": [int(ss.entropy), *[int(k) for k in ss.spawn_key]],
        "source_clip": clip.labels.get("clip_id", clip.name),
        "source": clip.labels.get("source", "render"),
        "params": {
            "clip": cparams,
            "frame": fparams,
            "transport": tparams,
            **({"auto_exposure": exposure} if exposure else {}),
            **({"watermark": watermark} if watermark else {}),
        },
        "recipe_spec": recipe.model_dump(mode="json"),
    }
    labels = relabel(
        clip.labels, masks, src_of, amodal_moved, zoom, fps_out, recipe.hidden_below, augmentation
    )
    return Augmented(frames, masks, labels, video, moved)


def augment_into(
    clips: Iterable[Callable[[], ClipData] | ClipData],
    names: list[str],
    recipe: Recipe,
    out: Path,
    variants: int = 1,
    seed: int = 0,
    keep_clean: bool = False,
    on_clip: Callable[[str], None] | None = None,
) -> dict:
    """Augment clips into the dataset folder ``out`` (resumable: finished variants are skipped)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    done = reconcile(out)
    t0 = time.perf_counter()
    counts = {"written": 0, "skipped": 0, "frames": 0}
    scratch = Path(tempfile.mkdtemp(prefix="povgen-aug-"))
    try:
        for n, (name, item) in enumerate(zip(names, clips, strict=True)):
            todo = [v for v in range(variants) if f"{name}-{recipe.name}-{v}" not in done]
            clean_id = f"{name}-clean"
            if not todo and (not keep_clean or clean_id in done):
                counts["skipped"] += variants
                continue
            clip = item() if callable(item) else item
            if keep_clean and clean_id not in done:
                lab = {**clip.labels, "index": n * (variants + 1) + variants}
                rec = write_clip(out, clean_id, clip.frames, clip.masks, lab, clip.plan)
                append_jsonl(out / MANIFEST, rec)
            counts["skipped"] += variants - len(todo)
            for v in todo:
                a = augment_clip(clip, recipe, seed, v, scratch)
                cid = f"{name}-{recipe.name}-{v}"
                a.labels["index"] = n * (variants + 1) + v
                rec = write_clip(out, cid, a.frames, a.masks, a.labels, clip.plan, a.video)
                append_jsonl(out / MANIFEST, rec)
                counts["written"] += 1
                counts["frames"] += len(a.frames)
                if on_clip:
                    on_clip(cid)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    counts["wall_s"] = round(time.perf_counter() - t0, 3)
    config = {"recipe": recipe.model_dump(mode="json"), "variants": variants, "keep_clean": keep_clean}
    write_card(out, f"augment-{recipe.name}", seed, config, counts["wall_s"])
    return counts


def write_card(root: Path, name: str, seed: int, config: dict, wall_s: float) -> dict:
    """dataset.json of an augmented or composited dataset (the schema of generate's card), from the manifest."""
    timings = {"seconds_total": {"last_run": wall_s}}
    written = card.write_card(root, name, seed, config, timings=timings, extra={"status": "complete"})
    from generator.export.card import refresh_readme

    refresh_readme(root)  # the human-readable card beside dataset.json
    return written
