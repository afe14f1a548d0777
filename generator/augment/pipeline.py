"""Augment one clip with a recipe (clip effects, transport, per-frame effects, labels) and write clip folders."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import cv2
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
from generator.dataset.layout import CARD, MANIFEST, TMP_PREFIX, clip_dir, frame_name
from generator.dataset.manifest import append_jsonl, manifest_record, reconcile
from generator.dataset.video import encode_mp4, read_frames
from generator.labels.schema import ClipLabels


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


def write_clip(
    root: Path,
    clip_id: str,
    frames: np.ndarray,
    masks: np.ndarray,
    labels: dict,
    plan: dict,
    video: Path | None = None,
    crf: int = 20,
    extra: dict[str, np.ndarray] | None = None,
    files: dict[str, np.ndarray] | None = None,
) -> dict:
    """Write a finished clip folder atomically (temporary folder, then rename) and return its manifest record."""
    final = clip_dir(root, clip_id)
    tmp = final.parent / f"{TMP_PREFIX}{clip_id}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "frames").mkdir(parents=True)
    (tmp / "masks").mkdir()
    try:
        for k, (f, m) in enumerate(zip(frames, masks, strict=True)):
            cv2.imwrite(str(tmp / "frames" / frame_name(k)), cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
            cv2.imwrite(str(tmp / "masks" / frame_name(k)), m.astype(np.uint16))
        for name, img in (files or {}).items():  # e.g. environment.png of composites
            cv2.imwrite(str(tmp / name), img)
        for folder, images in (extra or {}).items():  # e.g. alpha/ of composites
            (tmp / folder).mkdir()
            for k, img in enumerate(images):
                cv2.imwrite(str(tmp / folder / frame_name(k)), img)
        if video is not None:
            shutil.move(str(video), tmp / "video.mp4")
        else:
            encode_mp4(list(frames), tmp / "video.mp4", int(labels["fps"]), crf=crf)
        labels = {**labels, "clip_id": clip_id}
        checked = ClipLabels.model_validate(labels)  # never write labels that do not match the schema
        (tmp / "plan.json").write_text(
            json.dumps({**plan, "clip_id": clip_id}, indent=1) + "\n", encoding="utf-8"
        )
        (tmp / "labels.json").write_text(checked.model_dump_json(indent=1) + "\n", encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        os.rename(tmp, final)
        return manifest_record(json.loads(checked.model_dump_json()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


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
    import hashlib
    import platform

    import generator
    from generator.dataset.manifest import read_jsonl

    records = read_jsonl(root / MANIFEST)
    frames = sum(r.get("frames", 0) for r in records)
    card = {
        "schema_version": 1,
        "kind": "povgen.dataset",
        "name": name,
        "seed": int(seed),
        "config_hash": hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16],
        "config": config,
        "versions": {
            "povgen": generator.__version__,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "blender": None,
        },
        "counts": {
            "clips": len(records),
            "frames": frames,
            "by_category": dict(Counter(r["category"] for r in records)),
            "by_held_object": dict(Counter(r["held_object"] for r in records)),
            "by_weapon_class": dict(Counter(r["weapon_class"] for r in records)),
        },
        "timings": {"seconds_total": {"last_run": wall_s}},
        "status": "complete",
    }
    tmp = root / (CARD + ".tmp")
    tmp.write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, root / CARD)
    return card
