"""Real footage as povgen clips: a folder of videos with labels in povgen's schema, in COCO video form, as YOLO
per-frame files, or none (clip labels from a CSV). Box-only labels become filled-box masks.

Layout of a footage folder (``X`` = a video's file stem):
- ``X.mp4`` (or .mov .avi .mkv .webm): the videos;
- povgen schema: ``X.labels.json`` (a labels.json; its mask paths are relative to ``X/``, missing masks are
  drawn from the boxes);
- COCO video: one ``*.json`` with ``videos``, ``images`` (``video_id``, ``frame_id``), ``annotations``
  (``bbox`` x,y,w,h, ``category_id``, optional ``instance_id``/``track_id``) and ``categories``;
- YOLO: ``X/`` or ``labels/X/`` holding ``<frame number>.txt`` (``class cx cy w h``, normalised) with class names
  in ``classes.txt`` (one a line) or ``data.yaml`` (``names``);
- clip labels: ``labels.csv`` with a ``video`` column and any of the clip axes (``weapon_present``,
  ``weapon_class``, ``weapon_kind``, ``context``, ``held_object``, ``mount``, ``environment``, ``lighting``,
  ``activity``, ``pair_id``). Unlabelled videos need a row here.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import yaml

from generator.augment.clipdata import ClipData
from generator.dataset.layout import frame_name
from generator.dataset.video import read_frames
from generator.errors import PovgenError
from generator.labels.boxes import boxes_by_id, clip_box
from generator.plan.model import CameraTrack, ClipAxes, ClipPlan, HeldTrack, Intrinsics, Lens, RenderSettings

VIDEO_EXT = (".mp4", ".mov", ".avi", ".mkv", ".webm")
WEAPON_WORDS = {
    "handgun": "handgun",
    "pistol": "handgun",
    "gun": "handgun",
    "firearm": "handgun",
    "weapon": "handgun",
    "revolver": "handgun",
    "rifle": "rifle",
    "shotgun": "shotgun",
}
AXES_COLUMNS = (
    "weapon_class",
    "weapon_kind",
    "context",
    "held_object",
    "mount",
    "environment",
    "lighting",
    "activity",
)
FIRST_ID = 10


def _truthy(v: str) -> bool:
    s = str(v).strip().lower()
    if s in ("1", "true", "yes", "y", "positive"):
        return True
    if s in ("0", "false", "no", "n", "negative", ""):
        return False
    raise PovgenError(f"weapon_present: cannot read {v!r} as true/false")


def video_meta(path: Path) -> tuple[list[np.ndarray], float]:
    """Frames (RGB) and frame rate of a video."""
    import av

    try:
        with av.open(str(path)) as c:
            st = c.streams.video[0]
            fps = float(st.average_rate or 30)
    except Exception as exc:  # noqa: BLE001 - any decoder failure names the file
        raise PovgenError(f"{path}: cannot open video: {exc}") from None
    return read_frames(path), fps


def read_csv(folder: Path) -> dict[str, dict]:
    path = folder / "labels.csv"
    if not path.is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if rows and "video" not in rows[0]:
        raise PovgenError(f"{path}: needs a 'video' column")
    return {Path(r["video"]).stem: r for r in rows}


def axes_for(name: str, row: dict | None, categories: set[str], labelled: bool) -> ClipAxes:
    """Clip axes from a CSV row, else from the box categories (weapon words), else an error."""
    weapons = sorted(WEAPON_WORDS[c.lower()] for c in categories if c.lower() in WEAPON_WORDS)
    if row is not None and row.get("weapon_present", "") != "":
        present = _truthy(row["weapon_present"])
    elif labelled:
        present = bool(weapons)
    else:
        raise PovgenError(f"{name}: no labels and no row with weapon_present in labels.csv")
    row = row or {}
    wclass = row.get("weapon_class") or (
        weapons[0] if present and weapons else ("handgun" if present else "none")
    )
    vals = {k: (row.get(k) or "unknown") for k in AXES_COLUMNS[2:]}
    try:
        return ClipAxes(
            weapon_present=present,
            weapon_class=wclass,
            weapon_kind=row.get("weapon_kind") or ("real" if present else "none"),
            **vals,
        )
    except Exception as exc:  # noqa: BLE001 - pydantic error, shortened to its first line
        raise PovgenError(
            f"{name}: labels.csv: {str(exc).splitlines()[0]}: {str(exc).splitlines()[-2].strip()}"
        ) from None


def placeholder_plan(name: str, axes: ClipAxes, n: int, fps: int, w: int, h: int) -> ClipPlan:
    """A plan.json for real footage: nothing to render, only the clip's size, rate and axes (scene ``real``)."""
    f = w / 2.0 / np.tan(np.deg2rad(45))
    intr = Intrinsics(width=w, height=h, fx=f, fy=f, cx=w / 2, cy=h / 2)
    zeros = [(0.0, 0.0, 0.0)] * n
    return ClipPlan(
        clip_id=name,
        index=0,
        dataset_seed=0,
        scene="real",
        category="positive" if axes.weapon_present else "negative",
        axes=axes,
        environment=[],
        world_color=(0, 0, 0),
        world_strength=0.0,
        lights=[],
        held=None,
        hands=[],
        held_track=HeldTrack(position=zeros, rotation=zeros, carry="unknown"),
        camera=CameraTrack(
            mount=axes.mount,
            lens=Lens(fov_deg=90.0),
            intrinsics=intr,
            position=zeros,
            rotation=zeros,
            components={},
            motion_params={},
        ),
        render=RenderSettings(width=w, height=h, fps=fps, frames=n, samples=1, denoise="off", max_bounces=0),
    )


