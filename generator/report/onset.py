"""Report figure: when the held object first comes into view, how, and with which camera device."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from matplotlib.figure import Figure

VISIBLE = {"weapon_visible_start": "positive (weapon)", "object_visible_start": "negative (object)"}


def first_visible(clips: list) -> dict[str, list[float]]:
    """First-visible time of the held object as a share of the clip, per class (from the masks' events)."""
    out: dict[str, list[float]] = {name: [] for name in VISIBLE.values()}
    for c in clips:
        lab = c.labels
        ev = next((e for e in lab["events"] if e["type"] in VISIBLE), None)
        if ev is not None:
            out[VISIBLE[ev["type"]]].append(ev["time_s"] / max(lab["duration_s"], 1e-9))
    return out


def onset_devices(clips: list, path: Path, save, bar) -> str:
    """First-visible times per class, onset kinds, carry poses per class and device profiles."""
    fig = Figure(figsize=(12, 3.0))
    ax = fig.add_subplot(1, 4, 1)
    for name, values in first_visible(clips).items():
        if values:
            later = sum(v > 0 for v in values) / len(values)
            ax.hist(values, bins=10, range=(0, 1), alpha=0.55, label=f"{name}: {later:.0%} after frame 0")
    ax.set_title("first visible (share of clip)", fontsize=10)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=6)
    bar(fig.add_subplot(1, 4, 2), Counter(str(c.labels["axes"].get("onset", "none")) for c in clips), "onset")
    poses = Counter(f"{c.labels['category'][:3]} {c.labels['axes'].get('carry', '')}" for c in clips)
    bar(fig.add_subplot(1, 4, 3), poses, "carry pose by class")
    bar(
        fig.add_subplot(1, 4, 4),
        Counter(str(c.labels["axes"].get("device", "none")) for c in clips),
        "device",
    )
    fig.tight_layout()
    return save(fig, path)
