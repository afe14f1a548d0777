"""Mannequin-like figures (labelled 'person') standing or walking, and range targets (labelled 'target').

A figure is one joined model facing local -Y; its per-frame world pose is computed from a Mover once the clip's
frame times are known (``actor_tracks``). No faces, no injuries: smooth featureless mannequins.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.config.models import EnvironmentConfig
from generator.plan.geometry import hsv_to_linear, r3
from generator.plan.model import Actor, Model
from generator.plan.places.kit import Kit
from generator.plan.places.surfaces import plain

FIRST_FIGURE_ID = 10


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


@dataclass
class Zone:
    """A rectangle where figures may stand or walk (along +-Y); keep it off the camera's lane."""

    x0: float
    x1: float
    y0: float
    y1: float
    z: float = 0.0


def mannequin(rng: np.random.Generator, iid: int, walking: bool) -> Model:
    """A smooth mannequin (no face) with random height, build, pose and clothing colours."""
    k = Kit(f"person{iid}")
    s = float(rng.uniform(0.85, 1.1))  # ~1.5..1.95 m
    broad = float(rng.uniform(0.85, 1.2))
    shell = hsv_to_linear(rng.uniform(0.05, 0.1), rng.uniform(0.0, 0.35), rng.choice([0.12, 0.5, 0.75, 0.92]))
    k.mat("shell", plain(shell, float(rng.uniform(0.3, 0.7))))
    k.mat("top", plain(hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.8), rng.uniform(0.08, 0.9)), 0.9))
    k.mat("bottom", plain(hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.6), rng.uniform(0.05, 0.6)), 0.9))
    hip, shoulder = 0.95 * s, 1.45 * s
    # legs: upper and lower as one cylinder each side, swung forward/back when walking
    stride = float(rng.uniform(0.25, 0.45)) if walking else float(rng.uniform(0.0, 0.12))
    for side, swing in ((-1, stride), (1, -stride)):
        x = side * 0.1 * broad * s
        leg = hip - 0.02
        dz, dy = leg / 2 * np.cos(swing), leg / 2 * np.sin(swing)
        k.cyl("bottom", 0.15 * broad * s, leg, (x, -dy, hip - dz), rot=(float(-swing), 0.0, 0.0))
        k.box("shell", (0.1 * s, 0.24 * s, 0.07 * s), (x, -2 * dy - 0.05 * s, 0.035 * s))
    k.box("bottom", (0.36 * broad * s, 0.22 * s, 0.2 * s), (0, 0, hip))
    k.box("top", (0.42 * broad * s, 0.24 * s, shoulder - hip), (0, 0, (hip + shoulder) / 2 + 0.05 * s))
    k.cyl("shell", 0.1 * s, 0.12 * s, (0, 0, shoulder + 0.08 * s))
    k.sphere("shell", (0.2 * s, 0.23 * s, 0.26 * s), (0, 0, shoulder + 0.24 * s))
    # arms: hanging, swinging, one raised (phone to ear / pointing) or folded forward
    pose = str(rng.choice(["hang", "raise", "forward"], p=[0.6, 0.2, 0.2]))
    for side in (-1, 1):
        swing = -0.6 * stride * side if walking else float(rng.uniform(-0.15, 0.15))
        lift = 0.0
        if pose == "raise" and side == 1:
            lift = float(rng.uniform(1.2, 2.6))
        if pose == "forward":
            lift = float(rng.uniform(0.9, 1.5))
        a = 0.62 * s
        # rotate the hanging arm (pointing -Z) about X by -(swing + lift): positive lift brings it forward (-Y)
        ang = swing + lift
        dy, dz = -a / 2 * np.sin(ang), -a / 2 * np.cos(ang)
        x = side * (0.24 * broad * s + 0.05 * s)
        k.cyl("top", 0.1 * s, a, (x, dy, shoulder + dz), rot=(float(-ang), 0.0, 0.0))
        k.sphere("shell", (0.09 * s, 0.09 * s, 0.12 * s), (x, 2 * dy, shoulder + 2 * dz))
    placed = k.placed()[0].model
    return placed.model_copy(
        update={
            "instance_id": iid,
            "category": "person",
            "meta": {"pose": pose, "height_m": round(1.78 * s, 3)},
        }
    )


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
    """Draw the configured number of figures into ``zones``: standing (facing about -Y) or walking along +-Y."""
    if not zones:
        return []
    n = cfg.draw("figures", rng)
    out = []
    for i in range(n):
        z = zones[int(rng.integers(0, len(zones)))]
        walking = bool(rng.random() < cfg.draw("walking_fraction", rng))
        model = mannequin(rng, first_id + i, walking)
        x = float(rng.uniform(z.x0, z.x1)) if z.x1 > z.x0 else z.x0
        y = float(rng.uniform(z.y0, z.y1))
        if walking:
            yaw = 0.0 if rng.random() < 0.5 else float(np.pi)  # towards the camera or away
            out.append(
                Mover(
                    model,
                    (x, y, z.z),
                    yaw,
                    float(rng.uniform(0.6, 1.5)),
                    "person",
                    (z.y0, z.y1),
                    float(rng.uniform(1.6, 2.1)),
                )
            )
        else:
            out.append(
                Mover(
                    model, (x, y, z.z), float(rng.uniform(-0.8, 0.8) + (np.pi if rng.random() < 0.2 else 0.0))
                )
            )
    return out


def actor_tracks(movers: list[Mover], times: np.ndarray) -> list[Actor]:
    """Per-frame world poses of the movers: straight walks clamped to their range, with a small gait bob."""
    actors = []
    for m in movers:
        fwd = np.array([np.sin(m.yaw), -np.cos(m.yaw), 0.0])
        pos = np.asarray(m.pos, dtype=float)[None] + np.outer(times * m.speed, fwd)
        pos[:, 1] = np.clip(pos[:, 1], *m.y_range)
        if m.speed != 0 and m.role == "person":
            pos[:, 2] += 0.02 * np.abs(np.sin(np.pi * m.step_hz * times))
        rot = [(0.0, 0.0, float(round(m.yaw, 6)))] * len(times)
        actors.append(Actor(model=m.model, position=[r3(p) for p in pos], rotation=rot, role=m.role))
    return actors
