"""The event timeline of a clip: idle, raise to aim, shots (negatives: actions), lower, reload.

Positives and negatives draw the same timeline shapes from the same ranges, in the same order, so that the
timing and motion of a clip do not reveal its class; only the names of the events and what the held object
does at them differ. Every value is drawn whatever the outcome, so one draw never shifts the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from generator.catalog import DEFAULT_ACTION, HELD
from generator.config.models import EventsConfig
from generator.motion.shake import min_jerk

# what a negative's wearer does at the times a positive's wearer shoots
ACTIONS = {c.name: c.action for c in HELD if c.action}  # a harmless class -> its action, from the catalog
RELOAD_S = (1.2, 2.2)
LOWER_AFTER_S = (0.3, 0.8)
RELOAD_AFTER_S = (0.2, 0.5)


@dataclass
class Drawn:
    """A timeline in seconds and frames, with its per-frame raise weight."""

    events: list[tuple[str, int, float, str]] = field(default_factory=list)  # (type, frame, time_s, detail)
    shot_frames: list[int] = field(default_factory=list)
    aim_weight: np.ndarray = field(default_factory=lambda: np.zeros(0))
    reloading: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def _frame(time_s: float, fps: float) -> int:
    return int(round(time_s * fps))


def draw_timeline(
    ev: EventsConfig,
    frames: int,
    fps: float,
    rng: np.random.Generator,
    start_s: float = 0.0,
    shots_allowed: bool = True,
) -> Drawn:
    """Draw the timeline shape (the same for positives and negatives). It begins at ``start_s`` (when the
    object has come into its pose); without ``shots_allowed`` (poses not raised) nothing is shot."""
    t = np.arange(frames) / float(fps)
    start_aimed = bool(rng.random() < ev.draw("start_aimed", rng))
    raise_at, raise_s = ev.draw("raise_at_s", rng), ev.draw("raise_s", rng)
    n_shots = int(ev.draw("shots", rng))
    first = ev.draw("first_shot_s", rng)
    splits = [ev.draw("split_s", rng) for _ in range(max(n_shots - 1, 0))]
    lower = bool(rng.random() < ev.draw("lower", rng))
    reload = bool(rng.random() < ev.draw("reload", rng))
    lower_after = float(rng.uniform(*LOWER_AFTER_S))
    reload_after, reload_s = float(rng.uniform(*RELOAD_AFTER_S)), float(rng.uniform(*RELOAD_S))
    raise_at += start_s
    n_shots = n_shots if shots_allowed else 0

    forced = sorted({f for f in ev.force_shot_frames if 0 <= f < frames})
    if ev.force_shot_frames:
        start_aimed, lower, reload = True, False, False
    aim_t = start_s if start_aimed else raise_at + raise_s
    out = Drawn()
    weight = np.ones(frames)
    if not start_aimed:
        weight = min_jerk((t - raise_at) / raise_s)
        if _frame(raise_at, fps) < frames:
            out.events.append(("raise_start", _frame(raise_at, fps), raise_at, ""))
    if _frame(aim_t, fps) < frames:
        out.events.append(("aim_start", _frame(aim_t, fps), aim_t, ""))
    if ev.force_shot_frames:
        shot_frames = forced
    else:
        times = aim_t + first + np.concatenate([[0.0], np.cumsum(splits)]) if n_shots else np.zeros(0)
        shot_frames = sorted({_frame(x, fps) for x in times if _frame(x, fps) < frames})
    for f in shot_frames:
        out.events.append(("shot", f, f / fps, ""))
    out.shot_frames = shot_frames
    last = shot_frames[-1] / fps if shot_frames else aim_t + first
    out.reloading = np.zeros(frames, dtype=bool)
    if reload:
        at = last + reload_after
        out.reloading = (t >= at) & (t < at + reload_s)
        if _frame(at, fps) < frames:
            out.events.append(("reload", _frame(at, fps), at, ""))
        last = at + reload_s
    if lower:
        at = last + lower_after
        weight = weight * (1.0 - min_jerk((t - at) / raise_s))
        if _frame(at, fps) < frames:
            out.events.append(("lower_start", _frame(at, fps), at, ""))
    out.aim_weight = weight
    out.events = [(kind, f, f / fps, detail) for kind, f, _, detail in out.events]  # on the frame it shows
    out.events.sort(key=lambda e: (e[1], e[0]))
    return out


def name_events(
    drawn: Drawn, positive: bool, held_name: str
) -> tuple[list[tuple[str, int, float, str]], str]:
    """Events named for the clip's class: a negative's shots become actions, its aim a hold."""
    if positive:
        return list(drawn.events), ""
    action = ACTIONS.get(held_name, DEFAULT_ACTION)
    rename = {
        "shot": ("action", action),
        "aim_start": ("hold_start", ""),
        "reload": ("action", "adjust_grip"),
    }
    out = []
    for kind, frame, time_s, detail in drawn.events:
        kind, detail = rename.get(kind, (kind, detail))
        out.append((kind, frame, time_s, detail))
    return out, action


def carry_states(drawn: Drawn, positive: bool) -> list[str]:
    """Per-frame carry state for the held object's pose: raised (aimed / held_out) or low_ready."""
    up = "aimed" if positive else "held_out"
    return [up if w >= 0.5 else "low_ready" for w in drawn.aim_weight]