def union_box(a, b, w: int, h: int) -> list[float] | None:
    """The smallest box holding both (either may be None), clipped to the image."""
    boxes = [x for x in (a, b) if x is not None]
    if not boxes:
        return None
    u = [
        min(x[0] for x in boxes),
        min(x[1] for x in boxes),
        max(x[2] for x in boxes),
        max(x[3] for x in boxes),
    ]
    return clip_box(u, w, h)


def box_mask(h: int, w: int, items: list[tuple[int, list[float]]]) -> np.ndarray:
    """Instance mask of filled boxes; larger boxes first, so smaller ones stay visible on top."""
    m = np.zeros((h, w), np.uint16)
    for iid, b in sorted(items, key=lambda t: -(t[1][2] - t[1][0]) * (t[1][3] - t[1][1])):
        x0, y0 = max(0, int(np.floor(b[0]))), max(0, int(np.floor(b[1])))
        x1, y1 = min(w, int(np.ceil(b[2]))), min(h, int(np.ceil(b[3])))
        if x1 > x0 and y1 > y0:
            m[y0:y1, x0:x1] = iid
    return m


def real_clip(
    name: str,
    frames: list[np.ndarray],
    fps: float,
    boxes: dict[int, list[tuple[int, str, list[float]]]],
    axes: ClipAxes,
    pair_id: str | None = None,
    masks: list[np.ndarray] | None = None,
) -> ClipData:
    """A ClipData from real frames and per-frame (id, category, box) lists; masks drawn from boxes if not given."""
    n = len(frames)
    if n == 0:
        raise PovgenError(f"{name}: video has no frames")
    h, w = frames[0].shape[:2]
    ifps = max(1, int(round(fps)))
    cats: dict[int, str] = {}
    for items in boxes.values():
        for iid, cat, _ in items:
            cats.setdefault(iid, cat)
    if masks is None:
        masks = [box_mask(h, w, [(i, b) for i, _, b in boxes.get(k, [])]) for k in range(n)]
    plan = placeholder_plan(name, axes, n, ifps, w, h)
    frame_labels = []
    for k in range(n):
        found = boxes_by_id(masks[k])
        given = {i: b for i, _, b in boxes.get(k, [])}
        anns = []
        for iid, cat in sorted(cats.items()):
            box, area = found.get(iid, (None, 0))
            amodal = given.get(iid, box)  # the labelled box is the object's extent; else the mask's
            anns.append(
                {
                    "instance_id": iid,
                    "category": cat,
                    "bbox_modal": box,
                    "bbox_amodal": union_box(amodal, box, w, h),
                    "area_px": area,
                    "visible_fraction": 1.0 if area else 0.0,
                    "truncation": 0.0,
                }
            )
        frame_labels.append(
            {
                "index": k,
                "time_s": round(k / ifps, 6),
                "image": f"frames/{frame_name(k)}",
                "mask": f"masks/{frame_name(k)}",
                "depth": None,
                "camera": {
                    "position": [0, 0, 0],
                    "rotation_euler": [0, 0, 0],
                    "pitch_deg": 0,
                    "roll_deg": 0,
                    "yaw_deg": 0,
                },
                "motion": {},
                "annotations": anns,
            }
        )
    role = {i: ("held_object" if c.lower() in WEAPON_WORDS else "target") for i, c in cats.items()}
    labels = {
        "clip_id": name,
        "scene": "real",
        "index": 0,
        "dataset_seed": 0,
        "pair_id": pair_id,
        "source": "real",
        "category": plan.category,
        "axes": axes.model_dump(),
        "fps": ifps,
        "num_frames": n,
        "width": w,
        "height": h,
        "duration_s": round(n / ifps, 6),
        "video": "video.mp4",
        "events": [],
        "first_visible": None,
        "instances": [{"instance_id": i, "category": c, "role": role[i]} for i, c in sorted(cats.items())],
        "camera": {
            "mount": axes.mount,
            "lens": plan.camera.lens.model_dump(),
            "intrinsics": plan.camera.intrinsics.model_dump(),
        },
        "motion_params": {},
        "frames": frame_labels,
        "background": name,
    }
    return ClipData(
        name, np.stack(frames), np.stack(masks).astype(np.uint16), labels, plan.model_dump(mode="json")
    )


