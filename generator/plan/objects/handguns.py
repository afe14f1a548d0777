"""Handgun families drawn from side profiles: striker pistol, hammer pistol, 1911, duty and snub revolvers.

Design frame: millimetres, ``y`` forward from the rear of the slide (or frame), ``z`` up from the bottom of the
magazine or grip. Every outline is sized to the family's reference (gunspecs.py); the Drawing dict returned
holds the points and grip measures the factory publishes.
"""

from __future__ import annotations

import numpy as np

from generator.plan.objects.gunkit import Kit, closed_extrusion

Design = dict  # {"L","H","W","grip":(y,z),"muzzle":(y,z),"breech":y,"rake_deg",...}


def _serrations(k: Kit, y0: float, y1: float, z0: float, z1: float, n: int, width: float, slant: float = 0.0):
    """Vertical grooves on both sides of a slide (dark strips standing 0.3 mm proud)."""
    for side in (-1, 1):
        for i in range(n):
            y = y0 + (y1 - y0) * (i + 0.5) / n
            pts = [(y - 0.6, z0), (y + 0.6, z0), (y + 0.6 + slant, z1), (y - 0.6 + slant, z1)]
            k.slab(
                f"serration_{'lr'[side > 0]}{i}",
                pts,
                0.6,
                "dark",
                x_mm=side * (width / 2),
                round_mm=0.0,
                bevel_mm=0.0,
            )


def _port(k: Kit, y0: float, y1: float, z_top: float, depth: float, width: float) -> None:
    """The ejection port: a dark opening on the right of the slide top."""
    k.slab(
        "ejection_port",
        [(y0, z_top - depth), (y1, z_top - depth), (y1, z_top + 0.2), (y0, z_top + 0.2)],
        0.8,
        "dark",
        x_mm=width / 2 - 0.2,
        round_mm=0.5,
        bevel_mm=0.0,
    )


def _bore(k: Kit, y_front: float, z: float, r: float, barrel_r: float | None = None) -> None:
    """The muzzle face: steel crown ring and the black bore (its front face is the muzzle point)."""
    if barrel_r:
        k.tube("barrel", y_front - 12, [(0, 0), (barrel_r, 0), (barrel_r, 12.0), (0, 12.0)], z, "steel")
    k.tube("bore", y_front - 1.5, [(0, 0), (r, 0), (r, 1.6), (0, 1.6)], z, "bore", segments=16)


def striker(k: Kit, variant: str) -> Design:
    """Glock-like: flat-topped slide with rear serrations, polymer frame, squared guard, finger-grooved grip."""
    W = 32.0
    slide = [(0, 104), (180, 104), (186, 110), (186, 128), (184, 131), (2, 131), (0, 129)]
    k.slab("slide", slide, 25.5, "slide", bevel_mm=1.6)
    _serrations(k, 6, 30, 106, 129, 8, 25.5)
    _port(k, 62, 100, 131, 8, 25.5)
    frame = [
        (-3, 99),
        (0, 103.5),
        (185, 103.5),
        (186.5, 99),
        (185, 93),
        (172, 93),
        (170, 90),
        (162, 90),
        (160, 93),
        (133, 93),
        (134, 86),
        (135, 74),
        (131, 69),
        (100, 69),
        (88, 71),
        (84, 76),
        (81, 65),
        (78, 58),
        (76, 52),
        (75, 46),
        (72, 42),
        (70, 34),
        (67, 28),
        (65, 21),
        (61, 14),
        (59, 10),
        (9, 10),
        (15, 25),
        (21, 40),
        (27, 55),
        (32, 68),
        (34, 76),
        (31, 84),
        (24, 90),
        (12, 95),
    ]
    guard = [(88, 76), (126, 76), (128.5, 79), (128.5, 88), (126, 90.5), (92, 90.5), (86, 87), (85.5, 80)]
    k.slab("frame", frame, W * 0.94, "frame", holes=[guard], bevel_mm=2.0)
    k.slab(
        "grip_texture",
        [(12, 16), (58, 16), (72, 62), (30, 70), (16, 40)],
        W * 0.98,
        "grip",
        bevel_mm=1.2,
        round_mm=4,
    )
    k.slab("magazine", [(6, 1), (60, 1), (62, 4), (61, 11), (8, 11), (5, 5)], W * 0.9, "mag", bevel_mm=1.5)
    k.slab(
        "trigger",
        [(96, 90.5), (101, 90.5), (102.5, 84), (101, 78.5), (98, 77.5), (98.5, 84)],
        6,
        "dark",
        bevel_mm=0.8,
        round_mm=1.0,
    )
    k.slab("slide_stop", [(70, 102), (90, 102), (90, 106), (70, 106)], W, "dark", bevel_mm=1.0, round_mm=1.5)
    k.slab("rear_sight", [(8, 130), (18, 130), (17, 136), (9, 136)], 21, "sight", bevel_mm=1.0, round_mm=1)
    k.slab("front_sight", [(174, 130), (182, 130), (181, 135.5), (176, 135.5)], 4, "sight", bevel_mm=0.8)
    _bore(k, 186.6, 118, 4.5)
    return {
        "muzzle": (186.6 + 0.1, 118),
        "breech": 78 if variant == "g17" else 84,
        "grip": (58, 86),
        "rake_deg": 22,
        "grip_d": 47,
        "W": W,
        "trigger": (102.5, 84),
        "rail": (128, 184, 93),
        "top": (20, 175, 131),
        "slide_w": 25.5,
        "mag": (6, 60, 1),
    }


