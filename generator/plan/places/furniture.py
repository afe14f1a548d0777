"""Clutter made of real shapes (extrusions, lathes and sweeps with rounded edges): office and stacking chairs,
desks with monitors, bins, potted plants, benches, trolleys, shelf products and parked cars with wheels and glass.

Each builder returns parts in its own frame (front towards +Y, standing on z = 0); ``Kit.add`` turns and places
them. Materials are named by role (``Kit.mat`` keys) and registered with ``furniture_materials`` /
``car_materials``.
"""

from __future__ import annotations

import numpy as np

from generator.plan.geometry import hsv_to_linear
from generator.plan.model import Part
from generator.plan.objects.parts import box, extruded, lathed, rounded, swept
from generator.plan.places.kit import Kit
from generator.plan.places.surfaces import plain, surface

X_AXIS = (0.0, float(np.pi / 2), 0.0)  # turns a lathe's local +Z onto +X


def _rect(w: float, h: float, r: float, cx: float = 0.0, cz: float = 0.0) -> list[list[float]]:
    """A rounded rectangle outline of full size (w, h) centred at (cx, cz)."""
    from generator.shapes import rounded_outline

    pts = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]) + [cx, cz]
    return rounded_outline(pts, r, 3).tolist()


def furniture_materials(k: Kit, rng: np.random.Generator, wear: float) -> None:
    """Upholstery, frames, plastics, wood and terracotta used by the furniture builders."""
    k.mat("upholstery", surface("fabric", rng, wear * 0.5))
    k.mat(
        "frame_metal",
        surface("metal", rng).model_copy(update={"color": hsv_to_linear(0, 0, rng.uniform(0.05, 0.6))}),
    )
    k.mat("black_plastic", plain(hsv_to_linear(0, 0, rng.uniform(0.02, 0.06)), 0.45, pattern="plastic"))
    k.mat("shell_plastic", surface("plastic", rng))
    k.mat("desk_wood", surface("wood", rng, wear))
    k.mat("screen_glass", plain((0.01, 0.01, 0.012), 0.08, pattern="glass"))
    k.mat("pot", surface(str(rng.choice(["plastic", "paint"])), rng, wear))
    k.mat("terracotta", plain(hsv_to_linear(0.05, 0.6, 0.55), 0.8, pattern="dirt"))
    k.mat("soil", surface("dirt", rng))
    k.mat("leaf", surface("foliage", rng))
    k.mat("paper", plain(hsv_to_linear(0.1, 0.03, 0.9), 0.9, pattern="cardboard"))


def office_chair(rng: np.random.Generator, arms: bool | None = None) -> list[Part]:
    """A swivel chair: five-star base on casters, gas lift, upholstered seat and back, optional armrests."""
    parts: list[Part] = []
    seat_h = float(rng.uniform(0.44, 0.52))
    for i in range(5):
        a = 2 * np.pi * i / 5 + 0.3
        end = [0.3 * np.cos(a), 0.3 * np.sin(a), 0.07]
        parts.append(
            swept(
                "leg",
                [[0, 0, 0.1], [end[0] * 0.5, end[1] * 0.5, 0.09], end],
                0.018,
                "black_plastic",
                segments=8,
                caps="flat",
            )
        )
        parts.append(
            Part(
                shape="sphere", size=(0.05, 0.05, 0.05), pos=(end[0], end[1], 0.03), material="black_plastic"
            )
        )
    parts.append(
        Part(
            shape="cylinder",
            size=(0.05, 0.05, seat_h - 0.1),
            pos=(0, 0, (seat_h + 0.1) / 2 - 0.03),
            material="frame_metal",
        )
    )
    parts.append(rounded("seat", (0.48, 0.46, 0.08), (0, 0.02, seat_h), "upholstery", radius=0.03))
    tilt = float(rng.uniform(0.05, 0.2))
    bh = float(rng.uniform(0.4, 0.6))
    parts.append(
        extruded(
            "back",
            _rect(0.44, bh, 0.07, 0, seat_h + 0.12 + bh / 2),
            0.06,
            "upholstery",
            bevel=0.02,
            plane="xz",
            pos=(0, -0.24, 0),
            rot=(-tilt, 0, 0),
        )
    )
    parts.append(
        swept(
            "spine",
            [[0, -0.05, seat_h - 0.05], [0, -0.25, seat_h - 0.04], [0, -0.28, seat_h + 0.2]],
            0.02,
            "black_plastic",
            segments=8,
        )
    )
    if arms if arms is not None else rng.random() < 0.6:
        for sx in (-1, 1):
            x = sx * 0.26
            parts.append(
                swept(
                    "arm",
                    [[x, -0.02, seat_h], [x, -0.02, seat_h + 0.2], [x, 0.12, seat_h + 0.21]],
                    0.014,
                    "black_plastic",
                    segments=8,
                )
            )
            parts.append(
                rounded("pad", (0.06, 0.24, 0.03), (x, 0.06, seat_h + 0.225), "black_plastic", radius=0.012)
            )
    return parts


