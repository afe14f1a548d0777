"""Mannequin-like figures (labelled 'person') standing or walking, and range targets (labelled 'target').

A figure is one joined model facing local -Y; its per-frame world pose is computed from a Mover once the clip's
frame times are known (``actor_tracks``). No faces, no injuries: smooth featureless mannequins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.config.models import EnvironmentConfig
from generator.plan.geometry import hsv_to_linear, r3
from generator.plan.model import Actor, Model, Part
from generator.plan.places.kit import Kit
from generator.plan.places.surfaces import plain
from generator.shapes.mannequin import BOTTOMS, HEIGHT_RANGE, LAYERS, TOPS
from generator.shapes.poses import MOVING

FIRST_FIGURE_ID = 10
STILL_POSES = ("standing", "turning", "arms_raised", "hands_up", "crouching")
STILL_WEIGHTS = (0.3, 0.2, 0.17, 0.17, 0.16)


@dataclass
class Mover:
    """A labelled model and how it moves: start position, heading (yaw about Z), speed and walking range."""

    model: Model
    pos: tuple[float, float, float]
    yaw: float
    speed: float = 0.0
    role: str = "person"
    y_range: tuple[float, float] = (-1e9, 1e9)
    step_hz: float = 1.8
    turn: tuple[float, float, float] = (0.0, 1.0, 0.0)  # (start s, duration s, yaw change rad) of a turn


@dataclass
class Zone:
    """A rectangle where figures may stand or walk (along +-Y); keep it off the camera's lane."""

    x0: float
    x1: float
    y0: float
    y1: float
    z: float = 0.0


def draw_pose(rng: np.random.Generator, moving: bool, height: float, speed: float = 0.0) -> dict:
    """A pose (name and parameters, see generator.shapes.poses) that moves over the clip."""
    if moving:
        name = "running_away" if rng.random() < 0.25 else "walking"
    else:
        name = str(rng.choice(STILL_POSES, p=STILL_WEIGHTS))
    pose: dict = {
        "name": name,
        "t0": round(float(rng.uniform(0.0, 0.8)), 4),
        "dur": round(float(rng.uniform(0.6, 1.2)), 4),
        "phase": round(float(rng.uniform(0, 2 * np.pi)), 4),
        "look": round(float(rng.uniform(0.1, 0.6)), 4),
    }
    if name in MOVING:
        hz = float(rng.uniform(2.6, 3.2) if name == "running_away" else rng.uniform(1.6, 2.1))
        leg = 0.53 * height
        pose["hz"] = round(hz, 4)
        pose["amp"] = round(float(np.arcsin(np.clip(speed / (2 * leg * hz), 0.15, 0.75))), 4)
    elif name == "turning":
        pose["turn"] = round(float(rng.choice([-1, 1]) * rng.uniform(1.2, 3.0)), 4)
        pose["hz"] = round(float(rng.uniform(1.6, 2.0)), 4)
    elif name == "arms_raised":
        pose["hz"] = round(float(rng.uniform(0.8, 1.6)), 4)
    return pose


def mannequin(rng: np.random.Generator, iid: int, pose: dict, height: float | None = None) -> Model:
    """A smooth store mannequin (no face) of random height and build in clothes, posed by ``pose`` over time:
    four parts (shell, top, bottom, shoes) of the ``mannequin`` mesh builder."""
    k = Kit(f"person{iid}")
    h = float(height if height is not None else rng.uniform(*HEIGHT_RANGE))
    body = {
        "height": round(h, 4),
        "build": round(float(rng.uniform(0.88, 1.15)), 4),
        "girth": round(float(rng.uniform(0.85, 1.2)), 4),
        "top": str(rng.choice(TOPS, p=[0.4, 0.3, 0.3])),
        "bottom": str(rng.choice(BOTTOMS, p=[0.6, 0.15, 0.25])),
    }
    shell = hsv_to_linear(rng.uniform(0.05, 0.1), rng.uniform(0.0, 0.35), rng.choice([0.12, 0.5, 0.75, 0.92]))
    k.mat("shell", plain(shell, float(rng.uniform(0.25, 0.5))))
    k.mat("top", plain(hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.8), rng.uniform(0.08, 0.9)), 0.9))
    k.mat("bottom", plain(hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.6), rng.uniform(0.05, 0.6)), 0.9))
    k.mat(
        "shoes",
        plain(hsv_to_linear(rng.uniform(0.02, 0.1), rng.uniform(0, 0.5), rng.choice([0.03, 0.15, 0.8])), 0.6),
    )
    if _LEGACY[0]:
        _blocks(k, h / 1.78, float(body["build"]), pose["name"] in MOVING)
    else:
        for layer in LAYERS:
            geom = {"layer": layer, "body": body, "pose": pose, "t": 0.0}
            k.parts.append(Part(shape="mannequin", material=layer, name=layer, geom=geom, smooth=True))
    return k.placed()[0].model.model_copy(
        update={
            "instance_id": iid,
            "category": "person",
            "meta": {
                "pose": pose["name"],
                "height_m": round(h, 3),
                "top": body["top"],
                "bottom": body["bottom"],
            },
        }
    )


