"""ClipWriter and ClipReader: the one place that writes a clip folder and the one place that parses it.

A clip folder holds frames/ (PNG, optional), masks/ (16-bit instance ids), depth/ (optional, 16-bit mm),
video.mp4, plan.json and labels.json, plus any extra files a writer was given (alpha/ of composites, audio.wav,
clean/ of augmented clips). The writer fills a temporary folder and renames it into place only when labels and
plan are written, so a clip folder either is complete or does not exist (see manifest.reconcile).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import cv2
import numpy as np
from pydantic import BaseModel

from generator.dataset.layout import TMP_PREFIX, clip_dir, frame_name
from generator.dataset.records import manifest_record
from generator.dataset.video import encode_mp4, mux_audio, read_frames
from generator.errors import PovgenError
from generator.labels.schema import ClipLabels
from generator.plan.model import ClipPlan

LABELS = "labels.json"
PLAN = "plan.json"
VIDEO = "video.mp4"
AUDIO_WAV = "audio.wav"


def _json(data: BaseModel | dict) -> str:
    if isinstance(data, BaseModel):
        return data.model_dump_json(indent=1) + "\n"
    return json.dumps(data, indent=1) + "\n"


def write_png(path: Path, image: np.ndarray) -> None:
    """An RGB or RGBA uint8 image, or a single-channel uint8/uint16 image, as PNG."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGBA2BGRA if image.shape[2] == 4 else cv2.COLOR_RGB2BGR)
    if not cv2.imwrite(str(path), image):
        raise PovgenError(f"{path}: cannot write image")