def _ids_by_order(
    items: list[tuple[str, list[float]]], ids: dict[tuple[str, int], int]
) -> list[tuple[int, str, list[float]]]:
    """Ids for untracked boxes: the j-th box of a category in a frame is instance (category, j)."""
    seen: dict[str, int] = {}
    out = []
    for cat, box in items:
        j = seen.get(cat, 0)
        seen[cat] = j + 1
        key = (cat, j)
        if key not in ids:
            ids[key] = FIRST_ID + len(ids)
        out.append((ids[key], cat, box))
    return out


def coco_boxes(coco: dict, stem: str) -> dict[int, list[tuple[int, str, list[float]]]] | None:
    """Boxes of one video from a COCO-video dict, or None when the file does not list it."""
    vid = next(
        (
            v
            for v in coco.get("videos", [])
            if Path(str(v.get("name") or v.get("file_name", ""))).stem == stem
        ),
        None,
    )
    if vid is None:
        return None
    cats = {c["id"]: c["name"] for c in coco.get("categories", [])}
    images = {
        im["id"]: int(im.get("frame_id", im.get("frame_index", 0)))
        for im in coco.get("images", [])
        if im.get("video_id") == vid["id"]
    }
    per_frame: dict[int, list] = {}
    for a in coco.get("annotations", []):
        if a.get("image_id") not in images:
            continue
        x, y, bw, bh = a["bbox"]
        track = a.get("instance_id", a.get("track_id"))
        per_frame.setdefault(images[a["image_id"]], []).append(
            (track, cats.get(a["category_id"], str(a["category_id"])), [x, y, x + bw, y + bh])
        )
    out: dict[int, list] = {}
    tracks: dict = {}
    ids: dict = {}
    for f, items in sorted(per_frame.items()):
        if all(t is not None for t, _, _ in items):
            for t, _, _ in items:
                tracks.setdefault(t, FIRST_ID + len(tracks))
            out[f] = [(tracks[t], c, b) for t, c, b in items]
        else:
            out[f] = _ids_by_order([(c, b) for _, c, b in items], ids)
    return out


def yolo_names(folder: Path) -> list[str]:
    if (folder / "classes.txt").is_file():
        return [
            s.strip() for s in (folder / "classes.txt").read_text(encoding="utf-8").splitlines() if s.strip()
        ]
    if (folder / "data.yaml").is_file():
        names = (yaml.safe_load((folder / "data.yaml").read_text(encoding="utf-8")) or {}).get("names", [])
        return [names[k] for k in sorted(names)] if isinstance(names, dict) else list(names)
    return []


