"""Long-gun families drawn from side profiles and cross-sections: AR-15/M4, AK, MP5-like SMG, bolt-action
hunting rifle, pump and semi-automatic shotguns.

Design frame: millimetres, ``y`` forward from the butt, ``z`` up from the bottom of the magazine (or stock).
Round parts are lathed along +Y; handguards and fore-ends are cross-sections extruded along Y.
"""

from __future__ import annotations

import numpy as np

from generator.plan.objects.gunkit import Kit, strap
from generator.plan.objects.parts import extruded


def _round_section(k: Kit, rx: float, rz: float, n: int = 20, flats: int = 0, teeth: float = 0.0):
    """A cross-section (x, z) outline in metres: an ellipse, or a polygon with ``flats`` sides (rails)."""
    if flats:
        a = np.linspace(0, 2 * np.pi, flats, endpoint=False) + np.pi / flats
        pts = np.stack([np.cos(a) / np.cos(np.pi / flats), np.sin(a) / np.cos(np.pi / flats)], 1)
        out = []
        for i in range(flats):  # chamfer each corner
            p, q, r = pts[i - 1], pts[i], pts[(i + 1) % flats]
            out += [q + (p - q) * 0.18, q + (r - q) * 0.18]
        pts = np.asarray(out)
    else:
        a = np.linspace(0, 2 * np.pi, n, endpoint=False)
        pts = np.stack([np.cos(a), np.sin(a)], 1)
    if teeth:  # picatinny rails on the four flats: a raised band at top, bottom and sides
        pts = np.where(np.abs(pts) > 0.98, pts * (1 + teeth), pts)
    return np.round(pts * [rx * k.sx, rz * k.sz], 6).tolist()


def section(k: Kit, name: str, y0: float, y1: float, zc: float, sec, material: str, bevel_mm: float = 1.5):
    """A cross-section extruded along Y from design ``y0`` to ``y1`` at height ``zc``."""
    depth = (y1 - y0) * k.sy
    part = extruded(
        name,
        sec,
        round(depth, 6),
        material,
        bevel=round(bevel_mm * k.sy, 6),
        plane="xz",
        pos=(0.0, round(k.y((y0 + y1) / 2), 6), round(k.z(zc), 6)),
    )
    s = np.asarray(sec)
    k.track(
        (s[:, 0].min(), k.y(y0), k.z(zc) + s[:, 1].min()), (s[:, 0].max(), k.y(y1), k.z(zc) + s[:, 1].max())
    )
    return k.add(part)


def rail(k: Kit, name: str, y0: float, y1: float, z: float, width: float, material: str = "frame"):
    """A Picatinny rail on top at ``z`` (its top): crossing slots every 10 mm."""
    pts = [(y0, z - 7), (y1, z - 7), (y1, z - 1)]
    y = y1 - 2
    while y - 5.3 > y0 + 2:
        pts += [(y, z), (y - 4.7, z), (y - 4.7, z - 3), (y - 10, z - 3)] if y - 10 > y0 + 2 else [(y, z)]
        y -= 10
    pts += [(y0 + 2, z), (y0, z - 1)]
    k.slab(name, pts, width, material, bevel_mm=0.6, round_mm=0.4)


def slots(k: Kit, name: str, y0: float, y1: float, z: float, n: int, w: float, h: float, x: float):
    """Dark oval slots (M-LOK, vents, grooves) on both sides of a part ``x`` mm either side of the axis."""
    for side in (-1, 1):
        for i in range(n):
            y = y0 + (y1 - y0) * (i + 0.5) / n
            k.slab(
                f"{name}_{'lr'[side > 0]}{i}",
                [
                    (y - w / 2, z - h / 2),
                    (y + w / 2, z - h / 2),
                    (y + w / 2, z + h / 2),
                    (y - w / 2, z + h / 2),
                ],
                0.6,
                "dark",
                x_mm=side * x,
                round_mm=min(w, h) * 0.45,
                bevel_mm=0.0,
            )


def bore(k: Kit, y_front: float, z: float, r: float) -> None:
    """The black bore at the muzzle face (its front is the muzzle point)."""
    k.tube("bore", y_front - 1.5, [(0, 0), (r, 0), (r, 1.6), (0, 1.6)], z, "bore", segments=16)