class ClipWriter:
    """Write one clip folder atomically: add frames and extra files, then ``commit`` labels and plan.

    Use as a context manager: leaving the block without ``commit`` (an error) removes the temporary folder.
    Extensions add files through ``add_file`` / ``add_images`` / ``add_audio`` before ``commit``; everything
    under ``path`` is renamed into place with the clip.
    """

    def __init__(self, root: Path, clip_id: str, save_frames: bool = True):
        self.root = Path(root)
        self.clip_id = clip_id
        self.final = clip_dir(self.root, clip_id)
        self.path = self.final.parent / f"{TMP_PREFIX}{clip_id}-{os.getpid()}"
        self.save_frames = save_frames
        self._video_frames: list[np.ndarray] = []
        self._video: Path | None = None
        self._audio: tuple[np.ndarray, int, bool] | None = None
        self.committed = False
        shutil.rmtree(self.path, ignore_errors=True)
        (self.path / "masks").mkdir(parents=True)
        if save_frames:
            (self.path / "frames").mkdir()

    def __enter__(self) -> ClipWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.committed:
            self.abort()

    def add_frame(
        self, index: int, image: np.ndarray, mask: np.ndarray, depth: np.ndarray | None = None
    ) -> dict[str, str | None]:
        """Write frame ``index`` (RGB/RGBA uint8), its instance-id mask and optional depth (metres); returns
        the relative file names for the frame's labels (image None when frames are not kept)."""
        files = self.frame_files(index, self.save_frames, depth is not None)
        if files["image"]:
            write_png(self.path / files["image"], image)
        write_png(self.path / files["mask"], mask.astype(np.uint16))
        if files["depth"]:
            (self.path / "depth").mkdir(exist_ok=True)
            mm = np.clip(np.nan_to_num(depth * 1000.0, posinf=65535), 0, 65535).astype(np.uint16)
            write_png(self.path / files["depth"], mm)
        self._video_frames.append(image[..., :3])
        return files

    @staticmethod
    def frame_files(index: int, save_frames: bool = True, depth: bool = False) -> dict[str, str | None]:
        """The relative file names ``add_frame`` gives frame ``index``."""
        name = frame_name(index)
        return {
            "image": f"frames/{name}" if save_frames else None,
            "mask": f"masks/{name}",
            "depth": f"depth/{name}" if depth else None,
        }

    def add_frames(self, frames: np.ndarray, masks: np.ndarray) -> None:
        """Every frame and mask of an in-memory clip."""
        for k, (f, m) in enumerate(zip(frames, masks, strict=True)):
            self.add_frame(k, f, m)

    def add_images(self, folder: str, images: list[np.ndarray] | np.ndarray) -> None:
        """A per-frame image folder of its own (e.g. alpha/ of composites), named like the frames."""
        (self.path / folder).mkdir(parents=True, exist_ok=True)
        for k, img in enumerate(images):
            write_png(self.path / folder / frame_name(k), img)

    def add_file(self, name: str, data: bytes | str | np.ndarray | Path | BaseModel | dict) -> Path:
        """An extra file in the clip folder: bytes, text, an image (PNG by name), a file to move in, or JSON."""
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.move(str(data), target)
        elif isinstance(data, np.ndarray):
            write_png(target, data)
        elif isinstance(data, bytes):
            target.write_bytes(data)
        elif isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_text(_json(data), encoding="utf-8")
        return target

    def add_video(self, video: Path) -> None:
        """Use an already encoded video (e.g. augmentation's transport stream) instead of encoding the frames."""
        self._video = Path(video)

    def add_audio(self, samples: np.ndarray, rate: int, keep_wav: bool = False) -> None:
        """An audio track (float in [-1, 1], shape (N,) or (N, channels)) muxed into video.mp4 at commit;
        ``keep_wav`` also keeps it as audio.wav (16-bit PCM)."""
        self._audio = (np.asarray(samples, dtype=np.float32), int(rate), keep_wav)

    def add_clip(self, sub: str, frames: np.ndarray, masks: np.ndarray, labels: dict, plan: dict) -> None:
        """A nested copy of another version of this clip (e.g. clean/ beside the augmented one)."""
        nested = ClipWriter.__new__(ClipWriter)
        nested.path, nested.save_frames, nested._video_frames = self.path / sub, True, []
        nested._video, nested._audio = None, None
        (nested.path / "masks").mkdir(parents=True)
        (nested.path / "frames").mkdir()
        nested.add_frames(frames, masks)
        nested._finish(labels, plan, int(labels["fps"]), 20)

    def encode_video(self, fps: int, crf: int = 20) -> None:
        """Encode the added frames to video.mp4 now (or move in the added video), muxing any audio track;
        ``commit`` does it when not done before."""
        if (self.path / VIDEO).exists():
            return
        if self._video is not None:
            shutil.move(str(self._video), self.path / VIDEO)
        else:
            encode_mp4(self._video_frames, self.path / VIDEO, fps, crf=crf)
        self._video_frames = []
        if self._audio is not None:
            samples, rate, keep_wav = self._audio
            mux_audio(self.path / VIDEO, samples, rate, wav=self.path / AUDIO_WAV if keep_wav else None)

    def _finish(self, labels: ClipLabels | dict, plan: ClipPlan | dict, fps: int, crf: int) -> ClipLabels:
        self.encode_video(fps, crf)
        checked = labels if isinstance(labels, ClipLabels) else ClipLabels.model_validate(labels)
        (self.path / PLAN).write_text(_json(plan), encoding="utf-8")
        (self.path / LABELS).write_text(_json(checked), encoding="utf-8")
        return checked

    def commit(
        self, labels: ClipLabels | dict, plan: ClipPlan | dict, fps: int | None = None, crf: int = 20
    ) -> dict:
        """Encode the video (unless one was added), write plan.json and labels.json (checked against the
        schema: never write labels that do not match it), rename the folder into place; returns the manifest
        record."""
        if isinstance(labels, dict):
            labels = {**labels, "clip_id": self.clip_id}
        if isinstance(plan, dict):
            plan = {**plan, "clip_id": self.clip_id}
        fps = int(
            fps if fps is not None else (labels.fps if isinstance(labels, ClipLabels) else labels["fps"])
        )
        checked = self._finish(labels, plan, fps, crf)
        if self.final.exists():
            shutil.rmtree(self.final)
        os.rename(self.path, self.final)
        self.committed = True
        return manifest_record(json.loads(checked.model_dump_json()))

    def abort(self) -> None:
        """Drop the temporary folder."""
        shutil.rmtree(self.path, ignore_errors=True)


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
    """Write an in-memory clip folder atomically and return its manifest record (``extra``: per-frame image
    folders such as alpha/; ``files``: single images such as environment.png)."""
    with ClipWriter(root, clip_id) as w:
        w.add_frames(frames, masks)
        for name, img in (files or {}).items():
            w.add_file(name, img)
        for folder, images in (extra or {}).items():
            w.add_images(folder, images)
        if video is not None:
            w.add_video(video)
        return w.commit(labels, plan, crf=crf)


