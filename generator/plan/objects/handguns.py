"""Handgun families drawn from side profiles: striker pistol, hammer pistol, 1911, duty and snub revolvers.

Design frame: millimetres, ``y`` forward from the rear of the slide (or frame), ``z`` up from the bottom of the
magazine or grip. Every outline is sized to the family's reference (gunspecs.py); the Drawing dict returned
holds the points and grip measures the factory publishes.
"""

from __future__ import annotations

import numpy as np

from generator.plan.objects.gunkit import Kit
from generator.plan.objects.parts import extruded

Design = dict  # {"L","H","W","grip":(y,z),"muzzle":(y,z),"breech":y,"rake_deg",...}


def _serrations(k: Kit, y0: float, y1: float, z0: float, z1: float, n: int, width: float, slant: float = 0.0):
    """Vertical grooves on both sides of a slide (dark strips standing 0.3 mm proud)."""
    for side in (-1, 1):
        for i in range(n):
            y = y0 + (y1 - y0) * (i + 0.5) / n
            pts = [(y - 0.6, z0), (y + 0.6, z0), (y + 0.6 + slant, z1), (y - 0.6 + slant, z1)]
            k.slab(f"serration_{'lr'[side > 0]}{i}", pts, 0.6, "dark", x_mm=side * (width / 2), round_mm=0.0,
                   bevel_mm=0.1)


def _port(k: Kit, y0: float, y1: float, z_top: float, depth: float, width: float) -> None:
    """The ejection port: a dark opening on the right of the slide top."""
    k.slab("ejection_port", [(y0, z_top - depth), (y1, z_top - depth), (y1, z_top + 0.2), (y0, z_top + 0.2)],
           0.8, "dark", x_mm=width / 2 - 0.2, round_mm=0.5, bevel_mm=0.15)


def _bore(k: Kit, y_front: float, z: float, r: float, barrel_r: float | None = None) -> None:
    """The muzzle face: steel crown ring and the black bore (its front face is the muzzle point)."""
    if barrel_r:
        k.tube("barrel", y_front - 12, [(0, 0), (barrel_r, 0), (barrel_r, 12.0), (0, 12.0)], z, "steel")
    k.tube("bore", y_front - 1.5, [(0, 0), (r, 0), (r, 1.6), (0, 1.6)], z, "bore", segments=16)


def striker(k: Kit) -> Design:
    """Glock-like: flat-topped slide with rear serrations, polymer frame, squared guard, finger-grooved grip."""
    W = 32.0
    slide = [(0, 104), (180, 104), (186, 110), (186, 128), (184, 131), (2, 131), (0, 129)]
    k.slab("slide", slide, 25.5, "slide", bevel_mm=1.6)
    _serrations(k, 6, 30, 106, 129, 8, 25.5)
    _port(k, 62, 100, 131, 8, 25.5)
    frame = [
        (-3, 99), (0, 103.5), (186, 103.5), (188, 99), (186, 93), (172, 93), (170, 90), (162, 90), (160, 93),
        (133, 93), (134, 86), (135, 74), (131, 69), (100, 69), (88, 71), (84, 76), (81, 65), (78, 58),
        (76, 52), (75, 46), (72, 42), (70, 34), (67, 28), (65, 21), (61, 14), (59, 10), (9, 10), (15, 25),
        (21, 40), (27, 55), (32, 68), (34, 76), (31, 84), (24, 90), (12, 95),
    ]
    guard = [(88, 76), (126, 76), (128.5, 79), (128.5, 88), (126, 90.5), (92, 90.5), (86, 87), (85.5, 80)]
    k.slab("frame", frame, W * 0.94, "frame", holes=[guard], bevel_mm=2.0)
    k.slab("grip_texture", [(12, 16), (58, 16), (72, 62), (30, 70), (16, 40)], W * 0.98, "grip",
           bevel_mm=1.2, round_mm=4)
    k.slab("magazine", [(6, 1), (60, 1), (62, 4), (61, 11), (8, 11), (5, 5)], W * 0.9, "mag", bevel_mm=1.5)
    k.slab("trigger", [(96, 90.5), (101, 90.5), (102.5, 84), (101, 78.5), (98, 77.5), (98.5, 84)], 6, "dark",
           bevel_mm=0.8, round_mm=1.0)
    k.slab("slide_stop", [(70, 102), (90, 102), (90, 106), (70, 106)], W, "dark", bevel_mm=1.0, round_mm=1.5)
    k.slab("rear_sight", [(8, 130), (18, 130), (17, 136), (9, 136)], 21, "sight", bevel_mm=1.0, round_mm=1)
    k.slab("front_sight", [(174, 130), (182, 130), (181, 135.5), (176, 135.5)], 4, "sight", bevel_mm=0.8)
    _bore(k, 186.6, 118, 4.5)
    return {
        "muzzle": (186.6 + 0.1, 118), "breech": 72, "grip": (58, 86), "rake_deg": 22, "grip_d": 50, "W": W,
        "trigger": (102.5, 84), "rail": (128, 188, 93), "top": (20, 175, 131), "slide_w": 25.5, "mag": (6, 60, 1),
    }


