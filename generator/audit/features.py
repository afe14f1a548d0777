"""Cheap per-clip features for the shortcut audit: pixels of one region only, and clip metadata.

Regions come from the instance masks: the held object (role ``held_object``), the hands (role ``hand``), and
the background (everything else, with the held object and hands dilated, cut out and inpainted). Each region
gives a colour histogram and a gradient-orientation histogram of its own pixels, a coarse downsampled picture,
and, for hands and held object, the mask's geometry (area, box, centroid); a clip's features are the mean
over a few evenly spaced frames.
"""

from __future__ import annotations

from collections import Counter

import cv2
import numpy as np

from generator.export.source import Clip

REGIONS = ("background", "hands", "held_object")
LABEL_AXES = {"weapon_present", "weapon_class", "weapon_kind", "held_object"}  # the label itself
COARSE = (8, 6)  # downsampled picture, width x height


def sample_indices(n: int, k: int) -> list[int]:
    """k frame indices spread evenly over n frames."""
    return sorted({int(round(x)) for x in np.linspace(0, n - 1, min(k, n))})


def hist_features(rgb: np.ndarray, gray: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Per-channel colour histograms (8 bins) and a magnitude-weighted gradient-orientation histogram (8 bins)
    plus mean log gradient, over the pixels of ``region``; zeros when the region is empty."""
    n = int(region.sum())
    if n == 0:
        return np.zeros(8 * 3 + 8 + 1)
    px = rgb[region]
    colour = np.concatenate([np.bincount(px[:, c] // 32, minlength=8) / n for c in range(3)])
    gx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)[region]
    gy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)[region]
    mag = np.hypot(gx, gy)
    ang = ((np.arctan2(gy, gx) % np.pi) / np.pi * 8).astype(int).clip(0, 7)
    grad = np.bincount(ang, weights=mag, minlength=8) / (mag.sum() + 1e-6)
    return np.concatenate([colour, grad, [np.log1p(mag.mean())]])


def geometry(region: np.ndarray) -> np.ndarray:
    """Area share, normalised box [x0, y0, x1, y1] and centroid of a region (zeros when empty)."""
    h, w = region.shape
    ys, xs = np.nonzero(region)
    if len(xs) == 0:
        return np.zeros(7)
    return np.array(
        [
            len(xs) / (h * w),
            xs.min() / w,
            ys.min() / h,
            (xs.max() + 1) / w,
            (ys.max() + 1) / h,
            xs.mean() / w,
            ys.mean() / h,
        ]
    )


def coarse(img: np.ndarray) -> np.ndarray:
    """A small grey picture, flattened, in 0..1."""
    g = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img
    return cv2.resize(g, COARSE, interpolation=cv2.INTER_AREA).astype(np.float32).ravel() / 255.0


def held_and_hands(mask: np.ndarray, held: set[int], hands: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks of the held object and of the hands."""
    held_m = np.isin(mask, list(held)) if held else np.zeros(mask.shape, bool)
    hand_m = np.isin(mask, list(hands)) if hands else np.zeros(mask.shape, bool)
    return held_m, hand_m


def hole_of(held_m: np.ndarray, hand_m: np.ndarray) -> np.ndarray:
    """The held object and hands, dilated by a few pixels (their blur and shadow edge): cut from the background."""
    k = max(3, held_m.shape[1] // 32) | 1
    return cv2.dilate((held_m | hand_m).astype(np.uint8), np.ones((k, k), np.uint8)) > 0


def frame_features(
    rgb: np.ndarray, held_m: np.ndarray, hand_m: np.ndarray, hole: np.ndarray
) -> dict[str, np.ndarray]:
    """The features of each region in one frame; ``hole`` is what the background leaves out."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    filled = cv2.inpaint(rgb, hole.astype(np.uint8), 3, cv2.INPAINT_TELEA) if hole.any() else rgb
    out = {"background": np.concatenate([hist_features(rgb, gray, ~hole), coarse(filled)])}
    for name, m in (("hands", hand_m), ("held_object", held_m)):
        only = np.where(m[..., None], rgb, 0).astype(np.uint8)
        out[name] = np.concatenate([hist_features(rgb, gray, m), geometry(m), coarse(only)])
    return out


def clip_frames(clip: Clip, frames: int = 4) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(RGB, held-object mask, hands mask) of ``frames`` evenly spaced frames of a clip."""
    lab = clip.labels
    held = {i["instance_id"] for i in lab["instances"] if i["role"] == "held_object"}
    hands = {i["instance_id"] for i in lab["instances"] if i["role"] == "hand"}
    idx = sample_indices(lab["num_frames"], frames)
    if all(f["image"] for f in lab["frames"]):
        images = [clip.frame_rgb(i) for i in idx]
    else:
        decoded = clip.frames_rgb()
        images = [decoded[i] for i in idx]
    return [
        (rgb, *held_and_hands(clip.mask(lab["frames"][i]), held, hands))
        for rgb, i in zip(images, idx, strict=True)
    ]


def group_features(
    members: list[list[tuple[np.ndarray, np.ndarray, np.ndarray]]],
) -> list[dict[str, np.ndarray]]:
    """Region features of the clips of one source group, each the mean over its frames. Clips of the group
    with the same frame count and size share one background hole per frame (the union of their holes), so the
    background probe compares the same pixels of a pair's firearm and harmless twin."""
    shapes = Counter((len(m), m[0][0].shape) for m in members)
    common, n = shapes.most_common(1)[0]
    shared = None
    if n > 1:
        shared = [
            np.any([hole_of(m[k][1], m[k][2]) for m in members if (len(m), m[0][0].shape) == common], axis=0)
            for k in range(common[0])
        ]
    out = []
    for m in members:
        use = shared if shared is not None and (len(m), m[0][0].shape) == common else None
        per = [
            frame_features(rgb, held_m, hand_m, use[k] if use else hole_of(held_m, hand_m))
            for k, (rgb, held_m, hand_m) in enumerate(m)
        ]
        out.append({r: np.mean([p[r] for p in per], axis=0) for r in REGIONS})
    return out


def metadata(clip: Clip) -> dict[str, str | float]:
    """Clip facts a model cannot see directly but a scene config controls: every clip axis except the label's
    own, motion path, lens and any device or pose fields in the camera labels, and when the held object first
    becomes visible (seconds)."""
    lab = clip.labels
    out: dict[str, str | float] = {f"axes.{k}": str(v) for k, v in lab["axes"].items() if k not in LABEL_AXES}
    out["motion.path"] = str(lab.get("motion_params", {}).get("path", ""))
    cam = lab.get("camera", {})
    out["camera.lens"] = str(cam.get("lens", {}).get("model", ""))
    for k, v in cam.items():
        if isinstance(v, str) and k != "mount":
            out[f"camera.{k}"] = v  # e.g. a device profile
    for k in ("device", "device_profile", "carry_pose", "pose"):
        if isinstance(lab.get(k), str):
            out[k] = lab[k]
    first = [
        e["time_s"] for e in lab["events"] if e["type"] in ("weapon_visible_start", "object_visible_start")
    ]
    out["first_visible_s"] = float(min(first)) if first else float("nan")
    return out