def birdcage(k: Kit, y0: float, z: float, r: float, ln: float = 50) -> float:
    """An A2-style flash hider with dark slots; returns its front y."""
    k.tube("muzzle_device", y0, [(0, 0), (r, 0), (r, ln), (r * 0.55, ln), (0, ln)], z, "steel")
    slots(k, "flash_slot", y0 + ln * 0.35, y0 + ln * 0.95, z + r * 0.3, 2, ln * 0.22, 3.2, r * 0.8)
    return y0 + ln


def grip_slab(
    k: Kit,
    name: str,
    top_front,
    top_back,
    rake: float,
    length: float,
    depth: float,
    w: float,
    material: str = "grip",
    swell: float = 3.0,
):
    """A pistol grip raked back ``rake`` degrees: top edge from ``top_back`` to ``top_front``, finger swell."""
    t = np.tan(np.deg2rad(rake))
    (fy, fz), (by, bz) = top_front, top_back
    bot = fz - length
    pts = [
        top_back,
        top_front,
        (fy - (fz - bot) * 0.35 * t + swell, fz - (fz - bot) * 0.35),
        (fy - (fz - bot) * 0.55 * t, fz - (fz - bot) * 0.55),
        (fy - (fz - bot) * t + 2, bot + 2),
        (fy - (fz - bot) * t - depth * 0.5, bot - 2),
        (fy - (fz - bot) * t - depth + 4, bot),
        (by - (bz - bot) * t - 2, bz - (bz - bot) * 0.5),
    ]
    k.slab(name, pts, w, material, bevel_mm=min(3.5, w * 0.3), round_mm=4)


def guard(
    k: Kit,
    y0: float,
    y1: float,
    z_top: float,
    drop: float,
    name: str = "trigger_guard",
    material: str = "frame",
    w: float = 10.0,
):
    """A trigger guard loop under the receiver (an outline with its opening)."""
    outer = [
        (y0, z_top),
        (y1, z_top),
        (y1 + 2, z_top - drop * 0.6),
        (y1 - 6, z_top - drop),
        (y0 + 4, z_top - drop),
        (y0, z_top - drop * 0.7),
    ]
    hole = [
        (y0 + 5, z_top - 1),
        (y1 - 4, z_top - 1),
        (y1 - 3, z_top - drop * 0.55),
        (y1 - 8, z_top - drop + 4),
        (y0 + 8, z_top - drop + 4),
        (y0 + 5, z_top - drop * 0.65),
    ]
    k.slab(name, outer, w, material, holes=[hole], bevel_mm=1.2, round_mm=2.0)
    return hole


def trigger(k: Kit, y: float, z_top: float, h: float) -> tuple[float, float]:
    """A curved trigger blade hanging from ``z_top``; returns its front face point."""
    pts = [
        (y - 2, z_top + 2),
        (y + 3, z_top + 2),
        (y + 5, z_top - h * 0.5),
        (y + 2, z_top - h),
        (y, z_top - h),
        (y + 1.5, z_top - h * 0.5),
    ]
    k.slab("trigger", pts, 6, "dark", bevel_mm=0.8, round_mm=1.0)
    return (y + 5, z_top - h * 0.5)


