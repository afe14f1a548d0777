"""Atmosphere of a place: haze or fog (world volume), rain streaks (outdoors, with wet surfaces) and dust."""

from __future__ import annotations

import numpy as np

from generator.config.models import AtmosphereConfig
from generator.plan.geometry import r3
from generator.plan.model import Atmosphere


def plan_atmosphere(
    cfg: AtmosphereConfig, rng: np.random.Generator, outdoor: bool, center, extent, fog_color=(0.8, 0.8, 0.8)
) -> Atmosphere:
    """Draw the weather; rain falls only outdoors (indoors it becomes clear)."""
    weather = cfg.draw("weather", rng)
    if weather == "rain" and not outdoor:
        weather = "clear"
    density = 0.0
    if weather == "haze":
        density = cfg.draw("haze_density", rng)
    elif weather == "fog":
        density = cfg.draw("fog_density", rng) * (1.0 if outdoor else 0.4)  # indoors: smoke-like, thinner
    elif weather == "rain":
        density = cfg.draw("haze_density", rng)
    return Atmosphere(
        weather=weather,
        fog_density=float(round(density, 6)),
        fog_color=r3(fog_color),
        rain_streaks=cfg.draw("rain_streaks", rng) if weather == "rain" else 0,
        dust_particles=cfg.draw("dust_particles", rng) if weather == "dust" else 0,
        center=r3(center),
        extent=r3(extent),
        seed=int(rng.integers(0, 2**31 - 1)),
    )