def hammer(k: Kit, variant: str) -> Design:
    """SIG P226 / Beretta 92-like: metal frame, exposed hammer, wrap grips; the 92 has an open-top slide."""
    W = 38.0
    open_top = variant == "m92"
    if open_top:
        slide = [
            (0, 104),
            (190, 104),
            (196, 109),
            (196, 122),
            (192, 125),
            (150, 125),
            (146, 131),
            (2, 131),
            (0, 128),
        ]
        k.tube("barrel", 140, [(0, 0), (7.5, 0), (7.5, 56), (0, 56)], 120, "steel")
    else:
        slide = [(0, 104), (190, 104), (196, 108), (196, 127), (192, 131), (6, 131), (0, 126)]
    k.slab("slide", slide, 26.0, "slide", bevel_mm=2.2)
    _serrations(k, 8, 34, 106, 128, 9, 26.0, slant=-2)
    _port(k, 66, 104, 131, 9, 26.0)
    frame = [
        (4, 96),
        (8, 103.5),
        (192, 103.5),
        (194, 98),
        (190, 92),
        (136, 92),
        (137, 88),
        (142, 84),
        (141, 78),
        (137, 70),
        (126, 66),
        (100, 66),
        (88, 70),
        (84, 78),
        (80, 60),
        (74, 40),
        (68, 20),
        (64, 10),
        (14, 10),
        (18, 28),
        (24, 52),
        (29, 70),
        (30, 80),
        (24, 86),
        (14, 90),
    ]
    guard = [(90, 74), (124, 73), (131, 77), (133, 85), (130, 90), (92, 90), (88, 86), (87, 79)]
    k.slab("frame", frame, W * 0.76, "frame", holes=[guard], bevel_mm=2.0)
    k.slab(
        "grip_panel",
        [(18, 16), (64, 16), (78, 62), (80, 74), (32, 80), (26, 60)],
        W * 0.98,
        "grip",
        bevel_mm=3.0,
        round_mm=5,
    )
    k.slab(
        "magazine", [(12, 2), (66, 2), (68, 5), (66, 11), (14, 11), (11, 6)], W * 0.72, "mag", bevel_mm=1.5
    )
    k.slab(
        "trigger", [(100, 90), (105, 90), (108, 82), (104, 76), (101, 76), (102, 83)], 6, "dark", bevel_mm=0.8
    )
    k.slab(
        "hammer",
        [(-6, 112), (2, 110), (4, 124), (-2, 128), (-8, 126), (-10, 120)],
        7,
        "dark",
        bevel_mm=1.2,
        round_mm=1.5,
    )
    k.slab("decocker", [(44, 100), (64, 100), (64, 106), (46, 106)], W * 0.9, "dark", bevel_mm=1.0)
    k.slab("rear_sight", [(8, 130), (20, 130), (19, 136), (9, 136)], 22, "sight", bevel_mm=1.0)
    k.slab("front_sight", [(182, 130), (190, 130), (189, 136), (184, 136)], 4, "sight", bevel_mm=0.8)
    _bore(k, 196.6, 118, 4.5)
    return {
        "muzzle": (196.7, 118),
        "breech": 78,
        "grip": (50, 86),
        "rake_deg": 18,
        "grip_d": 50,
        "W": W,
        "trigger": (108, 82),
        "rail": (132, 190, 92),
        "top": (20, 180, 131),
        "slide_w": 26.0,
        "mag": (12, 66, 2),
    }


