"""The human-readable dataset card: README.md in the dataset folder and in each export.

It says what the data is, what it is for, the content policy, classes and counts, splits, how it was made
(config hash, seed, versions, from dataset.json), known limits (with the shortcut audit's flags when
``audit.json`` exists) and the licence field.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from generator.dataset.layout import CARD
from generator.export.source import Clip

AUDIT = "audit.json"
NO_LICENCE = "not set: add a `license` key to dataset.json before you share the data"


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def class_counts(clips: list[Clip]) -> tuple[Counter, Counter]:
    """Visible annotations per class, and clips where each class is visible."""
    ann, per_clip = Counter(), Counter()
    for c in clips:
        seen = set()
        for f in c.labels["frames"]:
            for a in f["annotations"]:
                if a["area_px"] > 0:
                    ann[a["category"]] += 1
                    seen.add(a["category"])
        per_clip.update(seen)
    return ann, per_clip


def card_text(root: Path, clips: list[Clip], splits: dict[str, str] | None, export: dict | None) -> str:
    """The Markdown of the card."""
    card = json.loads((root / CARD).read_text(encoding="utf-8")) if (root / CARD).is_file() else {}
    name = card.get("name", root.name)
    frames = sum(c.labels["num_frames"] for c in clips)
    sizes = Counter(f"{c.labels['width']}x{c.labels['height']} @ {c.labels['fps']} fps" for c in clips)
    cats = Counter(c.labels["category"] for c in clips)
    weapons = Counter(c.labels["axes"]["weapon_class"] for c in clips)
    places = Counter(c.labels["axes"]["environment"] for c in clips)
    ann, per_clip = class_counts(clips)
    parts = [
        f"# Dataset card: {name}",
        "",
        "## What it is",
        f"Synthetic first-person (wearer's point of view) video clips rendered by povgen with Blender: "
        f"{len(clips)} clips, {frames} frames ({', '.join(f'{k}: {v}' for k, v in sizes.items())}). "
        f"Positive clips (a firearm in the hands): {cats.get('positive', 0)}; negative clips (a harmless object "
        f"or empty hands): {cats.get('negative', 0)}. Each clip has an H.264 video, per-frame 16-bit instance masks, boxes "
        "(modal and amodal), visibility, events (weapon first visible, aim, shots) and clip-level axes "
        "(see docs/labels.md).",
        "",
        "## Intended use",
        "Training and testing detectors of firearm attacks on live first-person video (body-worn, head-worn "
        "or handheld cameras, live streams): clip classification, frame detection and segmentation, and "
        "time-to-detection from `first_visible`. Not for identifying people, and not evidence of any real event.",
        "",
        "## Content policy",
        "Weapons, hands, places, mannequin-like figures and paper or steel targets only. No injuries, no blood, "
        "no harm to a person is rendered; figures are never shot at.",
        "",
        "## Classes and counts",
        f"Clips by weapon class: {', '.join(f'{k} {v}' for k, v in sorted(weapons.items()))}. "
        f"Clips by place family: {', '.join(f'{k} {v}' for k, v in sorted(places.items()))}.",
        "",
        table(
            ["class", "visible annotations", "clips where visible"],
            [[k, ann[k], per_clip[k]] for k in sorted(ann)],
        ),
    ]
    if export is not None:
        parts += [
            "",
            f"Detection exports use the fixed class list (ids in this order, COCO from 1, YOLO from 0): "
            f"{', '.join(export['classes'])}. Boxes under {export['min_box_px']:g} px on a side or with a "
            f"visible fraction under {export['min_visible']:g} are left out "
            f"({export.get('boxes_dropped', 0)} of {export.get('boxes_visible', 0)} visible boxes).",
        ]
    if splits:
        by_split = Counter(splits.values())
        pos = Counter(
            s
            for c in clips
            if c.clip_id in splits and c.labels["category"] == "positive"
            for s in [splits[c.clip_id]]
        )
        parts += [
            "",
            "## Splits",
            "By source group (pairs, augmented variants, clean copies and composites of one background never "
            "straddle splits), stratified by weapon class and place family; `splits.json` lists every clip.",
            "",
            table(
                ["split", "clips", "positive", "negative"],
                [[s, n, pos[s], n - pos[s]] for s, n in sorted(by_split.items())],
            ),
        ]
        if export and export.get("skipped"):
            parts += ["", "Left out as damaged: " + "; ".join(export["skipped"])]
    versions = ", ".join(f"{k} {v}" for k, v in (card.get("versions") or {}).items())
    parts += [
        "",
        "## How it was made",
        f"- scene config: `{name}`, config hash `{card.get('config_hash', '?')}`, seed {card.get('seed', '?')}",
        f"- versions: {versions or '?'}",
        f"- created {card.get('created', '?')}, status {card.get('status', '?')}",
        "- the full merged config is in dataset.json; every clip's plan.json re-renders it exactly",
        "",
        "## Known limits",
        "- Synthetic: procedural places, parametric hands and firearm models, simulated camera motion and "
        "noise. Test on real footage before trusting a model trained on it.",
        "- Clip-level axes drawn independently of weapon presence can still correlate with it in a small "
        "dataset; run `povgen audit` and read its flags.",
    ]
    audit_path = root / AUDIT
    if audit_path.is_file():
        audit = json.loads(audit_path.read_text(encoding="utf-8"))
        flags = audit.get("flags", [])
        parts.append(
            f"- Shortcut audit ({audit_path.name}): "
            + (
                "; ".join(f"{f['probe']} AUC {f['auc']:.2f}: {f['advice']}" for f in flags)
                or "no probe flagged"
            )
        )
    parts += ["", "## Licence", f"{card.get('license') or NO_LICENCE}", ""]
    return "\n".join(parts)


def write_readme(
    root: Path,
    clips: list[Clip],
    out: Path | None = None,
    splits: dict[str, str] | None = None,
    export: dict | None = None,
) -> Path:
    """Write README.md into ``out`` (default the dataset folder); returns its path."""
    out = Path(out) if out is not None else Path(root)
    path = out / "README.md"
    path.write_text(card_text(Path(root), clips, splits, export), encoding="utf-8")
    return path


def refresh_readme(root: Path) -> Path | None:
    """Rewrite the dataset folder's README.md from its finished clips; None (and nothing written) while the
    dataset has no readable clips yet."""
    from generator.errors import PovgenError
    from generator.export.source import load_clips

    try:
        clips = load_clips(root)
    except PovgenError:
        return None
    return write_readme(root, clips)
