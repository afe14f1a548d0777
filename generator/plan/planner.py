"""plan_clip: scene config + dataset seed + clip index -> ClipPlan, in pure Python and numpy.

Each area (content, place, held object and hands, camera and motion) is planned by its own module with its
own generator (see seeds.py), so clip i is the same whatever the worker count or order, and changing how one
area draws leaves the others as they were. This module only composes them.
"""

from __future__ import annotations

from generator.config.models import SceneConfig
from generator.config.recipe import augment_plan
from generator.motion.shake import frame_times
from generator.plan.camera import plan_camera
from generator.plan.events import held_motion, plan_events
from generator.plan.held import plan_carry, plan_held
from generator.plan.model import ClipAxes, ClipPlan, RenderSettings
from generator.plan.objects import WEAPON_CLASSES, weapon_kind
from generator.plan.objects.choose import choose_held
from generator.plan.pairs import without_light
from generator.plan.places import actor_tracks, plan_place
from generator.plan.seeds import area_rng, clip_id


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
    ev = plan_events(ev_cfg, positive, held_name, weapon_class, real, rng("events"), rng("effects"))
    camera = plan_camera(
        cfg, place, rng("camera"), rng("motion"), ev.camera_kicks, ev.states, ev.drawn.aim_weight
    )
    held = plan_held(cfg, held_name, rng("held"), rng("hands"), mount=camera.mount, model=choice.model)
    if choice.pair_id is not None:
        held.held = without_light(held.held)
    step_hz = float(camera.motion_params["step_hz"])
    t = frame_times(r.frames, r.fps)
    carry_as = choice.carry_as or held_name  # a pair's harmless twin is carried like its firearm
    track = plan_carry(carry_as, t, step_hz, positive, rng("carry"), mount=camera.mount)
    track = held_motion(track, camera, ev, carry_as, t)

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
        activity=("walking" if walking else "standing") + ("_aiming" if positive else "_holding"),
        weather=place.atmosphere.weather,
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
        augment=augment_plan(cfg.augment, dataset_seed),
        actors=actor_tracks(place.movers, t),
        atmosphere=place.atmosphere,
        world_zenith=place.world_zenith,
        exposure=place.exposure,
    )


def plan_dataset(cfg: SceneConfig, dataset_seed: int, clips: int) -> list[ClipPlan]:
    """Plans of clips 0..clips-1."""
    return [plan_clip(cfg, dataset_seed, i) for i in range(clips)]
