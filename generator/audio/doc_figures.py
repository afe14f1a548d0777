"""The pictures of docs/audio.md: dry sources, and recorded tracks of planned clips in a few places.

Usage: python -m generator.audio.doc_figures docs/img
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from generator.audio import sources
from generator.audio.plots import spectrogram_panel
from generator.audio.render import render_audio
from generator.config import load_config
from generator.plan.planner import plan_clip

ROOT = Path(__file__).resolve().parents[2]
SR = 48000


def dry_sources(path: Path) -> None:
    """Each source alone at 1 m on axis, no room, no mic: waveform (normalised) over spectrogram."""
    rng = np.random.default_rng(3)
    items = [
        ("handgun", sources.gunshot(rng, SR, sources.draw_weapon(rng, "handgun", False, False))),
        ("rifle", sources.gunshot(rng, SR, sources.draw_weapon(rng, "rifle", False, False))),
        ("shotgun (pump)", sources.gunshot(rng, SR, sources.draw_weapon(rng, "shotgun", False, False))),
        ("handgun, suppressed", sources.gunshot(rng, SR, sources.draw_weapon(rng, "handgun", True, False))),
        ("replica (airsoft)", sources.gunshot(rng, SR, sources.draw_weapon(rng, "handgun", False, True))),
        ("casing on concrete", sources.casing_drop(rng, SR, "handgun", True)),
    ]
    items += [
        (k.replace("_", " "), sources.hard_negative(rng, SR, k))
        for k in ("hand_clap", "balloon_pop", "door_slam", "firecracker", "nail_gun", "game_gunfire")
    ]
    fig = Figure(figsize=(12, 7.5), dpi=90)
    for i, (name, snd) in enumerate(items):
        x = snd.wave[: int(0.3 * SR)]
        t = np.arange(len(x)) / SR
        ax = fig.add_subplot(4, 6, 1 + i + 6 * (i // 6))
        ax.plot(t * 1000, x / max(np.abs(x).max(), 1e-12), lw=0.5, color="0.2")
        ax.set_title(f"{name}\n{sources.pa_to_spl(np.abs(x).max()):.0f} dB peak at 1 m", fontsize=7)
        ax.tick_params(labelsize=5)
        ax2 = fig.add_subplot(4, 6, 7 + i + 6 * (i // 6))
        ax2.specgram(x + 1e-9, NFFT=256, Fs=SR, noverlap=192, cmap="magma")
        ax2.set_ylim(0, 16000)
        ax2.tick_params(labelsize=5)
        ax2.set_xlabel("s", fontsize=5)
    fig.tight_layout()
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    cv2.imwrite(str(path), cv2.cvtColor(np.asarray(canvas.buffer_rgba())[..., :3], cv2.COLOR_RGB2BGR))


def clip_track(scene: str, overrides: list[str], index: int, path: Path, note: str) -> None:
    """The recorded track of one planned clip (no frames are rendered: the sound needs only the plan)."""
    cfg = load_config(ROOT / "scenes" / f"{scene}.yaml", ["render.frames=36", "render.fps=15", *overrides])
    plan = plan_clip(cfg, cfg.seed, index)
    track = render_audio(plan)
    room = track.label["room"]
    title = (
        f"{note}: {plan.category} {plan.axes.held_object} in {scene} "
        f"({'indoor' if room['indoor'] else 'outdoor'}, RT60 {room['rt60_measured_s']} s)"
    )
    img = spectrogram_panel(track.samples, track.sample_rate, track.label, title, width_in=8)
    cv2.imwrite(str(path), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    dry_sources(out / "audio_sources.png")
    shots = [
        "content.positive_fraction=1",
        "events.force_shot_frames=[5,12,16,26]",
        "audio.background_events=0",
    ]
    clip_track(
        "corridor", shots + ["content.weapon=handgun"], 1, out / "audio_corridor_handgun.png", "corridor"
    )
    clip_track("park", shots + ["content.weapon=rifle"], 1, out / "audio_park_rifle.png", "park")
    clip_track(
        "warehouse", shots + ["content.weapon=shotgun"], 1, out / "audio_warehouse_shotgun.png", "warehouse"
    )
    neg = [
        "content.positive_fraction=0",
        "events.force_shot_frames=[5,12,16,26]",
        "audio.background_events=2",
    ]
    clip_track("game_screen", neg, 0, out / "audio_game_screen.png", "game screen")
    clip_track("street", neg + ["audio.background_events=3"], 2, out / "audio_street_negative.png", "street")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "img")
