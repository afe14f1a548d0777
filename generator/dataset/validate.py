"""Check a dataset against its own evidence: files, video, schema, masks against boxes, manifest against folders.

Schemas are checked with the pydantic models that generate the shipped JSON Schema files (generator/schemas/),
so a file that passes here also passes a JSON Schema validator fed with those files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from pydantic import BaseModel, ValidationError

from generator.dataset.clip import LABELS, PLAN, ClipReader
from generator.dataset.layout import CARD, CLIPS, MANIFEST, TMP_PREFIX
from generator.dataset.manifest import is_complete
from generator.dataset.video import probe
from generator.errors import PovgenError
from generator.labels.boxes import boxes_by_id
from generator.labels.schema import ClipLabels, DatasetCard, ManifestRecord
from generator.plan.model import ClipPlan

AMODAL_TOL_PX = 1.5  # masks come from Cycles' first sample, jittered within the pixel filter
MANIFEST_MATCH = ("category", "weapon_present", "weapon_class", "held_object", "environment", "pair_id")


@dataclass
class ValidationReport:
    clips: int = 0
    frames: int = 0
    annotations: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.clips > 0


def schema_error(exc: Exception) -> str:
    """First error of a pydantic ValidationError as 'field.path: message' (or the exception's first line)."""
    if isinstance(exc, ValidationError) and exc.errors():
        e = exc.errors()[0]
        loc = ".".join(str(p) for p in e["loc"]) or "(root)"
        more = f" (+{exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return f"{loc}: {e['msg']}{more}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def check_schema(model: type[BaseModel], text: str, where: str) -> tuple[BaseModel | None, list[str]]:
    """Parse JSON text with a schema model: (object, []) or (None, [problem])."""
    try:
        return model.model_validate_json(text), []
    except (ValidationError, ValueError) as exc:
        return None, [f"{where}: does not match the schema: {schema_error(exc)}"]


def contains(outer: list[float], inner: list[int], tol: float) -> bool:
    """Whether box ``inner`` lies inside box ``outer`` give or take ``tol`` pixels."""
    return (
        outer[0] <= inner[0] + tol
        and outer[1] <= inner[1] + tol
        and outer[2] >= inner[2] - tol
        and outer[3] >= inner[3] - tol
    )


def check_video(clip: Path, labels: ClipLabels, rel: str) -> list[str]:
    """The video decodes to the labelled frame count, rate and size."""
    problems = []
    try:
        n, fps, w, h = probe(clip / labels.video)
    except Exception as exc:  # noqa: BLE001 - any decoder failure is a problem of this file
        return [f"{rel}/{labels.video}: does not decode: {type(exc).__name__}: {exc}"]
    if n != labels.num_frames:
        problems.append(f"{rel}/{labels.video}: {n} frames decoded, labels say {labels.num_frames}")
    if abs(fps - labels.fps) > 0.01:
        problems.append(f"{rel}/{labels.video}: {fps:g} fps, labels say {labels.fps}")
    if (w, h) != (labels.width, labels.height):
        problems.append(f"{rel}/{labels.video}: {w}x{h}, labels say {labels.width}x{labels.height}")
    return problems


def check_clip_structure(labels: ClipLabels, rel: str) -> list[str]:
    """Frame order and times, events inside the clip, one annotation per instance per frame."""
    problems = []
    if len(labels.frames) != labels.num_frames:
        problems.append(f"{rel}: {len(labels.frames)} frame labels, num_frames {labels.num_frames}")
    if abs(labels.duration_s - labels.num_frames / labels.fps) > 1e-3:
        problems.append(f"{rel}: duration_s {labels.duration_s} != num_frames / fps")
    for pos, fl in enumerate(labels.frames):
        if fl.index != pos:
            problems.append(f"{rel}: frame label {pos} has index {fl.index}")
            break
        if abs(fl.time_s - fl.index / labels.fps) > 1e-3:
            problems.append(f"{rel}: frame {fl.index}: time_s {fl.time_s} != index / fps")
            break
    for ev in labels.events:
        if ev.frame >= labels.num_frames:
            problems.append(f"{rel}: event {ev.type} at frame {ev.frame}, clip has {labels.num_frames}")
    ids = [i.instance_id for i in labels.instances]
    if len(set(ids)) != len(ids):
        problems.append(f"{rel}: instance ids repeat: {ids}")
    for fl in labels.frames:
        got = [a.instance_id for a in fl.annotations]
        if len(set(got)) != len(got) or not set(got) <= set(ids):
            problems.append(f"{rel}: frame {fl.index}: annotations for ids {got}, instances are {ids}")
            break
    return problems


def check_frame(clip: Path, labels: ClipLabels, fl, known: set[int], rel: str) -> tuple[list[str], int]:
    """One frame: files present with the right size, mask ids labelled, boxes and areas equal the mask's."""
    problems = []
    size = (labels.width, labels.height)
    if fl.image is not None:
        if not (clip / fl.image).is_file():
            problems.append(f"{rel}: frame {fl.index}: missing {fl.image}")
        else:
            try:
                with Image.open(clip / fl.image) as im:
                    if im.size != size:
                        problems.append(f"{rel}: frame {fl.index}: {fl.image} is {im.size[0]}x{im.size[1]}")
            except OSError as exc:
                problems.append(f"{rel}: frame {fl.index}: unreadable {fl.image}: {exc}")
    if fl.depth is not None and not (clip / fl.depth).is_file():
        problems.append(f"{rel}: frame {fl.index}: missing {fl.depth}")
    mask = cv2.imread(str(clip / fl.mask), cv2.IMREAD_UNCHANGED)
    if mask is None:
        return problems + [f"{rel}: frame {fl.index}: missing or unreadable {fl.mask}"], 0
    if mask.shape != (labels.height, labels.width):
        return problems + [f"{rel}: frame {fl.index}: mask is {mask.shape[1]}x{mask.shape[0]}"], 0
    if mask.dtype != np.uint16:
        problems.append(f"{rel}: frame {fl.index}: mask is {mask.dtype}, expected 16-bit")
    found = boxes_by_id(mask)
    stray = sorted(set(found) - known)
    if stray:
        problems.append(f"{rel}: frame {fl.index}: mask holds unlabelled ids {stray}")
    unannotated = sorted((set(found) & known) - {a.instance_id for a in fl.annotations})
    if unannotated:
        problems.append(
            f"{rel}: frame {fl.index}: mask holds ids {unannotated} with no annotation in this frame"
        )
    for a in fl.annotations:
        box, area = found.get(a.instance_id, (None, 0))
        if a.bbox_modal != box:
            problems.append(
                f"{rel}: frame {fl.index}: {a.category} modal box {a.bbox_modal} != mask box {box}"
            )
        if a.area_px != area:
            problems.append(f"{rel}: frame {fl.index}: {a.category} area {a.area_px} != mask pixels {area}")
        if box is not None and (a.bbox_amodal is None or not contains(a.bbox_amodal, box, AMODAL_TOL_PX)):
            problems.append(
                f"{rel}: frame {fl.index}: {a.category} amodal box {a.bbox_amodal} does not contain the "
                f"mask box {box}"
            )
        if box is not None and a.visible_fraction == 0:
            problems.append(f"{rel}: frame {fl.index}: {a.category} has pixels but visible_fraction 0")
    return problems, len(fl.annotations)


def validate_clip(clip: Path, rel: str = "") -> tuple[list[str], int, int]:
    """Problems of one clip folder, and its frame and annotation counts."""
    rel = rel or clip.name
    problems: list[str] = []
    for name in ("labels.json", "plan.json", "video.mp4"):
        if not (clip / name).is_file():
            problems.append(f"{rel}: missing {name}")
    if problems:
        return problems, 0, 0
    reader = ClipReader(clip)
    labels, bad = check_schema(ClipLabels, reader.text(LABELS), f"{rel}/{LABELS}")
    if labels is None:
        return bad, 0, 0
    plan, bad = check_schema(ClipPlan, reader.text(PLAN), f"{rel}/{PLAN}")
    problems += bad
    if plan is not None and plan.clip_id != labels.clip_id:
        problems.append(f"{rel}: plan.json is clip {plan.clip_id}, labels.json is clip {labels.clip_id}")
    if labels.clip_id != clip.name:
        problems.append(f"{rel}: labels.json says clip {labels.clip_id}")
    problems += check_video(clip, labels, rel)
    problems += check_clip_structure(labels, rel)
    known = {i.instance_id for i in labels.instances}
    n_ann = 0
    for fl in labels.frames:
        bad, n = check_frame(clip, labels, fl, known, rel)
        problems += bad
        n_ann += n
    return problems, len(labels.frames), n_ann


def read_manifest(path: Path) -> tuple[list[dict], list[str]]:
    """Manifest records that match the schema, and a problem for every line that does not."""
    records, problems = [], []
    if not path.is_file():
        return [], [f"{MANIFEST}: missing"]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec, bad = check_schema(ManifestRecord, line, f"{MANIFEST} line {n}")
        problems += bad
        if rec is not None:
            records.append(rec.model_dump())
    return records, problems


def check_card(root: Path, n_clips: int) -> list[str]:
    """dataset.json, when there is one (``render-plan`` writes none), matches its schema and counts the clips."""
    path = root / CARD
    if not path.is_file():
        return []
    card, bad = check_schema(DatasetCard, path.read_text(encoding="utf-8"), CARD)
    if card is None:
        return bad
    if card.status == "complete" and card.counts.get("clips") != n_clips:
        return [f"{CARD}: counts.clips is {card.counts.get('clips')}, the manifest lists {n_clips}"]
    return []


def check_manifest_line(rec: dict, clip: Path) -> list[str]:
    """A manifest line agrees with its clip's labels."""
    if rec["path"] != f"{CLIPS}/{rec['clip_id']}":
        return [f"{MANIFEST}: clip {rec['clip_id']} has path {rec['path']}"]
    try:
        labels = ClipReader(clip).labels
        truth = {**labels["axes"], "category": labels["category"], "pair_id": labels.get("pair_id")}
        truth.update(frames=labels["num_frames"], fps=labels["fps"])
    except (PovgenError, KeyError):
        return []  # the clip's own checks report this
    return [
        f"{MANIFEST}: clip {rec['clip_id']}: {k} is {rec.get(k)!r}, labels.json says {truth.get(k)!r}"
        for k in (*MANIFEST_MATCH, "frames", "fps")
        if rec.get(k) != truth.get(k)
    ]


def validate_dataset(root: Path, on_step: Callable[[str, int, int], None] | None = None) -> ValidationReport:
    """Validate every clip of a dataset folder and check that the card, the manifest and the folders agree."""
    level = cv2.getLogLevel()
    cv2.setLogLevel(2)  # errors only: an unreadable file is a listed problem, not a stray warning line
    try:
        return _validate_dataset(Path(root), on_step)
    finally:
        cv2.setLogLevel(level)


def _validate_dataset(root: Path, on_step: Callable[[str, int, int], None] | None) -> ValidationReport:
    root = Path(root)
    rep = ValidationReport()
    clips_dir = root / CLIPS
    if not clips_dir.is_dir():
        rep.problems.append(f"{root}: no {CLIPS}/ folder (not a povgen dataset?)")
        return rep
    manifest, bad = read_manifest(root / MANIFEST)
    rep.problems += bad
    listed = [r["clip_id"] for r in manifest]
    rep.problems += check_card(root, len(listed))
    for cid in sorted({c for c in listed if listed.count(c) > 1}):
        rep.problems.append(f"{MANIFEST}: clip {cid} listed {listed.count(cid)} times")
    folders = sorted(d.name for d in clips_dir.iterdir() if d.is_dir())
    for name in folders:
        if name.startswith(TMP_PREFIX):
            rep.problems.append(f"{CLIPS}/{name}: unfinished temporary folder")
    for rec in manifest:
        if not (clips_dir / rec["clip_id"]).is_dir():
            rep.problems.append(f"{MANIFEST}: clip {rec['clip_id']} has no folder")
        else:
            rep.problems += check_manifest_line(rec, clips_dir / rec["clip_id"])
    for i, name in enumerate(folders):
        if on_step:
            on_step(name, i, len(folders))
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
    if on_step:
        on_step("", len(folders), len(folders))
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
