"""Augmentation as part of generation: the plan carries the resolved recipe; the clip writer calls
``augment_rendered`` on the finished (still temporary) clip folder before it is renamed into place."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.audio.track import carry_audio
from generator.augment.clipdata import read_povgen_clip
from generator.augment.pipeline import augment_clip, write_clip
from generator.augment.recipe import Recipe


def augment_rendered(clip: Path, spec: dict) -> dict:
    """Replace a rendered clip folder's frames, masks, video and labels by their augmented version; with
    keep_clean the clean ones move to ``clean/`` (a clip folder of its own). Returns the new labels."""
    clip = Path(clip)
    recipe = Recipe.model_validate(spec["recipe"])
    data = read_povgen_clip(clip)
    if data.labels.get("audio"):  # decode the track before the clean video is moved away
        shutil.copy(clip / "video.mp4", clip / ".sound.mp4")
    data.name = data.labels["clip_id"]  # the folder is still the temporary one
    a = augment_clip(data, recipe, int(spec["seed"]), 0, scratch=clip)
    staging = clip / ".augmented"
    write_clip(staging, data.name, a.frames, a.masks, a.labels, data.plan, a.video)
    made = staging / "clips" / data.name
    keep = ["frames", "masks", "video.mp4", "labels.json", "plan.json"]
    if spec.get("keep_clean"):
        (clip / "clean").mkdir()
        for name in keep:
            if (clip / name).exists():
                shutil.move(str(clip / name), clip / "clean" / name)
    else:
        for name in keep:
            p = clip / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    for name in keep:
        shutil.move(str(made / name), clip / name)
    shutil.rmtree(staging)
    labels = json.loads((clip / "labels.json").read_text(encoding="utf-8"))
    if (clip / ".sound.mp4").exists():  # audio follows the frames: cut to the augmented clip, re-muxed
        labels["audio"] = carry_audio(
            clip / ".sound.mp4", data.labels["audio"], clip, float(labels["fps"]), int(labels["num_frames"])
        )
        (clip / ".sound.mp4").unlink()
        (clip / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")
    return labels
