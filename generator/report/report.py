"""povgen report: ``report/index.html`` with a contact sheet, counts, histograms, event timing and timings.

Plain HTML with PNG/JPEG files beside it (matplotlib, Agg backend), so it opens offline in any browser.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from generator.audio.plots import sound_sheet
from generator.dataset.clip import PLAN, ClipReader
from generator.dataset.layout import CARD, inside
from generator.export.card import class_counts as card_class_counts
from generator.export.cliplist import AXES
from generator.export.source import Clip, load_clips
from generator.report.draw import draw_labels
from generator.report.onset import onset_devices

STAGES = ("build", "render", "labels", "encode", "write")


def save(fig: Figure, path: Path) -> str:
    """Write a figure as PNG and return its file name."""
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=90)
    return path.name


def bar(ax, counts: Counter, title: str) -> None:
    """A horizontal bar chart of counts, largest first."""
    items = counts.most_common()
    ax.barh([str(k) for k, _ in items][::-1], [v for _, v in items][::-1], color="#4c72b0")
    ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=7)


def contact_sheet(clips: list[Clip], path: Path, cols: int = 6, cell_w: int = 240) -> str:
    """The middle frame of each clip with its labels drawn, in a grid (JPEG)."""
    cells = []
    for c in clips:
        lab = c.labels
        f = lab["frames"][len(lab["frames"]) // 2]
        rgb = c.frame_rgb(f["index"])
        img = draw_labels(rgb, c.mask(f), f["annotations"], 1)
        h = int(round(cell_w * img.shape[0] / img.shape[1]))
        img = cv2.resize(img, (cell_w, h), interpolation=cv2.INTER_AREA)
        text = f"{c.clip_id} {lab['axes']['held_object']}"
        cv2.putText(img, text, (4, h - 5), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (255, 255, 255), 1, cv2.LINE_AA)
        cells.append(img)
    h = max(x.shape[0] for x in cells)
    cells = [np.pad(x, ((0, h - x.shape[0]), (0, 0), (0, 0))) for x in cells]
    cells += [np.zeros_like(cells[0])] * (-len(cells) % cols)
    rows = [np.hstack(cells[i : i + cols]) for i in range(0, len(cells), cols)]
    grid = np.vstack(rows)
    cv2.imwrite(str(path), cv2.cvtColor(grid, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path.name


def collect(clips: list[Clip]) -> dict:
    """Per-annotation and per-clip numbers the plots need."""
    d: dict = defaultdict(lambda: defaultdict(list))
    for c in clips:
        lab = c.labels
        for f in lab["frames"]:
            for a in f["annotations"]:
                cat = a["category"]
                d["visible_fraction"][cat].append(a["visible_fraction"])
                d["truncation"][cat].append(a["truncation"])
                if a["bbox_modal"]:
                    x0, y0, x1, y1 = a["bbox_modal"]
                    d["box_side"][cat].append(float(np.sqrt((x1 - x0) * (y1 - y0))))
                    d["box_height_rel"][cat].append((y1 - y0) / lab["height"])
        for e in lab["events"]:
            d["event_time"][e["type"]].append(e["time_s"])
        for k, v in lab.get("timings", {}).items():
            d["timing"][k].append(v / lab["num_frames"])
        reader = ClipReader(c.folder)
        if reader.has(PLAN):
            plan = reader.plan
            d["lights"]["count"].append(len(plan.get("lights", [])))
            d["lights"]["power_w"].append(sum(x.get("power_w", 0.0) for x in plan.get("lights", [])))
            d["lights"]["world_strength"].append(plan.get("world_strength", 0.0))
    return d


def hist_grid(
    groups: dict[str, list[float]], title: str, xlabel: str, path: Path, bins=20, range_=None
) -> str:
    """Overlaid histograms, one per group."""
    fig = Figure(figsize=(6, 3.2))
    ax = fig.add_subplot()
    for name in sorted(groups):
        if groups[name]:
            ax.hist(groups[name], bins=bins, range=range_, alpha=0.55, label=f"{name} ({len(groups[name])})")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel("count", fontsize=8)
    ax.tick_params(labelsize=7)
    if any(groups.values()):
        ax.legend(fontsize=7)
    fig.tight_layout()
    return save(fig, path)


def axis_counts(clips: list[Clip], path: Path) -> str:
    """One bar chart per clip label axis."""
    names = ["category", *AXES]
    fig = Figure(figsize=(11, 2.2 * ((len(names) + 3) // 4)))
    for k, name in enumerate(names):
        ax = fig.add_subplot((len(names) + 3) // 4, 4, k + 1)
        values = [c.labels["category"] if name == "category" else c.labels["axes"].get(name) for c in clips]
        bar(ax, Counter(str(v) for v in values), name)
    fig.tight_layout()
    return save(fig, path)


def class_counts(clips: list[Clip], path: Path) -> str:
    """Instances per class: annotations with visible pixels, and clips where the class appears."""
    ann, per_clip = card_class_counts(clips)
    fig = Figure(figsize=(10, 2.8))
    bar(fig.add_subplot(1, 2, 1), ann, "visible annotations per class")
    bar(fig.add_subplot(1, 2, 2), per_clip, "clips where the class is visible")
    fig.tight_layout()
    return save(fig, path)


def place_light(clips: list[Clip], d: dict, path: Path) -> str:
    """Places (environment, context) and light (lighting axis, light count, power, world strength)."""
    fig = Figure(figsize=(11, 5))
    bar(fig.add_subplot(2, 3, 1), Counter(c.labels["axes"]["environment"] for c in clips), "environment")
    bar(fig.add_subplot(2, 3, 2), Counter(c.labels["axes"]["context"] for c in clips), "context")
    bar(fig.add_subplot(2, 3, 3), Counter(c.labels["axes"]["lighting"] for c in clips), "lighting")
    for k, (key, label) in enumerate(
        (
            ("count", "lights per clip"),
            ("power_w", "total light power (W)"),
            ("world_strength", "world strength"),
        )
    ):
        ax = fig.add_subplot(2, 3, 4 + k)
        ax.hist(d["lights"][key], bins=15, color="#dd8452")
        ax.set_title(label, fontsize=9)
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    return save(fig, path)


def timings_plot(d: dict, path: Path) -> str:
    """Seconds per frame of each stage: mean bars and per-clip spread."""
    stages = [s for s in STAGES if d["timing"].get(s)] + sorted(
        k for k in d["timing"] if k not in STAGES and k != "total"
    )
    fig = Figure(figsize=(10, 3))
    ax = fig.add_subplot(1, 2, 1)
    ax.bar(stages, [float(np.mean(d["timing"][s])) for s in stages], color="#55a868")
    ax.set_title("mean seconds per frame by stage", fontsize=9)
    ax.set_yscale("log")
    ax.tick_params(labelsize=7)
    ax2 = fig.add_subplot(1, 2, 2)
    if stages:
        ax2.boxplot([d["timing"][s] for s in stages], tick_labels=stages)
    ax2.set_title("per-clip seconds per frame", fontsize=9)
    ax2.set_yscale("log")
    ax2.tick_params(labelsize=7)
    fig.tight_layout()
    return save(fig, path)


def table(rows: list[tuple]) -> str:
    return (
        "<table>"
        + "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>" for r in rows)
        + "</table>"
    )


def audit_section(root: Path) -> str:
    """The shortcut audit's probe table and flags, when ``povgen audit`` wrote audit.json."""
    path = root / "audit.json"
    if not path.is_file():
        return "<section><h2>Shortcut audit</h2><p>not run: <code>povgen audit DATASET</code></p></section>"
    doc = json.loads(path.read_text(encoding="utf-8"))
    fmt = lambda a: "n/a" if a is None else f"{a:.2f}"  # noqa: E731
    flagged = {f["probe"] for f in doc["flags"]}
    rows = [("probe", "AUC", "")] + [
        (f"{k} only", fmt(a), "FLAG" if k in flagged else "") for k, a in doc["probes"].items()
    ]
    rows += [
        (f"axis {k}", fmt(a["auc"]), "FLAG" if a["auc"] is not None and a["auc"] > doc["flag_auc"] else "")
        for k, a in doc["axes"].items()
    ]
    flags = "".join(f"<li><b>{html.escape(f['probe'])}</b>: {html.escape(f['advice'])}</li>" for f in doc["flags"])
    return (
        "<section><h2>Shortcut audit</h2>"
        f"<p>{html.escape(doc['note'])} {doc['clips']} clips, {doc['source_groups']} source groups. "
        f"<b>{html.escape(doc.get('warning', ''))}</b></p>"
        f"{table(rows)}<ul>{flags or '<li>no probe flagged</li>'}</ul></section>"
    )


