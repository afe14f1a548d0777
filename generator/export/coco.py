"""Video-aware COCO: one image per frame (video_id, frame_id), a videos list, RLE masks, label attributes.

Boxes are the modal boxes (visible pixels) as COCO [x, y, w, h] in pixel edges; the amodal box, visible
fraction, truncation and clip axes ride along as attributes. Instances with no visible pixel are left out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import cv2
import numpy as np
from pycocotools import mask as mask_utils

from generator.catalog import weapon_classes
from generator.dataset.layout import frame_name
from generator.export.classes import class_names
from generator.export.source import Clip, iter_frames, keep_box

VIDEO_KEYS = ("category", "pair_id", "scene", "fps", "num_frames", "width", "height", "duration_s")


def rle(binary: np.ndarray) -> dict:
    """COCO compressed RLE of a 2-D boolean mask, with ``counts`` as text (JSON-ready)."""
    enc = mask_utils.encode(np.asfortranarray(binary.astype(np.uint8)))
    return {"size": [int(enc["size"][0]), int(enc["size"][1])], "counts": enc["counts"].decode("ascii")}


def coco_dict(
    clips: list[Clip],
    image_path=None,
    description: str = "povgen",
    classes: list[str] | None = None,
    keep=keep_box,
) -> dict:
    """The COCO document of some clips. ``image_path(clip, frame)`` gives each frame's file_name; ``classes``
    fixes the category list (ids 1..n in its order, default every class; other categories are left out);
    ``keep(annotation)`` says which annotations get a box."""
    cats = classes or class_names()
    cat_id = {c: k + 1 for k, c in enumerate(cats)}
    videos, images, anns = [], [], []
    for vid, clip in enumerate(clips, 1):
        lab = clip.labels
        videos.append(
            {
                "id": vid,
                "name": clip.clip_id,
                "file_name": f"{clip.rel}/{lab['video']}",
                **{k: lab.get(k) for k in VIDEO_KEYS},
                "axes": lab["axes"],
                "events": lab["events"],
                "first_visible": lab["first_visible"],
            }
        )
        for frame, mask in iter_frames(clip):
            image_id = len(images) + 1
            name = image_path(clip, frame) if image_path else f"{clip.rel}/{frame['image']}"
            images.append(
                {
                    "id": image_id,
                    "video_id": vid,
                    "frame_id": frame["index"],
                    "file_name": name,
                    "width": lab["width"],
                    "height": lab["height"],
                    "time_s": frame["time_s"],
                }
            )
            for a in frame["annotations"]:
                if not keep(a) or a["category"] not in cat_id:
                    continue
                x0, y0, x1, y1 = a["bbox_modal"]
                anns.append(
                    {
                        "id": len(anns) + 1,
                        "image_id": image_id,
                        "video_id": vid,
                        "track_id": vid * 1000 + a["instance_id"],
                        "instance_id": a["instance_id"],
                        "category_id": cat_id[a["category"]],
                        "bbox": [x0, y0, x1 - x0, y1 - y0],
                        "area": a["area_px"],
                        "segmentation": rle(mask == a["instance_id"]),
                        "iscrowd": 0,
                        "attributes": {
                            "bbox_amodal": a["bbox_amodal"],
                            "visible_fraction": a["visible_fraction"],
                            "truncation": a["truncation"],
                            "muzzle_point": a.get("muzzle_point"),
                            "weapon_present": lab["axes"]["weapon_present"],
                            "weapon_class": lab["axes"]["weapon_class"],
                            "weapon_kind": lab["axes"]["weapon_kind"],
                        },
                    }
                )
    return {
        "info": {"description": description, "version": "1", "format": "coco+video (povgen)"},
        "licenses": [],
        "categories": [{"id": cat_id[c], "name": c, "supercategory": supercategory(c)} for c in cats],
        "videos": videos,
        "images": images,
        "annotations": anns,
    }


def supercategory(name: str) -> str:
    if name in weapon_classes():
        return "firearm"
    if name in {"person", "target"}:
        return "scene"
    return "hand" if name.startswith("hand") else "object"


def decoded_frames(out: Path, dataset_root: Path):
    """An image_path function that writes frames decoded from the video when a clip saved no PNGs."""
    done: dict[str, list[str]] = {}

    def image_path(clip: Clip, frame: dict) -> str:
        if frame["image"]:
            return f"{clip.rel}/{frame['image']}"
        if clip.clip_id not in done:
            folder = out / "images" / clip.clip_id
            folder.mkdir(parents=True, exist_ok=True)
            done[clip.clip_id] = []
            for i, rgb in enumerate(clip.frames_rgb()):
                cv2.imwrite(str(folder / frame_name(i)), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
                done[clip.clip_id].append(os.path.relpath(folder / frame_name(i), dataset_root))
        return done[clip.clip_id][frame["index"]]

    return image_path


def export_coco(
    clips: list[Clip],
    splits: dict[str, str],
    out: Path,
    dataset_root: Path,
    classes: list[str] | None = None,
    keep=keep_box,
) -> list[Path]:
    """Write ``out/<split>.json`` per split; file_names are relative to the dataset root."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    written = []
    image_path = decoded_frames(out, dataset_root)
    for split in sorted(set(splits.values())):
        subset = [c for c in clips if splits[c.clip_id] == split]
        doc = coco_dict(subset, image_path, f"povgen {dataset_root.name} {split}", classes, keep)
        doc["info"]["image_root"] = os.path.relpath(dataset_root, out)  # file_names are relative to it
        path = out / f"{split}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        written.append(path)
    return written
