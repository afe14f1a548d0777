"""Room acoustics from the place: a shoebox (or open ground) with materials, image-source RIRs and a late tail.

Early reflections come from pyroomacoustics' image-source method (J. B. Allen, D. A. Berkley, "Image method for
efficiently simulating small-room acoustics", JASA 65(4), 1979; R. Scheibler et al., "Pyroomacoustics", ICASSP
2018) at a low order; the late reverberation past the last simulated order is an exponentially decaying noise
with the room's Eyring reverberation time (C. F. Eyring, JASA 1, 1930), the usual hybrid that keeps the cost at a
few tens of milliseconds per source. Outdoors there is no ceiling: the ground reflects, facades (buildings,
berms) reflect if they stand near, and everything else is open (fully absorbing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyroomacoustics as pra

from generator.plan.model import ClipPlan

C = 343.0
# place -> (floor, walls, ceiling) pyroomacoustics material names indoors
INDOOR: dict[str, tuple[str, str, str]] = {
    "corridor": ("linoleum_on_concrete", "rough_lime_wash", "ceiling_plasterboard"),
    "office": ("carpet_tufted_9.5mm", "plasterboard", "ceiling_fissured_tile"),
    "school": ("linoleum_on_concrete", "smooth_brickwork_flush_pointing", "ceiling_fissured_tile"),
    "warehouse": ("concrete_floor", "rough_concrete", "ceiling_metal_panel"),
    "home": ("wood_16mm", "plasterboard", "ceiling_plasterboard"),
    "retail": ("linoleum_on_concrete", "plasterboard", "ceiling_fissured_tile"),
    "range": ("concrete_floor", "rough_concrete", "ceiling_fibre_absorber"),
    "game_screen": ("carpet_thin", "plasterboard", "ceiling_plasterboard"),
}
DEFAULT_INDOOR = ("linoleum_on_concrete", "plasterboard", "ceiling_plasterboard")
# absorption added to the walls for what a shoebox leaves out: furniture, racks and goods, doors, people
FURNISHING = {"corridor": 0.04, "office": 0.1, "school": 0.02, "warehouse": 0.05, "home": 0.2, "retail": 0.12}
FURNISHING |= {"range": 0.05, "game_screen": 0.2, "parking": 0.05}
# outdoor ground and facade energy absorption by the plan's material names (grass and earth absorb)
GROUND_ABSORPTION = {"grass": 0.45, "dirt": 0.4, "berm": 0.4, "path": 0.1, "gravel": 0.3}
FACADE = "brickwork"
OPEN = 1.0  # an open side: nothing reflects
OUTDOOR_REACH_M = 40.0


@dataclass
class Room:
    """The acoustic box of a clip in world coordinates (origin = the box's min corner)."""

    indoor: bool
    origin: np.ndarray
    dims: np.ndarray
    materials: dict[str, str | float]  # wall name -> material name or energy absorption
    max_order: int
    rt60_s: float = 0.0  # Eyring, 0 outdoors
    hard_floor: bool = True
    facades: list[str] = field(default_factory=list)

    def label(self) -> dict:
        """What labels.json records about the room."""
        return {
            "indoor": self.indoor,
            "dims_m": [round(float(v), 3) for v in self.dims],
            "materials": {
                k: (v if isinstance(v, str) else round(float(v), 3)) for k, v in self.materials.items()
            },
            "max_order": self.max_order,
            "rt60_eyring_s": round(self.rt60_s, 3),
        }


def _parts(plan: ClipPlan):
    """Every environment part as (name, material, centre, size) in world coordinates (boxes, rotation ignored)."""
    for placed in plan.environment:
        off = np.asarray(placed.pos, dtype=float)
        for p in placed.model.parts:
            yield (
                p.name,
                p.material,
                off + np.asarray(p.pos, dtype=float),
                np.abs(np.asarray(p.size, dtype=float)),
            )


def _material_absorption(name: str | float) -> float:
    """Mean energy absorption of a pyroomacoustics material name (500 Hz - 2 kHz bands) or a number."""
    if not isinstance(name, str):
        return float(name)
    m = pra.Material(name)
    coeffs = np.asarray(m.energy_absorption["coeffs"], dtype=float)
    freqs = np.asarray(m.energy_absorption["center_freqs"], dtype=float)
    sel = (freqs >= 400) & (freqs <= 2500)
    return float(coeffs[sel].mean() if sel.any() else coeffs.mean())


def eyring_rt60(dims: np.ndarray, materials: dict[str, str | float]) -> float:
    """Eyring reverberation time of a shoebox: 0.161 V / (-S ln(1 - mean absorption))."""
    x, y, z = dims
    areas = {"floor": x * y, "ceiling": x * y, "east": y * z, "west": y * z, "north": x * z, "south": x * z}
    s = sum(areas.values())
    a = sum(areas[k] * _material_absorption(materials[k]) for k in areas) / s
    return float(0.161 * x * y * z / (-s * np.log(max(1e-6, 1.0 - min(a, 0.999)))))


def room_of(plan: ClipPlan, max_order: int = 6) -> Room:
    """The clip's acoustic room: the place's shell indoors, ground and near facades outdoors."""
    parts = list(_parts(plan))
    cam = np.asarray(plan.camera.position, dtype=float)
    floors = [p for p in parts if p[2][2] - p[3][2] / 2 < 0.05 and p[3][2] < 0.3]
    floor = max(floors, key=lambda p: p[3][0] * p[3][1]) if floors else None
    ceilings = [
        p
        for p in parts
        if floor is not None
        and p[2][2] > 2.0
        and p[3][2] < 0.5
        and p[3][0] * p[3][1] > 0.6 * floor[3][0] * floor[3][1]
    ]
    family = plan.axes.environment
    if floor is not None and ceilings and floor[3][0] * floor[3][1] < 5000:
        fl, wa, ce = INDOOR.get(family, DEFAULT_INDOOR)
        lo = floor[2] - floor[3] / 2
        height = float(min(c[2][2] - c[3][2] / 2 for c in ceilings))
        dims = np.array([floor[3][0], floor[3][1], max(height, 2.0)])
        origin = np.array([lo[0], lo[1], 0.0])
        walls = min(_material_absorption(wa) + FURNISHING.get(family, 0.05), 0.95)
        mats: dict[str, str | float] = {"floor": fl, "ceiling": ce}
        mats |= {k: walls for k in ("east", "west", "north", "south")}
        return Room(
            True, origin, dims, mats, max_order, eyring_rt60(dims, mats), hard_floor="carpet" not in fl
        )
    # outdoors: ground below, open sky, facades where something tall stands within reach of the walk
    centre = cam.mean(axis=0)
    ground_mat = floor[1] if floor is not None else "ground"
    ground: str | float = float(GROUND_ABSORPTION.get(ground_mat, -1.0))
    if ground < 0:
        ground = "concrete_floor"
    reach = {
        "west": -OUTDOOR_REACH_M,
        "east": OUTDOOR_REACH_M,
        "south": -OUTDOOR_REACH_M,
        "north": OUTDOOR_REACH_M,
    }
    mats = {"floor": ground, "ceiling": OPEN, "east": OPEN, "west": OPEN, "north": OPEN, "south": OPEN}
    facades = []
    for _name, mat, c, s in parts:
        if c[2] + s[2] / 2 < 2.4 or s[2] < 1.5 or max(s[0], s[1]) < 3.0 or mat.startswith(("leaf", "bark")):
            continue  # only walls, buildings and berms reflect; trees scatter little at these sizes
        for axis, (neg, pos) in ((0, ("west", "east")), (1, ("south", "north"))):
            other = 1 - axis
            if abs(centre[other] - c[other]) > s[other] / 2 + 2.0:
                continue  # not beside the walk along this axis
            near, far = c[axis] - s[axis] / 2 - centre[axis], c[axis] + s[axis] / 2 - centre[axis]
            if near > 0.5 and near < reach[pos]:
                reach[pos] = near
                mats[pos] = GROUND_ABSORPTION.get(mat, FACADE)
            elif far < -0.5 and far > reach[neg]:
                reach[neg] = far
                mats[neg] = GROUND_ABSORPTION.get(mat, FACADE)
    facades = sorted(k for k in ("east", "west", "north", "south") if mats[k] != OPEN)
    origin = np.array([centre[0] + reach["west"], centre[1] + reach["south"], 0.0])
    dims = np.array([reach["east"] - reach["west"], reach["north"] - reach["south"], 30.0])
    hard = not isinstance(ground, float) or ground < 0.2
    return Room(False, origin, dims, mats, min(max_order, 2), 0.0, hard_floor=hard, facades=facades)


def _pra_materials(materials: dict[str, str | float]) -> dict[str, pra.Material]:
    """Single-band materials (mid-band absorption): one ISM pass instead of octave bands, ~10x cheaper."""
    return {k: pra.Material(min(_material_absorption(v), 1.0)) for k, v in materials.items()}


def _inside(room: Room, p: np.ndarray) -> np.ndarray:
    return np.clip(np.asarray(p, dtype=float) - room.origin, 0.05, room.dims - 0.05)


def late_tail(rng: np.random.Generator, sr: int, rt60: float, n: int) -> np.ndarray:
    """``n`` samples of exponential noise with reverberation time ``rt60`` (highs decay ~1.6x faster)."""
    t = np.arange(n) / sr
    from generator.audio.sources import _band

    low = _band(rng.standard_normal(n), sr, None, 2000) * np.exp(-6.91 * t / rt60)
    high = _band(rng.standard_normal(n), sr, 2000, None) * np.exp(-6.91 * t / (0.6 * rt60))
    return low + high


class RirCache:
    """Impulse responses (pascals at the mic per pascal at 1 m) for the room, one per rounded source position."""

    def __init__(self, room: Room, sr: int, rng: np.random.Generator, max_s: float = 1.5):
        self.room, self.sr, self.rng, self.max_s = room, sr, rng, max_s
        self.cache: dict[tuple, np.ndarray] = {}

    def reflections(self, source: np.ndarray, mics: np.ndarray) -> np.ndarray:
        """Reflections only (direct path removed), shape [mics, n], aligned so sample 0 = emission."""
        key = tuple(np.round(np.concatenate([source, mics.ravel()]) / 0.25).astype(int))
        if key in self.cache:
            return self.cache[key]
        r = self.room
        src = _inside(r, source)
        mic = np.stack([_inside(r, m) for m in mics], axis=1)
        full = self._simulate(src, mic, r.max_order)
        direct = self._simulate(src, mic, 0)
        n = full.shape[1]
        direct = np.pad(direct, ((0, 0), (0, max(0, n - direct.shape[1]))))[:, :n]
        refl = full - direct  # pyroomacoustics scales paths by 1/r: a source given in pascals at 1 m
        delay = pra.constants.get("frac_delay_length") // 2
        refl = refl[:, delay:]
        if r.indoor and r.rt60_s > 0.05:
            refl = self._with_tail(refl, src, mic)
        limit = int(self.max_s * self.sr)
        self.cache[key] = refl[:, :limit]
        return self.cache[key]

    def _simulate(self, src: np.ndarray, mic: np.ndarray, order: int) -> np.ndarray:
        room = pra.ShoeBox(
            self.room.dims,
            fs=self.sr,
            materials=_pra_materials(self.room.materials),
            max_order=order,
            air_absorption=False,
        )
        room.add_source(src)
        room.add_microphone_array(mic)
        hpf = pra.constants.get("rir_hpf_enable")
        pra.constants.set("rir_hpf_enable", False)  # the microphone model has its own high-pass
        try:
            room.compute_rir()
        finally:
            pra.constants.set("rir_hpf_enable", hpf)
        n = max(len(room.rir[m][0]) for m in range(mic.shape[1]))
        return np.stack([np.pad(room.rir[m][0], (0, n - len(room.rir[m][0]))) for m in range(mic.shape[1])])

    def _with_tail(self, refl: np.ndarray, src: np.ndarray, mic: np.ndarray) -> np.ndarray:
        """Add an Eyring tail from where the image-source response thins out (its energy matched there)."""
        r = self.room
        mfp = (
            4
            * np.prod(r.dims)
            / (2 * (r.dims[0] * r.dims[1] + r.dims[1] * r.dims[2] + r.dims[0] * r.dims[2]))
        )
        dist = float(np.linalg.norm(src - mic[:, 0]))
        t0 = (dist + 0.5 * max(r.max_order, 1) * mfp) / C
        rt = min(r.rt60_s, 3.0)
        length = min(self.max_s, t0 + 1.1 * rt)
        n = int(length * self.sr)
        out = np.zeros((refl.shape[0], max(n, refl.shape[1])))
        out[:, : refl.shape[1]] = refl
        i0 = int(t0 * self.sr)
        w = int(0.02 * self.sr)
        if i0 + 1 >= n or i0 - w < 0:
            return out
        for ch in range(out.shape[0]):
            level = float(np.sqrt(np.mean(out[ch, i0 - w : i0] ** 2)))
            if level <= 0:
                level = 1e-3 / max(dist, 1.0)
            tail = late_tail(self.rng, self.sr, rt, n - i0)
            tail *= level / max(float(np.sqrt(np.mean(tail[:w] ** 2))), 1e-12)
            fade = np.clip(np.arange(n - i0) / w, 0, 1)
            out[ch, i0:n] = out[ch, i0:n] * (1 - fade) + tail * fade
        return out


def measure_rt60(rir: np.ndarray, sr: int) -> float:
    """RT60 of an impulse response from its Schroeder decay (T20 or T10 extrapolated); 0 when it does not decay."""
    e = np.cumsum(rir[::-1] ** 2)[::-1]
    if e[0] <= 0:
        return 0.0
    db = 10 * np.log10(np.maximum(e / e[0], 1e-30))
    for lo, hi in ((-5.0, -25.0), (-5.0, -15.0)):
        a, b = np.argmax(db <= lo), np.argmax(db <= hi)
        if db[-1] <= hi and b > a:
            return float((b - a) / sr * 60.0 / (lo - hi))
    return 0.0


def impulse_response(plan: ClipPlan, sr: int = 16000, distance_m: float = 3.0, max_order: int = 6) -> np.ndarray:
    """The full response (direct path and reflections) from a point ``distance_m`` ahead of the camera at frame 0."""
    from scipy.spatial.transform import Rotation

    room = room_of(plan, max_order)
    cam = np.asarray(plan.camera.position[0], dtype=float)
    ahead = Rotation.from_euler("xyz", plan.camera.rotation[0]).as_matrix() @ np.array([0.0, 0.0, -1.0])
    ahead[2] = 0.0
    src = cam + distance_m * ahead / max(np.linalg.norm(ahead), 1e-6)
    refl = RirCache(room, sr, np.random.default_rng(0), max_s=3.0).reflections(src, cam[None])[0]
    d = float(np.linalg.norm(_inside(room, src) - _inside(room, cam)))
    out = refl.copy()
    i = int(round(d / C * sr))
    if i < len(out):
        out[i] += 1.0 / max(d, 0.05)
    return out