def m1911(k: Kit) -> Design:
    """1911-like: slim slide with rear serrations and barrel bushing, beavertail grip safety, wood panels."""
    W = 33.0
    slide = [(0, 106), (210, 106), (216, 110), (216, 126), (213, 129), (4, 129), (0, 125)]
    k.slab("slide", slide, 23.0, "slide", bevel_mm=2.0)
    _serrations(k, 8, 32, 108, 127, 8, 23.0)
    _port(k, 70, 104, 129, 8, 23.0)
    k.tube("bushing", 210, [(0, 0), (8.5, 0), (8.5, 6.4), (0, 6.4)], 118, "steel")
    frame = [
        (-14, 98),
        (-10, 102),
        (6, 105.5),
        (200, 105.5),
        (200, 98),
        (140, 98),
        (141, 92),
        (143, 80),
        (139, 70),
        (128, 67),
        (104, 67),
        (90, 72),
        (86, 80),
        (80, 60),
        (74, 36),
        (70, 16),
        (66, 8),
        (24, 8),
        (28, 30),
        (34, 60),
        (36, 78),
        (28, 88),
        (14, 93),
        (-2, 94),
    ]
    guard = [(92, 76), (130, 75), (135, 80), (135, 92), (132, 96), (94, 96), (89, 90), (89, 82)]
    k.slab("frame", frame, 21.0, "frame", holes=[guard], bevel_mm=1.6)
    k.slab(
        "grip_panel",
        [(28, 18), (68, 18), (78, 58), (82, 76), (40, 80), (34, 56)],
        W * 0.98,
        "grip",
        bevel_mm=2.5,
        round_mm=4,
    )
    k.slab("magazine", [(24, 2), (64, 2), (65, 8), (25, 8)], 20, "mag", bevel_mm=1.2)
    k.slab("trigger", [(100, 94), (108, 94), (108, 84), (103, 83), (100, 86)], 7, "dark", bevel_mm=0.8)
    k.slab("hammer", [(-8, 110), (2, 108), (6, 120), (0, 126), (-8, 124)], 8, "dark", bevel_mm=1.2)
    k.slab("safety", [(20, 104), (44, 104), (44, 110), (20, 109)], W * 0.96, "dark", bevel_mm=1.0)
    k.slab("rear_sight", [(10, 128), (22, 128), (21, 134), (11, 134)], 18, "sight", bevel_mm=1.0)
    k.slab("front_sight", [(200, 128), (207, 128), (206, 134), (201, 134)], 3.5, "sight", bevel_mm=0.7)
    _bore(k, 216.7, 118, 4.8)
    return {
        "muzzle": (216.8, 118),
        "breech": 78,
        "grip": (52, 84),
        "rake_deg": 17,
        "grip_d": 46,
        "W": W,
        "trigger": (108, 88),
        "rail": None,
        "top": (22, 195, 129),
        "slide_w": 23.0,
        "mag": (24, 64, 2),
    }


