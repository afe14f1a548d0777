"""Profile-modelled firearm families, checked against their reference sizes and against geometry computed here
from the part meshes (sizes, muzzle at the bore, a trigger-guard opening in the side silhouette, closed meshes)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw
from scipy import ndimage

from generator import shapes
from generator.config import validate_config
from generator.errors import ConfigError
from generator.plan.objects import FACTORIES, build_held
from generator.plan.objects.families import build_family, pick_family
from generator.plan.objects.gunspecs import FAMILIES, reference
from generator.plan.objects.parts import part_mesh

SEEDS = range(6)
TOL = 0.08


def body_meshes(model):
    """Meshes of the firearm's body (accessories, named acc_*, and a suppressor's bore left out)."""
    can = model.meta.get("acc_suppressor")
    return [
        part_mesh(p) for p in model.parts if not p.name.startswith("acc_") and not (can and p.name == "bore")
    ]


def extent(meshes):
    v = np.concatenate([m.verts for m in meshes])
    return v.min(axis=0), v.max(axis=0)


def side_mask(meshes, mm_per_px: float = 0.5) -> np.ndarray:
    """The side silhouette (Y right, Z up) rasterised from the mesh triangles."""
    lo, hi = extent(meshes)
    s = 1000.0 / mm_per_px
    w, h = int((hi[1] - lo[1]) * s) + 9, int((hi[2] - lo[2]) * s) + 9
    img = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(img)
    for m in meshes:
        yz = (m.verts[:, 1:] - lo[1:]) * s + 4
        for tri in yz[m.faces]:
            draw.polygon([(float(a), float(h - b)) for a, b in tri], fill=1)
    return np.asarray(img, dtype=bool)


def holes(mask: np.ndarray, min_px: int = 12) -> int:
    """Background regions enclosed by the silhouette (not touching the border), at least ``min_px`` big."""
    lab, n = ndimage.label(~mask)
    border = set(np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])))
    sizes = ndimage.sum(np.ones_like(lab), lab, range(1, n + 1))
    return sum(1 for i in range(1, n + 1) if i not in border and sizes[i - 1] >= min_px)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_family_sizes_match_the_reference(family):
    for seed in SEEDS:
        m = build_family(family, np.random.default_rng(seed))
        ref = reference(family, m.meta["variant"])
        lo, hi = extent(body_meshes(m))
        size = hi - lo
        length = ref.length
        if ref.length_min:
            length = ref.length_min + (ref.length - ref.length_min) * m.meta["stock_pos"]
        assert abs(size[1] / length - 1) < TOL, (family, seed, size[1], length)
        if not m.meta.get("acc_extended_mag"):
            assert abs(size[2] / ref.height - 1) < TOL, (family, seed, size[2], ref.height)
        assert abs(size[0] / ref.width - 1) < TOL, (family, seed, size[0], ref.width)
        assert abs(m.meta["barrel_m"] / ref.barrel - 1) < TOL, (family, seed, m.meta["barrel_m"], ref.barrel)
        assert m.meta["class"] == FAMILIES[family][0] and m.meta["family"] == family


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_muzzle_at_the_front_of_the_bore(family):
    for seed in SEEDS:
        m = build_family(family, np.random.default_rng(seed))
        muzzle = np.asarray(m.points["muzzle"])
        bore = part_mesh(next(p for p in m.parts if p.name == "bore"))
        blo, bhi = bore.bounds()
        assert abs(muzzle[1] - bhi[1]) < 5e-4, (family, seed)
        assert np.allclose(muzzle[[0, 2]], (blo[[0, 2]] + bhi[[0, 2]]) / 2, atol=2e-4)
        _, hi = extent([part_mesh(p) for p in m.parts])
        assert muzzle[1] >= hi[1] - 1e-3, (family, seed, muzzle[1], hi[1])  # nothing sticks out past it
        assert m.points["muzzle_axis"] == (0.0, 1.0, 0.0)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_side_silhouette_has_the_trigger_guard_opening(family):
    for seed in range(3):
        m = build_family(family, np.random.default_rng(seed))
        body = [part_mesh(p) for p in m.parts if not p.name.startswith("acc_")]
        mask = side_mask(body)
        assert holes(mask) >= 1, (family, seed)
        # the opening sits round the trigger point: the trigger's front face borders empty space in front of it
        lo, _ = extent(body)
        ty, tz = (np.asarray(m.points["trigger"])[1:] - lo[1:]) * 2000 + 4
        row = mask.shape[0] - int(tz)
        ahead = mask[row, int(ty) + 2 : int(ty) + 8]
        assert not ahead.all(), (family, seed)


def test_holes_counts_enclosed_background():
    ring = np.ones((40, 40), bool)
    ring[10:30, 10:30] = False
    assert holes(ring) == 1
    assert holes(np.ones((40, 40), bool)) == 0


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_meshes_closed_and_points_published(family):
    for seed in range(4):
        m = build_family(family, np.random.default_rng(seed))
        for p in m.parts:
            mesh = part_mesh(p)
            assert shapes.is_closed(mesh), (family, seed, p.name)
            assert p.material in m.materials
        meta = m.meta
        assert 0.018 <= meta["grip_width_m"] <= 0.05
        assert 0.025 <= meta["grip_depth_m"] <= 0.06
        assert 10 <= meta["grip_angle_deg"] <= 65
        assert {"grip", "support", "muzzle", "muzzle_axis", "sight", "trigger"} <= set(m.points)
        trig = np.asarray(m.points["trigger"])
        tmesh = part_mesh(next(p for p in m.parts if p.name == "trigger"))
        tlo, thi = tmesh.bounds()
        assert np.all(trig[1:] >= tlo[1:] - 0.0015) and np.all(trig[1:] <= thi[1:] + 0.0015), (family, seed)
        assert abs(trig[1] - thi[1]) < 0.002, (family, seed)  # on the trigger's front face
        if meta["class"] != "handgun":
            assert 0.03 <= meta["fore_end_diameter_m"] <= 0.07


def test_families_deterministic_and_varied():
    a = build_family("ar15", np.random.default_rng(3)).model_dump_json()
    assert a == build_family("ar15", np.random.default_rng(3)).model_dump_json()
    lengths = {
        build_family("striker_pistol", np.random.default_rng(s)).meta["body_length_m"] for s in range(6)
    }
    assert len(lengths) > 3


def test_family_weights_and_config():
    rng = np.random.default_rng(0)
    picks = {pick_family("handgun", rng, {"striker_pistol": 1, "m1911": 0}) for _ in range(200)}
    assert "m1911" not in picks and "striker_pistol" in picks
    only = {"ar15": 1, "ak": 0, "smg": 0, "bolt_rifle": 0}
    fams = {build_held("rifle", np.random.default_rng(s), families=only).meta["family"] for s in range(6)}
    assert fams == {"ar15"}
    none = dict.fromkeys(("red_dot", "scope", "light", "laser", "sling", "foregrip", "suppressor"), 0.0)
    m = build_held("rifle", np.random.default_rng(1), families=only, accessories=none)
    assert not [p for p in m.parts if p.name.startswith("acc_")]
    every = dict.fromkeys(none, 1.0)
    m = build_held("rifle", np.random.default_rng(1), families=only, accessories={**every, "scope": 0.0})
    names = {p.name for p in m.parts}
    assert {"acc_red_dot", "acc_red_dot_glass_rear", "acc_light", "acc_suppressor", "acc_sling"} <= names
    glo, ghi = part_mesh(next(p for p in m.parts if p.name == "acc_foregrip")).bounds()
    sup = np.asarray(m.points["support"])  # the support hand moved onto the foregrip
    assert np.all(sup[1:] >= glo[1:] - 0.01) and np.all(sup[1:] <= ghi[1:] + 0.01)
    with pytest.raises(ConfigError, match="weapon_families"):
        validate_config({"content": {"weapon_families": {"glock": 1}}}, "scene.yaml")
    with pytest.raises(ConfigError, match="accessories"):
        validate_config({"content": {"accessories": {"scope": 2}}}, "scene.yaml")
    cfg = validate_config(
        {"content": {"weapon_families": {"ak": 2}, "accessories": {"scope": 0.5}}}, "s.yaml"
    )
    assert cfg.content.weapon_families == {"ak": 2}


def test_replicas_keep_their_tells():
    styles = set()
    for s in range(30):
        m = FACTORIES["replica_handgun"](np.random.default_rng(s))
        styles.add(m.meta["style"])
        tip = part_mesh(next(p for p in m.parts if p.name == "orange_tip"))
        assert abs(tip.bounds()[1][1] - m.points["muzzle"][1]) < 1e-3
        if m.meta["style"] in ("bright", "translucent"):
            assert any(p.name.startswith("seam_") for p in m.parts)
    assert {"airsoft_real", "bright", "translucent", "black_airsoft"} == styles


def test_catalog_families_have_reference_figures():
    from generator import catalog

    for cls in ("handgun", "rifle", "shotgun"):
        assert catalog.weapon_families(cls) == tuple(f for f, (c, _) in FAMILIES.items() if c == cls)