def write_report(
    root: Path, out: Path | None = None, sheet: int = 48, on_step: Callable[[str, int, int], None] | None = None
) -> Path:
    """Write the report folder; returns the path of index.html."""
    step_to = on_step or (lambda label, done, total: None)
    root = Path(root)
    step_to("labels", 0, 3)
    clips = load_clips(root)
    out = Path(out) if out is not None else inside(root, "report")
    out.mkdir(parents=True, exist_ok=True)
    card = json.loads((root / CARD).read_text(encoding="utf-8")) if (root / CARD).is_file() else {}
    step_to("statistics", 1, 3)
    d = collect(clips)
    step_to("figures", 2, 3)
    step = max(1, len(clips) // sheet) if sheet else 1
    imgs = {
        "sheet": contact_sheet(clips[::step][:sheet], out / "contact_sheet.jpg"),
        "classes": class_counts(clips, out / "classes.png"),
        "axes": axis_counts(clips, out / "axes.png"),
        "boxes": hist_grid(d["box_side"], "modal box size", "sqrt(box area) in pixels", out / "box_size.png"),
        "box_h": hist_grid(
            d["box_height_rel"],
            "modal box height / image height",
            "relative height",
            out / "box_height.png",
            range_=(0, 1),
        ),
        "vis": hist_grid(
            d["visible_fraction"],
            "visible fraction",
            "visible / projected pixels",
            out / "visibility.png",
            range_=(0, 1),
        ),
        "trunc": hist_grid(
            d["truncation"], "truncation", "share outside the image", out / "truncation.png", range_=(0, 1)
        ),
        "events": hist_grid(
            d["event_time"],
            "event timing",
            "seconds from clip start",
            out / "events.png",
            range_=(0, max(c.labels["duration_s"] for c in clips)),
        ),
        "place": place_light(clips, d, out / "place_light.png"),
        "onset": onset_devices(clips, out / "onset_devices.png", save, bar),
        "timing": timings_plot(d, out / "timings.png"),
    }
    counts = card.get("counts", {})
    frames = sum(c.labels["num_frames"] for c in clips)
    anns = sum(len(f["annotations"]) for c in clips for f in c.labels["frames"])
    first = [c.labels["first_visible"]["time_s"] for c in clips if c.labels.get("first_visible")]
    summary = [
        ("dataset", card.get("name", root.name)),
        ("clips", len(clips)),
        ("frames", frames),
        ("annotations", anns),
        ("status", card.get("status", "?")),
        ("failed clips", counts.get("failed", 0)),
        ("seed", card.get("seed", "?")),
        ("config hash", card.get("config_hash", "?")),
        ("versions", ", ".join(f"{k} {v}" for k, v in card.get("versions", {}).items())),
        ("first weapon visible (median s)", f"{np.median(first):.2f}" if first else "n/a"),
    ]
    sections = [
        (
            "Contact sheet",
            "middle frame of each clip: masks tinted, modal boxes solid, amodal dashed",
            "sheet",
        ),
        ("Classes", "annotations with visible pixels, and clips, per class", "classes"),
        ("Label axes", "clips per value of each clip-level axis", "axes"),
        ("Box sizes", "modal boxes by class", "boxes"),
        ("Box heights", "modal box height relative to the image", "box_h"),
        ("Visibility", "visible fraction of each annotation", "vis"),
        ("Truncation", "share of each projected silhouette outside the image", "trunc"),
        ("Event timing", "when events happen in their clips", "events"),
        ("Places and light", "environment, context and lighting axes; lights from plan.json", "place"),
        (
            "Onset and devices",
            "when the held object first shows (share of the clip, from the masks), how it comes into view, "
            "carry poses per class and camera device profiles",
            "onset",
        ),
        ("Stage timings", "seconds per frame per stage, from labels.json timings", "timing"),
    ]
    sound = sound_sheet([(c.folder, c.labels) for c in clips], out / "sound.png")
    if sound:
        imgs["sound"] = sound
        sections.append(("Sound", "waveforms and spectrograms of a few clips; lines at labelled sound onsets", "sound"))
    body = "".join(
        f'<section><h2>{t}</h2><p>{html.escape(note)}</p><img src="{imgs[k]}" alt="{t}"></section>'
        for t, note, k in sections
    )
    body += audit_section(root)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>povgen report: {html.escape(str(summary[0][1]))}</title>
<style>body{{font-family:sans-serif;margin:20px;max-width:1200px}}img{{max-width:100%;border:1px solid #ddd}}
td{{padding:2px 10px;border-bottom:1px solid #eee}}h2{{margin-top:28px}}</style></head>
<body><h1>povgen dataset report</h1>{table(summary)}{body}</body></html>
"""
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    step_to("", 3, 3)
    return index
