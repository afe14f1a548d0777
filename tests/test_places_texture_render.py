"""Rendered frames of every place family show texture: far fewer near-flat pixels than the same plan rendered with
plain colours (the look before surfaces were textured)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from conftest import ROOT

from generator.config import load_config
from generator.dataset.layout import clip_dir
from generator.plan.model import ClipPlan
from generator.plan.places import FAMILIES
from generator.plan.places.textures import PICTURES
from generator.plan.planner import plan_clip
from generator.plan.seeds import clip_id
from generator.run.pool import PoolOptions, WorkerPool

SMALL = [
    "render.width=128",
    "render.height=96",
    "render.frames=1",
    "render.samples=4",
    "render.denoise=fast",
    "render.max_bounces=2",
    "environment.figures=0",
    "atmosphere.weather=clear",
    "lighting.time_of_day=day",
]


def plain_colours(plan: ClipPlan, index: int) -> ClipPlan:
    """The same plan with every surface texture removed (pictures and lamps kept), as clip ``index``."""
    env = []
    for placed in plan.environment:
        mats = {
            k: m if m.pattern in PICTURES else m.model_copy(update={"pattern": ""})
            for k, m in placed.model.materials.items()
        }
        env.append(placed.model_copy(update={"model": placed.model.model_copy(update={"materials": mats})}))
    return plan.model_copy(update={"environment": env, "clip_id": clip_id(index), "index": index})


def flat_share(img: np.ndarray, where: np.ndarray | None = None) -> float:
    """Share of near-flat pixels (among ``where``, default all): mean |Laplacian| over a 3x3 window at most one
    grey level (no texture and no edge; a smooth shading gradient across a plain painted wall counts as flat)."""
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY).astype(np.float32)
    lap = np.abs(cv2.Laplacian(g, cv2.CV_32F, ksize=1))
    flat = cv2.blur(lap, (3, 3)) <= 1.0
    return float(flat.mean() if where is None else flat[where].mean())


def test_flat_share_measures_flatness():
    rng = np.random.default_rng(0)
    flat = np.full((96, 128, 3), 120, np.uint8)
    ramp = np.repeat(np.linspace(60, 180, 128)[None, :, None], 96, 0).repeat(3, 2).astype(np.uint8)
    noisy = np.clip(flat + rng.normal(0, 6, flat.shape), 0, 255).astype(np.uint8)
    assert flat_share(flat) == 1.0 and flat_share(ramp) > 0.95 and flat_share(noisy) < 0.05


@pytest.mark.render
def test_textured_places_have_far_fewer_flat_pixels_than_plain_colours(tmp_path):
    plans, pairs = [], {}
    for i, family in enumerate(FAMILIES):
        plan = plan_clip(load_config(ROOT / "scenes" / f"{family}.yaml", SMALL), 7, i)
        plain = plain_colours(plan, 100 + i)
        plans += [plan, plain]
        pairs[family] = (plan.clip_id, plain.clip_id)
    done, failed = [], []
    pool = WorkerPool(tmp_path, PoolOptions(workers=2, retries=0))
    try:
        pool.run(plans, done.append, lambda plan, err, n: failed.append((plan.clip_id, err)))
    finally:
        pool.shutdown()
    assert not failed, failed
    shares = {}
    for family, (tex, plain) in pairs.items():
        a, b = (cv2.imread(str(clip_dir(tmp_path, c) / "frames" / "000000.png")) for c in (tex, plain))
        # the place only: pixels of no labelled instance (the held object, hands and sleeves are not the place)
        place = cv2.imread(str(clip_dir(tmp_path, tex) / "masks" / "000000.png"), cv2.IMREAD_UNCHANGED) == 0
        shares[family] = (round(flat_share(a, place), 3), round(flat_share(b, place), 3))
    print(shares)
    for family, (tex, plain) in shares.items():
        # per family: never clearly flatter than plain colours (at 128x96 the denoiser smooths fine patterns,
        # and a view filled with desks and screens is busy either way); the whole set: far less flat
        assert tex < 1.1 * plain, f"{family}: {tex:.3f} near-flat pixels textured vs {plain:.3f} plain"
    total_tex, total_plain = (sum(v[i] for v in shares.values()) for i in (0, 1))
    assert total_tex < 0.7 * total_plain, shares
