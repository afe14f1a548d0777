"""The Place record every family returns, and helpers shared by the family modules."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from generator.config.models import SceneConfig
from generator.plan.model import Atmosphere, Light, Placed
from generator.plan.places.figures import Mover
from generator.plan.places.kit import Kit
from generator.plan.places.light import Sky, flashlight, sun_and_sky
from generator.plan.places.surfaces import poster, wet
from generator.plan.places.weather import plan_atmosphere


@dataclass
class Place:
    """What a family returns: static models, lights, world light, where the walk starts, and axis labels.

    The camera walks along +Y from ``start`` for at most ``walk_length`` metres; families keep that lane free.
    """

    models: list[Placed]
    lights: list[Light]
    world_color: tuple[float, float, float]
    world_strength: float
    start: tuple[float, float, float]
    walk_length: float
    context: str
    lighting: str
    movers: list[Mover] = field(default_factory=list)
    atmosphere: Atmosphere = field(default_factory=Atmosphere)
    world_zenith: tuple[float, float, float] | None = None
    exposure: float = 0.0
    virtual_weapon: bool = False
    hdri: str | None = None
    hdri_rotation: float = 0.0


def outdoor_light(cfg: SceneConfig, rng: np.random.Generator) -> tuple[Sky, str]:
    """Sun and sky for the configured time of day, and the lighting label."""
    tod = cfg.lighting.draw("time_of_day", rng)
    return sun_and_sky(tod, rng), tod


def with_flashlight(cfg: SceneConfig, rng: np.random.Generator, dark: bool) -> list[Light]:
    """A camera-mounted light when the place is dark, with the configured probability."""
    if dark and rng.random() < cfg.lighting.draw("flashlight", rng):
        return [flashlight(rng)]
    return []


def posters_on_wall(
    kit: Kit,
    cfg: SceneConfig,
    rng: np.random.Generator,
    x: float,
    y0: float,
    y1: float,
    z: tuple[float, float],
) -> None:
    """Posters and signs with random text on the wall plane x = ``x`` (facing the lane at x = 0)."""
    n = cfg.environment.draw("posters", rng)
    facing = -np.pi / 2 if x > 0 else np.pi / 2  # turn the poster's -Y face towards the lane
    for i in range(n):
        key = kit.mat(f"poster{i}", poster(rng))
        w, h = float(rng.uniform(0.35, 1.0)), float(rng.uniform(0.3, 0.9))
        y = float(rng.uniform(y0, y1))
        kit.box(key, (w, 0.01, h), (x - np.sign(x) * 0.01, y, float(rng.uniform(*z))), rz=facing)


def finish(
    cfg: SceneConfig,
    rng: np.random.Generator,
    place: Place,
    outdoor: bool,
    center,
    extent,
    fog_color=(0.8, 0.8, 0.8),
) -> Place:
    """Add weather (wet look when it rains), the configured extra exposure, and return the place."""
    place.atmosphere = plan_atmosphere(cfg.atmosphere, rng, outdoor, center, extent, fog_color)
    if place.atmosphere.weather == "rain":
        place.models = [
            p.model_copy(
                update={
                    "model": p.model.model_copy(
                        update={"materials": {k: wet(m) for k, m in p.model.materials.items()}}
                    )
                }
            )
            for p in place.models
        ]
    place.exposure = float(round(place.exposure + cfg.lighting.draw("exposure", rng), 4))
    return place


def grid_spots(x0: float, x1: float, y0: float, y1: float, spacing: float) -> list[tuple[float, float]]:
    """Ceiling light positions on a grid over [x0,x1] x [y0,y1]."""
    nx = max(1, int((x1 - x0) / spacing))
    ny = max(1, int((y1 - y0) / spacing))
    xs = [x0 + (i + 0.5) * (x1 - x0) / nx for i in range(nx)]
    ys = [y0 + (j + 0.5) * (y1 - y0) / ny for j in range(ny)]
    return [(x, y) for x in xs for y in ys]


def indoor(
    cfg: SceneConfig,
    rng: np.random.Generator,
    kits: list[Kit],
    lights: list[Light],
    start,
    walk_length: float,
    context: str,
    room: tuple[float, float, float, float, float],
    movers: list[Mover] | None = None,
) -> Place:
    """Assemble an indoor place: ambient world light, optional dark (lights off + flashlight), weather."""
    x0, x1, y0, y1, h = room
    ambient = float(cfg.lighting.draw("ambient", rng))
    lighting = "indoor_ceiling"
    exposure = 0.0
    if rng.random() < 0.1:  # lights out: a dark building lit by a flashlight
        lights, ambient, lighting, exposure = [], ambient * 0.1, "indoor_dark", 2.5
        lights = with_flashlight(cfg, rng, True) or [flashlight(rng)]
    place = Place(
        models=[m for k in kits for m in k.placed()],
        lights=lights,
        world_color=(0.8, 0.82, 0.85),
        world_strength=ambient,
        start=tuple(float(v) for v in start),
        walk_length=float(walk_length),
        context=context,
        lighting=lighting,
        movers=movers or [],
        exposure=exposure,
    )
    center = ((x0 + x1) / 2, (y0 + y1) / 2, h / 2)
    # indoor fog/haze glows with the room's light level (scene-linear, before exposure)
    fog = tuple(0.25 * c for c in place.world_color) if lighting != "indoor_dark" else (0.01, 0.01, 0.01)
    return finish(cfg, rng, place, False, center, (x1 - x0, y1 - y0, h), fog_color=fog)


def outdoor(
    cfg: SceneConfig,
    rng: np.random.Generator,
    kits: list[Kit],
    lights: list[Light],
    sky: Sky,
    tod: str,
    start,
    walk_length: float,
    context: str,
    area: tuple[float, float, float, float],
    movers: list[Mover] | None = None,
) -> Place:
    """Assemble an outdoor place: sun, sky gradient, lamps, flashlight at night, weather."""
    x0, x1, y0, y1 = area
    place = Place(
        models=[m for k in kits for m in k.placed()],
        lights=[*sky.lights, *lights, *with_flashlight(cfg, rng, sky.dark)],
        world_color=sky.horizon,
        world_zenith=sky.zenith,
        world_strength=sky.strength,
        start=tuple(float(v) for v in start),
        walk_length=float(walk_length),
        context=context,
        lighting=tod,
        movers=movers or [],
        exposure=sky.exposure,
        hdri=sky.hdri,
        hdri_rotation=sky.hdri_rotation,
    )
    if sky.hdri is not None:
        place.world_strength = sky.hdri_strength
    center = (float(start[0]), float(start[1]) + 6.0, 3.0)
    fog = tuple(c * sky.strength for c in sky.horizon)  # the fog glows like the horizon sky
    return finish(cfg, rng, place, True, center, (min(x1 - x0, 16.0), 20.0, 6.0), fog_color=fog)
