"""WebDataset tar shards: one sample per clip (mp4, labels json, class), or one per frame (png, mask, json).

Per-frame masks are ``mask.npy`` (uint16 instance ids): every standard decoder (webdataset's ``decode("rgb")``,
Hugging Face ``datasets``) reads .npy with numpy and keeps the ids, where an image decoder would turn a 16-bit PNG
into 8-bit or float RGB.

Keys hold no dots (WebDataset splits a member name at its first dot): ``<clip_id>`` or ``<clip_id>_<frame>``.
Shards are ``<split>-NNNNNN.tar`` with at most ``maxcount`` samples; member times are fixed for reproducible tars.
"""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import webdataset as wds

from generator.export.source import Clip


def clip_sample(clip: Clip) -> dict:
    """The sample of a whole clip."""
    lab = clip.labels
    return {
        "__key__": clip.clip_id,
        "mp4": (clip.folder / lab["video"]).read_bytes(),
        "json": lab,
        "cls": int(lab["category"] == "positive"),
    }


def frame_samples(clip: Clip):
    """The samples of a clip's frames: RGB PNG, uint16 mask (.npy), and the frame's labels with the clip axes."""
    lab = clip.labels
    clip_info = {k: lab[k] for k in ("clip_id", "category", "axes", "fps", "width", "height", "pair_id")}
    for f, rgb in zip(lab["frames"], clip.frames_rgb(), strict=True):
        ok, png = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        assert ok
        buf = io.BytesIO()
        np.save(buf, clip.mask(f).astype(np.uint16))
        yield {
            "__key__": f"{clip.clip_id}_{f['index']:06d}",
            "png": png.tobytes(),
            "mask.npy": buf.getvalue(),
            "json": {**clip_info, "frame": f},
            "cls": int(lab["category"] == "positive"),
        }


def export_webdataset(
    clips: list[Clip], splits: dict[str, str], out: Path, per_frame: bool = False, maxcount: int = 1000
) -> list[Path]:
    """Write shards per split; returns the shard paths."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.tar"):
        old.unlink()
    for split in sorted(set(splits.values())):
        pattern = str(out / f"{split}-%06d.tar")
        with wds.ShardWriter(pattern, maxcount=maxcount, verbose=0, mtime=0.0) as sink:
            for clip in clips:
                if splits[clip.clip_id] != split:
                    continue
                for sample in frame_samples(clip) if per_frame else [clip_sample(clip)]:
                    sink.write(sample)
    return sorted(out.glob("*.tar"))
