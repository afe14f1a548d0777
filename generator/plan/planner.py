"""plan_clip: scene config + dataset seed + clip index -> ClipPlan, in pure Python and numpy.

Each area (content, place, held object and hands, camera and motion) is planned by its own module with its
own generator (see seeds.py), so clip i is the same whatever the worker count or order, and changing how one
area draws leaves the others as they were. This module only composes them.
"""

from __future__ import annotations

from generator.config.models import SceneConfig
from generator.motion.shake import frame_times
from generator.plan.camera import plan_camera
from generator.plan.environment import FAMILIES
from generator.plan.held import plan_carry, plan_held
from generator.plan.model import ClipAxes, ClipPlan, RenderSettings
from generator.plan.objects import WEAPON_CLASSES, weapon_kind
from generator.plan.objects.choose import choose_held
from generator.plan.pairs import without_light
from generator.plan.seeds import area_rng, clip_id


def plan_clip(cfg: SceneConfig, dataset_seed: int, index: int) -> ClipPlan:
    """Resolve every random value of clip ``index`` into a ClipPlan."""
    pairs = bool(cfg.content.pairs)
    shared = index // 2 if pairs else index  # counterfactual pairs draw everything but the held object from k

    def rng(area: str):
        return area_rng(dataset_seed, index if area == "held" else shared, area)

    r = cfg.render
    choice = choose_held(cfg, index, rng)
    positive, held_name = choice.positive, choice.name

    env_rng = rng("environment")
    family = cfg.environment.draw("family", env_rng)
    place = FAMILIES[family](cfg.environment, cfg.lighting, env_rng)

    camera = plan_camera(cfg, place, rng("camera"), rng("motion"))
    held = plan_held(cfg, held_name, rng("held"), rng("hands"), mount=camera.mount, model=choice.model)
    if choice.pair_id is not None:
        held.held = without_light(held.held)
    step_hz = float(camera.motion_params["step_hz"])
    carry_as = choice.carry_as or held_name
    track = plan_carry(
        carry_as, frame_times(r.frames, r.fps), step_hz, positive, rng("carry"), mount=camera.mount
    )

    walking = camera.motion_params["path"] == "walk"
    meta = held.held.model.meta if held.held is not None else {}
    cls = str(meta.get("class", "none"))
    axes = ClipAxes(
        weapon_present=positive,
        weapon_class=WEAPON_CLASSES.get(held_name, cls) if positive else "none",
        weapon_kind=str(meta.get("kind", weapon_kind(held_name))) if positive else "none",
        context=place.context,
        held_object=held_name,
        mount=camera.mount,
        environment=family,
        lighting=place.lighting,
        activity=("walking" if walking else "standing") + ("_aiming" if positive else "_holding"),
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
        pair_id=choice.pair_id,
        pair_index=choice.pair_index,
    )


def plan_dataset(cfg: SceneConfig, dataset_seed: int, clips: int) -> list[ClipPlan]:
    """Plans of clips 0..clips-1."""
    return [plan_clip(cfg, dataset_seed, i) for i in range(clips)]
