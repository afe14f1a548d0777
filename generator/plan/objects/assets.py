"""Held models from the user's asset manifest: a Model that points at the file, with its points in the model frame."""

from __future__ import annotations

import numpy as np

from generator.catalog import HELD, OTHER_GRIP
from generator.config.assets import Asset
from generator.plan.geometry import euler_to_matrix, r3
from generator.plan.model import AssetRef, Model

DEFAULT_GRIP = {**{c.name: c.grip for c in HELD if c.asset}, "other": OTHER_GRIP}  # from the catalog


def asset_model(a: Asset) -> Model:
    """The plan Model of a manifest asset (no parts: the renderer loads the file)."""
    rot = tuple(float(np.deg2rad(x)) for x in a.grip.rotation_deg)
    grip = np.asarray(a.grip.position, dtype=float) * a.scale
    m = euler_to_matrix(rot)

    def to_model(p) -> tuple[float, float, float]:
        return r3(m @ (np.asarray(p, dtype=float) * a.scale - grip))

    points = {"grip": (0.0, 0.0, 0.0)}
    if a.muzzle is not None:
        points["muzzle"] = to_model(a.muzzle)
        points["muzzle_axis"] = (0.0, 1.0, 0.0)
    grip_type = a.grip_type or DEFAULT_GRIP[a.cls]
    if a.support is not None:
        points["support"] = to_model(a.support)
    elif grip_type == "shoulder":
        mz = points.get("muzzle", (0.0, 0.5, 0.06))
        points["support"] = r3((0.0, mz[1] * 0.5, mz[2] - 0.03))
    return Model(
        name=a.name,
        category=a.cls,
        parts=[],
        materials={},
        points=points,
        meta={
            "class": a.cls,
            "kind": a.kind,
            "length_m": a.length_m,
            "two_handed": grip_type in ("shoulder", "two_side") or a.cls == "handgun",
            "grip": grip_type,
            "asset": a.name,
        },
        asset=AssetRef(path=a.path, format=a.format, scale=a.scale, grip=r3(grip), rotation=r3(rot)),
    )