def stacking_chair(rng: np.random.Generator) -> list[Part]:
    """A school or canteen chair: tube legs and a moulded seat and back."""
    parts: list[Part] = []
    seat_h = float(rng.uniform(0.42, 0.46))
    for sx in (-1, 1):
        x = sx * 0.2
        parts.append(
            swept(
                "tube",
                [[x, 0.2, 0.0], [x, 0.18, seat_h - 0.02], [x, -0.2, seat_h - 0.02], [x, -0.22, 0.0]],
                0.011,
                "frame_metal",
                segments=8,
                caps="flat",
            )
        )
        parts.append(
            swept(
                "tube",
                [[x, -0.19, seat_h], [x, -0.22, seat_h + 0.42]],
                0.011,
                "frame_metal",
                segments=8,
                caps="round",
            )
        )
    parts.append(rounded("seat", (0.44, 0.42, 0.02), (0, 0, seat_h + 0.01), "shell_plastic", radius=0.008))
    parts.append(
        rounded(
            "back",
            (0.44, 0.02, 0.22),
            (0, -0.22, seat_h + 0.3),
            "shell_plastic",
            radius=0.008,
            rot=(-0.12, 0, 0),
        )
    )
    return parts


def desk(rng: np.random.Generator, width: float, depth: float, monitor: bool = True) -> list[Part]:
    """A desk with panel ends and a modesty panel; monitor on a stand, keyboard, mug and papers."""
    h = 0.74
    parts = [
        rounded("top", (width, depth, 0.03), (0, 0, h - 0.015), "desk_wood", radius=0.006),
        rounded(
            "end",
            (0.025, depth - 0.05, h - 0.03),
            (-width / 2 + 0.03, 0, (h - 0.03) / 2),
            "frame_metal",
            radius=0.004,
        ),
        rounded(
            "end",
            (0.025, depth - 0.05, h - 0.03),
            (width / 2 - 0.03, 0, (h - 0.03) / 2),
            "frame_metal",
            radius=0.004,
        ),
        rounded(
            "modesty",
            (width - 0.1, 0.015, 0.35),
            (0, -depth / 2 + 0.08, h - 0.25),
            "frame_metal",
            radius=0.004,
        ),
    ]
    if monitor:
        mw = float(rng.uniform(0.5, 0.62))
        mh = mw * 0.6
        mx = float(rng.uniform(-0.1, 0.1)) * width
        my = -depth / 2 + 0.18
        parts.append(rounded("base", (0.22, 0.16, 0.015), (mx, my, h + 0.008), "black_plastic", radius=0.005))
        parts.append(
            rounded("neck", (0.05, 0.03, 0.2), (mx, my - 0.02, h + 0.1), "black_plastic", radius=0.01)
        )
        parts.append(
            rounded("monitor", (mw, 0.04, mh), (mx, my, h + 0.12 + mh / 2), "black_plastic", radius=0.008)
        )
        parts.append(
            box("screen", (mw - 0.02, 0.004, mh - 0.02), (mx, my + 0.021, h + 0.12 + mh / 2), "screen_glass")
        )
        parts.append(
            rounded("keyboard", (0.44, 0.14, 0.02), (mx, my + 0.3, h + 0.01), "black_plastic", radius=0.006)
        )
    if rng.random() < 0.6:
        x, y = float(rng.uniform(-width / 2 + 0.2, width / 2 - 0.2)), float(rng.uniform(0, depth / 2 - 0.1))
        parts.append(
            lathed(
                "mug",
                [[0.0, 0.0], [0.04, 0.0], [0.042, 0.1], [0.036, 0.1], [0.034, 0.01], [0.0, 0.01]],
                "shell_plastic",
                segments=14,
                pos=(x, y, h),
            )
        )
    for _ in range(int(rng.integers(0, 3))):
        parts.append(
            box(
                "paper",
                (0.21, 0.297, 0.004),
                (
                    float(rng.uniform(-width / 2 + 0.2, width / 2 - 0.2)),
                    float(rng.uniform(-0.1, depth / 2 - 0.15)),
                    h + 0.002,
                ),
                "paper",
                rot=(0, 0, float(rng.uniform(-0.4, 0.4))),
            )
        )
    return parts


