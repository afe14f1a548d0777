"""Architectural detail on the walls and ceiling of a room: doors in frames with handles, skirting boards, vents,
fire extinguishers, exit signs, notice boards with pinned posters, and windows that look out on a sky photograph.

A ``Wall`` maps wall coordinates (u along the wall, d out of the wall into the room, z up) to model coordinates,
so every fixture is written once for side walls (planes x = const) and end walls (planes y = const).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.plan.geometry import hsv_to_linear
from generator.plan.model import Material
from generator.plan.places.kit import Kit
from generator.plan.places.light import TOD_HDRI
from generator.plan.places.surfaces import plain, poster, surface


@dataclass(frozen=True)
class Wall:
    """The room-facing plane of a wall: ``axis`` 0 (x = at) or 1 (y = at); ``inward`` = +1/-1 along that axis."""

    axis: int
    at: float
    inward: float

    def box(self, k: Kit, mat: str, su: float, sd: float, sz: float, u: float, d: float, z: float) -> None:
        """A box of extents (along wall, out of wall, up) whose back sits ``d`` in front of the wall."""
        c = self.at + self.inward * (d + sd / 2)
        if self.axis == 0:
            k.box(mat, (sd, su, sz), (c, u, z))
        else:
            k.box(mat, (su, sd, sz), (u, c, z))

    def cyl(self, k: Kit, mat: str, diameter: float, length: float, u: float, d: float, z: float) -> None:
        """A cylinder sticking out of the wall by ``length``, starting ``d`` in front of it."""
        c = self.at + self.inward * (d + length / 2)
        if self.axis == 0:
            k.cyl(mat, diameter, length, (c, u, z), rot=(0.0, float(np.pi / 2), 0.0))
        else:
            k.cyl(mat, diameter, length, (u, c, z), rot=(float(np.pi / 2), 0.0, 0.0))

    def upright(self, k: Kit, mat: str, diameter: float, length: float, u: float, d: float, z: float) -> None:
        """A vertical cylinder standing ``d`` in front of the wall (its surface touching at d)."""
        c = self.at + self.inward * (d + diameter / 2)
        pos = (c, u, z) if self.axis == 0 else (u, c, z)
        k.cyl(mat, diameter, length, pos)

    def picture(self, k: Kit, mat: str, su: float, sz: float, u: float, d: float, z: float) -> None:
        """A flat picture (image material) facing into the room; its image faces the part's local -Y."""
        c = self.at + self.inward * (d + 0.005)
        if self.axis == 0:
            rz = -np.pi / 2 if self.inward < 0 else np.pi / 2
            k.box(mat, (su, 0.01, sz), (c, u, z), rz=float(rz))
        else:
            rz = 0.0 if self.inward < 0 else np.pi
            k.box(mat, (su, 0.01, sz), (u, c, z), rz=float(rz))


def side_walls(x0: float, x1: float) -> tuple[Wall, Wall]:
    """The left (x = x0) and right (x = x1) walls of a room along +Y."""
    return Wall(0, x0, 1.0), Wall(0, x1, -1.0)


def fixture_materials(k: Kit, rng: np.random.Generator, wear: float) -> None:
    """Materials the fixtures share (frames, doors, metal, rubber, red paint, cork, glass)."""
    k.mat("frame", surface(str(rng.choice(["paint", "wood", "metal"])), rng, wear))
    k.mat("door_leaf", surface(str(rng.choice(["wood", "paint", "paint"])), rng, wear))
    k.mat("steel", surface("metal", rng).model_copy(update={"roughness": float(rng.uniform(0.2, 0.4))}))
    k.mat("skirting", surface(str(rng.choice(["wood", "paint", "plastic"])), rng, wear))
    k.mat("red", plain(hsv_to_linear(0.0, 0.9, 0.7), 0.35, pattern="paint"))
    k.mat("black", plain((0.015, 0.015, 0.015), 0.6, pattern="rubber"))
    k.mat("cork", surface("dirt", rng).model_copy(update={"color": hsv_to_linear(0.08, 0.55, 0.55)}))
    k.mat("vent", surface("paint", rng, wear).model_copy(update={"color": hsv_to_linear(0, 0, 0.7)}))
    k.mat("pane", surface("glass", rng))


