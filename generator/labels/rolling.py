"""Where geometry lands on a rolling-shutter (and motion-blurred) frame: each row is seen at its own time.

Cycles reads rows from the top down over the readout time; each row is exposed for ``exposure`` (a share ``d``
of the whole shutter S = readout + exposure). A vertex is seen in row y at time tau when tau equals the row's
time: solved per vertex from projections at a few sub-frame samples, by linear interpolation between them.
Boxes take the union over the row's exposure, so they hold every pixel the render's mask can show.
"""

from __future__ import annotations

import numpy as np

TOP_FIRST = (
    True  # Cycles' rolling_shutter_type 'TOP' (verified against renders in tests/test_motion_render.py)
)


def row_share(y: np.ndarray, height: int) -> np.ndarray:
    """Share of the readout elapsed when row ``y`` (pixel coordinate, y down) is read: 0 = first row."""
    s = np.clip(y / float(height), 0.0, 1.0)
    return s if TOP_FIRST else 1.0 - s


def solve_rows(
    taus: np.ndarray, xy: np.ndarray, ok: np.ndarray, height: int, shutter: float, duty: float, offset: float
) -> tuple[np.ndarray, np.ndarray]:
    """Per vertex, the image point where its time equals its row's time (+ ``offset``, in frames).

    taus (K,): sample times in frames relative to the frame, ascending, spanning the shutter.
    xy (K,N,2): projections at each sample; ok (K,N): in front of the lens. shutter: S in frames;
    duty: exposure / S (1 = global shutter). Returns (xy (N,2), ok (N,)).
    """
    t_open = -shutter / 2.0
    row_t = t_open + shutter * (1.0 - duty) * row_share(xy[..., 1], height) + shutter * duty / 2.0 + offset
    h = np.where(ok, row_t - taus[:, None], np.nan)  # (K,N): row time minus sample time
    k_n = len(taus)
    out = np.full(xy.shape[1:], np.nan)
    found = np.zeros(xy.shape[1], dtype=bool)
    for k in range(k_n - 1):
        a, b = h[k], h[k + 1]
        cross = ~found & np.isfinite(a) & np.isfinite(b) & (np.sign(a) != np.sign(b))
        if cross.any():
            w = (a[cross] / (a[cross] - b[cross]))[:, None]
            out[cross] = xy[k, cross] * (1 - w) + xy[k + 1, cross] * w
            found |= cross
    rest = ~found & np.isfinite(h).any(axis=0)
    if rest.any():  # no crossing inside the samples: the nearest sample in time
        k = np.nanargmin(np.abs(np.where(np.isfinite(h[:, rest]), h[:, rest], np.inf)), axis=0)
        out[rest] = xy[k, np.nonzero(rest)[0]]
        found |= rest
    return out, found


def shutter_points(
    taus: np.ndarray, xy: np.ndarray, ok: np.ndarray, height: int, shutter: float, duty: float, steps: int = 5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(xy at the middle of each row's exposure (N,2), its ok (N,), all points over the exposure (M,2))."""
    mid, mid_ok = solve_rows(taus, xy, ok, height, shutter, duty, 0.0)
    spread = [mid[mid_ok]]
    if duty > 0 and steps > 1:
        for o in np.linspace(-0.5, 0.5, steps) * shutter * duty:
            p, good = solve_rows(taus, xy, ok, height, shutter, duty, float(o))
            spread.append(p[good])
    return mid, mid_ok, np.concatenate(spread, axis=0)
