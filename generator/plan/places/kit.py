"""Building blocks shared by the families: a part collector (one joined model per kit) and room shells."""

from __future__ import annotations

import numpy as np

from generator.plan.model import Material, Model, Part, Placed


class Kit:
    """Collects parts and materials of one joined model (one Blender object: fast to build)."""

    def __init__(self, name: str):
        self.name = name
        self.parts: list[Part] = []
        self.materials: dict[str, Material] = {}

    def mat(self, key: str, m: Material) -> str:
        """Register material ``m`` under ``key`` and return the key."""
        self.materials[key] = m
        return key

    def box(self, mat: str, size, pos, rz: float = 0.0, name: str = "", rx: float = 0.0) -> None:
        """A box centred at ``pos``, turned by ``rx`` about X then ``rz`` about Z."""
        rot = (float(rx), 0.0, float(rz))
        self.parts.append(Part(shape="box", size=_v(size), pos=_v(pos), rot=rot, material=mat, name=name))

    def cyl(self, mat: str, diameter: float, length: float, pos, rot=(0.0, 0.0, 0.0), name: str = "") -> None:
        """A cylinder along local Z (rotate with ``rot``), centred at ``pos``."""
        d = float(diameter)
        self.parts.append(
            Part(
                shape="cylinder",
                size=(d, d, float(length)),
                pos=_v(pos),
                rot=_v(rot),
                material=mat,
                name=name,
            )
        )

    def sphere(self, mat: str, size, pos, name: str = "") -> None:
        """An ellipsoid with diameters ``size``."""
        self.parts.append(Part(shape="sphere", size=_v(size), pos=_v(pos), material=mat, name=name))

    def add(self, parts: list[Part], x: float, y: float, rz: float = 0.0, z: float = 0.0) -> None:
        """Parts built in their own frame (front +Y, floor z = 0), turned by ``rz`` and placed at (x, y, z)."""
        from generator.plan.objects.parts import transform_parts

        self.parts.extend(transform_parts(parts, (0.0, 0.0, float(rz)), (float(x), float(y), float(z))))

    def placed(self) -> list[Placed]:
        """The kit as a list of zero or one placed model (empty kits build nothing)."""
        if not self.parts:
            return []
        used = {p.material for p in self.parts}
        mats = {k: v for k, v in self.materials.items() if k in used}
        return [Placed(model=Model(name=self.name, parts=self.parts, materials=mats))]


def _v(x) -> tuple[float, float, float]:
    return tuple(float(round(float(a), 5)) for a in x)


def room_shell(
    kit: Kit,
    x0: float,
    x1: float,
    y0: float,
    y1: float,
    h: float,
    floor: str,
    wall: str,
    ceiling: str | None,
    t: float = 0.1,
) -> None:
    """Floor, four walls and an optional ceiling of the box [x0,x1] x [y0,y1] x [0,h]."""
    w, ln = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    kit.box(floor, (w + 2 * t, ln + 2 * t, t), (cx, cy, -t / 2), name="floor")
    if ceiling:
        kit.box(ceiling, (w + 2 * t, ln + 2 * t, t), (cx, cy, h + t / 2), name="ceiling")
    kit.box(wall, (t, ln, h), (x0 - t / 2, cy, h / 2), name="wall")
    kit.box(wall, (t, ln, h), (x1 + t / 2, cy, h / 2), name="wall")
    kit.box(wall, (w + 2 * t, t, h), (cx, y1 + t / 2, h / 2), name="wall")
    kit.box(wall, (w + 2 * t, t, h), (cx, y0 - t / 2, h / 2), name="wall")


def scatter_y(rng: np.random.Generator, y0: float, y1: float, n: int, gap: float) -> list[float]:
    """Up to ``n`` positions in [y0, y1] at least ``gap`` apart (sorted)."""
    out: list[float] = []
    for _ in range(n * 4):
        if len(out) >= n:
            break
        y = float(rng.uniform(y0, y1))
        if all(abs(y - o) >= gap for o in out):
            out.append(y)
    return sorted(out)