def ar15(k: Kit, o: dict) -> dict:
    """AR-15 / M4: collapsible stock on a buffer tube, flat-top upper, pistol grip, STANAG magazine."""
    bz = 175.0
    shift = (1 - o["stock_pos"]) * 81
    k.tube("buffer_tube", 80, [(0, 0), (15, 0), (15, 180), (12, 184), (0, 184)], bz, "alloy")
    s = shift
    stock = [
        (s, 92),
        (s + 14, 92),
        (s + 60, 125),
        (s + 120, 150),
        (s + 175, 160),
        (s + 178, 190),
        (s + 120, 193),
        (s + 40, 196),
        (s + 14, 197),
        (s, 195),
    ]
    k.slab("stock", stock, 44, "furniture", bevel_mm=4, round_mm=5)
    k.slab("butt_pad", [(s - 4, 94), (s + 2, 93), (s + 2, 196), (s - 4, 194)], 46, "rubber", bevel_mm=2)
    k.slab("stock_latch", [(s + 120, 148), (s + 170, 158), (s + 168, 152), (s + 125, 143)], 20, "dark")
    # lower receiver with magwell and guard; upper receiver with rail
    lower = [
        (262, 150),
        (262, 168),
        (440, 168),
        (440, 152),
        (428, 118),
        (350, 118),
        (345, 140),
        (300, 140),
        (282, 145),
    ]
    k.slab("receiver", lower, 30, "alloy", bevel_mm=2.0, round_mm=2.5)
    upper = [(262, 168), (262, 194), (445, 194), (445, 168)]
    k.slab("upper", upper, 30, "alloy", bevel_mm=2.5)
    rail(k, "top_rail", 266, 443, 205, 21, "alloy")
    k.slab("charging_handle", [(255, 195), (275, 195), (275, 202), (255, 202)], 40, "dark", bevel_mm=1.2)
    k.slab(
        "ejection_port", [(335, 176), (392, 176), (392, 188), (335, 188)], 1.0, "dark", x_mm=15.2, round_mm=1
    )
    k.tube("forward_assist", 395, [(0, -18), (7, -18), (7, 0), (0, 0)], 188, "dark", x_mm=14)
    guard(k, 300, 352, 140, 22, material="alloy", w=12)
    trig = trigger(k, 318, 140, 18)
    grip_slab(k, "grip", (300, 146), (268, 150), 23, 100, 34, 30)
    mag_n = 1.25 if o.get("extended_mag") else 1.0
    mb = 118 - (118 * mag_n)  # magazine bottom
    mag = [
        (352, 120),
        (425, 120),
        (428, 80),
        (438, 40 * mag_n + mb * 0.2),
        (446, mb + 8),
        (448, mb),
        (380, mb),
        (376, mb + 10),
        (364, 60 * mag_n + mb * 0.3),
        (356, 90),
    ]
    k.slab("magazine", mag, 22, "mag", bevel_mm=2.0, round_mm=3)
    k.slab("mag_base", [(378, mb - 4), (450, mb - 4), (450, mb + 6), (378, mb + 6)], 25, "mag", bevel_mm=2)
    # handguard
    hg = o["handguard"]
    y_hg1 = {"classic": 625, "quad": 690, "mlok": 740}[hg]
    if hg == "classic":
        k.tube("handguard", 445, [(0, 0), (22, 0), (27, 8), (27, 170), (24, 180), (0, 180)], bz, "furniture")
        slots(k, "handguard_vent", 470, 600, bz + 12, 6, 9, 6, 25)
        fsb = [
            (630, bz + 8),
            (660, bz + 8),
            (662, bz + 22),
            (652, bz + 40),
            (650, bz + 66),
            (642, bz + 66),
            (640, bz + 40),
            (632, bz + 22),
        ]
        k.slab("front_sight", fsb, 16, "steel", bevel_mm=1.5, round_mm=1.0)
        k.slab(
            "front_sight_base", [(632, bz - 14), (660, bz - 14), (660, bz + 10), (632, bz + 10)], 24, "steel"
        )
        fore_d = 54
    else:
        sec = _round_section(k, 27, 27, flats=8 if hg == "mlok" else 4, teeth=0.07 if hg == "quad" else 0.0)
        section(k, "handguard", 445, y_hg1, bz, sec, "alloy", bevel_mm=2)
        if hg == "mlok":
            slots(k, "mlok", 470, y_hg1 - 20, bz - 4, int((y_hg1 - 480) / 40), 30, 7, 24)
            rail(k, "handguard_rail", 445, y_hg1 - 40, 205, 21, "alloy")
        else:
            slots(k, "rail_slots", 460, y_hg1 - 10, bz + 22, int((y_hg1 - 460) / 10), 4.7, 4, 26)
        k.slab(
            "front_sight",
            [
                (y_hg1 - 34, 203),
                (y_hg1 - 10, 203),
                (y_hg1 - 14, 218),
                (y_hg1 - 19, 228),
                (y_hg1 - 25, 228),
                (y_hg1 - 30, 216),
            ],
            12,
            "dark",
            bevel_mm=1.5,
        )
        fore_d = 54
    k.slab(
        "rear_sight",
        [(268, 203), (294, 203), (292, 218), (285, 228), (277, 228), (271, 216)],
        16,
        "dark",
        bevel_mm=1.5,
    )
    k.tube("barrel", 440, [(0, 0), (8.5, 0), (8.5, 300), (7.5, 310), (7.5, 352), (0, 352)], bz, "steel")
    front = birdcage(k, 788, bz, 11)
    bore(k, front + 0.1, bz, 3.5)
    sup_y = 445 + (y_hg1 - 445) * 0.55
    return {
        "muzzle": (front + 0.2, bz),
        "barrel_end": 788,
        "breech": 408,
        "grip": (282, 128),
        "rake_deg": 23,
        "grip_d": 38,
        "grip_w": 30,
        "W": 62,
        "trigger": trig,
        "top": (268, 440, 205),
        "rail": (450, y_hg1, bz - 27),
        "side": (y_hg1 - 60, bz, 27),
        "support": (sup_y, bz - 27),
        "fore_d": fore_d,
        "sling": ((y_hg1 - 15, bz - 20), (s + 30, 110)),
        "extended_mag": bool(o.get("extended_mag")),
    }


