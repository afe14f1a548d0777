"""Every firearm family rendered side-on by the asset worker (Cycles, tiny): the rendered mask covers the side
outline rasterised here from the plan's mesh arrays."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw

from generator.plan.objects.families import build_family
from generator.plan.objects.gunspecs import FAMILIES
from generator.plan.objects.parts import part_mesh

W, H = 160, 96


def expected_mask(model, lo, hi) -> np.ndarray:
    """The side silhouette the orthographic side camera should see (same framing as the worker)."""
    u_lo, u_hi, v_lo, v_hi = lo[1], hi[1], lo[2], hi[2]
    scale = max(u_hi - u_lo, (v_hi - v_lo) * W / H) * 1.08  # ortho_scale: metres across the image width
    px = W / scale
    cu, cv = (u_lo + u_hi) / 2, (v_lo + v_hi) / 2
    img = Image.new("L", (W, H), 0)
    draw = ImageDraw.Draw(img)
    for p in model.parts:
        m = part_mesh(p)
        uv = np.stack([(m.verts[:, 1] - cu) * px + W / 2, H / 2 - (m.verts[:, 2] - cv) * px], axis=1)
        for tri in uv[m.faces]:
            draw.polygon([tuple(map(float, t)) for t in tri], fill=1)
    return np.asarray(img, bool)


@pytest.mark.render
def test_every_family_renders_its_side_outline(tmp_path):
    models = []
    for f in sorted(FAMILIES):
        m = build_family(f, np.random.default_rng(7))
        path = tmp_path / f"{f}.json"
        path.write_text(m.model_dump_json())
        models.append((f, m, path))
    job = {
        "models": [{"model": str(p), "name": f} for f, _, p in models],
        "views": ["side"],
        "width": W,
        "height": H,
        "samples": 1,
        "out_dir": str(tmp_path / "out"),
        "result": str(tmp_path / "result.json"),
        "log": str(tmp_path / "log.txt"),
    }
    (tmp_path / "job.json").write_text(json.dumps(job))
    subprocess.run(
        [sys.executable, "-m", "generator.blender.assets", str(tmp_path / "job.json")],
        check=True,
        timeout=600,
    )
    results = {r["name"]: r for r in json.loads((tmp_path / "result.json").read_text())}
    for f, m, _ in models:
        r = results[f]
        alpha = np.asarray(Image.open(r["image"]).convert("RGBA"))[..., 3] > 127
        want = expected_mask(m, np.asarray(r["lo"]), np.asarray(r["hi"]))
        inter, union = (alpha & want).sum(), (alpha | want).sum()
        assert want.sum() > 0.08 * W * H, f
        assert inter / union > 0.85, (f, inter / union)
