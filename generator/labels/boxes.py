"""Boxes from masks. A box is [x0, y0, x1, y1] in pixel edges: pixel (i, j) spans [i, i+1) x [j, j+1)."""

from __future__ import annotations

import numpy as np


def tight_box(mask: np.ndarray) -> list[int] | None:
    """Tight box of the True pixels of a 2-D mask, or None when it is empty."""
    cols = np.flatnonzero(mask.any(axis=0))
    if cols.size == 0:
        return None
    rows = np.flatnonzero(mask.any(axis=1))
    return [int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1]


def boxes_by_id(ids: np.ndarray) -> dict[int, tuple[list[int], int]]:
    """For each non-zero id in an instance mask: (tight box, pixel count)."""
    out: dict[int, tuple[list[int], int]] = {}
    for value in np.unique(ids):
        if value == 0:
            continue
        m = ids == value
        out[int(value)] = (tight_box(m), int(m.sum()))
    return out


def clip_box(box, width: int, height: int) -> list[float] | None:
    """A float box clipped to the image, or None when nothing of it is inside."""
    x0, y0, x1, y1 = box
    x0, x1 = max(0.0, x0), min(float(width), x1)
    y0, y1 = max(0.0, y0), min(float(height), y1)
    if x1 <= x0 or y1 <= y0:
        return None
    return [round(float(x0), 3), round(float(y0), 3), round(float(x1), 3), round(float(y1), 3)]
