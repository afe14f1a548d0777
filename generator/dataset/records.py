"""The manifest line of a finished clip, made from its labels."""

from __future__ import annotations

from generator.dataset.layout import CLIPS


def manifest_record(labels: dict) -> dict:
    """The manifest line of a finished clip, from its labels."""
    axes = labels["axes"]
    return {
        "schema_version": 1,
        "clip_id": labels["clip_id"],
        "path": f"{CLIPS}/{labels['clip_id']}",
        "index": labels["index"],
        "category": labels["category"],
        "weapon_present": axes["weapon_present"],
        "weapon_class": axes["weapon_class"],
        "held_object": axes["held_object"],
        "environment": axes["environment"],
        "frames": labels["num_frames"],
        "fps": labels["fps"],
        "pair_id": labels.get("pair_id"),
    }


__all__ = ["manifest_record"]
