"""render_audio: a ClipPlan to its recorded sound track and the audio label block (no bpy, numpy and scipy only).

Sources are placed in the plan's world: the wearer's shots at the muzzle (the camera pose plus the held track),
casings at the feet, a game's gunfire at the screen, look-alike bangs somewhere in the place. Each reaches the
microphone (the camera) by its direct path (1/r, delay r/c, the blast's directivity) plus the room's
reflections; beds, wind and handling noise are added at the mic, then the microphone chain records it all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.signal import oaconvolve
from scipy.spatial.transform import Rotation

from generator.audio import ambient, sources
from generator.audio.mic import microphone
from generator.audio.mux import n_samples
from generator.audio.room import C, RirCache, Room, measure_rt60, room_of
from generator.audio.sources import Sound
from generator.plan.model import AudioSettings, ClipPlan

MIC_SPACING_M = 0.14
REVOLVERS = ("revolver",)


@dataclass
class Emission:
    """A sound made at a place and time."""

    sound: Sound
    frame: int
    time_s: float
    position: np.ndarray
    source: str
    barrel: np.ndarray | None = None  # direction of fire (gunshots): sets the blast's directivity
    weapon: sources.Weapon | None = None
    detail: dict = field(default_factory=dict)


@dataclass
class AudioTrack:
    """The recorded track ([n, channels] float32 in -1..1), its rate and its label block (labels AudioInfo)."""

    samples: np.ndarray
    sample_rate: int
    label: dict


def _camera(plan: ClipPlan, f: int) -> tuple[np.ndarray, np.ndarray]:
    """Camera position and rotation matrix (Blender XYZ Euler; looks down -Z) at frame f."""
    f = min(max(f, 0), len(plan.camera.position) - 1)
    return np.asarray(plan.camera.position[f], dtype=float), Rotation.from_euler(
        "xyz", plan.camera.rotation[f]
    ).as_matrix()


def _mics(plan: ClipPlan, f: int, channels: int) -> np.ndarray:
    pos, rot = _camera(plan, f)
    if channels == 1:
        return pos[None]
    right = rot[:, 0]
    return np.stack([pos - right * MIC_SPACING_M / 2, pos + right * MIC_SPACING_M / 2])


def _muzzle(plan: ClipPlan, f: int) -> tuple[np.ndarray, np.ndarray]:
    """World muzzle position and barrel direction at frame f (the held track is in the camera frame)."""
    pos, rot = _camera(plan, f)
    track = plan.held_track.position
    local = np.asarray(track[min(f, len(track) - 1)], dtype=float) if track else np.array([0.0, -0.1, -0.45])
    local = local + np.array([0.0, 0.0, -0.15])  # the muzzle lies ahead of the grip
    return pos + rot @ local, rot @ np.array([0.0, 0.0, -1.0])


def _screen(plan: ClipPlan) -> np.ndarray | None:
    for placed in plan.environment:
        if placed.model.name == "screen":
            for part in placed.model.parts:
                if part.material == "picture":
                    return np.asarray(placed.pos, dtype=float) + np.asarray(part.pos, dtype=float)
    return None


def _somewhere(rng: np.random.Generator, room: Room, near: np.ndarray) -> np.ndarray:
    """A random source position 2-15 m from ``near``, inside the room."""
    az = rng.uniform(0, 2 * np.pi)
    d = rng.uniform(2.0, 15.0)
    p = near + np.array([d * np.cos(az), d * np.sin(az), 0.0])
    p[2] = rng.uniform(0.1, 1.8)
    lo, hi = room.origin + 0.3, room.origin + room.dims - 0.3
    return np.clip(p, lo, hi)


def plan_emissions(plan: ClipPlan, s: AudioSettings, room: Room, rng: np.random.Generator) -> list[Emission]:
    """Every sound source of the clip, from its timeline, held object, place and background draws."""
    fps = plan.render.fps
    out: list[Emission] = []
    sr = s.sample_rate
    axes = plan.axes
    shot_frames = [e.frame for e in plan.timeline.events if e.type == "shot"]
    action_frames = [e.frame for e in plan.timeline.events if e.type == "action"]
    if plan.category == "positive" and axes.weapon_kind in ("real", "replica"):
        meta = plan.held.model.meta if plan.held is not None else {}
        suppressed = bool(meta.get("suppressor", False) or meta.get("acc_suppressor", False))
        weapon = sources.draw_weapon(rng, axes.weapon_class, suppressed, axes.weapon_kind == "replica")
        model = str(meta.get("family", axes.held_object))  # e.g. striker_pistol, duty_revolver
        ejects = "revolver" not in model and axes.held_object not in REVOLVERS and axes.weapon_kind == "real"
        for f in shot_frames:
            muzzle, barrel = _muzzle(plan, f)
            shot = sources.gunshot(rng, sr, weapon)
            detail = {
                "family": weapon.family,
                "model": model,
                "suppressed": weapon.suppressed,
                "bullet_speed_ms": round(weapon.speed_ms, 1),
                "supersonic": weapon.speed_ms > C,
                "peak_db_1m": round(weapon.peak_db, 1),
            }
            out.append(Emission(shot, f, f / fps, muzzle, "wearer_weapon", barrel, weapon, detail))
            if ejects:
                cam, _ = _camera(plan, f)
                floor = cam - np.array([0.0, 0.0, cam[2]]) + rng.normal(0, 0.4, 3) * np.array([1, 1, 0])
                floor[2] = 0.02
                drop = sources.casing_drop(rng, sr, weapon.family, room.hard_floor)
                t = f / fps + float(rng.uniform(0.45, 0.65))  # ejection and free fall from ~1.4 m
                out.append(Emission(drop, int(t * fps), t, floor, "wearer_weapon"))
    elif plan.category == "negative":
        kind = sources.HELD_ACTIONS.get(axes.held_object)
        for f in action_frames if kind else []:
            muzzle, _ = _muzzle(plan, f)
            out.append(Emission(sources.hard_negative(rng, sr, kind), f, f / fps, muzzle, "held_object"))
        screen = _screen(plan)
        if axes.weapon_kind == "virtual" and screen is not None:
            for f in shot_frames + action_frames:
                out.append(
                    Emission(
                        sources.hard_negative(rng, sr, "game_gunfire"), f, f / fps, screen, "screen_speaker"
                    )
                )
    duration = plan.render.frames / fps
    bangs = sources.INDOOR_BANGS if room.indoor else sources.OUTDOOR_BANGS
    for _ in range(int(rng.poisson(s.background_events))):
        t = float(rng.uniform(0.0, max(duration - 0.1, 0.0)))
        f = int(t * fps)
        cam, _ = _camera(plan, f)
        kind = str(rng.choice(bangs))
        out.append(
            Emission(sources.hard_negative(rng, sr, kind), f, t, _somewhere(rng, room, cam), "environment")
        )
    return out


def _azimuth(plan: ClipPlan, f: int, p: np.ndarray) -> float:
    pos, rot = _camera(plan, f)
    local = rot.T @ (p - pos)
    return float(np.degrees(np.arctan2(local[0], -local[2])))


def render_audio(
    plan: ClipPlan, settings: AudioSettings | None = None, events_only: bool = False
) -> AudioTrack | None:
    """The clip's recorded sound track and its label block; None when the plan has no audio.

    ``events_only`` leaves out the ambient bed, wind and handling noise (events to add to a real recording).
    """
    s = settings or plan.audio
    if s is None:
        return None
    sr, fps, ch = s.sample_rate, float(plan.render.fps), s.channels
    n = n_samples(plan.render.frames, fps, sr)
    rng = np.random.default_rng(s.seed)
    rng_src, rng_room, rng_bed, rng_mic = (np.random.default_rng(rng.integers(2**63)) for _ in range(4))
    room = room_of(plan, s.max_order)
    rirs = RirCache(room, sr, rng_room)
    emissions = plan_emissions(plan, s, room, rng_src)
    pad = int(1.0 * sr)
    p = np.zeros((ch, n + pad))
    events = []
    rt_measured = []
    for em in emissions:
        mics = _mics(plan, em.frame, ch)
        wave = em.sound.wave
        t0 = int(round(em.time_s * sr))
        refl = rirs.reflections(em.position, mics)
        dists = np.linalg.norm(mics - em.position, axis=1)
        if not rt_measured:  # the reverberation time of the first response, direct path included
            full = refl[0].copy()
            k = int(round(dists[0] / C * sr))
            if k < len(full):
                full[k] += 1.0 / max(float(dists[0]), 0.05)
            rt_measured.append(measure_rt60(full, sr))
        reflect_src = wave
        if em.barrel is not None:  # reflections carry the blast sent every way: mean directivity
            reflect_src = wave * 10 ** (-em.sound.directivity_db / 2 / 20)
        direct_peak = 0.0
        for c in range(ch):
            r = max(float(dists[c]), 0.05)
            direct = wave
            if em.barrel is not None:
                cos = float(
                    em.barrel @ (mics[c] - em.position) / max(np.linalg.norm(mics[c] - em.position), 1e-6)
                )
                direct = sources.directional(wave, sr, cos, em.sound.directivity_db)
                w = em.weapon
                crack = sources.crack_geometry(em.position, em.barrel, mics[c], w.speed_ms) if w else None
                em.detail["crack_heard"] = crack is not None
                if crack is not None and w is not None:
                    nw = sources.n_wave(sr, w.speed_ms, w.calibre_m, w.bullet_len_m, crack[1])
                    sources._place(p[c], nw, t0 + int(round(crack[0] * sr)))
            direct = direct / r
            direct_peak = max(direct_peak, float(np.abs(direct).max()))
            sources._place(p[c], direct, t0 + int(round(r / C * sr)))
            wet = oaconvolve(reflect_src, refl[c])
            sources._place(p[c], wet, t0)
        onset = em.time_s + float(dists.min()) / C
        events.append((em, onset, float(dists.min()), direct_peak))
    bed, bed_parts = ambient.ambient_bed(rng_bed, sr, n, plan.axes.environment, s.ambient_spl_db)
    cams = np.asarray(plan.camera.position, dtype=float)
    speed = np.linalg.norm(np.diff(cams, axis=0, prepend=cams[:1]), axis=1) * fps
    noise = ambient.handling(rng_bed, sr, n, speed, fps, plan.camera.mount)
    if not room.indoor:
        noise = noise + ambient.wind(rng_bed, sr, n, s.wind_ms + float(np.median(speed)))
    if events_only:
        bed, noise, bed_parts = 0.0, 0.0, []
    p = p[:, :n] + bed + noise
    y, mic_stats = microphone(p, sr, s.mic_overload_db, rng_mic)
    track = np.ascontiguousarray(y.T.astype(np.float32))
    return AudioTrack(track, sr, _label(plan, s, room, rt_measured, y, events, mic_stats, bed_parts, fps))


def _dbfs(x: float) -> float:
    return round(20 * np.log10(max(abs(x), 1e-9)), 2)


def _label(plan, s, room, rt_measured, y, events, mic_stats, bed_parts, fps) -> dict:
    """The labels.json audio block (generator.labels.schema.AudioInfo)."""
    sr = s.sample_rate
    n = y.shape[1]
    rows = []
    for em, onset, dist, direct_peak in sorted(events, key=lambda e: e[1]):
        i = int(round(onset * sr))
        if i >= n:
            continue
        win = y[:, max(0, i - int(0.002 * sr)) : i + int(0.05 * sr)]
        detail = dict(em.detail)
        detail.update({f"part_{k}_s": round(v, 4) for k, v in em.sound.parts.items()})
        rows.append(
            {
                "type": em.sound.kind,
                "gunshot": em.sound.gunshot,
                "source": em.source,
                "onset_s": round(onset, 6),
                "onset_sample": i,
                "onset_frame": min(int(np.floor(onset * fps + 1e-9)), plan.render.frames - 1),
                "emit_frame": em.frame,
                "peak_dbfs": _dbfs(float(np.abs(win).max()) if win.size else 0.0),
                "peak_spl_db": round(sources.pa_to_spl(direct_peak), 1),
                "distance_m": round(dist, 3),
                "azimuth_deg": round(_azimuth(plan, em.frame, em.position), 1),
                "detail": detail,
            }
        )
    room_label = room.label()
    room_label["rt60_measured_s"] = round(rt_measured[0], 3) if rt_measured else None
    return {
        "file": "video.mp4",
        "wav": "audio.wav" if s.save_wav else None,
        "sample_rate": sr,
        "channels": s.channels,
        "samples": n,
        "codec": "aac",
        "bitrate_kbps": s.bitrate_kbps,
        "loudness_lufs": _lufs(y, sr),
        "rms_dbfs": _dbfs(float(np.sqrt(np.mean(y**2)))),
        "peak_dbfs": _dbfs(float(np.abs(y).max())),
        "room": room_label,
        "microphone": mic_stats,
        "ambient": bed_parts,
        "events": rows,
    }


def _lufs(y: np.ndarray, sr: int) -> float | None:
    """Integrated loudness (BS.1770 via pyloudnorm); None for clips under its 0.4 s block."""
    if y.shape[1] < int(0.4 * sr):
        return None
    import pyloudnorm

    value = pyloudnorm.Meter(sr).integrated_loudness(y.T.astype(np.float64))
    return round(float(value), 2) if np.isfinite(value) else None