def bin_(rng: np.random.Generator) -> list[Part]:
    """A tapered waste bin (open top, a wall with thickness)."""
    r0, r1, hgt = float(rng.uniform(0.11, 0.16)), float(rng.uniform(0.14, 0.2)), float(rng.uniform(0.3, 0.45))
    wall = 0.006
    profile = [[r0, 0.0], [r1, hgt], [r1 - wall, hgt], [r0 - wall, wall], [0.001, wall], [0.001, 0.0]]
    return [lathed("bin", profile, "pot", segments=20, closed=True)]


def plant(rng: np.random.Generator) -> list[Part]:
    """A potted plant: lathed pot, soil, and a fan of long leaves."""
    r, hgt = float(rng.uniform(0.12, 0.22)), float(rng.uniform(0.22, 0.4))
    mat = str(rng.choice(["pot", "terracotta"]))
    parts = [
        lathed(
            "pot",
            [[r * 0.75, 0.0], [r, hgt], [r + 0.015, hgt], [r + 0.015, hgt - 0.03], [r * 0.8, 0.0]],
            mat,
            segments=20,
            closed=True,
        ),
        Part(
            shape="cylinder", size=(2 * r * 0.97, 2 * r * 0.97, 0.02), pos=(0, 0, hgt - 0.04), material="soil"
        ),
    ]
    from generator.shapes import spline_outline

    size = float(rng.uniform(0.5, 1.2))
    for i in range(int(rng.integers(8, 16))):
        ln = size * float(rng.uniform(0.5, 1.0))
        wd = ln * float(rng.uniform(0.1, 0.25))
        leaf = spline_outline([[0, 0], [wd / 2, ln * 0.35], [0, ln], [-wd / 2, ln * 0.35]], samples=4)
        yaw = 2 * np.pi * i / 8 + float(rng.uniform(-0.3, 0.3))
        lean = float(rng.uniform(0.15, 0.9))
        parts.append(
            extruded(
                "leaf", leaf.tolist(), 0.006, "leaf", plane="xz", pos=(0, 0, hgt - 0.03), rot=(lean, 0, yaw)
            )
        )
    return parts


def bench(rng: np.random.Generator, length: float | None = None) -> list[Part]:
    """A park bench: cast side frames (extruded profile), wooden seat and back slats."""
    ln = float(length or rng.uniform(1.5, 2.0))
    side = [
        [-0.25, 0.0],
        [-0.19, 0.0],
        [-0.15, 0.4],
        [0.2, 0.4],
        [0.24, 0.0],
        [0.3, 0.0],
        [0.26, 0.45],
        [-0.2, 0.46],
        [-0.3, 0.85],
        [-0.36, 0.85],
        [-0.26, 0.42],
    ]
    parts = [
        extruded("side", side, 0.05, "frame_metal", bevel=0.008, plane="yz", pos=(x, 0, 0))
        for x in (-ln / 2 + 0.15, ln / 2 - 0.15)
    ]
    for j in range(4):
        parts.append(
            rounded("slat", (ln, 0.09, 0.035), (0, -0.16 + j * 0.11, 0.45), "desk_wood", radius=0.008)
        )
    for j in range(3):
        z = 0.56 + j * 0.11
        parts.append(
            rounded(
                "slat",
                (ln, 0.03, 0.08),
                (0, -0.23 - (z - 0.45) * 0.25, z),
                "desk_wood",
                radius=0.008,
                rot=(-0.25, 0, 0),
            )
        )
    return parts