_LEGACY = [False]


def use_legacy_figures(on: bool) -> None:
    """Build figures as the former rigid blocks (benchmarks/figures.py compares the render cost)."""
    _LEGACY[0] = bool(on)


def _blocks(k: Kit, s: float, broad: float, walking: bool) -> None:
    """The former figure: boxes, cylinders and a sphere head, legs apart when walking, arms hanging."""
    hip, shoulder = 0.95 * s, 1.45 * s
    stride = 0.35 if walking else 0.05
    for side, swing in ((-1, stride), (1, -stride)):
        x, leg = side * 0.1 * broad * s, hip - 0.02
        dz, dy = leg / 2 * np.cos(swing), leg / 2 * np.sin(swing)
        k.cyl("bottom", 0.15 * broad * s, leg, (x, -dy, hip - dz), rot=(float(-swing), 0.0, 0.0))
        k.box("shoes", (0.1 * s, 0.24 * s, 0.07 * s), (x, -2 * dy - 0.05 * s, 0.035 * s))
    k.box("bottom", (0.36 * broad * s, 0.22 * s, 0.2 * s), (0, 0, hip))
    k.box("top", (0.42 * broad * s, 0.24 * s, shoulder - hip), (0, 0, (hip + shoulder) / 2 + 0.05 * s))
    k.cyl("shell", 0.1 * s, 0.12 * s, (0, 0, shoulder + 0.08 * s))
    k.sphere("shell", (0.2 * s, 0.23 * s, 0.26 * s), (0, 0, shoulder + 0.24 * s))
    for side in (-1, 1):
        a, x = 0.62 * s, side * (0.24 * broad * s + 0.05 * s)
        k.cyl("top", 0.1 * s, a, (x, 0.0, shoulder - a / 2))
        k.sphere("shell", (0.09 * s, 0.09 * s, 0.12 * s), (x, 0.0, shoulder - a))


def paper_target(rng: np.random.Generator, iid: int) -> Model:
    """A paper target (rings or silhouette print) on a board and two posts, facing -Y."""
    k = Kit(f"target{iid}")
    w, h = float(rng.uniform(0.45, 0.7)), float(rng.uniform(0.6, 0.95))
    base = float(rng.uniform(0.6, 1.0))
    k.mat("post", plain(hsv_to_linear(0.08, 0.5, rng.uniform(0.2, 0.5)), 0.9))
    k.mat(
        "paper",
        plain(hsv_to_linear(0.12, rng.uniform(0, 0.15), rng.uniform(0.8, 0.95)), 0.8).model_copy(
            update={
                "pattern": "target",
                "color2": hsv_to_linear(
                    rng.choice([0.0, 0.6, 0.3]), rng.uniform(0, 0.8), rng.uniform(0.02, 0.3)
                ),
                "seed": int(rng.integers(0, 2**31 - 1)),
            }
        ),
    )
    for side in (-1, 1):
        k.box("post", (0.04, 0.04, base + h), (side * (w / 2 + 0.03), 0.02, (base + h) / 2))
    k.box("paper", (w, 0.01, h), (0, 0, base + h / 2))
    return k.placed()[0].model.model_copy(
        update={"instance_id": iid, "category": "target", "meta": {"kind": "paper"}}
    )