def revolver(k: Kit, snub: bool) -> Design:
    """Revolver: frame with top strap and cylinder window, fluted cylinder below the bore line, barrel with
    rib and ejector-rod underlug, hammer (duty) or shrouded humpback frame (snub), rounded rubber or wood grip."""
    if snub:
        W, cyl_r, cy0, cy1, cz, front, top, gb = 33.0, 16.5, 62.0, 100.0, 76.0, 160.0, 100.0, 0.0
    else:
        W, cyl_r, cy0, cy1, cz, front, top, gb = 39.0, 19.5, 56.0, 100.0, 110.0, 204.0, 140.0, 0.0
    bz = cz + cyl_r * 0.58  # the bore lines up with the top chamber
    win = [(cy0, cz - cyl_r - 2), (cy1, cz - cyl_r - 2), (cy1, top - 7), (cy0, top - 7)]
    g0 = cy0 - 8  # grip top front / guard rear
    frame = [
        (cy0 - 22, top - 14),
        (cy0 - 8, top - 2),
        (cy0, top),
        (cy1 + 2, top),
        (cy1 + 14, bz + 9),
        (cy1 + 14, bz - 12),
        (cy1 + 4, cz - cyl_r - 6),
        (cy1 - 4, cz - cyl_r - 12),
        (g0 + 34, cz - cyl_r - 14),
        (g0 + 30, cz - cyl_r - 32),
        (g0 + 20, cz - cyl_r - 40),
        (g0 + 4, cz - cyl_r - 40),
        (g0, cz - cyl_r - 22),
        (g0 - 6, cz - cyl_r - 12),
        (cy0 - 30, cz - 6),
    ]
    guard = [
        (g0 + 4, cz - cyl_r - 18),
        (g0 + 14, cz - cyl_r - 18),
        (g0 + 24, cz - cyl_r - 24),
        (g0 + 22, cz - cyl_r - 34),
        (g0 + 16, cz - cyl_r - 36),
        (g0 + 6, cz - cyl_r - 35),
        (g0 + 3, cz - cyl_r - 27),
    ]
    k.slab("frame", frame, W * 0.64, "slide", holes=[win, guard], bevel_mm=1.6, round_mm=3)
    if snub:  # the shrouded hammer hump
        k.slab(
            "hammer_shroud",
            [(cy0 - 30, cz - 4), (cy0 - 14, top - 2), (cy0 - 2, top), (cy0 - 2, cz - 4)],
            W * 0.6,
            "slide",
            bevel_mm=3,
            round_mm=6,
        )
    else:
        k.slab(
            "hammer",
            [
                (cy0 - 22, top - 16),
                (cy0 - 10, top - 4),
                (cy0 - 14, top + 6),
                (cy0 - 26, top + 8),
                (cy0 - 34, top + 2),
                (cy0 - 26, top - 2),
            ],
            7,
            "dark",
            bevel_mm=1.2,
            round_mm=1.5,
        )
    # cylinder: fluted section extruded along Y at the front, plain ring at the rear
    n, fl = 6, cyl_r * 0.26
    a = np.linspace(0, 2 * np.pi, 60, endpoint=False) + np.pi / n
    d = np.abs(((a * n / (2 * np.pi)) % 1) - 0.5)
    r = cyl_r - fl * np.clip(1 - d / 0.2, 0, 1) ** 0.5
    sec = [
        [round(float(rr * np.cos(t) * k.sx), 6), round(float(rr * np.sin(t) * k.sz), 6)]
        for rr, t in zip(r, a, strict=True)
    ]
    clen = cy1 - cy0 - 2
    flen = clen * 0.68 * k.sy
    k.add(
        closed_extrusion(
            "cylinder",
            sec,
            flen,
            "steel",
            bevel=0.7 * k.sx,
            plane="xz",
            pos=(0.0, k.y(cy1 - 1) - flen / 2, k.z(cz)),
        )
    )
    k.track((-cyl_r * k.sx, k.y(cy0), k.z(cz - cyl_r)), (cyl_r * k.sx, k.y(cy1), k.z(cz + cyl_r)))
    k.tube(
        "cylinder_rear",
        cy0 + 1,
        [(0, 0), (cyl_r * 0.94, 0), (cyl_r, 1.5), (cyl_r, clen * 0.32 + 0.5), (0, clen * 0.32 + 0.5)],
        cz,
        "steel",
        segments=32,
        wide=True,
    )
    k.tube("cylinder_pin", cy1 - 1, [(0, 0), (3, 0), (3, 6), (0, 6)], cz, "steel", segments=10)
    br = 7.0 if snub else 8.0
    k.tube(
        "barrel",
        cy1 + 2,
        [(0, 0), (br + 2, 0), (br + 2, 8), (br, 12), (br, front - cy1 - 2), (0, front - cy1 - 2)],
        bz,
        "slide",
        segments=24,
    )
    k.slab(
        "rib",
        [(cy1 + 4, bz + br - 2), (front - 1, bz + br - 2), (front - 2, bz + br + 3), (cy1 + 4, bz + br + 3)],
        7,
        "slide",
        bevel_mm=1.5,
    )
    lug_front = front - (10 if snub else 3)
    k.slab(
        "underlug",
        [(cy1 + 6, cz - cyl_r + 6), (lug_front, cz - cyl_r + 8), (lug_front, bz - 2), (cy1 + 6, bz - 2)],
        10 if snub else 13,
        "slide",
        bevel_mm=2.5,
        round_mm=3,
    )
    fs = 10 if snub else 16
    k.slab(
        "front_sight",
        [
            (front - fs - 4, bz + br + 1),
            (front - 3, bz + br + 1),
            (front - 4, bz + br + 9),
            (front - 8, bz + br + 9),
        ],
        3.2,
        "sight",
        bevel_mm=0.6,
        round_mm=0.8,
    )
    k.slab(
        "rear_sight",
        [(cy0 - 6, top - 1), (cy0 + 6, top - 1), (cy0 + 6, top + 3), (cy0 - 6, top + 3)],
        W * 0.35,
        "slide",
        bevel_mm=0.8,
    )
    # grip: round-butt, raked back, finger grooves at the front
    ft = cz - cyl_r - 14  # frame bottom at the grip
    grip = [
        (g0 + 2, ft),
        (g0 - 4, ft - 16),
        (g0 - 2, ft - 24),
        (g0 - 8, ft - 32),
        (g0 - 7, ft - 40),
        (g0 - 14, ft - 50),
        (g0 - 18, gb + 8),
        (g0 - 26, gb),
        (cy0 - 62, gb + 2),
        (cy0 - 66, gb + 12),
        (cy0 - 56, ft - 24),
        (cy0 - 44, ft),
        (cy0 - 34, cz - 8),
        (cy0 - 22, top - 18),
    ]
    if snub:
        grip = [
            (g0 + 2, ft),
            (g0 - 6, ft - 20),
            (g0 - 12, gb + 6),
            (g0 - 18, gb),
            (cy0 - 50, gb + 2),
            (cy0 - 54, gb + 12),
            (cy0 - 44, ft - 10),
            (cy0 - 34, cz - 8),
            (cy0 - 26, top - 20),
        ]
    k.slab("grip_panel", grip, W * 0.92, "grip", bevel_mm=4.5, round_mm=6)
    trig = (g0 + 13, cz - cyl_r - 25)
    k.slab(
        "trigger",
        [
            (g0 + 6, cz - cyl_r - 16),
            (g0 + 11, cz - cyl_r - 16),
            (g0 + 14, cz - cyl_r - 25),
            (g0 + 11, cz - cyl_r - 33),
            (g0 + 9, cz - cyl_r - 33),
            (g0 + 10, cz - cyl_r - 25),
        ],
        6,
        "dark",
        bevel_mm=0.8,
        round_mm=0.8,
    )
    _bore(k, front + 0.4, bz, 4.5)
    gy = (g0 + cy0 - 44) / 2 - 4
    return {
        "muzzle": (front + 0.5, bz),
        "breech": cy1 + 14,
        "grip": (gy, ft - 6),
        "rake_deg": 28,
        "grip_d": 36 if snub else 42,
        "W": W,
        "trigger": trig,
        "rail": None,
        "top": (cy0, front - 10, top),
        "slide_w": W * 0.64,
        "threaded": False,
    }


def draw(family: str, variant: str, k: Kit) -> Design:
    """Draw one handgun family into the kit."""
    if family == "striker_pistol":
        return striker(k, variant)
    if family == "hammer_pistol":
        return hammer(k, variant)
    if family == "m1911":
        return m1911(k)
    return revolver(k, family == "snub_revolver")
