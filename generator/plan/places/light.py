"""Lights of a place: ceiling panels and tubes (some flickering), sun and sky by time of day, street lamps,
and a camera-mounted flashlight / weapon light at night."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.config.models import LightingConfig
from generator.plan.geometry import hsv_to_linear, kelvin_to_rgb
from generator.plan.model import Light
from generator.plan.places.kit import Kit
from generator.plan.places.surfaces import plain

# time of day: sun elevation (deg), sun strength, sun kelvin, zenith and horizon colour (sRGB hsv), sky
# strength, exposure in stops
SKY = {
    "day": ((35, 70), (2.5, 4.0), 5600, (0.58, 0.55, 0.85), (0.58, 0.2, 0.95), 1.0, -0.8),
    "golden_hour": ((3, 12), (1.5, 3.0), 2800, (0.6, 0.45, 0.6), (0.07, 0.55, 0.95), 0.7, -0.3),
    "dusk": ((-4, 1), (0.0, 0.05), 2500, (0.65, 0.6, 0.28), (0.03, 0.5, 0.45), 0.35, 1.0),
    "night": ((-30, -10), (0.0, 0.0), 4000, (0.64, 0.6, 0.08), (0.6, 0.4, 0.12), 0.3, 2.6),
}


# Blender's bundled CC0 sky photographs: column (0..1) and elevation (deg) of the sun or brightest glow, and
# the mean of the upper half after clamping at HDRI_CLAMP (to scale them to the sky brightness of SKY)
HDRI = {
    "city": (0.600, 47.6, 1.297),
    "courtyard": (0.934, 14.6, 0.380),
    "forest": (0.599, 19.9, 1.055),
    "sunrise": (0.599, 7.9, 0.357),
    "sunset": (0.600, 3.3, 0.738),
    "night": (0.283, 6.5, 0.146),
}
HDRI_CLAMP = 3.0  # the photographed sun is clamped: the sun light casts the sharp shadows
TOD_HDRI = {
    "day": ("city", "forest"),
    "golden_hour": ("sunrise", "sunset"),
    "dusk": ("sunset",),
    "night": ("night",),
}


def hdri_rotation(name: str, azimuth: float) -> float:
    """Turn about +Z that puts the photograph's sun in the direction of a sun light of ``azimuth``."""
    alpha = (HDRI[name][0] - 0.5) * 2 * np.pi  # equirectangular column -> atan2(y, -x)
    photo = np.pi - alpha  # world azimuth of the photographed sun
    light = azimuth - np.pi / 2  # world azimuth towards a sun light turned by ``azimuth`` about Z
    return float(np.round((photo - light + np.pi) % (2 * np.pi) - np.pi, 5))


@dataclass
class Sky:
    """World light and exposure of an outdoor place."""

    lights: list[Light]
    horizon: tuple[float, float, float]
    zenith: tuple[float, float, float]
    strength: float
    exposure: float
    dark: bool  # streets lamps on, flashlight likely
    hdri: str | None = None
    hdri_rotation: float = 0.0
    hdri_strength: float = 1.0


def sun_and_sky(time_of_day: str, rng: np.random.Generator) -> Sky:
    """Sun light and a horizon-to-zenith sky gradient for ``time_of_day``."""
    (e0, e1), (p0, p1), kelvin, zen, hor, strength, exposure = SKY[time_of_day]
    elev = np.deg2rad(rng.uniform(e0, e1))
    azim = rng.uniform(0, 2 * np.pi)
    lights = []
    power = float(rng.uniform(p0, p1))
    if elev > 0 and power > 0:
        # a sun light shines along its local -Z: tilt it by (90 deg - elevation) about X, then turn to azimuth
        lights.append(
            Light(
                kind="sun",
                pos=(0.0, 0.0, 10.0),
                rot=(float(np.pi / 2 - elev), 0.0, float(azim)),
                size=float(rng.uniform(0.5, 3.0)),
                power_w=power,
                color=kelvin_to_rgb(kelvin * rng.uniform(0.9, 1.1)),
            )
        )
    if time_of_day == "night" and rng.random() < 0.7:  # moonlight
        lights.append(
            Light(
                kind="sun",
                pos=(0.0, 0.0, 10.0),
                rot=(float(rng.uniform(0.3, 1.0)), 0.0, float(rng.uniform(0, 2 * np.pi))),
                size=0.5,
                power_w=float(rng.uniform(0.05, 0.2)),
                color=kelvin_to_rgb(float(rng.uniform(6500, 9000))),
            )
        )
    sky = Sky(
        lights=lights,
        horizon=hsv_to_linear(hor[0] + rng.uniform(-0.02, 0.02), hor[1], hor[2]),
        zenith=hsv_to_linear(zen[0] + rng.uniform(-0.02, 0.02), zen[1], zen[2]),
        strength=float(strength * rng.uniform(0.8, 1.2)),
        exposure=float(exposure),
        dark=time_of_day in ("dusk", "night"),
    )
    sky.hdri = str(rng.choice(TOD_HDRI[time_of_day]))
    sky.hdri_rotation = hdri_rotation(sky.hdri, float(azim))
    gradient = float(np.mean([*sky.horizon, *sky.zenith]))  # the old sky's mean brightness
    sky.hdri_strength = float(round(sky.strength * gradient / HDRI[sky.hdri][2], 5))
    return sky