def steel_target(rng: np.random.Generator, iid: int) -> Model:
    """A painted steel plate (round or silhouette-like) on a stand, facing -Y."""
    k = Kit(f"target{iid}")
    k.mat(
        "steel",
        plain(
            hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.7), rng.uniform(0.4, 0.95)), 0.5, metallic=0.3
        ),
    )
    k.mat("stand", plain(hsv_to_linear(0, 0, 0.1), 0.5, metallic=1.0))
    base = float(rng.uniform(0.5, 1.1))
    k.cyl("stand", 0.05, base, (0, 0.05, base / 2))
    if rng.random() < 0.5:
        d = float(rng.uniform(0.2, 0.4))
        k.cyl("steel", d, 0.015, (0, 0, base + d / 2), rot=(float(np.pi / 2), 0.0, 0.0))
    else:
        k.box("steel", (0.45, 0.015, 0.55), (0, 0, base + 0.3))
        k.sphere("steel", (0.22, 0.015, 0.26), (0, 0, base + 0.7))
    return k.placed()[0].model.model_copy(
        update={"instance_id": iid, "category": "target", "meta": {"kind": "steel"}}
    )


def figures_in(
    cfg: EnvironmentConfig, rng: np.random.Generator, zones: list[Zone], first_id: int = FIRST_FIGURE_ID
) -> list[Mover]:
    """Draw the configured number of figures into ``zones``: walking or running along +-Y, or in place
    (standing, turning, raising the arms, hands up, crouching), each pose moving over the clip."""
    if not zones:
        return []
    n = cfg.draw("figures", rng)
    out = []
    for i in range(n):
        z = zones[int(rng.integers(0, len(zones)))]
        walking = bool(rng.random() < cfg.draw("walking_fraction", rng))
        h = float(rng.uniform(*HEIGHT_RANGE))
        speed = float(rng.uniform(0.6, 1.5))
        pose = draw_pose(rng, walking, h, speed)
        x = float(rng.uniform(z.x0, z.x1)) if z.x1 > z.x0 else z.x0
        y = float(rng.uniform(z.y0, z.y1))
        if pose["name"] == "running_away":  # away from the camera (+Y), from the near part of the zone
            speed = float(rng.uniform(2.5, 4.0))
            pose = {
                **pose,
                "amp": round(float(np.arcsin(np.clip(speed / (1.06 * h * pose["hz"]), 0.15, 0.75))), 4),
            }
            y = float(rng.uniform(z.y0, z.y0 + 0.3 * (z.y1 - z.y0)))
        model = mannequin(rng, first_id + i, pose, h)
        if walking:
            yaw = float(np.pi) if pose["name"] == "running_away" or rng.random() >= 0.5 else 0.0
            out.append(Mover(model, (x, y, z.z), yaw, speed, "person", (z.y0, z.y1), float(pose["hz"])))
        else:
            yaw = float(rng.uniform(-0.8, 0.8) + (np.pi if rng.random() < 0.2 else 0.0))
            turn = (float(pose["t0"]), float(pose["dur"]), float(pose.get("turn", 0.0)))
            out.append(Mover(model, (x, y, z.z), yaw, turn=turn))
    return out


def actor_tracks(movers: list[Mover], times: np.ndarray) -> list[Actor]:
    """Per-frame world poses of the movers: straight walks clamped to their range, turns eased in and out (the
    gait's bob and steps are the figure's own articulation)."""
    actors = []
    for m in movers:
        fwd = np.array([np.sin(m.yaw), -np.cos(m.yaw), 0.0])
        pos = np.asarray(m.pos, dtype=float)[None] + np.outer(times * m.speed, fwd)
        pos[:, 1] = np.clip(pos[:, 1], *m.y_range)
        t0, dur, dyaw = m.turn
        u = np.clip((times - t0) / max(dur, 1e-3), 0.0, 1.0)
        yaw = m.yaw + dyaw * u * u * (3 - 2 * u)
        rot = [(0.0, 0.0, float(round(y, 6))) for y in yaw]
        actors.append(Actor(model=m.model, position=[r3(p) for p in pos], rotation=rot, role=m.role))
    return actors