def door(
    k: Kit, wall: Wall, u: float, rng: np.random.Generator, width: float = 0.9, height: float = 2.05
) -> None:
    """A door leaf in a frame (jambs and head proud of the wall), a lever handle and sometimes a vision panel."""
    f = 0.06
    wall.box(k, "frame", f, 0.03, height + f, u - width / 2 - f / 2, 0, (height + f) / 2)
    wall.box(k, "frame", f, 0.03, height + f, u + width / 2 + f / 2, 0, (height + f) / 2)
    wall.box(k, "frame", width + 2 * f, 0.03, f, u, 0, height + f / 2)
    wall.box(k, "door_leaf", width, 0.02, height, u, 0, height / 2)
    hand = float(rng.choice([-1, 1]))
    hu = u + hand * (width / 2 - 0.08)
    wall.cyl(k, "steel", 0.05, 0.012, hu, 0.02, 1.02)  # rose
    wall.cyl(k, "steel", 0.018, 0.05, hu, 0.03, 1.02)  # spindle
    wall.box(k, "steel", 0.13, 0.02, 0.02, hu - hand * 0.06, 0.07, 1.02)  # lever
    wall.box(k, "steel", 0.03, 0.008, 0.1, hu, 0.02, 0.88)  # key plate
    if rng.random() < 0.5:
        wall.box(k, "pane", 0.15, 0.025, 0.6, u - hand * 0.15, 0.0, 1.5)
    if rng.random() < 0.5:
        wall.box(k, "steel", width - 0.06, 0.024, 0.25, u, 0.0, 0.14)  # kick plate


def skirting(k: Kit, x0: float, x1: float, y0: float, y1: float, height: float = 0.1) -> None:
    """Skirting boards along the four walls of the box [x0,x1] x [y0,y1]."""
    t = 0.015
    k.box("skirting", (t, y1 - y0, height), (x0 + t / 2, (y0 + y1) / 2, height / 2))
    k.box("skirting", (t, y1 - y0, height), (x1 - t / 2, (y0 + y1) / 2, height / 2))
    k.box("skirting", (x1 - x0, t, height), ((x0 + x1) / 2, y0 + t / 2, height / 2))
    k.box("skirting", (x1 - x0, t, height), ((x0 + x1) / 2, y1 - t / 2, height / 2))


def vent(k: Kit, wall: Wall, u: float, z: float, w: float = 0.45, h: float = 0.25) -> None:
    """A louvred wall grille: a frame and slanted slats."""
    wall.box(k, "vent", w, 0.015, 0.025, u, 0, z + h / 2 - 0.0125)
    wall.box(k, "vent", w, 0.015, 0.025, u, 0, z - h / 2 + 0.0125)
    wall.box(k, "black", w - 0.04, 0.005, h - 0.04, u, 0, z)
    for dz in np.arange(-h / 2 + 0.045, h / 2 - 0.03, 0.03):
        wall.box(k, "vent", w - 0.04, 0.012, 0.012, u, 0.004, z + dz)


def ceiling_vent(k: Kit, x: float, y: float, h: float, size: float = 0.5) -> None:
    """A square ceiling diffuser: frame and concentric rings just under the ceiling at height ``h``."""
    for i, s in enumerate(np.linspace(size, size * 0.25, 4)):
        k.box("vent", (s, s, 0.012), (x, y, h - 0.006 - 0.012 * i))
    k.box("black", (size * 0.2, size * 0.2, 0.01), (x, y, h - 0.06))


def extinguisher(k: Kit, wall: Wall, u: float, rng: np.random.Generator) -> None:
    """A red fire extinguisher on a wall bracket with its hose, a sign above it."""
    d, hgt = float(rng.uniform(0.14, 0.18)), float(rng.uniform(0.45, 0.6))
    zb = float(rng.uniform(0.6, 0.9))
    wall.box(k, "steel", 0.06, 0.04, 0.12, u, 0, zb + hgt * 0.7)  # bracket
    wall.upright(k, "red", d, hgt, u, 0.03, zb + hgt / 2)
    c = wall.at + wall.inward * (0.03 + d / 2)
    top = (c, u, zb + hgt) if wall.axis == 0 else (u, c, zb + hgt)
    k.sphere("red", (d, d, d * 0.6), top)
    k.cyl("black", 0.04, 0.1, (top[0], top[1], top[2] + 0.06))  # valve
    k.cyl("black", 0.025, hgt * 0.7, (top[0], top[1], zb + hgt * 0.55), rot=(0.12, 0.12, 0.0))  # hose
    sign = k.mat(
        f"fire_sign{len(k.parts)}",
        poster(rng).model_copy(
            update={"text": "FIRE EXTINGUISHER", "color": (0.6, 0.01, 0.01), "color2": (0.9, 0.9, 0.9)}
        ),
    )
    wall.picture(k, sign, 0.2, 0.2, u, 0, zb + hgt + 0.35)


