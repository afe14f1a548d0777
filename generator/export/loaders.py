"""Map-style datasets for training: ``ClipDataset`` (video clips) and ``FrameDataset`` (detection frames).

Both import without torch and return plain numpy arrays in dicts, which ``torch.utils.data.DataLoader`` takes
as a map-style dataset (it needs only ``__len__`` and ``__getitem__``). Frames are uint8 RGB, H x W x C;
boxes are float32 [x0, y0, x1, y1] modal boxes in pixel edges (exactly the labels' ``bbox_modal``); class ids
index ``generator.export.classes.class_names()`` (the YOLO ids; COCO ids are these + 1). Box counts differ
between frames, so batch boxes with a list-keeping ``collate_fn`` (see docs/training.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from generator.errors import PovgenError
from generator.export.classes import class_names
from generator.export.source import Clip, keep_box, load_clips


def split_clips(root: Path, split: str | None, splits_file: Path | None = None) -> list[Clip]:
    """The dataset's clips, or those of one split named in ``splits.json`` (default ``root/exports``)."""
    clips = load_clips(root)
    if split is None:
        return clips
    path = Path(splits_file) if splits_file else Path(root) / "exports" / "splits.json"
    if not path.is_file():
        raise PovgenError(f"{path}: no splits file (run `povgen export {root}` first)")
    splits = json.loads(path.read_text(encoding="utf-8"))
    chosen = [c for c in clips if splits.get(c.clip_id) == split]
    if not chosen:
        raise PovgenError(
            f"split {split!r}: no clips in {path} (splits: {', '.join(sorted(set(splits.values())))})"
        )
    return chosen


def frame_boxes(frame: dict, cls_of: dict[str, int], min_box_px: float, min_visible: float) -> dict:
    """Boxes, class ids and instance ids of one frame label (annotations kept by keep_box)."""
    anns = [
        a for a in frame["annotations"] if a["category"] in cls_of and keep_box(a, min_box_px, min_visible)
    ]
    return {
        "boxes": np.array([a["bbox_modal"] for a in anns], dtype=np.float32).reshape(-1, 4),
        "labels": np.array([cls_of[a["category"]] for a in anns], dtype=np.int64),
        "instance_ids": np.array([a["instance_id"] for a in anns], dtype=np.int64),
    }


class ClipDataset:
    """Clips as T x H x W x C uint8 arrays of ``num_frames`` frames ``stride`` apart, with clip labels.

    Item keys: ``frames``, ``frame_indices``, ``label`` (1 = firearm held), ``clip_id``, ``axes``,
    ``first_visible_frame`` (-1 if none); with ``boxes=True`` also per-frame lists ``boxes``, ``labels``,
    ``instance_ids``; with ``masks=True`` ``masks`` (T x H x W uint16 instance ids). The window is centred in
    the clip, or starts at ``start``; indices past the end repeat the last frame.
    """

    def __init__(
        self,
        root: Path,
        split: str | None = None,
        num_frames: int = 8,
        stride: int = 1,
        start: int | None = None,
        boxes: bool = False,
        masks: bool = False,
        min_box_px: float = 0.0,
        min_visible: float = 0.0,
        splits_file: Path | None = None,
    ):
        if num_frames < 1 or stride < 1:
            raise PovgenError("num_frames and stride must be at least 1")
        self.clips = split_clips(Path(root), split, splits_file)
        self.num_frames, self.stride, self.start = num_frames, stride, start
        self.boxes, self.masks = boxes, masks
        self.min_box_px, self.min_visible = min_box_px, min_visible
        self.cls_of = {n: k for k, n in enumerate(class_names())}

    def __len__(self) -> int:
        return len(self.clips)

    def indices(self, n: int) -> np.ndarray:
        """The frame indices sampled from a clip of n frames."""
        span = (self.num_frames - 1) * self.stride + 1
        start = self.start if self.start is not None else max(0, (n - span) // 2)
        return np.minimum(start + self.stride * np.arange(self.num_frames), n - 1)

    def __getitem__(self, i: int) -> dict:
        clip = self.clips[i]
        lab = clip.labels
        idx = self.indices(lab["num_frames"])
        if all(f["image"] for f in lab["frames"]):
            frames = np.stack([clip.frame_rgb(int(k)) for k in idx])
        else:
            decoded = clip.frames_rgb()
            frames = np.stack([decoded[int(k)] for k in idx])
        first = lab.get("first_visible")
        item = {
            "frames": frames,
            "frame_indices": idx.astype(np.int64),
            "label": int(lab["category"] == "positive"),
            "clip_id": clip.clip_id,
            "axes": dict(lab["axes"]),
            "first_visible_frame": first["frame"] if first else -1,
        }
        if self.boxes:
            per = [
                frame_boxes(lab["frames"][int(k)], self.cls_of, self.min_box_px, self.min_visible)
                for k in idx
            ]
            item.update({key: [p[key] for p in per] for key in ("boxes", "labels", "instance_ids")})
        if self.masks:
            item["masks"] = np.stack([clip.mask(lab["frames"][int(k)]) for k in idx]).astype(np.uint16)
        return item


class FrameDataset:
    """Single frames for detection: ``image`` (H x W x 3 uint8), ``boxes`` (N x 4 float32), ``labels`` (N
    class ids), ``instance_ids``, ``clip_id``, ``frame``, ``clip_label``; ``mask`` (H x W uint16) with
    ``masks=True``. Boxes under ``min_box_px`` or ``min_visible`` are left out (defaults keep every box)."""

    def __init__(
        self,
        root: Path,
        split: str | None = None,
        masks: bool = False,
        min_box_px: float = 0.0,
        min_visible: float = 0.0,
        splits_file: Path | None = None,
    ):
        self.clips = split_clips(Path(root), split, splits_file)
        self.index = [(c, k) for c, clip in enumerate(self.clips) for k in range(clip.labels["num_frames"])]
        self.masks, self.min_box_px, self.min_visible = masks, min_box_px, min_visible
        self.cls_of = {n: k for k, n in enumerate(class_names())}

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, i: int) -> dict:
        c, k = self.index[i]
        clip = self.clips[c]
        frame = clip.labels["frames"][k]
        item = {
            "image": clip.frame_rgb(k),
            **frame_boxes(frame, self.cls_of, self.min_box_px, self.min_visible),
            "clip_id": clip.clip_id,
            "frame": k,
            "clip_label": int(clip.labels["category"] == "positive"),
        }
        if self.masks:
            item["mask"] = clip.mask(frame).astype(np.uint16)
        return item
