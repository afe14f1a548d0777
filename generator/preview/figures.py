"""The figure poses sheet: mannequin figures in every pose, front and side, at moments across the pose's motion
(studio renders), for docs/assets.md and ``povgen assets --what figures``."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from generator.plan.model import Model
from generator.plan.places.figures import draw_pose, mannequin
from generator.preview.assets import _on_grey, _studio
from generator.preview.sheet import tile
from generator.shapes.poses import MOVING, POSES

FRAME = ([-0.6, -1.1, 0.0], [0.6, 1.1, 2.2])  # one scale for all (metres; portrait tiles)
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
    img_dir = out.parent / "figures"
    renders = _studio(models, size[0], size[1], samples, img_dir, ("side",), FRAME)
    side = [r for r in renders if r["view"] == "side"]
    meta = dict(models)
    caps = []
    for r in side:
        m = meta[r["name"]]
        caps.append(f"{r['name']}\n{m.meta['height_m']:.2f} m {m.meta['top']}/{m.meta['bottom']}")
    cols = len(TIMES) + 1
    sheet = tile(
        [_on_grey(r["image"]) for r in side], caps, cols=cols, title="figure poses (front over time, side)"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    return {"sheet": str(out), "figures": len(POSES), "seconds": time.perf_counter() - t0}