class ClipReader:
    """A clip folder: its labels and plan (parsed once), frames, masks and depth."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.name = self.folder.name
        self._labels: dict | None = None
        self._plan: dict | None = None

    def text(self, name: str) -> str:
        """The text of one of the clip's files; a missing or unreadable file is a one-line error naming it."""
        try:
            return (self.folder / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PovgenError(f"{self.folder / name}: cannot read: {exc}") from None

    def _parse(self, name: str) -> dict:
        try:
            data = json.loads(self.text(name))
        except json.JSONDecodeError as exc:
            raise PovgenError(f"{self.folder / name}: invalid JSON: {exc}") from None
        if not isinstance(data, dict):
            raise PovgenError(f"{self.folder / name}: expected a JSON object")
        return data

    @property
    def labels(self) -> dict:
        """labels.json as plain data."""
        if self._labels is None:
            self._labels = self._parse(LABELS)
        return self._labels

    @property
    def plan(self) -> dict:
        """plan.json as plain data."""
        if self._plan is None:
            self._plan = self._parse(PLAN)
        return self._plan

    def labels_model(self) -> ClipLabels:
        """labels.json validated against the schema."""
        return ClipLabels.model_validate(self.labels)

    def plan_model(self) -> ClipPlan:
        """plan.json validated against the plan model."""
        return ClipPlan.model_validate(self.plan)

    def has(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def is_complete(self) -> bool:
        """Labels, plan and video are all there (the writer writes them last)."""
        return all(self.has(n) for n in (LABELS, PLAN, VIDEO))

    def image(self, rel: str, flags: int = cv2.IMREAD_UNCHANGED) -> np.ndarray:
        """One image file of the clip (BGR order as stored); a missing or unreadable file is an error."""
        img = cv2.imread(str(self.folder / rel), flags)
        if img is None:
            raise PovgenError(f"{self.folder / rel}: missing or unreadable image")
        return img

    def frames(self, alpha: bool = False) -> np.ndarray:
        """(T,H,W,3) RGB uint8 frames from the PNGs, or decoded from the video when they were not kept;
        ``alpha``: (T,H,W,4) RGBA from the PNGs (composite layers)."""
        fl = self.labels["frames"]
        if alpha:
            imgs = [self.image(f["image"]) for f in fl]
            bad = next(
                (f["image"] for f, i in zip(fl, imgs, strict=True) if i.ndim != 3 or i.shape[2] != 4), None
            )
            if bad is not None:
                raise PovgenError(f"{self.folder}/{bad}: expected an RGBA layer frame")
            return np.stack([cv2.cvtColor(i, cv2.COLOR_BGRA2RGBA) for i in imgs])
        if all(f.get("image") and (self.folder / f["image"]).is_file() for f in fl):
            return np.stack(
                [cv2.cvtColor(self.image(f["image"], cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB) for f in fl]
            )
        return np.stack(read_frames(self.folder / self.labels.get("video", VIDEO)))

    def masks(self) -> np.ndarray:
        """(T,H,W) uint16 instance-id masks."""
        return np.stack([self.image(f["mask"]).astype(np.uint16) for f in self.labels["frames"]])


def read_labels(folder: Path) -> dict:
    """labels.json of a clip folder as plain data."""
    return ClipReader(folder).labels


__all__ = ["ClipReader", "ClipWriter", "read_labels", "write_clip", "write_png"]
