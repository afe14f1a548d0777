"""Tileable surface textures drawn with numpy from a plan Material: albedo, roughness and height images.

The worker bakes each material once into small images (``SIZE`` px square covering ``TILE_M[pattern]`` metres)
and maps them with box-projected UVs in metres, so shading costs two image look-ups per sample instead of a deep
procedural node tree. Noise is synthesised in the frequency domain, so every image tiles seamlessly.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from generator.plan.model import Material

SIZE = 256
# metres covered by one texture tile
TILE_M = {
    "plaster": 2.0,
    "ceiling_tile": 1.2,
    "carpet": 1.0,
    "vinyl": 1.2,
    "tiles": 1.2,
    "concrete": 2.5,
    "asphalt": 2.0,
    "brick": 0.9,
    "wood": 1.2,
    "metal": 1.0,
    "paint": 1.0,
    "plastic": 0.5,
    "fabric": 0.25,
    "grass": 1.5,
    "foliage": 1.0,
    "bark": 0.8,
    "dirt": 2.0,
    "cardboard": 0.6,
    "glass": 1.5,
    "rubber": 0.4,
    "smooth": 1.0,
}
# strength of the tangent-space normal map made from the height image
BUMP = {
    "brick": 1.0,
    "tiles": 0.6,
    "ceiling_tile": 0.8,
    "concrete": 0.5,
    "asphalt": 0.8,
    "carpet": 0.6,
    "fabric": 0.3,
    "bark": 1.0,
    "grass": 0.6,
    "foliage": 0.6,
    "dirt": 0.6,
    "wood": 0.3,
    "plaster": 0.15,
    "vinyl": 0.2,
    "cardboard": 0.3,
    "rubber": 0.4,
    "glass": 0.02,
}
TEXTURED = set(TILE_M)
PICTURES = {"poster", "target", "screen", "window_view"}  # drawn images and the window's sky photograph


def is_textured(m: Material) -> bool:
    """Whether ``m`` shows a texture or picture (emitters such as lamp panels may stay flat)."""
    return m.pattern in TEXTURED or m.pattern in PICTURES or m.emission > 0


def _noise(
    rng: np.random.Generator, n: int, beta: float = 2.0, lo: float = 1.0, stretch=(1.0, 1.0)
) -> np.ndarray:
    """Periodic power-law noise in [0, 1]: white noise filtered in the frequency domain (tiles seamlessly)."""
    fy = np.fft.fftfreq(n)[:, None] * n * stretch[1]
    fx = np.fft.rfftfreq(n)[None, :] * n * stretch[0]
    f = np.sqrt(fx**2 + fy**2)
    amp = np.where(f >= lo, 1.0 / np.maximum(f, 1e-6) ** (beta / 2), 0.0)
    spec = (rng.standard_normal(amp.shape) + 1j * rng.standard_normal(amp.shape)) * amp
    x = np.fft.irfft2(spec, s=(n, n))
    x -= x.min()
    return x / max(float(x.max()), 1e-9)


def _spots(rng: np.random.Generator, n: int, count: int, radius: float) -> np.ndarray:
    """``count`` soft round spots of ``radius`` px at random places (wrapped), values in [0, 1]."""
    out = np.zeros((n, n))
    if count <= 0:
        return out
    r = int(np.ceil(radius * 2))
    yy, xx = np.mgrid[-r : r + 1, -r : r + 1]
    for cy, cx, s in zip(
        rng.integers(0, n, count), rng.integers(0, n, count), rng.uniform(0.5, 1.5, count), strict=True
    ):
        blob = np.clip(1.0 - np.sqrt(xx**2 + yy**2) / (radius * s + 1e-6), 0, 1)
        rows = (np.arange(cy - r, cy + r + 1) % n)[:, None]
        cols = (np.arange(cx - r, cx + r + 1) % n)[None, :]
        out[rows, cols] = np.maximum(out[rows, cols], blob)
    return out


def _grains(rng: np.random.Generator, n: int, density: float) -> np.ndarray:
    """Pixel-scale grains: a fraction ``density`` of pixels set to random strengths, slightly blurred."""
    g = (rng.random((n, n)) < density) * rng.uniform(0.3, 1.0, (n, n))
    return (g + 0.5 * (np.roll(g, 1, 0) + np.roll(g, 1, 1))) / 2.0


def _strokes(
    rng: np.random.Generator, n: int, count: int, length: float, vertical_bias: float = 0.0
) -> np.ndarray:
    """Thin random scuff strokes (wrapped), values in [0, 1]."""
    out = np.zeros((n, n))
    for _ in range(count):
        x, y = rng.uniform(0, n, 2)
        ang = rng.uniform(0, np.pi) * (1 - vertical_bias)
        steps = int(rng.uniform(0.3, 1.0) * length)
        w = rng.uniform(0.3, 1.0)
        for _ in range(steps):
            out[int(y) % n, int(x) % n] = max(out[int(y) % n, int(x) % n], w)
            ang += rng.normal(0, 0.15)
            x, y = x + np.cos(ang), y + np.sin(ang)
    return np.maximum(out, 0.5 * (np.roll(out, 1, 0) + np.roll(out, 1, 1)))


def _cells(n: int, cols: int, rows: int, offset: float, gap: float) -> tuple[np.ndarray, np.ndarray]:
    """Running-bond cells over the tile: per-pixel cell id and distance (px) to the nearest joint."""
    v = np.arange(n)[:, None] + 0.5
    u = np.arange(n)[None, :] + 0.5
    ch, cw = n / rows, n / cols
    row = np.floor(v / ch).astype(int) % rows
    shift = (row % 2) * offset * cw
    us = (u + shift) % n
    col = np.floor(us / cw).astype(int) % cols
    du = np.minimum(us % cw, cw - us % cw)
    dv = np.minimum(v % ch, ch - v % ch)
    dist = np.minimum(du, np.broadcast_to(dv, du.shape))
    return row * cols + col, dist - gap / 2


def _per_cell(rng: np.random.Generator, ids: np.ndarray, spread: float) -> np.ndarray:
    """A random factor around 1 for every cell id."""
    vals = 1.0 + rng.uniform(-spread, spread, int(ids.max()) + 1)
    return vals[ids]


def _lerp(c1, c2, t: np.ndarray) -> np.ndarray:
    c1, c2 = np.asarray(c1, float), np.asarray(c2, float)
    return c1 * (1 - t[..., None]) + c2 * t[..., None]


Maps = tuple[np.ndarray, np.ndarray, np.ndarray]  # albedo (n,n,3) linear, roughness (n,n), height (n,n)
_Drawer = Callable[[np.random.Generator, int, np.ndarray, np.ndarray, float, float], Maps]


def _plaster(rng, n, c1, c2, r, scale) -> Maps:
    low = _noise(rng, n, 2.5, lo=1)
    fine = _noise(rng, n, 0.8, lo=8)
    scuff = _strokes(rng, n, int(rng.integers(6, 16)), n * 0.15)
    mid = _noise(rng, n, 1.8, lo=6)
    alb = c1 * (0.86 + 0.18 * low + 0.1 * mid + 0.08 * fine)[..., None] * (1 - 0.45 * scuff)[..., None]
    rough = r + 0.12 * (low - 0.5) - 0.15 * scuff
    return alb, rough, 0.5 * fine + 0.2 * low


def _ceiling_tile(rng, n, c1, c2, r, scale) -> Maps:
    ids, dist = _cells(n, 2, 2, 0.0, 4.0)
    bar = np.clip(1.0 - dist, 0, 1)  # metal T-bar grid
    holes = _grains(rng, n, 0.12)
    tint = _per_cell(rng, ids, 0.04)
    fine = _noise(rng, n, 1.0, lo=16)
    base = c1 * (tint * (0.9 + 0.16 * fine) * (1 - 0.45 * holes))[..., None]
    alb = _lerp(base, np.asarray(c1) * 0.8 + 0.1, bar)
    rough = r + 0.05 * fine - 0.4 * bar
    return alb, rough, (1 - bar) * 0.6 - 0.3 * holes + 0.1 * fine


def _carpet(rng, n, c1, c2, r, scale) -> Maps:
    pile = _noise(rng, n, 0.3, lo=30)
    fleck = _grains(rng, n, 0.08)
    patch = _noise(rng, n, 2.5, lo=1)
    t = np.clip(0.35 * fleck + 0.4 * (pile > 0.6), 0, 1)
    alb = _lerp(c1, c2, t) * (0.6 + 0.7 * pile + 0.2 * (patch - 0.5))[..., None]
    return alb, r - 0.05 * pile, pile


def _vinyl(rng, n, c1, c2, r, scale) -> Maps:
    ids, dist = _cells(n, 2, 2, 0.0, 1.2)
    seam = np.clip(1.0 - dist, 0, 1)
    fl1, fl2 = _grains(rng, n, 0.04), _grains(rng, n, 0.03)
    cloud = _noise(rng, n, 2.2, lo=2)
    scuff = _strokes(rng, n, int(rng.integers(6, 18)), n * 0.1)
    tint = _per_cell(rng, ids, 0.03)
    alb = c1 * (tint * (0.85 + 0.25 * cloud))[..., None]
    alb = _lerp(alb, c2, 0.8 * fl1) * (1 + 0.6 * fl2)[..., None] * (1 - 0.3 * seam - 0.3 * scuff)[..., None]
    return alb, r + 0.2 * scuff + 0.1 * cloud, -seam + 0.05 * cloud


def _tiles(rng, n, c1, c2, r, scale) -> Maps:
    count = int(np.clip(round(TILE_M["tiles"] * scale), 2, 8))
    ids, dist = _cells(n, count, count, 0.0, 2.5)
    joint = np.clip(1.0 - dist, 0, 1)
    edge = np.clip(dist / 3.0, 0, 1)
    cloud = _noise(rng, n, 2.0, lo=2)
    tint = _per_cell(rng, ids, 0.06)
    alb = _lerp(c1 * (tint * (0.92 + 0.12 * cloud))[..., None], c2, joint)
    return alb, r + 0.5 * joint + 0.08 * cloud, edge - 0.5 * joint


def _concrete(rng, n, c1, c2, r, scale) -> Maps:
    big = _noise(rng, n, 2.8, lo=1)
    mid = _noise(rng, n, 1.6, lo=4)
    pores = _spots(rng, n, int(n * n / 900), 1.2)
    stain = _noise(rng, n, 3.0, lo=1) > 0.62
    t = np.clip(0.5 * big + 0.7 * mid - 0.1, 0, 1)
    alb = _lerp(c1, c2, t) * (1 - 0.45 * pores - 0.15 * stain)[..., None]
    return alb, r + 0.15 * (mid - 0.5) - 0.1 * stain, 0.6 * mid + 0.2 * big - 0.6 * pores


def _asphalt(rng, n, c1, c2, r, scale) -> Maps:
    light, dark = _grains(rng, n, 0.18), _grains(rng, n, 0.2)
    cloud = _noise(rng, n, 2.5, lo=1)
    cracks = _strokes(rng, n, int(rng.integers(1, 5)), n * 0.8)
    base = np.asarray(c1) * (0.6 + 1.4 * light - 0.4 * dark + 0.3 * cloud)[..., None]
    alb = base * (1 - 0.6 * cracks)[..., None]
    return alb, r + 0.1 * (cloud - 0.5), 0.7 * light - 0.4 * dark - cracks


def _brick(rng, n, c1, c2, r, scale) -> Maps:
    ids, dist = _cells(n, 4, 12, 0.5, 3.0)
    mortar = np.clip(1.0 - dist, 0, 1)
    tint = _per_cell(rng, ids, 0.18)
    hue = _per_cell(rng, ids, 0.08)
    fine = _noise(rng, n, 1.0, lo=10)
    soot = _noise(rng, n, 2.6, lo=1)
    col = np.asarray(c1) * np.stack([hue, np.ones_like(hue), 2 - hue], -1)
    brick = col * (tint * (0.85 + 0.3 * fine) * (1.05 - 0.2 * soot))[..., None]
    mort = np.asarray(c2) * (0.85 + 0.3 * fine)[..., None]
    alb = _lerp(brick, mort, mortar)
    edge = np.clip(dist / 2.5, 0, 1)
    return alb, r + 0.05 * fine + 0.05 * mortar, edge + 0.25 * fine - 0.3 * mortar


def _wood(rng, n, c1, c2, r, scale) -> Maps:
    planks = int(rng.integers(5, 10))
    ids, dist = _cells(n, 1, planks, 0.0, 1.2)
    # long planks: stagger end joints per row
    v = np.arange(n)[:, None]
    row = (v * planks // n) % planks
    ends = (np.arange(n)[None, :] + rng.integers(0, n, planks)[row]) % n
    end_joint = np.clip(1.2 - np.abs(ends - n // 2), 0, 1)
    seam = np.maximum(np.clip(1.0 - dist, 0, 1), end_joint)
    grain = _noise(rng, n, 1.6, lo=2, stretch=(0.08, 1.0))
    rings = 0.5 + 0.5 * np.sin(grain * 40.0 + _per_cell(rng, ids, 0.5) * 7)
    tone = _per_cell(rng, ids, 0.15)
    alb = (
        _lerp(c1, c2, np.clip(0.6 * rings * (0.4 + grain) + 0.3 * grain, 0, 1))
        * tone[..., None]
        * (1 - 0.6 * seam)[..., None]
    )
    return alb, r + 0.1 * (rings - 0.5), 0.3 * rings - seam


def _brushed(rng, n, c1, c2, r, scale) -> Maps:
    streak = _noise(rng, n, 1.2, lo=2, stretch=(0.04, 1.0))
    smudge = _noise(rng, n, 2.5, lo=1)
    alb = c1 * (0.9 + 0.16 * streak + 0.06 * smudge)[..., None]
    return alb, r + 0.25 * (smudge - 0.5) + 0.05 * streak, 0.2 * streak


def _paint(rng, n, c1, c2, r, scale) -> Maps:
    peel = _noise(rng, n, 1.0, lo=12)
    cloud = _noise(rng, n, 2.3, lo=1)
    chips = _spots(rng, n, int(rng.integers(0, 10)), 2.0) > 0.3
    scuff = _strokes(rng, n, int(rng.integers(2, 8)), n * 0.12)
    alb = c1 * (0.88 + 0.1 * peel + 0.16 * cloud)[..., None] * (1 - 0.35 * scuff)[..., None]
    alb = np.where(chips[..., None], np.asarray(c1) * 0.35 + 0.06, alb)
    return alb, r + 0.15 * (cloud - 0.5) + 0.2 * scuff, 0.3 * peel - 0.5 * chips


def _fabric(rng, n, c1, c2, r, scale) -> Maps:
    u, v = np.meshgrid(np.arange(n), np.arange(n))
    k = 2 * np.pi * 80 / n  # a 3 mm weave: visible on a sleeve a hand's length from the lens, no knit
    weave = 0.5 + 0.25 * (
        np.sin(u * k) * np.sign(np.sin(v * k / 2)) + np.sin(v * k) * np.sign(np.cos(u * k / 2))
    )
    cloud = _noise(rng, n, 2.0, lo=1)
    fibre = _noise(rng, n, 0.5, lo=20)
    alb = _lerp(c1, c2, 0.12 * weave + 0.2 * fibre) * (0.9 + 0.2 * cloud)[..., None]
    return alb, r - 0.05 * weave, 0.5 * weave + 0.5 * cloud


def _grass(rng, n, c1, c2, r, scale) -> Maps:
    blades = _noise(rng, n, 0.8, lo=20, stretch=(1.0, 0.3))
    patch = _noise(rng, n, 2.5, lo=1)
    dry = _noise(rng, n, 2.5, lo=1) > 0.7
    alb = _lerp(c1, c2, 0.6 * blades + 0.3 * patch)
    alb = np.where(dry[..., None], alb * np.array([1.6, 1.3, 0.6]), alb)
    return alb, r - 0.1 * blades, blades


def _foliage(rng, n, c1, c2, r, scale) -> Maps:
    leaves = _spots(rng, n, int(n * n / 60), 3.5)
    shade = _noise(rng, n, 2.0, lo=2)
    alb = _lerp(c2, c1, 0.6 * leaves + 0.3 * shade) * (0.6 + 0.6 * leaves)[..., None]
    return alb, r - 0.2 * leaves, leaves + 0.3 * shade


def _bark(rng, n, c1, c2, r, scale) -> Maps:
    furrow = _noise(rng, n, 1.5, lo=3, stretch=(1.0, 0.12))
    moss = _noise(rng, n, 2.5, lo=1) > 0.72
    alb = _lerp(c2, c1, furrow) * (0.7 + 0.5 * furrow)[..., None]
    alb = np.where(moss[..., None], alb * np.array([0.7, 1.2, 0.6]), alb)
    return alb, r - 0.15 * furrow, furrow


def _dirt(rng, n, c1, c2, r, scale) -> Maps:
    cloud = _noise(rng, n, 2.0, lo=1)
    pebbles = _spots(rng, n, int(n * n / 250), 1.8)
    alb = _lerp(c1, c2, cloud) * (1 + 0.5 * pebbles)[..., None]
    return alb, r - 0.1 * pebbles, 0.4 * cloud + pebbles


def _cardboard(rng, n, c1, c2, r, scale) -> Maps:
    fibre = _noise(rng, n, 0.9, lo=10)
    cloud = _noise(rng, n, 2.4, lo=1)
    flute = 0.5 + 0.5 * np.sin(np.arange(n)[None, :] * 2 * np.pi * 60 / n) * np.ones((n, 1))
    stains = _spots(rng, n, int(rng.integers(0, 4)), n * 0.08)
    tape = np.zeros((n, n))
    if rng.random() < 0.6:
        y = int(rng.integers(0, n))
        tape[np.arange(y, y + n // 10) % n] = 1.0
    alb = c1 * (0.88 + 0.1 * fibre + 0.12 * cloud - 0.15 * stains)[..., None]
    alb = _lerp(alb, np.asarray(c1) * 1.25 + 0.03, 0.6 * tape)
    return alb, r - 0.4 * tape, 0.1 * flute + 0.2 * fibre


def _glass(rng, n, c1, c2, r, scale) -> Maps:
    smudge = _noise(rng, n, 2.2, lo=2)
    prints = _spots(rng, n, int(rng.integers(2, 10)), 5.0)
    alb = c1 * (0.97 + 0.03 * smudge)[..., None] * np.ones((n, n, 1))
    return alb, r + 0.3 * np.clip(smudge - 0.45, 0, 1) + 0.2 * prints, 0.1 * smudge


def _smooth(rng, n, c1, c2, r, scale) -> Maps:
    cloud = _noise(rng, n, 2.3, lo=1)
    fine = _noise(rng, n, 0.8, lo=16)
    scuff = _strokes(rng, n, int(rng.integers(1, 5)), n * 0.12)
    alb = c1 * (0.86 + 0.2 * cloud + 0.1 * fine - 0.25 * scuff)[..., None]
    return alb, r + 0.15 * (cloud - 0.5) + 0.15 * scuff, 0.2 * fine


_DRAW: dict[str, _Drawer] = {
    "plaster": _plaster,
    "ceiling_tile": _ceiling_tile,
    "carpet": _carpet,
    "vinyl": _vinyl,
    "tiles": _tiles,
    "concrete": _concrete,
    "asphalt": _asphalt,
    "brick": _brick,
    "wood": _wood,
    "metal": _brushed,
    "paint": _paint,
    "plastic": _smooth,
    "fabric": _fabric,
    "grass": _grass,
    "foliage": _foliage,
    "bark": _bark,
    "dirt": _dirt,
    "cardboard": _cardboard,
    "glass": _glass,
    "rubber": _smooth,
    "smooth": _smooth,
}


def _wear(rng: np.random.Generator, n: int, wear: float) -> np.ndarray:
    """Large-scale grime factor (1 = clean) for wear in [0, 1]."""
    grime = np.clip((_noise(rng, n, 2.6, lo=1) - 0.45) / 0.35, 0, 1)
    return 1.0 - 0.45 * wear * grime


def maps(m: Material) -> Maps:
    """Albedo (linear RGB), roughness and height images of ``m`` (cached per material in this process)."""
    return _maps(m.pattern, m.seed, tuple(m.color), tuple(m.color2 or ()), m.roughness, m.scale, m.wear)


@lru_cache(maxsize=256)
def _maps(pattern, seed, color, color2, roughness, scale, wear) -> Maps:
    rng = np.random.default_rng([seed, sum(map(ord, pattern))])
    c1 = np.asarray(color, float)
    c2 = np.asarray(color2, float) if color2 else c1 * 0.7
    alb, rough, height = _DRAW[pattern](rng, SIZE, c1, c2, roughness, scale)
    if wear > 0:
        alb = alb * _wear(rng, SIZE, wear)[..., None]
    alb = np.clip(alb, 0.0, 1.0).astype(np.float32)
    rough = np.clip(np.broadcast_to(rough, (SIZE, SIZE)), 0.02, 1.0).astype(np.float32)
    height = np.broadcast_to(height, (SIZE, SIZE)).astype(np.float32)
    for a in (alb, rough, height):
        a.setflags(write=False)
    return alb, rough, height


def normal_map(height: np.ndarray, strength: float) -> np.ndarray:
    """Tangent-space normal map (n,n,3) in [0,1] from a periodic height image (u = columns, v = rows)."""
    h = height * strength
    du = (np.roll(h, -1, 1) - np.roll(h, 1, 1)) / 2.0
    dv = (np.roll(h, -1, 0) - np.roll(h, 1, 0)) / 2.0
    nrm = np.stack([-du, -dv, np.ones_like(h)], -1)
    nrm /= np.linalg.norm(nrm, axis=-1, keepdims=True)
    return (nrm * 0.5 + 0.5).astype(np.float32)
