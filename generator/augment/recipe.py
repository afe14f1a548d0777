"""Recipes are config (generator/config/recipe.py); this name stays for the augment code and its users."""

from generator.config.recipe import (
    PRESETS_DIR,
    AutoExposure,
    ClipEffects,
    FrameEffects,
    Recipe,
    Transport,
    Watermark,
    augment_plan,
    load_recipe,
    preset_names,
)

__all__ = [
    "PRESETS_DIR",
    "AutoExposure",
    "ClipEffects",
    "FrameEffects",
    "Recipe",
    "Transport",
    "Watermark",
    "augment_plan",
    "load_recipe",
    "preset_names",
]