def hammer(k: Kit, variant: str) -> Design:
    """SIG P226 / Beretta 92-like: metal frame, exposed hammer, wrap grips; the 92 has an open-top slide."""
    W = 38.0
    open_top = variant == "m92"
    if open_top:
        slide = [(0, 104), (190, 104), (196, 109), (196, 122), (192, 125), (150, 125), (146, 131),
                 (2, 131), (0, 128)]
        k.tube("barrel", 140, [(0, 0), (7.5, 0), (7.5, 56), (0, 56)], 120, "steel")
    else:
        slide = [(0, 104), (190, 104), (196, 108), (196, 127), (192, 131), (6, 131), (0, 126)]
    k.slab("slide", slide, 26.0, "slide", bevel_mm=2.2)
    _serrations(k, 8, 34, 106, 128, 9, 26.0, slant=-2)
    _port(k, 66, 104, 131, 9, 26.0)
    frame = [
        (4, 96), (8, 103.5), (192, 103.5), (194, 98), (190, 92), (136, 92), (137, 88), (142, 84), (141, 78),
        (137, 70), (126, 66), (100, 66), (88, 70), (84, 78), (80, 60), (74, 40), (68, 20), (64, 10), (14, 10),
        (18, 28), (24, 52), (29, 70), (30, 80), (24, 86), (14, 90),
    ]
    guard = [(90, 74), (124, 73), (131, 77), (133, 85), (130, 90), (92, 90), (88, 86), (87, 79)]
    k.slab("frame", frame, W * 0.76, "frame", holes=[guard], bevel_mm=2.0)
    k.slab("grip_panel", [(18, 16), (64, 16), (78, 62), (80, 74), (32, 80), (26, 60)], W * 0.98, "grip",
           bevel_mm=3.0, round_mm=5)
    k.slab("magazine", [(12, 2), (66, 2), (68, 5), (66, 11), (14, 11), (11, 6)], W * 0.72, "mag", bevel_mm=1.5)
    k.slab("trigger", [(100, 90), (105, 90), (108, 82), (104, 76), (101, 76), (102, 83)], 6, "dark",
           bevel_mm=0.8)
    k.slab("hammer", [(-6, 112), (2, 110), (4, 124), (-2, 128), (-8, 126), (-10, 120)], 7, "dark",
           bevel_mm=1.2, round_mm=1.5)
    k.slab("decocker", [(44, 100), (64, 100), (64, 106), (46, 106)], W * 0.9, "dark", bevel_mm=1.0)
    k.slab("rear_sight", [(8, 130), (20, 130), (19, 136), (9, 136)], 22, "sight", bevel_mm=1.0)
    k.slab("front_sight", [(182, 130), (190, 130), (189, 136), (184, 136)], 4, "sight", bevel_mm=0.8)
    _bore(k, 196.6, 118, 4.5)
    return {
        "muzzle": (196.7, 118), "breech": 72, "grip": (50, 86), "rake_deg": 18, "grip_d": 54, "W": W,
        "trigger": (108, 82), "rail": (132, 192, 92), "top": (20, 180, 131), "slide_w": 26.0, "mag": (12, 66, 2),
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
        (-14, 98), (-10, 102), (6, 105.5), (200, 105.5), (200, 98), (140, 98), (141, 92), (143, 80),
        (139, 70), (128, 67), (104, 67), (90, 72), (86, 80), (80, 60), (74, 36), (70, 16), (66, 8), (24, 8),
        (28, 30), (34, 60), (36, 78), (28, 88), (14, 93), (-2, 94),
    ]
    guard = [(92, 76), (130, 75), (135, 80), (135, 92), (132, 96), (94, 96), (89, 90), (89, 82)]
    k.slab("frame", frame, 21.0, "frame", holes=[guard], bevel_mm=1.6)
    k.slab("grip_panel", [(28, 18), (68, 18), (78, 58), (82, 76), (40, 80), (34, 56)], W * 0.98, "grip",
           bevel_mm=2.5, round_mm=4)
    k.slab("magazine", [(24, 2), (64, 2), (65, 8), (25, 8)], 20, "mag", bevel_mm=1.2)
    k.slab("trigger", [(100, 94), (108, 94), (108, 84), (103, 83), (100, 86)], 7, "dark", bevel_mm=0.8)
    k.slab("hammer", [(-8, 110), (2, 108), (6, 120), (0, 126), (-8, 124)], 8, "dark", bevel_mm=1.2)
    k.slab("safety", [(20, 104), (44, 104), (44, 110), (20, 109)], W * 0.96, "dark", bevel_mm=1.0)
    k.slab("rear_sight", [(10, 128), (22, 128), (21, 134), (11, 134)], 18, "sight", bevel_mm=1.0)
    k.slab("front_sight", [(200, 128), (207, 128), (206, 134), (201, 134)], 3.5, "sight", bevel_mm=0.7)
    _bore(k, 216.7, 118, 4.8)
    return {
        "muzzle": (216.8, 118), "breech": 89, "grip": (52, 84), "rake_deg": 17, "grip_d": 50, "W": W,
        "trigger": (108, 88), "rail": None, "top": (22, 195, 129), "slide_w": 23.0, "mag": (24, 64, 2),
    }