def exit_sign(k: Kit, x: float, y: float, h: float, rng: np.random.Generator) -> None:
    """A lit green EXIT box hanging from the ceiling, facing along -Y (towards the start of the walk)."""
    key = k.mat(
        f"exit{len(k.parts)}",
        Material(
            color=(0.02, 0.5, 0.08),
            color2=(0.9, 0.95, 0.9),
            roughness=0.4,
            emission=2.0,
            pattern="poster",
            seed=int(rng.integers(0, 2**31 - 1)),
            text="EXIT",
        ),
    )
    k.box("steel", (0.36, 0.06, 0.16), (x, y + 0.01, h - 0.25))
    k.box(key, (0.34, 0.01, 0.14), (x, y - 0.025, h - 0.25))
    k.box("steel", (0.02, 0.02, 0.17), (x, y, h - 0.085))


def noticeboard(k: Kit, wall: Wall, u: float, z: float, rng: np.random.Generator) -> None:
    """A cork board in a frame with a few pinned posters and notes."""
    w, h = float(rng.uniform(0.9, 1.8)), float(rng.uniform(0.6, 1.0))
    wall.box(k, "frame", w + 0.06, 0.02, h + 0.06, u, 0, z)
    wall.box(k, "cork", w, 0.01, h, u, 0.02, z)
    for _ in range(int(rng.integers(2, 7))):
        pw, ph = float(rng.uniform(0.12, 0.32)), float(rng.uniform(0.15, 0.4))
        pu = u + float(rng.uniform(-w / 2 + pw / 2, w / 2 - pw / 2))
        pz = z + float(rng.uniform(-h / 2 + ph / 2, h / 2 - ph / 2))
        key = k.mat(f"note{len(k.parts)}", poster(rng))
        wall.picture(k, key, pw, ph, pu, 0.03, pz)


def window(
    k: Kit,
    wall: Wall,
    u: float,
    z: float,
    w: float,
    h: float,
    rng: np.random.Generator,
    time_of_day: str = "day",
) -> None:
    """A window: the sky photograph seen through it (by view direction), glass, frame and mullion, a sill."""
    key = k.mat(
        f"view{len(k.parts)}",
        Material(
            color=(1.0, 1.0, 1.0),
            emission=float(rng.uniform(0.6, 1.2)),
            pattern="window_view",
            text=str(rng.choice(TOD_HDRI[time_of_day])),
            seed=int(rng.integers(0, 2**31 - 1)),
        ),
    )
    wall.box(k, key, w, 0.005, h, u, 0.0, z)
    wall.box(k, "pane", w, 0.006, h, u, 0.03, z)
    f = 0.05
    for du in (-w / 2 - f / 2, w / 2 + f / 2):
        wall.box(k, "frame", f, 0.06, h + 2 * f, u + du, 0, z)
    for dz in (-h / 2 - f / 2, h / 2 + f / 2):
        wall.box(k, "frame", w + 2 * f, 0.06, f, u, 0, z + dz)
    wall.box(k, "frame", 0.04, 0.05, h, u, 0, z)  # mullion
    if rng.random() < 0.5:
        wall.box(k, "frame", w, 0.05, 0.03, u, 0, z + h * 0.2)  # transom
    wall.box(k, "frame", w + 0.2, 0.16, 0.03, u, 0, z - h / 2 - f - 0.015)  # sill


def dress_walls(
    k: Kit,
    rng: np.random.Generator,
    walls: list[Wall],
    u0: float,
    u1: float,
    height: float,
    doors: int = 2,
    windows: int = 0,
    boards: int = 1,
) -> None:
    """Doors, windows, notice boards, extinguishers and vents spread along ``walls`` between u0 and u1."""
    taken: list[tuple[Wall, float, float]] = []

    def free(wall: Wall, w: float) -> float | None:
        for _ in range(12):
            u = float(rng.uniform(u0 + w / 2, u1 - w / 2))
            if all(t[0] != wall or abs(u - t[1]) > (w + t[2]) / 2 + 0.3 for t in taken):
                taken.append((wall, u, w))
                return u
        return None

    for wall in walls:
        for _ in range(doors):
            if (u := free(wall, 1.1)) is not None:
                door(k, wall, u, rng)
        for _ in range(windows):
            ww = float(rng.uniform(1.0, 2.2))
            if (u := free(wall, ww + 0.2)) is not None:
                wh = float(min(height - 1.3, rng.uniform(1.0, 1.6)))
                window(k, wall, u, 0.95 + wh / 2, ww, wh, rng)
        for _ in range(boards):
            if (u := free(wall, 1.9)) is not None:
                noticeboard(k, wall, u, float(rng.uniform(1.3, 1.6)), rng)
        if rng.random() < 0.6 and (u := free(wall, 0.3)) is not None:
            extinguisher(k, wall, u, rng)
        if rng.random() < 0.5 and (u := free(wall, 0.5)) is not None:
            vent(k, wall, u, float(min(height - 0.3, rng.uniform(2.2, 2.6))))
