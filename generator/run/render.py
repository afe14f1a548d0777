"""Render one plan into a finished clip folder: render (generator.blender), label (generator.labels), augment
when the plan says so (generator.augment), write (generator.dataset.ClipWriter). Imported by worker processes
only: it loads Blender."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from generator.audio.render import render_audio
from generator.audio.track import retime
from generator.blender.render import BLENDER_VERSION, close_render, open_render
from generator.dataset.clip import ClipWriter
from generator.labels.make import clip_labels, frame_labels
from generator.labels.schema import AudioInfo, FrameLabels
from generator.plan.model import ClipPlan

__all__ = ["BLENDER_VERSION", "render_plan_to"]


def render_plan_to(plan: ClipPlan, root: Path, threads: int = 0) -> dict:
    """Render ``plan`` into ``root/clips/<id>`` and return its manifest record with timings and device."""
    t0 = time.perf_counter()
    root = Path(root)
    r = open_render(plan, threads, root)
    timings = {"build": 0.0, "render": 0.0, "labels": 0.0, "encode": 0.0, "write": 0.0}
    augment = plan.augment
    writer = None
    try:
        writer = (
            ClipWriter(root, plan.clip_id, save_frames=plan.render.save_frames) if augment is None else None
        )
        frames: list[FrameLabels] = []
        kept: list[tuple[np.ndarray, np.ndarray]] = []  # frames and masks for augmentation
        for fr in r.frames():
            ta = time.perf_counter()
            if writer is not None:
                depth = fr.depth if plan.render.save_depth else None
                files = writer.add_frame(fr.index, fr.image, fr.ids, depth)
            else:  # augmented: the clean render is written (if kept) into clean/, with frames
                files = ClipWriter.frame_files(fr.index)
                kept.append((fr.image[..., :3], fr.ids))
            tb = time.perf_counter()
            frames.append(frame_labels(plan, fr.index, fr.ids, fr.instances, fr.camera_matrix, files))
            timings["labels"] += time.perf_counter() - tb
            timings["write"] += tb - ta
        timings["build"], timings["render"] = r.timings["build"], r.timings["render"]
        timings["render_cpu"] = r.timings.get("render_cpu", 0.0)
        ta = time.perf_counter()
        track = render_audio(plan)  # the sound track from the plan (generator/audio); None when off
        timings["audio"] = time.perf_counter() - ta
        if writer is None:
            timings["total"] = time.perf_counter() - t0
            labels = clip_labels(plan, frames, timings)
            labels.audio = None if track is None else AudioInfo.model_validate(track.label)
            record = _write_augmented(root, plan, labels, kept, augment, track)
        else:
            with writer:
                te = time.perf_counter()
                if track is not None:
                    keep = bool(track.label["wav"])
                    writer.add_audio(track.samples, track.sample_rate, keep, track.label["bitrate_kbps"])
                writer.encode_video(plan.render.fps, plan.render.video_crf)
                timings["encode"] = time.perf_counter() - te
                timings["total"] = time.perf_counter() - t0
                labels = clip_labels(plan, frames, timings)
                labels.audio = None if track is None else AudioInfo.model_validate(track.label)
                record = writer.commit(labels, plan)
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    finally:
        close_render(r)
    record["timings"] = labels.timings
    record["device"] = r.device
    return record


def _write_augmented(root: Path, plan: ClipPlan, labels, kept: list, spec: dict, track=None) -> dict:
    """Augment the rendered clip in memory (the scene's augment: section) and write that instead; with
    keep_clean the clean render is kept in the clip's clean/ folder."""
    from generator.augment.clipdata import ClipData
    from generator.augment.pipeline import augment_clip  # albumentations: loaded only by augmenting workers
    from generator.augment.recipe import Recipe

    recipe = Recipe.model_validate(spec["recipe"])
    plan_d = json.loads(plan.model_dump_json())
    labels_d = json.loads(labels.model_dump_json())
    frames = np.stack([f for f, _ in kept])
    masks = np.stack([m for _, m in kept])
    data = ClipData(plan.clip_id, frames, masks, labels_d, plan_d)
    scratch = Path(tempfile.mkdtemp(prefix="povgen-aug-"))
    try:
        a = augment_clip(data, recipe, int(spec["seed"]), 0, scratch=scratch)
        with ClipWriter(root, plan.clip_id) as w:
            if spec.get("keep_clean"):
                w.add_clip("clean", frames, masks, {**labels_d, "audio": None}, plan_d)
            w.add_frames(a.frames, a.masks)
            if a.video is not None:
                w.add_video(a.video)
            if track is not None:  # the sound follows the frames: cut to the augmented clip, events re-timed
                cut, a.labels["audio"] = retime(track.label, track.samples, a.labels["fps"], a.labels["num_frames"])
                w.add_audio(cut, track.sample_rate, bool(track.label["wav"]), track.label["bitrate_kbps"])
            return w.commit(a.labels, plan_d, crf=plan.render.video_crf)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