def trolley(rng: np.random.Generator) -> list[Part]:
    """A shopping trolley: tube chassis on four wheels, a basket of rails and a handle bar."""
    parts: list[Part] = []
    for sx in (-1, 1):
        parts.append(
            swept(
                "chassis",
                [[sx * 0.22, 0.45, 0.12], [sx * 0.25, -0.4, 0.12], [sx * 0.26, -0.45, 1.0]],
                0.012,
                "frame_metal",
                segments=8,
                caps="flat",
            )
        )
        for y in (0.42, -0.4):
            parts.append(
                Part(
                    shape="cylinder",
                    size=(0.1, 0.1, 0.03),
                    pos=(sx * 0.22, y, 0.05),
                    rot=X_AXIS,
                    material="black_plastic",
                )
            )
    z0, z1 = 0.5, 0.95
    for z in np.linspace(z0, z1, 4):
        w = 0.27 + (z - z0) * 0.08
        parts.append(
            swept(
                "rail",
                [[-w, 0.45, z], [-w, -0.42, z], [w, -0.42, z], [w, 0.45, z], [-w, 0.45, z]],
                0.005,
                "frame_metal",
                segments=6,
                caps="flat",
            )
        )
    for y in np.linspace(-0.42, 0.45, 8):
        parts.append(
            swept("bar", [[-0.27, y, z0], [-0.3, y, z1]], 0.004, "frame_metal", segments=6, caps="flat")
        )
        parts.append(
            swept("bar", [[0.27, y, z0], [0.3, y, z1]], 0.004, "frame_metal", segments=6, caps="flat")
        )
    parts.append(rounded("floor", (0.54, 0.87, 0.01), (0, 0.0, z0), "frame_metal", radius=0.003))
    parts.append(
        swept("handle", [[-0.28, -0.5, 1.02], [0.28, -0.5, 1.02]], 0.016, "shell_plastic", segments=10)
    )
    return parts


def bottle(rng: np.random.Generator, material: str, cap: str) -> list[Part]:
    """A bottle (body, shoulder, neck) with a cap."""
    r, h = float(rng.uniform(0.03, 0.05)), float(rng.uniform(0.18, 0.3))
    prof = [
        [0.0, 0.0],
        [r * 0.9, 0.0],
        [r, 0.01],
        [r, h * 0.6],
        [r * 0.4, h * 0.85],
        [r * 0.35, h * 0.95],
        [0.0, h * 0.95],
    ]
    return [
        lathed("bottle", prof, material, segments=12),
        Part(shape="cylinder", size=(r * 0.8, r * 0.8, h * 0.06), pos=(0, 0, h * 0.98), material=cap),
    ]


def can(rng: np.random.Generator, material: str) -> list[Part]:
    """A drinks or food can with rims."""
    r, h = float(rng.uniform(0.032, 0.05)), float(rng.uniform(0.1, 0.16))
    prof = [[0.0, 0.0], [r * 0.9, 0.0], [r, 0.008], [r, h - 0.008], [r * 0.92, h], [0.0, h]]
    return [lathed("can", prof, material, segments=12)]


def car_materials(k: Kit, rng: np.random.Generator, n: int = 4) -> None:
    """Car paints, tyres, glass, rims, lamps and trims (shared by all cars of a kit)."""
    for i in range(n):
        v = float(rng.choice([0.05, 0.3, 0.6, 0.85, rng.uniform(0.2, 0.8)]))
        k.mat(
            f"paint{i}",
            plain(
                hsv_to_linear(rng.uniform(0, 1), rng.uniform(0, 0.8), v),
                float(rng.uniform(0.15, 0.4)),
                metallic=0.6,
                pattern="paint",
            ),
        )
    k.mat("tyre", plain((0.015, 0.015, 0.015), 0.85, pattern="rubber"))
    k.mat("car_glass", plain((0.015, 0.018, 0.02), 0.05, pattern="glass"))
    k.mat("rim", surface("metal", rng))
    k.mat("trim", plain((0.02, 0.02, 0.02), 0.5, pattern="plastic"))
    k.mat("headlamp", plain((0.8, 0.8, 0.75), 0.1, pattern="glass"))
    k.mat("taillamp", plain((0.5, 0.02, 0.02), 0.2, pattern="glass"))
    k.mat("plate", plain((0.85, 0.85, 0.8), 0.4, pattern="paint"))


