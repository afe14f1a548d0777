"""Check a dataset against its own evidence: files, video, schema, masks against boxes, manifest against folders."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
from pydantic import ValidationError

from generator.dataset.layout import CLIPS, MANIFEST, TMP_PREFIX
from generator.dataset.manifest import is_complete, read_jsonl
from generator.dataset.video import probe
from generator.labels.boxes import boxes_by_id
from generator.labels.schema import ClipLabels
from generator.plan.model import ClipPlan


@dataclass
class ValidationReport:
    clips: int = 0
    frames: int = 0
    annotations: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.clips > 0


def validate_clip(clip: Path, rel: str = "") -> tuple[list[str], int, int]:
    """Problems of one clip folder, and its frame and annotation counts."""
    rel = rel or clip.name
    problems: list[str] = []
    for name in ("labels.json", "plan.json", "video.mp4"):
        if not (clip / name).is_file():
            problems.append(f"{rel}: missing {name}")
    if problems:
        return problems, 0, 0
    try:
        labels = ClipLabels.model_validate_json((clip / "labels.json").read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        return [f"{rel}/labels.json: does not match the schema: {str(exc).splitlines()[0]}"], 0, 0
    try:
        ClipPlan.model_validate_json((clip / "plan.json").read_text(encoding="utf-8"))
    except (ValidationError, ValueError) as exc:
        problems.append(f"{rel}/plan.json: does not match the schema: {str(exc).splitlines()[0]}")
    try:
        n, fps, w, h = probe(clip / labels.video)
        if n != labels.num_frames:
            problems.append(f"{rel}/video.mp4: {n} frames decoded, labels say {labels.num_frames}")
        if abs(fps - labels.fps) > 0.01:
            problems.append(f"{rel}/video.mp4: {fps:g} fps, labels say {labels.fps}")
        if (w, h) != (labels.width, labels.height):
            problems.append(f"{rel}/video.mp4: {w}x{h}, labels say {labels.width}x{labels.height}")
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a problem of this file
        problems.append(f"{rel}/video.mp4: does not decode: {type(exc).__name__}: {exc}")
    if len(labels.frames) != labels.num_frames:
        problems.append(f"{rel}: {len(labels.frames)} frame labels, num_frames {labels.num_frames}")
    known = {i.instance_id for i in labels.instances}
    n_ann = 0
    for fl in labels.frames:
        if fl.image is not None and not (clip / fl.image).is_file():
            problems.append(f"{rel}: frame {fl.index}: missing {fl.image}")
        mask = cv2.imread(str(clip / fl.mask), cv2.IMREAD_UNCHANGED)
        if mask is None:
            problems.append(f"{rel}: frame {fl.index}: missing or unreadable {fl.mask}")
            continue
        if mask.shape != (labels.height, labels.width):
            problems.append(f"{rel}: frame {fl.index}: mask is {mask.shape[1]}x{mask.shape[0]}")
            continue
        found = boxes_by_id(mask)
        stray = sorted(set(found) - known)
        if stray:
            problems.append(f"{rel}: frame {fl.index}: mask holds unlabelled ids {stray}")
        for a in fl.annotations:
            n_ann += 1
            box, area = found.get(a.instance_id, (None, 0))
            if a.bbox_modal != box:
                problems.append(
                    f"{rel}: frame {fl.index}: {a.category} modal box {a.bbox_modal} != mask box {box}"
                )
            if a.area_px != area:
                problems.append(
                    f"{rel}: frame {fl.index}: {a.category} area {a.area_px} != mask pixels {area}"
                )
    return problems, len(labels.frames), n_ann


def validate_dataset(root: Path) -> ValidationReport:
    """Validate every clip of a dataset folder and check that the manifest and the folders agree."""
    root = Path(root)
    rep = ValidationReport()
    clips_dir = root / CLIPS
    if not clips_dir.is_dir():
        rep.problems.append(f"{root}: no {CLIPS}/ folder (not a povgen dataset?)")
        return rep
    manifest = read_jsonl(root / MANIFEST)
    listed = [r["clip_id"] for r in manifest]
    for cid in sorted({c for c in listed if listed.count(c) > 1}):
        rep.problems.append(f"{MANIFEST}: clip {cid} listed {listed.count(cid)} times")
    folders = sorted(d.name for d in clips_dir.iterdir() if d.is_dir())
    for name in folders:
        if name.startswith(TMP_PREFIX):
            rep.problems.append(f"{CLIPS}/{name}: unfinished temporary folder")
    for cid in listed:
        if not (clips_dir / cid).is_dir():
            rep.problems.append(f"{MANIFEST}: clip {cid} has no folder")
    for name in folders:
        if name.startswith(TMP_PREFIX):
            continue
        if name not in listed:
            state = "complete" if is_complete(clips_dir / name) else "incomplete"
            rep.problems.append(f"{CLIPS}/{name}: {state} folder not in {MANIFEST}")
        problems, frames, anns = validate_clip(clips_dir / name, f"{CLIPS}/{name}")
        rep.problems += problems
        rep.clips += 1
        rep.frames += frames
        rep.annotations += anns
    if rep.clips == 0:
        rep.problems.append(f"{root}: no clips")
    return rep


def summary(rep: ValidationReport) -> dict:
    return {
        "clips": rep.clips,
        "frames": rep.frames,
        "annotations": rep.annotations,
        "problems": len(rep.problems),
        "ok": rep.ok,
    }
