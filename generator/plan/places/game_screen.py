"""Game-screen negatives: a monitor or TV in a dim room showing a first-person game with a HUD.

The picture is drawn in the worker from the material's seed (generator/blender/screen_image.py draws it with
numpy); labels say context game_screen, weapon_kind virtual, weapon_present false.
"""

from __future__ import annotations

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.geometry import hsv_to_linear, kelvin_to_rgb
from generator.plan.model import Light, Material
from generator.plan.places.base import Place, indoor
from generator.plan.places.kit import Kit, room_shell
from generator.plan.places.surfaces import plain, surface


def build(cfg: SceneConfig, rng: np.random.Generator) -> Place:
    """A screen 1.2-3 m in front of the wearer, who stands (or shuffles) and films it."""
    e = cfg.environment
    wear = e.draw("wear", rng)
    tv = bool(rng.random() < 0.5)
    dist = float(rng.uniform(1.0, 1.5) if not tv else rng.uniform(1.6, 2.6))
    sw = float(rng.uniform(0.55, 0.8) if not tv else rng.uniform(1.1, 1.8))
    sh = sw * 9 / 16
    w, ln, h = float(rng.uniform(3.0, 5.0)), float(dist + rng.uniform(2.0, 4.0)), float(rng.uniform(2.4, 2.8))
    y0 = -1.5
    x0, x1, y1 = -w / 2, w / 2, y0 + ln
    ys = dist  # screen plane (camera starts at y = 0)
    room = Kit("room")
    room.mat("floor", surface(str(rng.choice(["wood", "carpet"])), rng, wear))
    room.mat("wall", surface("plaster", rng, wear))
    room_shell(room, x0, x1, y0, max(y1, ys + 0.8), h, "floor", "wall", "wall")
    furn = Kit("desk")
    furn.mat("desk", surface(str(rng.choice(["wood", "plastic"])), rng, wear))
    furn.mat("bezel", plain((0.01, 0.01, 0.012), float(rng.uniform(0.1, 0.4))))
    # a standing desk or a wall-mounted TV: the screen sits a little below eye level, in the wearer's view
    desk_h = float(rng.uniform(0.95, 1.15))
    zc = (desk_h + 0.08 + sh / 2) if not tv else float(rng.uniform(1.25, 1.55))
    if not tv:
        furn.box("desk", (1.4, 0.7, 0.04), (0, ys + 0.2, desk_h))
        for sx in (-0.65, 0.65):
            furn.box("desk", (0.04, 0.65, desk_h - 0.02), (sx, ys + 0.2, desk_h / 2))
        furn.box("bezel", (0.06, 0.06, zc - desk_h), (0, ys + 0.1, (zc + desk_h) / 2))
    else:
        furn.box("desk", (sw * 1.1, 0.45, 0.5), (0, ys + 0.3, 0.25))
        furn.box("bezel", (0.3, 0.04, 0.3), (0, ys + 0.06, zc))
    bz = float(rng.uniform(0.01, 0.04))
    furn.box("bezel", (sw + 2 * bz, 0.04, sh + 2 * bz), (0, ys + 0.03, zc))
    screen = Kit("screen")
    picture = Material(
        color=(1.0, 1.0, 1.0),
        roughness=float(rng.uniform(0.05, 0.3)),  # glossy panel: reflections of lamps and windows (glare)
        emission=float(rng.uniform(1.5, 4.0)),
        pattern="screen",
        seed=int(rng.integers(0, 2**31 - 1)),
        scale=float(rng.choice([0.0, 1.0], p=[0.5, 0.5])),  # 1: visible subpixel grid (moire when filmed)
    )
    screen.mat("picture", picture)
    screen.box("picture", (sw, 0.01, sh), (0, ys, zc))
    lights = []
    if rng.random() < 0.6:  # a lamp behind the wearer (reflects on the screen)
        lights.append(
            Light(
                kind="point",
                pos=(float(rng.uniform(-1, 1)), -1.0, float(rng.uniform(1.6, 2.3))),
                size=0.3,
                power_w=float(rng.uniform(20, 120)),
                color=kelvin_to_rgb(float(rng.uniform(2500, 5000))),
            )
        )
    if rng.random() < 0.5:  # coloured LED strip behind the desk
        col = hsv_to_linear(rng.uniform(0, 1), 0.9, 1.0)
        lights.append(
            Light(
                kind="area",
                pos=(0.0, ys + 0.3, 0.5),
                rot=(float(-np.pi / 2), 0.0, 0.0),
                size=1.0,
                power_w=float(rng.uniform(5, 30)),
                color=col,
            )
        )
    start = (float(rng.uniform(-0.2, 0.2)), 0.0, 0.0)
    place = indoor(
        cfg,
        rng,
        [room, furn, screen],
        lights,
        start,
        max(0.1, dist - 0.9),
        "game_screen",
        (x0, x1, y0, y1, h),
        [],
    )
    place.world_strength *= 0.4
    place.lighting = "indoor_screen"
    place.virtual_weapon = True
    return place