def revolver(k: Kit, snub: bool) -> Design:
    """Revolver: frame with top strap and cylinder window, fluted cylinder, underlugged barrel, round grip."""
    W = 33.0 if snub else 39.0
    cyl_r = W / 2
    cy0, cy1 = (28, 68) if snub else (32, 78)
    bz = 92 if snub else 118  # bore height
    front = 160 if snub else 243
    grip_bottom = 0
    frame = [
        (2, bz + 4), (cy0 - 2, bz + 22), (cy1 + 6, bz + 22), (cy1 + 10, bz + 10), (cy1 + 10, bz - 22),
        (cy1 + 2, bz - 30), (cy0 + 30, bz - 34), (cy0 + 26, bz - 48), (cy0 + 16, bz - 56), (cy0 - 2, bz - 56),
        (cy0 - 4, bz - 40), (cy0 - 8, bz - 30), (-6, bz - 24), (-10, bz - 10),
    ]
    window = [(cy0, bz - 26), (cy1, bz - 26), (cy1, bz + 16), (cy0, bz + 16)]
    guard = [(cy0 - 2, bz - 50), (cy0 + 14, bz - 50), (cy0 + 22, bz - 44), (cy0 + 24, bz - 34),
             (cy0 + 4, bz - 32), (cy0 - 2, bz - 36)]
    k.slab("frame", frame, W * 0.62, "slide", holes=[window, guard], bevel_mm=1.8)
    # cylinder: fluted front (a fluted section extruded along Y) and a plain rear ring
    n, fl = 6, cyl_r * 0.28
    a = np.linspace(0, 2 * np.pi, 60, endpoint=False) + np.pi / n
    d = np.abs(((a * n / (2 * np.pi)) % 1) - 0.5)
    r = cyl_r - fl * np.clip(1 - d / 0.2, 0, 1) ** 0.5
    pts = np.stack([r * np.cos(a), r * np.sin(a)], axis=1)
    sec = [[round(px * k.sx, 6), round(pz * k.sz, 6)] for px, pz in pts]
    cyl_len = (cy1 - cy0 - 2) * k.sy
    flute_len = cyl_len * 0.7
    k.add(extruded("cylinder", sec, round(flute_len, 6), "steel", bevel=round(0.8 * k.sx, 6), plane="xz",
                   pos=(0.0, round(k.y(cy1 - 1) - flute_len / 2, 6), round(k.z(bz - 4), 6))))
    k.track((-cyl_r * k.sx, k.y(cy0), k.z(bz - 4 - cyl_r)), (cyl_r * k.sx, k.y(cy1), k.z(bz - 4 + cyl_r)))
    k.tube("cylinder_rear", cy0 + 1, [(0, 0), (cyl_r * 0.96, 0), (cyl_r, 1.5),
                                      (cyl_r, (cy1 - cy0 - 2) * 0.3 + 0.5), (0, (cy1 - cy0 - 2) * 0.3 + 0.5)],
           bz - 4, "steel", segments=32)
    # barrel with rib and underlug (ejector shroud)
    lug_front = front - (4 if snub else 2)
    barrel = [(cy1 + 8, bz - 8), (front, bz - 8), (front, bz + 9), (cy1 + 8, bz + 9)]
    k.slab("barrel", barrel, 15 if snub else 17, "slide", bevel_mm=2.5, round_mm=1.5)
    k.slab("underlug", [(cy1 + 8, bz - 26), (lug_front, bz - 22), (lug_front, bz - 6), (cy1 + 8, bz - 6)],
           10 if snub else 14, "slide", bevel_mm=2.5, round_mm=3)
    k.slab("rib", [(cy1 + 6, bz + 8), (front, bz + 8), (front - 2, bz + 13), (cy1 + 6, bz + 13)], 8, "slide",
           bevel_mm=1.5)
    k.slab("front_sight", [(front - 18, bz + 12), (front - 3, bz + 12), (front - 4, bz + 19)], 3.2, "sight",
           bevel_mm=0.6, round_mm=0.5)
    if not snub:
        k.slab("hammer", [(-4, bz + 2), (6, bz + 6), (0, bz + 24), (-10, bz + 22), (-8, bz + 14)], 7, "dark",
               bevel_mm=1.2)
    grip = [
        (cy0 - 6, bz - 34), (cy0 - 14, bz - 60), (cy0 - 20, grip_bottom + 8), (cy0 - 26, grip_bottom),
        (-22, grip_bottom), (-26, grip_bottom + 10), (-20, bz - 50), (-12, bz - 28), (-8, bz - 14),
        (4, bz - 16),
    ]
    k.slab("grip_panel", grip, W * 0.9, "grip", bevel_mm=4.0, round_mm=6)
    k.slab("trigger", [(cy0 + 4, bz - 32), (cy0 + 8, bz - 32), (cy0 + 11, bz - 40), (cy0 + 8, bz - 47),
                       (cy0 + 6, bz - 47), (cy0 + 7, bz - 40)], 6, "dark", bevel_mm=0.8)
    _bore(k, front + 0.4, bz, 4.5)
    mid_z = bz - 40
    return {
        "muzzle": (front + 0.5, bz), "breech": cy1, "grip": (-2, mid_z + 4), "rake_deg": 25,
        "grip_d": 38 if snub else 44, "W": W, "trigger": (cy0 + 11, bz - 40), "rail": None,
        "top": (cy0, front - 10, bz + 22), "slide_w": W * 0.62, "threaded": False,
    }


def draw(family: str, variant: str, k: Kit) -> Design:
    """Draw one handgun family into the kit."""
    if family == "striker_pistol":
        return striker(k)
    if family == "hammer_pistol":
        return hammer(k, variant)
    if family == "m1911":
        return m1911(k)
    return revolver(k, family == "snub_revolver")
