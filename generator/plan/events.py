"""Plan the clip's event timeline, the recoil (or action) of each shot, the shot effects and the held motion.

Uses its own generators ("events", "effects") so that the rest of the plan is the same with or without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.config.models import SceneConfig
from generator.motion.recoil import Kick, draw_kick
from generator.motion.rig import rows
from generator.motion.timeline import Drawn, carry_states, draw_timeline, name_events
from generator.motion.weapon import compose_held, kick_motion, lag, raise_motion
from generator.plan.model import CameraTrack, HeldTrack, ShotEffect, Timeline, TimelineEvent

# a negative's action on its held object: (rise_deg, peak_s, recovery_s) ranges; phone taps dip (negative rise)
ACTION_KICK = {"rise_deg": (1.0, 4.0), "peak_s": (0.05, 0.10), "recovery_s": (0.20, 0.35)}
DIPS = {"phone_tap", "gesture"}
# fallback low carry pose relative to the raised one, when the carry model has no distinct low pose
LOW_POS = np.array([0.02, -0.10, 0.06])
LOW_ROT = np.array([-0.6, 0.15, 0.0])


@dataclass
class EventPlan:
    """What the planner needs from the timeline: the Timeline for the plan, kicks for the camera, states."""

    timeline: Timeline
    drawn: Drawn
    camera_kicks: list[Kick]
    held_kicks: list[Kick]
    states: list[str]
    lag_s: float = 0.0


def plan_events(
    cfg: SceneConfig,
    positive: bool,
    held_name: str,
    weapon_class: str,
    real_weapon: bool,
    rng_events: np.random.Generator,
    rng_effects: np.random.Generator,
    start_s: float = 0.0,
    shots_allowed: bool = True,
) -> EventPlan:
    """Timeline, kicks and shot effects of one clip (the same shapes and camera kicks for either class);
    it begins at ``start_s`` (an onset's arrival), and only raised poses shoot."""
    r = cfg.render
    rng = rng_events
    drawn = draw_timeline(cfg.events, r.frames, r.fps, rng, start_s, shots_allowed)
    mimic = cfg.content.draw("weapon", rng)  # negatives' camera jolts come from a weapon class of the scene
    klass = weapon_class if positive else mimic
    scale = cfg.motion.draw("recoil_scale", rng)
    camera_kicks, held_kicks = [], []
    for f in drawn.shot_frames:
        kick = draw_kick(rng, klass, f / r.fps, scale)
        act = Kick(
            time_s=f / r.fps,
            rise_deg=float(rng.uniform(*ACTION_KICK["rise_deg"])),
            back_m=0.0,
            peak_s=float(rng.uniform(*ACTION_KICK["peak_s"])),
            recovery_s=float(rng.uniform(*ACTION_KICK["recovery_s"])),
        )
        camera_kicks.append(kick)
        held_kicks.append(kick if positive else act)
    lag_s = cfg.motion.draw("weapon_lag_s", rng)
    events, action = name_events(drawn, positive, held_name)
    if not positive and action in DIPS:
        held_kicks = [Kick(k.time_s, -k.rise_deg, k.back_m, k.peak_s, k.recovery_s) for k in held_kicks]

    n = r.frames
    flash = [False] * n
    shots: list[ShotEffect] = []
    rng = rng_effects
    for f in drawn.shot_frames:
        eff = _draw_effect(cfg, rng, f, weapon_class)
        if positive and real_weapon:
            shots.append(eff)
            for k in range(f, min(f + eff.flash_frames, n)):
                flash[k] = True
    for k in range(n):
        if flash[k]:
            events.append(("muzzle_flash", k, k / r.fps, ""))
    events.sort(key=lambda e: (e[1], e[0] != "shot", e[0]))
    timeline = Timeline(
        events=[TimelineEvent(type=a, frame=b, time_s=round(c, 6), detail=d) for a, b, c, d in events],
        aim_weight=[round(float(w), 6) for w in drawn.aim_weight],
        muzzle_flash=flash,
        shots=shots,
        action=action,
    )
    return EventPlan(timeline, drawn, camera_kicks, held_kicks, carry_states(drawn, positive), lag_s)


def _draw_effect(cfg: SceneConfig, rng: np.random.Generator, frame: int, weapon_class: str) -> ShotEffect:
    """Random flash shape, light burst, smoke and casing of one shot (all drawn, used or not)."""
    frames = int(cfg.events.draw("flash_frames", rng)) + (1 if weapon_class == "shotgun" else 0)
    warm = float(rng.uniform(0.35, 0.7))
    return ShotEffect(
        frame=frame,
        flash_frames=frames,
        flash_length_m=float(rng.uniform(0.05, 0.14)) * (1.6 if weapon_class == "shotgun" else 1.0),
        flash_width_m=float(rng.uniform(0.025, 0.06)),
        flash_petals=int(rng.integers(3, 7)),
        flash_twist=float(rng.uniform(0, np.pi)),
        flash_color=(1.0, warm, warm * float(rng.uniform(0.2, 0.5))),
        flash_strength=float(rng.uniform(30, 90)),
        light_power_w=float(rng.uniform(80, 300)),
        smoke=bool(rng.random() < 0.7),
        smoke_size_m=float(rng.uniform(0.03, 0.08)),
        casing=bool(rng.random() < cfg.events.draw("casing", rng)) and weapon_class != "revolver",
        casing_velocity=(
            float(rng.uniform(1.0, 2.5)),
            float(rng.uniform(0.8, 2.0)),
            float(rng.uniform(0.0, 0.6)),
        ),
    )


def low_offset(held_name: str, mount: str) -> tuple[np.ndarray, np.ndarray]:
    """The low carry pose relative to the raised one, from the carry model when it has distinct poses."""
    try:
        from generator.plan.held import carry_pose

        up = carry_pose(held_name, mount, "aimed")
        low = carry_pose(held_name, mount, "low_ready")
        d_pos, d_rot = np.asarray(low[0]) - np.asarray(up[0]), np.asarray(low[1]) - np.asarray(up[1])
        if np.abs(d_pos).max() > 1e-6 or np.abs(d_rot).max() > 1e-6:
            return d_pos, d_rot
    except (KeyError, TypeError, ValueError):
        pass
    return LOW_POS, LOW_ROT


def held_motion(
    track: HeldTrack,
    camera: CameraTrack,
    ev: EventPlan,
    held_name: str,
    t: np.ndarray,
    raised: bool = True,
) -> HeldTrack:
    """The held track with raise/lower (raised poses only), lag behind camera turns and recoil (or actions)
    added, kept apart."""
    n = len(t)
    rot = np.asarray(camera.rotation, dtype=float)
    pitch = rot[:, 0]
    yaw = np.unwrap(rot[:, 2])
    comps: dict[str, dict[str, np.ndarray]] = {}
    lo_pos, lo_rot = low_offset(held_name, camera.mount)
    comps["raise"] = raise_motion(np.asarray(ev.drawn.aim_weight), lo_pos, lo_rot)
    if not raised:
        comps["raise"] = {"position": np.zeros((n, 3)), "rotation": np.zeros((n, 3))}
    if camera.mount == "weapon":  # the camera moves with the weapon: no raise, lag or recoil relative to it
        comps["raise"] = {"position": np.zeros((n, 3)), "rotation": np.zeros((n, 3))}
        comps["lag"] = {"position": np.zeros((n, 3)), "rotation": np.zeros((n, 3))}
        comps["recoil"] = {"position": np.zeros((n, 3)), "rotation": np.zeros((n, 3))}
    else:
        comps["lag"] = lag(t, pitch, yaw, ev.lag_s)
        comps["recoil"] = kick_motion(t, ev.held_kicks)
    pos, rot_out = compose_held(
        np.asarray(track.position, dtype=float), np.asarray(track.rotation, dtype=float), comps
    )
    listed = {
        k: {"position": rows(c["position"], 6), "rotation": rows(c["rotation"], 6)} for k, c in comps.items()
    }
    return track.model_copy(
        update={
            "position": rows(pos, 6),
            "rotation": rows(rot_out, 6),
            "states": ev.states,
            "components": listed,
        }
    )