def ak(k: Kit, o: dict) -> dict:
    """AK pattern: stamped receiver with dust cover, wood or polymer furniture, curved magazine, slant brake."""
    bz = 200.0
    stock = [
        (0, 62),
        (10, 60),
        (120, 98),
        (240, 140),
        (262, 168),
        (262, 205),
        (200, 203),
        (60, 190),
        (10, 180),
        (0, 178),
    ]
    k.slab("stock", stock, 40, "furniture", bevel_mm=4, round_mm=6)
    k.slab("butt_plate", [(-4, 62), (2, 60), (2, 180), (-4, 178)], 42, "steel", bevel_mm=1.5)
    rec = [(255, 168), (255, 205), (270, 213), (480, 213), (480, 168)]
    k.slab("receiver", rec, 31, "slide", bevel_mm=1.5, round_mm=3)
    k.slab(
        "dust_cover",
        [(262, 207), (478, 212), (478, 220), (300, 219), (268, 214)],
        30,
        "slide",
        bevel_mm=2,
        round_mm=4,
    )
    k.slab("safety_lever", [(300, 190), (420, 198), (420, 205), (300, 197)], 1.5, "steel", x_mm=16.2)
    k.slab("charging_handle", [(440, 195), (458, 195), (458, 202), (440, 202)], 50, "steel", bevel_mm=1.5)
    k.slab(
        "rear_sight", [(480, 200), (530, 200), (530, 224), (495, 230), (480, 226)], 24, "slide", bevel_mm=2
    )
    guard(k, 290, 372, 168, 26, material="slide", w=10)
    trig = trigger(k, 312, 168, 20)
    grip_slab(k, "grip", (290, 170), (262, 170), 18, 92, 34, 30, material="grip")
    mag = [
        (385, 170),
        (462, 170),
        (470, 130),
        (490, 80),
        (515, 38),
        (545, 6),
        (488, -6),
        (460, 30),
        (432, 80),
        (410, 130),
    ]
    k.slab("magazine", mag, 28, "mag", bevel_mm=2.5, round_mm=8)
    k.slab(
        "lower_handguard",
        [(505, 172), (690, 172), (700, 182), (700, 205), (505, 205), (495, 195)],
        40,
        "furniture",
        bevel_mm=5,
        round_mm=6,
    )
    k.slab(
        "upper_handguard",
        [(535, 206), (700, 206), (700, 222), (690, 230), (545, 230), (535, 222)],
        36,
        "furniture",
        bevel_mm=5,
        round_mm=5,
    )
    k.slab("gas_block", [(700, 190), (735, 190), (735, 228), (702, 228)], 22, "slide", bevel_mm=2)
    k.tube("gas_tube", 720, [(0, 0), (7, 0), (7, 20), (0, 20)], 218, "slide")
    k.tube("barrel", 480, [(0, 0), (10, 0), (10, 50), (8.5, 60), (8.5, 368), (0, 368)], bz, "steel")
    k.tube("cleaning_rod", 700, [(0, 0), (3, 0), (3, 140), (0, 140)], bz - 14, "steel", segments=8)
    k.slab(
        "front_sight",
        [(815, 192), (840, 192), (842, 215), (836, 240), (820, 240), (815, 215)],
        14,
        "slide",
        bevel_mm=1.5,
        round_mm=2,
    )
    k.tube("muzzle_device", 848, [(0, 0), (11, 0), (11, 32), (0, 32)], bz, "slide")
    front = 880.0
    bore(k, front + 0.1, bz, 3.5)
    return {
        "muzzle": (front + 0.2, bz),
        "barrel_end": 848 + 8,
        "breech": 450,
        "grip": (278, 150),
        "rake_deg": 18,
        "grip_d": 36,
        "grip_w": 30,
        "W": 70,
        "trigger": trig,
        "top": (330, 470, 221),
        "rail": (520, 690, 172),
        "side": (620, 190, 22),
        "support": (600, 172),
        "fore_d": 46,
        "sling": ((715, 190), (60, 110)),
        "extended_mag": False,
    }


