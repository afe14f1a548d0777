"""plan_clip: scene config + dataset seed + clip index -> ClipPlan, in pure Python and numpy.

Each area (content, place, held object and hands, camera and motion) is planned by its own module with its
own generator (see seeds.py), so clip i is the same whatever the worker count or order, and changing how one
area draws leaves the others as they were. This module only composes them.
"""

from __future__ import annotations

import numpy as np

from generator.config.models import AudioConfig, SceneConfig
from generator.config.recipe import augment_plan
from generator.motion.shake import frame_times
from generator.plan.camera import plan_camera
from generator.plan.events import held_motion, plan_events
from generator.plan.grips import second_hand
from generator.plan.held import plan_held
from generator.plan.model import AudioSettings, ClipAxes, ClipPlan, RenderSettings, TimelineEvent
from generator.plan.objects import WEAPON_CLASSES, weapon_kind
from generator.plan.objects.choose import choose_held
from generator.plan.onset import CarryPlan, clip_arms, draw_carry, plan_pose_track
from generator.plan.onset import carry_states as onset_states
from generator.plan.pairs import without_light
from generator.plan.places import actor_tracks, plan_place
from generator.plan.seeds import area_rng, clip_id
from generator.plan.visibility import first_in_view, hands_centre


def plan_clip(cfg: SceneConfig, dataset_seed: int, index: int) -> ClipPlan:
    """Resolve every random value of clip ``index`` into a ClipPlan."""
    pairs = bool(cfg.content.pairs)
    shared = index // 2 if pairs else index  # counterfactual pairs draw everything but the held object from k

    def rng(area: str):
        return area_rng(dataset_seed, index if area == "held" else shared, area)

    r = cfg.render
    env_rng = rng("environment")
    family = cfg.environment.draw("family", env_rng)
    place = plan_place(family, cfg, env_rng)
    # game screens: the weapon is on the screen, the wearer holds no firearm (outside counterfactual pairs)
    choice = choose_held(cfg, index, rng, force_negative=place.virtual_weapon)
    positive, held_name = choice.positive, choice.name

    weapon_class, kind = "none", "none"
    if positive:
        meta = choice.model.meta if choice.model is not None else {}
        weapon_class = WEAPON_CLASSES.get(held_name, str(meta.get("class")))
        kind = str(meta.get("kind", weapon_kind(held_name)))
    real = kind == "real"  # replicas do not fire (no flash, smoke or casings)
    ev_cfg = cfg
    if choice.pair_id is not None:  # a pair's harmless twin jolts the camera like its firearm would
        twin = weapon_class if positive else WEAPON_CLASSES.get(str(choice.carry_as), str(choice.carry_as))
        ev_cfg = cfg.model_copy(update={"content": cfg.content.model_copy(update={"weapon": twin})})
    t = frame_times(r.frames, r.fps)
    mount = cfg.camera.draw("mount", rng("camera"))  # the camera planner's first draw
    carry = draw_carry(cfg, positive, mount, rng("onset"))
    hands_cfg = cfg.hands.model_copy(update={"two_handed": 1.0 if carry.two_handed else 0.0})
    held = plan_held(
        cfg.model_copy(update={"hands": hands_cfg}), held_name, rng("held"), rng("hands"), mount, choice.model
    )
    if carry.two_handed and mount != "handheld":
        held.hands = second_hand(held.held.model if held.held else None, held.hands)
    if choice.pair_id is not None:
        held.held = without_light(held.held)
    carry_as = choice.carry_as or held_name  # a pair's harmless twin is carried like its firearm
    seen = [held.held] if held.held is not None else held.hands
    centre = hands_centre(held.hands) if choice.pair_id is None else None  # a pair shares its carry exactly

    def motion(cp: CarryPlan, start_aimed: bool = False):
        """Timeline, camera and held track for a carry plan (``start_aimed``: raised from frame 0)."""
        cfg_e = ev_cfg
        if start_aimed:
            aimed = ev_cfg.events.model_copy(update={"start_aimed": 1.0})
            cfg_e = ev_cfg.model_copy(update={"events": aimed})
        ev = plan_events(
            cfg_e,
            positive,
            held_name,
            weapon_class,
            real,
            rng("events"),
            rng("effects"),
            cp.ready_s,
            cp.raised,
        )
        states = onset_states(cp, ev.drawn.aim_weight, t)
        camera = plan_camera(
            cfg, place, rng("camera"), rng("motion"), ev.camera_kicks, states, ev.drawn.aim_weight
        )
        step_hz = float(camera.motion_params["step_hz"])
        track = plan_pose_track(cp, carry_as, camera.mount, t, step_hz, rng("carry"), centre)
        track = held_motion(track, camera, ev, carry_as, t, cp.raised).model_copy(update={"states": states})
        return ev, camera, track, first_in_view(seen, track, camera)

    ev, camera, track, first = motion(carry)
    if carry.onset != "none" and first is not None and first < int(round(carry.onset_s * r.fps)):
        # the start pose is already in view through this lens: no onset, the pose from frame 0
        carry = CarryPlan(carry.pose, "none", 0.0, carry.blend_s, carry.anchor, carry.two_handed)
        ev, camera, track, first = motion(carry)
    if first is None:  # this pose or onset never shows the object through this lens: aimed from frame 0
        carry = CarryPlan("aimed", "none", 0.0, carry.blend_s, carry.anchor, carry.two_handed)
        ev, camera, track, first = motion(carry)
    if first is None:  # lowered below the view (a long gun at low ready) in a clip too short to raise it
        ev, camera, track, first = motion(carry, start_aimed=True)
    ev.timeline.first_visible_frame = first
    held.hands = clip_arms(held, carry, carry_as, camera.mount, centre)  # arms for the poses the clip goes through
    if carry.onset != "none":
        at = int(round(carry.onset_s * r.fps))
        ev.timeline.events.insert(
            0, TimelineEvent(type="onset_start", frame=at, time_s=at / r.fps, detail=carry.onset)
        )

    walking = camera.motion_params["path"] == "walk"
    axes = ClipAxes(
        weapon_present=positive,
        weapon_class=weapon_class if positive else "none",
        weapon_kind=kind if positive else ("virtual" if place.virtual_weapon else "none"),
        context=place.context,
        held_object=held_name,
        mount=camera.mount,
        environment=family,
        lighting=place.lighting,
        activity=("walking" if walking else "standing") + "_" + carry.pose,
        weather=place.atmosphere.weather,
        weapon_family=str(held.held.model.meta.get("family", "other")) if positive and held.held else "none",
        device=cfg.camera.device,
        carry=carry.pose,
        onset=carry.onset,
    )
    return ClipPlan(
        clip_id=clip_id(index),
        index=index,
        dataset_seed=dataset_seed,
        scene=cfg.name,
        category="positive" if positive else "negative",
        axes=axes,
        environment=place.models,
        world_color=place.world_color,
        world_strength=place.world_strength,
        lights=place.lights,
        held=held.held,
        hands=held.hands,
        held_track=track,
        camera=camera,
        render=RenderSettings(**r.model_dump()),
        timeline=ev.timeline,
        pair_id=choice.pair_id,
        pair_index=choice.pair_index,
        augment=augment_plan(cfg.augment, dataset_seed, cfg.camera.draw("watermark", rng("device"))),
        actors=actor_tracks(place.movers, t),
        atmosphere=place.atmosphere,
        world_zenith=place.world_zenith,
        exposure=place.exposure,
        world_hdri=place.hdri,
        world_hdri_rotation=place.hdri_rotation,
        audio=audio_settings(cfg.audio, rng("audio")),
    )


def audio_settings(cfg: AudioConfig, rng: np.random.Generator) -> AudioSettings | None:
    """The clip's resolved sound settings (None when audio is off)."""
    if not cfg.enabled:
        return None
    names = ("ambient_spl_db", "background_events", "mic_overload_db", "wind_ms")
    drawn = {k: float(cfg.draw(k, rng)) for k in names}
    keep = {k: getattr(cfg, k) for k in ("sample_rate", "channels", "bitrate_kbps", "save_wav", "max_order")}
    return AudioSettings(**keep, **drawn, seed=int(rng.integers(2**31)))


def plan_dataset(cfg: SceneConfig, dataset_seed: int, clips: int) -> list[ClipPlan]:
    """Plans of clips 0..clips-1."""
    return [plan_clip(cfg, dataset_seed, i) for i in range(clips)]