def car(rng: np.random.Generator, paint: str) -> list[Part]:
    """A parked car along +Y: bevelled body with wheel arches, glass cabin, roof, wheels, lamps, bumpers."""
    ln, wd = float(rng.uniform(3.9, 4.9)), float(rng.uniform(1.7, 1.9))
    kind = str(rng.choice(["hatch", "sedan", "suv"]))
    clear, wr = 0.18, float(rng.uniform(0.3, 0.36))
    belt = float(rng.uniform(0.85, 0.95)) + (0.15 if kind == "suv" else 0.0)
    roof = belt + float(rng.uniform(0.45, 0.55))
    axle = ln / 2 - float(rng.uniform(0.75, 0.95))
    # side profile (y forward, z up): bumper to bumper with arches cut round the wheels
    out = [[-ln / 2, clear + 0.1]]
    for yc in (-axle, axle):
        a = np.linspace(np.pi, 0, 9)
        arch = wr + 0.05
        out += (
            [[yc - arch, clear]]
            + [[yc + arch * np.cos(t), wr + arch * np.sin(t) * 0.95] for t in a]
            + [[yc + arch, clear]]
        )
    out += [
        [ln / 2, clear + 0.1],
        [ln / 2 - 0.05, belt - 0.18],
        [ln / 2 - 0.5, belt - 0.02],
        [-ln / 2 + 0.05, belt],
        [-ln / 2, belt - 0.1],
    ]
    parts = [extruded("body", out, wd, paint, bevel=0.05, plane="yz")]
    # glass cabin (greenhouse) with a painted roof
    front = ln / 2 - 0.5 - float(rng.uniform(0.3, 0.6))
    rear = -ln / 2 + (0.25 if kind != "sedan" else 0.7)
    cabin = [[rear, belt - 0.03], [front, belt - 0.03], [front - 0.6, roof - 0.04], [rear + 0.2, roof - 0.04]]
    parts.append(extruded("cabin", cabin, wd - 0.16, "car_glass", bevel=0.03, plane="yz"))
    parts.append(
        extruded(
            "roof",
            [
                [rear + 0.18, roof - 0.06],
                [front - 0.58, roof - 0.06],
                [front - 0.65, roof],
                [rear + 0.25, roof],
            ],
            wd - 0.2,
            paint,
            bevel=0.02,
            plane="yz",
        )
    )
    for x in (-1, 1):
        parts.append(
            box(
                "pillar",
                (0.02, 0.08, roof - belt),
                (x * (wd / 2 - 0.09), (front + rear) / 2 + 0.1, (belt + roof) / 2),
                paint,
            )
        )
    tyre = [[wr * 0.62, -0.1], [wr - 0.03, -0.1], [wr, -0.07], [wr, 0.07], [wr - 0.03, 0.1], [wr * 0.62, 0.1]]
    for yc in (-axle, axle):
        for x in (-1, 1):
            xp = x * (wd / 2 - 0.14)
            parts.append(lathed("tyre", tyre, "tyre", segments=20, closed=True, pos=(xp, yc, wr), rot=X_AXIS))
            parts.append(
                lathed(
                    "rim",
                    [[0.0, -0.07], [wr * 0.64, -0.07], [wr * 0.64, 0.07], [0.0, 0.04]],
                    "rim",
                    segments=16,
                    pos=(xp, yc, wr),
                    rot=X_AXIS,
                )
            )
    for x in (-1, 1):
        parts.append(
            rounded(
                "headlamp",
                (0.35, 0.06, 0.12),
                (x * (wd / 2 - 0.28), ln / 2 - 0.05, belt - 0.25),
                "headlamp",
                radius=0.02,
            )
        )
        parts.append(
            rounded(
                "taillamp",
                (0.3, 0.06, 0.12),
                (x * (wd / 2 - 0.22), -ln / 2 + 0.03, belt - 0.2),
                "taillamp",
                radius=0.02,
            )
        )
        parts.append(
            rounded(
                "mirror",
                (0.16, 0.08, 0.1),
                (x * (wd / 2 + 0.05), front - 0.1, belt + 0.08),
                paint,
                radius=0.02,
            )
        )
    for y, s in ((ln / 2 + 0.02, 1), (-ln / 2 - 0.02, -1)):
        parts.append(
            rounded("bumper", (wd - 0.02, 0.12, 0.18), (0, y - s * 0.05, clear + 0.15), "trim", radius=0.04)
        )
        parts.append(box("plate", (0.52, 0.012, 0.11), (0, y + s * 0.012, clear + 0.2), "plate"))
    return parts