def smg(k: Kit, o: dict) -> dict:
    """MP5-like: round receiver and cocking tube, drum rear sight, hooded front sight, slim curved magazine."""
    bz = 196.0
    stock = [(0, 118), (12, 116), (120, 150), (205, 172), (205, 218), (120, 214), (12, 214), (0, 212)]
    k.slab("stock", stock, 38, "furniture", bevel_mm=4, round_mm=8)
    k.slab("butt_pad", [(-5, 119), (1, 117), (1, 213), (-5, 211)], 40, "rubber", bevel_mm=2)
    k.tube("receiver", 200, [(0, 0), (22, 0), (24, 4), (24, 270), (0, 270)], bz, "slide", segments=24)
    k.tube("cocking_tube", 470, [(0, 0), (12, 0), (12, 118), (9, 124), (0, 124)], bz + 18, "slide")
    k.slab(
        "rear_sight",
        [(212, bz + 18), (246, bz + 18), (246, bz + 42), (214, bz + 42)],
        26,
        "slide",
        bevel_mm=3,
        round_mm=5,
    )
    k.slab(
        "front_sight",
        [(582, bz + 26), (602, bz + 26), (602, bz + 58), (582, bz + 58)],
        18,
        "slide",
        holes=[[(585, bz + 34), (599, bz + 34), (599, bz + 54), (585, bz + 54)]],
        bevel_mm=1.5,
        round_mm=3,
    )
    k.slab(
        "lower",
        [(228, 178), (372, 178), (372, 158), (345, 150), (300, 150), (290, 160), (240, 165)],
        30,
        "furniture",
        bevel_mm=3,
        round_mm=4,
    )
    guard(k, 300, 350, 152, 22, material="furniture", w=14)
    trig = trigger(k, 314, 152, 17)
    grip_slab(k, "grip", (300, 156), (268, 160), 20, 96, 36, 32, material="furniture")
    k.slab("magwell", [(372, 176), (420, 176), (420, 150), (376, 150)], 28, "slide", bevel_mm=2)
    mag = [(380, 152), (416, 152), (425, 100), (440, 50), (455, 4), (420, 0), (406, 48), (392, 100)]
    k.slab("magazine", mag, 24, "mag", bevel_mm=2, round_mm=6)
    k.slab(
        "handguard",
        [(470, 170), (585, 170), (595, 180), (595, 200), (470, 205), (462, 190)],
        44,
        "furniture",
        bevel_mm=6,
        round_mm=8,
    )
    slots(k, "handguard_grooves", 480, 580, 188, 5, 12, 5, 22)
    k.tube("barrel", 470, [(0, 0), (8, 0), (8, 180), (10, 182), (10, 210), (0, 210)], bz, "steel")
    front = 680.0
    bore(k, front + 0.1, bz, 3.5)
    return {
        "muzzle": (front + 0.2, bz),
        "barrel_end": 680,
        "breech": 447,
        "grip": (282, 138),
        "rake_deg": 20,
        "grip_d": 38,
        "grip_w": 32,
        "W": 50,
        "trigger": trig,
        "top": (250, 560, bz + 24),
        "rail": (480, 585, 170),
        "side": (550, 188, 22),
        "support": (540, 170),
        "fore_d": 44,
        "threaded": True,
        "sling": ((590, 180), (30, 120)),
        "extended_mag": False,
    }


