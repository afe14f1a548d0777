"""povgen audit: can weapon presence be predicted from things other than the weapon?

Probes (cross-validated by source group): background only, hands only, held object only, metadata only, and
each metadata field alone (per-axis balance). Any probe other than "held object only" with AUC above
``FLAG_AUC`` is flagged with what to change in the scene config. Writes ``audit.json`` in the dataset folder.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np

from generator.audit.features import REGIONS, clip_frames, group_features, metadata
from generator.audit.probes import group_cv_auc, metadata_matrix
from generator.dataset.splits import source_groups
from generator.errors import PovgenError
from generator.export.card import write_readme
from generator.export.run import split_record
from generator.export.source import load_clips

FLAG_AUC = 0.6
FEW_GROUPS = 20  # below this many source groups an AUC is mostly noise
AUDIT = "audit.json"

ADVICE = {
    "background": "the places, light or figures differ between firearm and harmless clips: draw environment.family, "
    "lighting and environment.figures the same way for both, or set content.pairs: true so each firearm clip has "
    "a twin in the same place",
    "hands": "the hands' pose, size or position tells the classes apart: give firearms and harmless objects the "
    "same carry and aim poses and hand placement (hands, motion; the activity axis should not follow the class); "
    "a grip that follows the object's shape is expected, a pose that follows the class is a shortcut",
    "metadata": "clip facts predict the label: draw the fields below independently of weapon presence",
}
FIELD_ADVICE = {
    "axes.environment": "environment.family",
    "axes.context": "environment.family",
    "axes.lighting": "lighting.time_of_day",
    "axes.weather": "atmosphere.weather",
    "axes.mount": "camera.mount",
    "axes.activity": "the carry/aim pose (activity): use the same pose distribution for both classes",
    "motion.path": "motion.path",
    "camera.lens": "camera.lens",
    "first_visible_s": "events timing (when the held object enters the view)",
}


def audit_dataset(root: Path, frames: int = 4, write: bool = True) -> dict:
    """Run every probe on the dataset at ``root``; returns (and writes) the audit document."""
    root = Path(root)
    clips = load_clips(root)
    y = np.array([int(c.labels["category"] == "positive") for c in clips])
    if len(set(y)) < 2:
        raise PovgenError(
            f"{root}: the audit needs both firearm and harmless clips ({len(clips)} clips, one class)"
        )
    group_of = source_groups([split_record(c) for c in clips])
    groups = [group_of[c.clip_id] for c in clips]
    feats: list[dict] = [{}] * len(clips)
    for g in sorted(set(groups)):
        idx = [i for i, k in enumerate(groups) if k == g]
        for i, f in zip(idx, group_features([clip_frames(clips[i], frames) for i in idx]), strict=True):
            feats[i] = f
    probes = {}
    for region in REGIONS:
        x = np.stack([f[region] for f in feats])
        probes[region] = group_cv_auc(x, y, groups)
    rows = [metadata(c) for c in clips]
    full, cols = metadata_matrix(rows)
    probes["metadata"] = group_cv_auc(full, y, groups)
    axes = {}
    for name, x in cols.items():
        values = [r.get(name) for r in rows]
        table = None
        if not all(isinstance(v, float) for v in values):
            counts = Counter((str(v), int(t)) for v, t in zip(values, y, strict=True))
            table = {
                v: {"positive": counts[(v, 1)], "negative": counts[(v, 0)]}
                for v in sorted({str(v) for v in values})
            }
        varied = x.shape[1] > 1 or len(np.unique(x)) > 1
        axes[name] = {"auc": group_cv_auc(x, y, groups) if varied else None, "counts": table}
    flags = []
    for name, auc in probes.items():
        if name == "held_object" or auc is None or auc <= FLAG_AUC:
            continue
        advice = ADVICE[name]
        if name == "metadata":
            worst = sorted(
                ((a["auc"], k) for k, a in axes.items() if a["auc"] is not None and a["auc"] > FLAG_AUC),
                reverse=True,
            )
            advice += ": " + (
                "; ".join(f"{k} (AUC {v:.2f}) -> {FIELD_ADVICE.get(k, k)}" for v, k in worst)
                or "no single field, but their combination"
            )
        flags.append({"probe": name, "auc": auc, "advice": advice})
    doc = {
        "kind": "povgen.audit",
        "clips": len(clips),
        "positive": int(y.sum()),
        "negative": int(len(y) - y.sum()),
        "source_groups": len(set(groups)),
        "frames_per_clip": frames,
        "flag_auc": FLAG_AUC,
        "probes": probes,
        "axes": axes,
        "flags": flags,
        "note": "ROC AUC of a logistic regression cross-validated by source group; 0.5 = chance. Only the "
        "held-object probe should be high. With few source groups the AUCs are noisy.",
    }
    if len(set(groups)) < FEW_GROUPS:
        doc["warning"] = (
            f"only {len(set(groups))} source groups: AUCs are noisy and flags indicative; "
            f"audit at least {FEW_GROUPS} (ideally 100+) clips"
        )
    if write:
        (root / AUDIT).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        write_readme(root, clips)  # the card's known limits list the flags
    return doc


def fmt_auc(auc: float | None) -> str:
    return "n/a" if auc is None else f"{auc:.2f}"


def audit_lines(doc: dict) -> list[str]:
    """A plain-text table of the probes, the flagged axes and the flags."""
    lines = [f"{'probe':<28} {'AUC':>5}  flag", "-" * 40]
    flagged = {f["probe"] for f in doc["flags"]}
    for name, auc in doc["probes"].items():
        lines.append(f"{name + ' only':<28} {fmt_auc(auc):>5}  {'FLAG' if name in flagged else ''}")
    for name, a in doc["axes"].items():
        mark = "FLAG" if a["auc"] is not None and a["auc"] > doc["flag_auc"] else ""
        lines.append(f"{'  axis ' + name:<28} {fmt_auc(a['auc']):>5}  {mark}")
    lines += [f"{f['probe']}: {f['advice']}" for f in doc["flags"]]
    if doc.get("warning"):
        lines.append(f"warning: {doc['warning']}")
    return lines
