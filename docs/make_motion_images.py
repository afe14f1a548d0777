"""Figures for docs/motion.md, made by the tool itself: each motion component, recoil, spectra, a shot strip.

Run: ``python docs/make_motion_images.py docs/images`` (the strip renders a tiny clip with real Blender workers).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from generator.config import validate_config  # noqa: E402
from generator.dataset.clip import ClipReader  # noqa: E402
from generator.motion.recoil import RECOIL_CLASSES, impulse  # noqa: E402
from generator.plan import plan_clip  # noqa: E402

DEMO = {
    "render": {"frames": 600, "fps": 60},
    "content": {"positive_fraction": 1},
    "motion": {"path": "walk", "scan_deg": 30, "tremor_deg": 0.2},
    "events": {
        "start_aimed": 0,
        "raise_at_s": 1.0,
        "raise_s": 0.5,
        "shots": 3,
        "first_shot_s": 2.5,
        "split_s": 0.25,
        "lower": 1,
        "reload": 0,
    },
}


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def component_plots(out: Path) -> list[Path]:
    """One panel per camera component (rotation in degrees), the held object's components, and spectra."""
    plt = _plt()
    plan = plan_clip(validate_config(DEMO), 0, 0)
    t = np.arange(plan.render.frames) / plan.render.fps
    comps = plan.camera.components
    fig, axes = plt.subplots(len(comps), 1, figsize=(7, 1.3 * len(comps)), sharex=True, dpi=80)
    for ax, (name, c) in zip(axes, comps.items(), strict=True):
        rot = np.rad2deg(np.array(c["rotation"]))
        for k, label in enumerate(("pitch", "roll", "yaw")):
            ax.plot(t, rot[:, k], lw=0.9, label=label)
        ax.set_ylabel(f"{name}\n(deg)", fontsize=8)
        ax.tick_params(labelsize=7)
    axes[0].legend(fontsize=7, ncol=3, loc="upper right")
    axes[-1].set_xlabel("time (s)")
    fig.suptitle(
        "Camera components of one planned clip (walk, scanning, raise at 1 s, three shots from 4 s, lower)",
        fontsize=9,
    )
    fig.tight_layout()
    paths = [out / "motion_components.png"]
    fig.savefig(paths[-1])
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(7, 2.2), dpi=80)
    for name, c in plan.held_track.components.items():
        axes[0].plot(t, np.rad2deg(np.array(c["rotation"])[:, 0]), lw=0.9, label=name)
    axes[0].set_title("held object: pitch offsets (deg)", fontsize=8)
    axes[0].legend(fontsize=7)
    tau = np.linspace(-0.05, 0.45, 500)
    for klass, r in RECOIL_CLASSES.items():
        rise = np.mean(r["rise_deg"])
        axes[1].plot(tau, rise * impulse(tau, np.mean(r["peak_s"]), np.mean(r["recovery_s"])), label=klass)
    axes[1].set_title("recoil impulse at mid-range values (deg)", fontsize=8)
    axes[1].set_xlabel("time after the shot (s)", fontsize=8)
    axes[1].legend(fontsize=7)
    for ax in axes:
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    paths.append(out / "motion_held_recoil.png")
    fig.savefig(paths[-1])
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 2.2), dpi=80)
    fps = plan.render.fps
    for name in ("gait", "tremor", "breathing", "drift", "scan"):
        rot = np.array(comps[name]["rotation"])
        w = np.gradient(rot, 1 / fps, axis=0)
        power = (np.abs(np.fft.rfft(w, axis=0)) ** 2).sum(axis=1)
        ax.semilogy(np.fft.rfftfreq(len(w), 1 / fps), power + 1e-12, lw=0.9, label=name)
    ax.set_xlabel("frequency (Hz)", fontsize=8)
    ax.set_title("angular-velocity power spectrum per component", fontsize=8)
    ax.set_ylim(1e-4, None)
    ax.legend(fontsize=7, ncol=5)
    ax.tick_params(labelsize=7)
    fig.tight_layout()
    paths.append(out / "motion_spectra.png")
    fig.savefig(paths[-1])
    plt.close(fig)
    return paths


def shot_strip(out: Path, scale: int = 2) -> Path:
    """Render a tiny positive clip with a forced shot and lay its frames side by side, labels drawn on them."""
    from generator.config import load_config
    from generator.run.generate import generate
    from generator.run.pool import PoolOptions

    root = ROOT
    over = [
        "content.positive_fraction=1",
        "events.force_shot_frames=[3]",
        "events.casing=1",
        "render.frames=7",
        "render.fps=30",
        "render.width=160",
        "render.height=96",
        "render.samples=8",
        "render.denoise=fast",
        "camera.lens=perspective",
        "motion.path=stand",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        ds = Path(tmp) / "ds"
        generate(load_config(root / "scenes" / "smoke.yaml", over), ds, 1, 4, PoolOptions(workers=1))
        clip = next((ds / "clips").iterdir())
        labels = ClipReader(clip).labels
        tiles = []
        for f in labels["frames"][2:6]:
            img = cv2.imread(str(clip / f["image"]))
            img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
            for a in f["annotations"]:
                if a["bbox_modal"] and a["category"] not in ("hand_left", "hand_right"):
                    x0, y0, x1, y1 = (int(v * scale) for v in a["bbox_modal"])
                    cv2.rectangle(img, (x0, y0), (x1, y1), (0, 255, 0), 1)
                if a["muzzle_point"]:
                    x, y = (int(v * scale) for v in a["muzzle_point"])
                    cv2.drawMarker(img, (x, y), (255, 0, 255), cv2.MARKER_CROSS, 8, 1)
            text = f"f{f['index']}" + (" FLASH" if f["muzzle_flash"] else "")
            cv2.putText(img, text, (4, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (255, 255, 255), 1, cv2.LINE_AA)
            tiles.append(img)
        path = out / "motion_shot_strip.png"
        cv2.imwrite(str(path), np.hstack(tiles))
    return path


def main(argv: list[str]) -> None:
    out = Path(argv[0] if argv else "docs/images")
    out.mkdir(parents=True, exist_ok=True)
    for p in component_plots(out) + [shot_strip(out)]:
        print(p)


if __name__ == "__main__":
    main(sys.argv[1:])