def bolt_rifle(k: Kit, o: dict) -> dict:
    """Bolt-action hunting rifle: Monte-Carlo stock, round receiver, bolt handle, tapered barrel."""
    bz = 160.0
    stock = [
        (0, 0),
        (15, 0),
        (200, 66),
        (270, 84),
        (300, 64),
        (320, 60),
        (345, 92),
        (380, 100),
        (890, 118),
        (905, 128),
        (905, 142),
        (600, 146),
        (380, 142),
        (340, 130),
        (300, 138),
        (250, 150),
        (15, 150),
        (0, 148),
    ]
    k.slab("stock", stock, 44, "furniture", bevel_mm=6, round_mm=10)
    k.slab("butt_pad", [(-10, 1), (1, 0), (1, 150), (-10, 148)], 46, "rubber", bevel_mm=3)
    k.tube(
        "receiver", 360, [(0, 0), (15, 0), (17, 6), (17, 210), (15, 216), (0, 216)], bz, "slide", segments=24
    )
    k.tube("bolt_shroud", 330, [(0, 0), (10, 0), (13, 30), (0, 30)], bz, "slide")
    k.add(
        strap(
            "bolt_handle",
            [k.at(385, bz, 10), k.at(382, bz - 10, 30), k.at(378, bz - 26, 40)],
            [0.004, 0.004, 0.0055],
            "slide",
            flat=False,
        )
    )
    k.track(np.array(k.at(378, bz - 32, 47)), np.array(k.at(378, bz, 47)))
    k.tube("barrel", 576, [(0, 0), (15, 0), (15, 20), (11, 80), (9, 484), (0, 484)], bz, "steel")
    guard(k, 400, 470, 100, 22, material="slide", w=12)
    trig = trigger(k, 420, 100, 16)
    front = 1060.0
    bore(k, front + 0.1, bz, 3.2)
    return {
        "muzzle": (front + 0.2, bz),
        "barrel_end": front,
        "breech": 478,
        "grip": (350, 112),
        "rake_deg": 55,
        "grip_d": 46,
        "grip_w": 36,
        "W": 75,
        "trigger": trig,
        "top": (380, 560, bz + 17),
        "rail": (600, 850, 120),
        "side": None,
        "support": (700, 122),
        "fore_d": 48,
        "threaded": False,
        "sling": ((840, 118), (180, 60)),
        "extended_mag": False,
    }


