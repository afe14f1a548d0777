"""Choose a clip's held object: positive or negative, procedural or user asset, and its pair counterpart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from generator.config.assets import load_manifest
from generator.config.models import SceneConfig
from generator.plan.model import Model
from generator.plan.objects.assets import asset_model
from generator.plan.pairs import counterpart, pair_id, pair_of


@dataclass
class HeldChoice:
    """What a clip holds: its side, name, prebuilt model (user assets) and, in pairs, the pair it belongs to."""

    positive: bool
    name: str
    model: Model | None = None
    carry_as: str | None = (
        None  # carry like this held name (pairs: the harmless member carries like the firearm)
    )
    pair_id: str | None = None
    pair_index: int | None = None


def choose_held(
    cfg: SceneConfig, index: int, rng: Callable[[str], np.random.Generator], force_negative: bool = False
) -> HeldChoice:
    """The held object of clip ``index``; ``rng(area)`` gives the clip's (or its pair's) area generators.
    ``force_negative`` (game screens) makes an unpaired clip a negative without changing any draw."""
    c = cfg.content
    content = rng("content")
    positive = bool(content.random() < c.draw("positive_fraction", content))
    positive = positive and not (force_negative and not c.pairs)
    weapon = c.draw("weapon", content)
    negative = c.draw("negative", content)
    assets = load_manifest(c.asset_manifest) if c.asset_manifest else []
    arng = rng("assets")
    use_asset = bool(arng.random() < c.draw("asset_fraction", arng))
    if not c.pairs:
        name = weapon if positive else negative
        pool = [a for a in assets if a.firearm == positive]
        if use_asset and pool:
            a = pool[int(arng.integers(len(pool)))]
            return HeldChoice(positive, a.name, asset_model(a))
        return HeldChoice(positive, name)
    k, harmless = pair_of(index)
    pid = pair_id(k)
    pool = [a for a in assets if a.firearm]
    first = weapon
    model = None
    if use_asset and pool:
        a = pool[int(arng.integers(len(pool)))]
        first, model = a.name, asset_model(a)
    if not harmless:
        return HeldChoice(True, first, model, pair_id=pid, pair_index=k)
    cls = model.meta["class"] if model is not None else first
    return HeldChoice(
        False,
        counterpart(str(cls), rng("pair")),
        carry_as=first if model is None else str(cls),
        pair_id=pid,
        pair_index=k,
    )