def yolo_boxes(d: Path, names: list[str], w: int, h: int) -> dict[int, list[tuple[int, str, list[float]]]]:
    """Boxes of one video from its folder of per-frame YOLO files (frame number = digits of the file name)."""
    out: dict[int, list] = {}
    ids: dict = {}
    for txt in sorted(d.glob("*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        digits = re.findall(r"\d+", txt.stem)
        if not digits:
            continue
        items = []
        for line_no, line in enumerate(txt.read_text(encoding="utf-8").splitlines(), 1):
            parts = line.split()
            if not parts:
                continue
            try:
                c, cx, cy, bw, bh = int(parts[0]), *map(float, parts[1:5])
            except (ValueError, IndexError):
                raise PovgenError(f"{txt}:{line_no}: expected 'class cx cy w h'") from None
            cat = names[c] if c < len(names) else f"class{c}"
            items.append((cat, [(cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h]))
        out[int(digits[-1])] = _ids_by_order(items, ids)
    return out


def povgen_labelled(video: Path, lab_path: Path, frames: list[np.ndarray], fps: float) -> ClipData:
    """A real video whose labels follow povgen's schema (masks from ``X/`` when there, else from boxes)."""
    labels = json.loads(lab_path.read_text(encoding="utf-8"))
    base = video.parent / video.stem
    masks = []
    for fl in labels["frames"]:
        m = cv2.imread(str(base / fl["mask"]), cv2.IMREAD_UNCHANGED) if fl.get("mask") else None
        masks.append(m)
    boxes = {
        fl["index"]: [
            (a["instance_id"], a["category"], a["bbox_modal"])
            for a in fl["annotations"]
            if a.get("bbox_modal")
        ]
        for fl in labels["frames"]
    }
    axes = ClipAxes.model_validate(labels["axes"])
    use = masks if all(m is not None for m in masks) and len(masks) == len(frames) else None
    clip = real_clip(video.stem, frames, fps, boxes, axes, labels.get("pair_id"), use)
    for key in ("events", "first_visible"):
        clip.labels[key] = labels.get(key, clip.labels[key])
    return clip


def find_footage(folder: Path) -> list[tuple[str, Callable[[], ClipData]]]:
    """(name, loader) for each video of a footage folder; loaders read lazily (one clip in memory at a time)."""
    folder = Path(folder)
    videos = sorted(p for p in folder.iterdir() if p.suffix.lower() in VIDEO_EXT and p.is_file())
    if not videos:
        raise PovgenError(f"{folder}: no videos ({', '.join(VIDEO_EXT)}) and no clips/ folder")
    rows = read_csv(folder)
    coco = None
    for j in sorted(folder.glob("*.json")):
        if j.name.endswith(".labels.json"):
            continue
        try:
            data = json.loads(j.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise PovgenError(f"{j}: not valid JSON: {exc}") from None
        if isinstance(data, dict) and "videos" in data:
            coco = data
            break
    names = yolo_names(folder)

    def loader(video: Path) -> Callable[[], ClipData]:
        def load() -> ClipData:
            frames, fps = video_meta(video)
            stem = video.stem
            row = rows.get(stem)
            lab = video.with_name(stem + ".labels.json")
            if lab.is_file():
                return povgen_labelled(video, lab, frames, fps)
            h, w = frames[0].shape[:2]
            boxes = coco_boxes(coco, stem) if coco is not None else None
            if boxes is None:
                for d in (folder / stem, folder / "labels" / stem):
                    if d.is_dir() and any(d.glob("*.txt")):
                        boxes = yolo_boxes(d, names, w, h)
                        break
            labelled = boxes is not None
            boxes = boxes or {}
            cats = {c for items in boxes.values() for _, c, _ in items}
            axes = axes_for(stem, row, cats, labelled)
            return real_clip(stem, frames, fps, boxes, axes, (row or {}).get("pair_id") or None)

        return load

    return [(v.stem, loader(v)) for v in videos]