def shotgun(k: Kit, o: dict, pump: bool, variant: str) -> dict:
    """Pump (870 / 500-like) or semi-automatic (Benelli M4-like) shotgun."""
    bz = 180.0
    pistol = not pump
    if pistol:  # Benelli-style stock with pistol grip
        stock = [
            (0, 20),
            (18, 20),
            (220, 110),
            (290, 140),
            (330, 150),
            (330, 196),
            (260, 196),
            (18, 176),
            (0, 174),
        ]
        k.slab("stock", stock, 42, "furniture", bevel_mm=5, round_mm=8)
        grip_slab(k, "grip", (362, 142), (330, 148), 22, 95, 36, 30, material="furniture")
        grip, rake, gd = (346, 124), 22, 40
    else:
        stock = [
            (0, 10),
            (16, 10),
            (230, 100),
            (310, 122),
            (345, 140),
            (345, 192),
            (280, 188),
            (16, 168),
            (0, 166),
        ]
        k.slab("stock", stock, 42, "furniture", bevel_mm=6, round_mm=10)
        grip, rake, gd = (315, 150), 60, 46
    k.slab(
        "butt_pad",
        [(-10, stock[0][1] + 1), (1, stock[0][1]), (1, stock[-1][1]), (-10, stock[-1][1] - 1)],
        44,
        "rubber",
        bevel_mm=3,
    )
    top = 207 if pump else 206
    rec = [(330, 130), (335, top - 10), (350, top), (560, top), (565, top - 12), (565, 140), (550, 128)]
    k.slab("receiver", rec, 32, "slide", bevel_mm=3, round_mm=4)
    k.slab(
        "ejection_port", [(420, 175), (500, 175), (500, 196), (420, 196)], 1.0, "dark", x_mm=16.2, round_mm=2
    )
    guard(k, 378, 450, 130, 24, material="alloy" if pump else "slide", w=12)
    trig = trigger(k, 398, 130, 18)
    k.tube(
        "barrel", 560, [(0, 0), (12, 0), (12, 30), (10.5, 40), (10.5, 978 - 560), (0, 978 - 560)], bz, "steel"
    )
    mag_end = 900 if pump else 920
    k.tube(
        "magazine_tube",
        560,
        [(0, 0), (11, 0), (11, mag_end - 560), (10, mag_end - 556), (0, mag_end - 556)],
        bz - 24,
        "steel",
    )
    k.slab(
        "barrel_clamp",
        [(mag_end - 40, bz - 30), (mag_end - 20, bz - 30), (mag_end - 20, bz + 8), (mag_end - 40, bz + 8)],
        26,
        "slide",
        bevel_mm=3,
    )
    if pump:
        fe0 = 620 if o["stock_pos"] < 0.5 else 590
        sec = _round_section(k, 24, 22, n=24)
        section(k, "fore_end", fe0, fe0 + 200, bz - 26, sec, "furniture", bevel_mm=6)
        slots(k, "fore_end_grooves", fe0 + 20, fe0 + 180, bz - 26, 8, 6, 14, 23.5)
        support = (fe0 + 100, bz - 48)
        fore_d = 46
        k.slab("bead", [(970, bz + 9), (975, bz + 9), (975, bz + 14), (970, bz + 14)], 4, "sight", round_mm=2)
    else:
        k.slab(
            "fore_end",
            [(565, bz - 52), (790, bz - 48), (800, bz - 36), (800, bz - 8), (565, bz - 4)],
            46,
            "furniture",
            bevel_mm=6,
            round_mm=8,
        )
        slots(k, "fore_end_grooves", 590, 770, bz - 28, 6, 14, 6, 23)
        rail(k, "top_rail", 360, 548, top + 9, 20, "slide")
        k.slab(
            "rear_sight",
            [(360, top + 9), (392, top + 9), (388, top + 30), (366, top + 30)],
            26,
            "slide",
            holes=[[(371, top + 17), (383, top + 17), (383, top + 27), (371, top + 27)]],
            bevel_mm=2,
        )
        k.slab(
            "front_sight",
            [(945, bz + 8), (972, bz + 8), (968, bz + 34), (950, bz + 34)],
            12,
            "slide",
            bevel_mm=1.5,
        )
        support = (690, bz - 50)
        fore_d = 46
    front = 978.0 + (25 if variant == "500_18in" else 0) + (33 if not pump else 0)
    if front > 978:
        k.tube("choke", 976, [(0, 0), (11.5, 0), (11.5, front - 976), (0, front - 976)], bz, "steel")
    bore(k, front + 0.1, bz, 9.2)
    return {
        "muzzle": (front + 0.2, bz),
        "barrel_end": front,
        "breech": front - (470 if pump else 488),
        "grip": grip,
        "rake_deg": rake,
        "grip_d": gd,
        "grip_w": 32,
        "W": 50,
        "trigger": trig,
        "top": (362, 548, top + 9) if not pump else None,
        "rail": None,
        "side": (mag_end - 60, bz - 18, 20) if not pump else None,
        "support": support,
        "fore_d": fore_d,
        "threaded": False,
        "sling": ((mag_end - 30, bz - 30), (60, 60)),
        "extended_mag": False,
    }


def draw(family: str, variant: str, k: Kit, o: dict) -> dict:
    """Draw one long-gun family into the kit."""
    if family == "ar15":
        return ar15(k, o)
    if family == "ak":
        return ak(k, o)
    if family == "smg":
        return smg(k, o)
    if family == "bolt_rifle":
        return bolt_rifle(k, o)
    return shotgun(k, o, family == "pump_shotgun", variant)