def sofa(rng: np.random.Generator, length: float) -> list[Part]:
    """A sofa along its X axis (front +Y): plinth, seat and back cushions, rounded arms, short feet."""
    d, seat = float(rng.uniform(0.8, 0.95)), float(rng.uniform(0.4, 0.46))
    n = 2 if length < 1.9 else 3
    parts = [rounded("plinth", (length, d, 0.2), (0, 0, 0.2), "upholstery", radius=0.03)]
    cw = (length - 0.36) / n
    for i in range(n):
        x = -length / 2 + 0.18 + (i + 0.5) * cw
        parts.append(
            rounded("cushion", (cw - 0.01, d - 0.25, 0.14), (x, 0.1, seat - 0.06), "upholstery", radius=0.05)
        )
        parts.append(
            rounded(
                "back",
                (cw - 0.01, 0.2, 0.42),
                (x, -d / 2 + 0.14, seat + 0.16),
                "upholstery",
                radius=0.07,
                rot=(-0.15, 0, 0),
            )
        )
    for sx in (-1, 1):
        parts.append(
            rounded("arm", (0.18, d, 0.62), (sx * (length / 2 - 0.09), 0, 0.36), "upholstery", radius=0.06)
        )
        for sy in (-1, 1):
            parts.append(
                Part(
                    shape="cylinder",
                    size=(0.04, 0.04, 0.1),
                    pos=(sx * (length / 2 - 0.08), sy * (d / 2 - 0.08), 0.05),
                    material="frame_metal",
                )
            )
    return parts


def dining_table(rng: np.random.Generator, w: float) -> list[Part]:
    """A table ``w`` wide with turned legs and two to four chairs round it."""
    d = float(rng.uniform(0.75, 0.95))
    leg = [[0.0, 0.0], [0.025, 0.0], [0.03, 0.1], [0.022, 0.35], [0.03, 0.6], [0.035, 0.71], [0.0, 0.71]]
    parts = [rounded("top", (w, d, 0.035), (0, 0, 0.73), "desk_wood", radius=0.01)]
    for sx in (-1, 1):
        for sy in (-1, 1):
            parts.append(
                lathed(
                    "leg", leg, "desk_wood", segments=10, pos=(sx * (w / 2 - 0.07), sy * (d / 2 - 0.07), 0.0)
                )
            )
    for sy in (-1, 1):
        for x in [-w / 4, w / 4] if w > 1.3 else [0.0]:
            if rng.random() < 0.8:
                from generator.plan.objects.parts import transform_parts

                ang = 0.0 if sy < 0 else np.pi
                parts += transform_parts(
                    stacking_chair(rng),
                    (0, 0, ang + float(rng.uniform(-0.3, 0.3))),
                    (x, sy * (d / 2 + 0.15), 0),
                )
    return parts