def ceiling_lights(
    kit: Kit, cfg: LightingConfig, rng: np.random.Generator, spots: list[tuple[float, float]], h: float
) -> list[Light]:
    """Area lights with emissive panels or tubes at ``spots`` just under the ceiling at height ``h``."""
    kelvin = cfg.draw("color_temperature_k", rng)
    color = kelvin_to_rgb(kelvin)
    tubes = rng.random() < 0.5
    kit.mat("lamp", plain(color, 0.5, emission=4.0))
    lights = []
    for x, y in spots:
        flicker = float(rng.uniform(0.5, 1.0)) if rng.random() < cfg.draw("flicker", rng) else 0.0
        power = float(cfg.draw("light_power_w", rng))
        if tubes:
            kit.box("lamp", (0.12, 1.2, 0.04), (x, y, h - 0.02))
        else:
            kit.box("lamp", (0.6, 0.6, 0.02), (x, y, h - 0.01))
        lights.append(
            Light(
                kind="area",
                pos=(float(x), float(y), h - 0.05),
                size=0.8,
                power_w=power,
                color=color,
                flicker=flicker,
                flicker_seed=int(rng.integers(0, 2**31 - 1)),
            )
        )
    return lights


def street_lamp(
    kit: Kit, x: float, y: float, height: float, rng: np.random.Generator, on: bool
) -> list[Light]:
    """A pole with a lamp head; a warm or cold point light when ``on``."""
    kit.mat("pole", plain(hsv_to_linear(0, 0, 0.15), 0.4, metallic=1.0))
    color = kelvin_to_rgb(float(rng.choice([2200.0, 3000.0, 4500.0])))
    kit.mat("lamp_head", plain(color, 0.5, emission=8.0 if on else 0.0))
    kit.cyl("pole", 0.12, height, (x, y, height / 2))
    arm = -0.6 if x > 0 else 0.6
    kit.box("pole", (abs(arm) + 0.1, 0.1, 0.08), (x + arm / 2, y, height))
    kit.box("lamp_head", (0.4, 0.25, 0.1), (x + arm, y, height - 0.08))
    if not on:
        return []
    return [
        Light(
            kind="point",
            pos=(x + arm, y, height - 0.3),
            size=0.2,
            power_w=float(rng.uniform(600, 1500)),
            color=color,
        )
    ]


def flashlight(rng: np.random.Generator) -> Light:
    """A weapon light or flashlight on the camera, shining along the view (camera frame: looks along -Z)."""
    return Light(
        kind="spot",
        pos=(float(rng.uniform(0.05, 0.15)), -0.2, -0.2),
        rot=(0.0, 0.0, 0.0),
        size=0.03,
        power_w=float(rng.uniform(150, 400)),  # a point-light equivalent: a 1000 lm beam
        color=kelvin_to_rgb(float(rng.uniform(5000, 6500))),
        spot_deg=float(rng.uniform(25, 45)),
        attach="camera",
    )


def flicker_factors(depth: float, seed: int, frames: int) -> np.ndarray:
    """Per-frame power factor of a flickering tube: mostly on, with random dips of up to ``depth``."""
    rng = np.random.default_rng(seed)
    f = np.ones(frames)
    dips = rng.random(frames) < 0.35
    f[dips] = 1.0 - depth * rng.uniform(0.5, 1.0, size=int(dips.sum()))
    return f
