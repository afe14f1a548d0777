"""The figure poses sheets: mannequin figures in every pose, front and side, at moments across the pose's motion
(studio renders), and first-person frames of places with posed figures in front of the camera, for
docs/assets.md and ``povgen assets --what figures``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from generator.config import load_config
from generator.motion.shake import frame_times
from generator.plan.geometry import euler_to_matrix
from generator.plan.model import ClipPlan, Model
from generator.plan.places.figures import Mover, actor_tracks, draw_pose, mannequin
from generator.plan.planner import plan_clip
from generator.preview.assets import ROOT, _on_grey, _studio
from generator.preview.run import render_tiles
from generator.preview.sheet import tile
from generator.shapes.poses import MOVING, POSES

FRAME = ([-0.6, -1.1, 0.0], [0.6, 1.1, 2.2])  # one scale for all (metres; portrait tiles)
# first-person frames: a place and three figures (pose, metres ahead, metres to the left) per plan
PLACES = (
    ("office", (("walking", 7.0, 0.9), ("arms_raised", 4.5, -1.1), ("crouching", 3.2, 0.9))),
    ("street", (("running_away", 3.5, -1.2), ("hands_up", 5.0, 1.2), ("standing", 8.0, -0.2))),
    ("warehouse", (("turning", 4.0, 1.0), ("walking", 8.0, -0.8), ("hands_up", 6.0, 0.2))),
    ("retail", (("arms_raised", 5.5, 0.4), ("crouching", 3.5, -1.0), ("running_away", 4.0, 1.2))),
)
FP_FRAMES = 24  # 1.6 s at 15 fps; frames 0 and the last are shown
TIMES = (0.0, 0.5, 1.0, 1.5)  # seconds into the pose (the motion starts at 0.1 s and takes 1 s)


def posed_model(m: Model, t: float, yaw: float) -> Model:
    """``m`` with its mannequin parts evaluated at ``t`` and turned by ``yaw`` about Z."""
    parts = [
        p.model_copy(update={"geom": {**p.geom, "t": float(t)}, "rot": (0.0, 0.0, float(yaw))})
        for p in m.parts
    ]
    return m.model_copy(update={"parts": parts})


def pose_models(seed: int = 0, times=TIMES) -> list[tuple[str, Model]]:
    """One figure per pose (varied height, build and clothes), seen from the front at each time and from the
    side at the last."""
    out = []
    for i, name in enumerate(POSES):
        rng = np.random.default_rng([seed, i])
        h = float(rng.uniform(1.5, 1.95))
        pose = {**draw_pose(rng, name in MOVING, h, 3.0 if name == "running_away" else 1.2), "name": name}
        pose.update(t0=0.1, dur=1.0)
        if name == "turning":
            pose["turn"] = 1.5
        m = mannequin(rng, 10 + i, pose, h)
        for t in times:
            u = float(np.clip((t - pose["t0"]) / pose["dur"], 0, 1))
            yaw = np.pi / 2 + float(pose.get("turn", 0.0)) * u * u * (3 - 2 * u)  # the actor's own turn
            out.append((f"{name}_t{t:.1f}", posed_model(m, t, yaw)))
        out.append((f"{name}_side", posed_model(m, times[-1] * 0.75, 0.0)))
    return out


def figures_sheet(out: Path, size: tuple[int, int] = (200, 300), samples: int = 16, seed: int = 0) -> dict:
    """Render every pose (front at several times, side) and tile them, one row per pose, into ``out``."""
    t0 = time.perf_counter()
    models = pose_models(seed)
    meta = dict(models)
    with tempfile.TemporaryDirectory(prefix="povgen-figures-") as tmp:
        renders = _studio(models, size[0], size[1], samples, Path(tmp), ("side",), FRAME)
        side = [r for r in renders if r["view"] == "side"]
        images = [_on_grey(r["image"]) for r in side]
    caps = []
    for r in side:
        m = meta[r["name"]]
        caps.append(f"{r['name']}\n{m.meta['height_m']:.2f} m {m.meta['top']}/{m.meta['bottom']}")
    cols = len(TIMES) + 1
    sheet = tile(images, caps, cols=cols, title="figure poses (front over time, side)")
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    return {"sheet": str(out), "figures": len(POSES), "seconds": time.perf_counter() - t0}


def _facing(fwd: np.ndarray) -> float:
    """The yaw that turns a figure (facing -Y at yaw 0) towards a camera looking along ``fwd``."""
    return float(np.arctan2(-fwd[0], fwd[1]))


def place_plans(size: tuple[int, int] = (640, 360), seed: int = 0) -> list[ClipPlan]:
    """One still-standing first-person clip per place with three posed figures ahead of the camera."""
    plans = []
    for i, (family, figures) in enumerate(PLACES):
        cfg = load_config(
            ROOT / "scenes" / f"{family}.yaml",
            [
                f"render.width={size[0]}",
                f"render.height={size[1]}",
                f"render.frames={FP_FRAMES}",
                "render.fps=15",
                "environment.figures=0",
                "motion.path=stand",
                "atmosphere.weather=clear",
                "lighting.time_of_day=day",
            ],
        )
        plan = plan_clip(cfg, seed, i)
        cam = np.asarray(plan.camera.position[0])
        fwd = euler_to_matrix(plan.camera.rotation[0]) @ np.array([0.0, 0.0, -1.0])
        fwd[2] = 0.0
        fwd /= np.linalg.norm(fwd)
        left = np.array([-fwd[1], fwd[0], 0.0])
        movers = []
        for j, (name, ahead, side) in enumerate(figures):
            rng = np.random.default_rng([seed, i, j])
            h = float(rng.uniform(1.55, 1.9))
            speed = {"walking": 1.2, "running_away": 3.0}.get(name, 0.0)
            pose = {**draw_pose(rng, speed > 0, h, speed), "name": name, "t0": 0.15, "dur": 0.9}
            if name == "turning":
                pose["turn"] = 1.6
            pos = cam + ahead * fwd + side * left
            yaw = _facing(fwd) + (np.pi if name == "running_away" else 0.0)
            if name == "turning":
                yaw += 0.9
            turn = (0.15, 0.9, float(pose.get("turn", 0.0)))
            model = mannequin(rng, 10 + j, pose, h)
            movers.append(
                Mover(
                    model,
                    (float(pos[0]), float(pos[1]), 0.0),
                    yaw,
                    speed,
                    step_hz=pose.get("hz", 1.8),
                    turn=turn,
                )
            )
        actors = actor_tracks(movers, frame_times(FP_FRAMES, 15))
        plans.append(plan.model_copy(update={"actors": actors}))
    return plans


def first_person_sheet(
    out: Path, size: tuple[int, int] = (640, 360), samples: int = 8, seed: int = 0
) -> dict:
    """Render the first and last frame of each place plan and tile them (one row per place) into ``out``."""
    t0 = time.perf_counter()
    plans = place_plans(size, seed)
    frames = [0, FP_FRAMES - 1]
    tiles = render_tiles(plans, frames, "cycles", samples, False, timeout_s=300.0 + 120.0 * len(plans) * 2)
    images, caps = [], []
    for (family, figures), t in zip(PLACES, tiles, strict=True):
        names = ", ".join(n for n, _, _ in figures)
        for f, img in zip(frames, t.images, strict=True):
            images.append(img)
            caps.append(f"{family} frame {f}: {names}")
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet = tile(images, caps, cols=2, title="figures in the places: first and last frame (1.6 s apart)")
    # a 256-colour palette keeps the docs picture small (as the grips sheet), under 1 MB instead of 2.3 MB
    sheet.convert("RGB").quantize(colors=256, method=0, dither=0).save(out, optimize=True)
    return {"sheet": str(out), "plans": len(plans), "seconds": time.perf_counter() - t0}