def bookshelf(rng: np.random.Generator, width: float, height: float, book_mats: list[str]) -> list[Part]:
    """An open shelf unit (sides, shelves, back) filled with books of varied height, colour and lean."""
    d = 0.3
    parts = [
        rounded("side", (0.02, d, height), (-width / 2, 0, height / 2), "desk_wood", radius=0.003),
        rounded("side", (0.02, d, height), (width / 2, 0, height / 2), "desk_wood", radius=0.003),
        box("back", (width, 0.01, height), (0, -d / 2, height / 2), "desk_wood"),
    ]
    for z in np.arange(0.02, height, 0.35):
        parts.append(rounded("shelf", (width, d, 0.02), (0, 0, z), "desk_wood", radius=0.003))
        x = -width / 2 + 0.02
        while z + 0.33 < height and x < width / 2 - 0.06:
            t, h = float(rng.uniform(0.015, 0.05)), float(rng.uniform(0.18, 0.3))
            if rng.random() < 0.1:
                x += float(rng.uniform(0.05, 0.2))
                continue
            parts.append(
                rounded(
                    "book",
                    (t, float(rng.uniform(0.15, 0.24)), h),
                    (x + t / 2, 0.02, z + 0.01 + h / 2),
                    str(rng.choice(book_mats)),
                    radius=0.002,
                )
            )
            x += t + 0.002
    return parts


def tree(rng: np.random.Generator, leaf_mats: list[str]) -> list[Part]:
    """A tree: a tapered, slightly bent trunk with branches and a crown of leafy clumps."""
    hgt = float(rng.uniform(3.5, 9.0))
    r0 = float(rng.uniform(0.1, 0.25))
    lean = rng.normal(0, 0.15, 2)
    trunk = [[lean[0] * t * hgt * 0.3, lean[1] * t * hgt * 0.3, t * hgt * 0.65] for t in np.linspace(0, 1, 5)]
    parts = [swept("trunk", trunk, list(np.linspace(r0, r0 * 0.4, 5)), "bark", segments=10, caps="flat")]
    top = np.array(trunk[-1])
    for _ in range(int(rng.integers(2, 5))):
        a = float(rng.uniform(0, 2 * np.pi))
        z = float(rng.uniform(0.45, 0.6)) * hgt
        ln = float(rng.uniform(0.8, 1.8)) * hgt / 6
        start = [lean[0] * z * 0.45, lean[1] * z * 0.45, z]
        end = [start[0] + np.cos(a) * ln, start[1] + np.sin(a) * ln, z + ln * 0.7]
        parts.append(swept("branch", [start, end], [r0 * 0.35, r0 * 0.12], "bark", segments=6, caps="flat"))
    crown = hgt * float(rng.uniform(0.22, 0.35))
    for _ in range(int(rng.integers(10, 18))):
        off = rng.normal(0, 1, 3) * [crown * 0.45, crown * 0.45, crown * 0.3]
        d = crown * float(rng.uniform(0.8, 1.3))
        parts.append(
            Part(
                shape="sphere",
                size=(d, d, d * 0.8),
                pos=tuple(float(v) for v in top + [0, 0, crown * 0.3] + off),
                material=str(rng.choice(leaf_mats)),
            )
        )
    return parts


def litter_bin(rng: np.random.Generator) -> list[Part]:
    """An outdoor litter bin on a post: a lathed drum with a rim."""
    r, h = float(rng.uniform(0.2, 0.28)), float(rng.uniform(0.5, 0.7))
    return [
        Part(shape="cylinder", size=(0.06, 0.06, 0.5), pos=(0, 0, 0.25), material="frame_metal"),
        lathed(
            "drum",
            [
                [r * 0.9, 0.0],
                [r, h],
                [r + 0.02, h],
                [r + 0.02, h - 0.04],
                [r * 0.9 + 0.01, 0.01],
                [0.001, 0.01],
                [0.001, 0.0],
            ],
            "pot",
            segments=20,
            closed=True,
            pos=(0, 0, 0.25),
        ),
    ]


def pallet() -> list[Part]:
    """A 1.0 x 1.2 m wooden pallet: three stringer boards on nine blocks, seven top slats (uses ``shelf``)."""
    parts = []
    for x in (-0.42, 0.0, 0.42):
        for y in (-0.52, 0.0, 0.52):
            parts.append(box("block", (0.14, 0.14, 0.08), (x, y, 0.04), "shelf"))
        parts.append(box("stringer", (0.14, 1.2, 0.022), (x, 0.0, 0.091), "shelf"))
    for x in np.linspace(-0.44, 0.44, 7):
        parts.append(box("slat", (0.1, 1.2, 0.022), (float(x), 0.0, 0.113), "shelf"))
    return parts
