"""Clip-level effects: one parameter draw per clip, applied with albumentations ``images=`` to every frame.

Parameters are drawn here with the clip's numpy Generator (so the labels can record them exactly); albumentations
then applies fixed-parameter transforms. Geometric transforms move the masks (nearest) and the boxes with the
images.
"""

from __future__ import annotations

import albumentations as A
import numpy as np

from generator.augment.recipe import ClipEffects


def _u(rng: np.random.Generator, r) -> float:
    return float(rng.uniform(r[0], r[1])) if r[1] > r[0] else float(r[0])


def _odd(n: float) -> int:
    n = max(3, int(round(n)))
    return n if n % 2 else n + 1


def draw_clip_params(fx: ClipEffects, rng: np.random.Generator) -> dict:
    """Concrete parameters of every clip effect that fires (effects that do not fire are absent)."""
    out: dict = {}
    if rng.random() < fx.lens.p:
        out["lens"] = {"distort": round(_u(rng, fx.lens.distort), 4)}
    if rng.random() < fx.crop_scale.p:
        c = fx.crop_scale
        out["crop_scale"] = {
            "scale": round(_u(rng, c.scale), 4),
            "shift": [round(_u(rng, c.shift), 4), round(_u(rng, c.shift), 4)],
            "rotate_deg": round(_u(rng, c.rotate_deg), 3),
        }
    if rng.random() < fx.color.p:
        c = fx.color
        out["color"] = {
            "brightness": round(_u(rng, c.brightness), 4),
            "contrast": round(_u(rng, c.contrast), 4),
            "gamma": round(_u(rng, c.gamma), 4),
            "hue_shift": round(_u(rng, c.hue_shift), 3),
            "saturation": round(_u(rng, c.saturation), 3),
            "white_balance": [round(_u(rng, c.white_balance), 4), round(_u(rng, c.white_balance), 4)],
        }
    if rng.random() < fx.fog.p:
        out["fog"] = {"fog": round(_u(rng, fx.fog.fog), 4)}
    if rng.random() < fx.sun_flare.p:
        out["sun_flare"] = {"radius": round(_u(rng, fx.sun_flare.radius), 4)}
    if rng.random() < fx.motion_blur.p:
        k = fx.motion_blur.kernel
        out["motion_blur"] = {
            "kernel_640": int(rng.integers(k[0], k[1] + 1)),
            "angle_deg": round(_u(rng, (0, 180)), 2),
        }
    return out


def geometric_compose(params: dict, width: int) -> list:
    """The geometric transforms of a parameter set (these move masks and boxes)."""
    t = []
    if "lens" in params:
        d = params["lens"]["distort"]
        t.append(A.OpticalDistortion(distort_limit=(d, d), mode="fisheye", p=1.0))
    if "crop_scale" in params:
        c = params["crop_scale"]
        t.append(
            A.Affine(
                scale=(c["scale"], c["scale"]),
                translate_percent={"x": (c["shift"][0],) * 2, "y": (c["shift"][1],) * 2},
                rotate=(c["rotate_deg"], c["rotate_deg"]),
                p=1.0,
            )
        )
    return t


def photometric_compose(params: dict, width: int) -> list:
    """The colour, weather and blur transforms of a parameter set (masks and boxes stay)."""
    t = []
    if "color" in params:
        c = params["color"]
        t.append(
            A.RandomBrightnessContrast(
                brightness_limit=(c["brightness"],) * 2, contrast_limit=(c["contrast"],) * 2, p=1.0
            )
        )
        g = 100.0 / c["gamma"]  # albumentations applies x ** (limit/100); our gamma > 1 darkens
        t.append(A.RandomGamma(gamma_limit=(g, g), p=1.0))
        t.append(
            A.HueSaturationValue(
                hue_shift_limit=(c["hue_shift"],) * 2,
                sat_shift_limit=(c["saturation"],) * 2,
                val_shift_limit=(0, 0),
                p=1.0,
            )
        )
    if "fog" in params:
        f = params["fog"]["fog"]
        t.append(A.RandomFog(fog_coef_range=(f, f), alpha_coef=0.1, p=1.0))
    if "sun_flare" in params:
        r = max(4, int(params["sun_flare"]["radius"] * width))
        t.append(A.RandomSunFlare(flare_roi=(0, 0, 1, 0.5), src_radius=r, p=1.0))
    if "motion_blur" in params:
        k = _odd(params["motion_blur"]["kernel_640"] * width / 640.0)
        a = params["motion_blur"]["angle_deg"]
        t.append(
            A.MotionBlur(
                blur_limit=(k, k), angle_range=(a, a), direction_range=(0, 0), allow_shifted=False, p=1.0
            )
        )
    return t


def white_balance(frames: np.ndarray, gains) -> np.ndarray:
    """Red and blue gains of a white-balance error, on (T,H,W,3) RGB uint8."""
    g = np.array([gains[0], 1.0, gains[1]], dtype=np.float32)
    return np.clip(frames.astype(np.float32) * g, 0, 255).astype(np.uint8)


def apply_clip_effects(
    frames: np.ndarray, masks: np.ndarray, boxes: list[tuple[int, int, list[float]]], params: dict, seed: int
) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int, list[float]]]]:
    """Apply one parameter draw to a whole clip.

    frames (T,H,W,3) uint8 RGB, masks (T,H,W) uint16 instance ids, boxes [(frame, instance_id, [x0,y0,x1,y1])].
    Returns the new frames, masks and the boxes moved by albumentations (boxes pushed out of view are dropped).
    """
    w = frames.shape[2]
    geo = geometric_compose(params, w)
    if geo:
        aug = A.Compose(
            geo,
            bbox_params=A.BboxParams(
                format="pascal_voc", label_fields=["frame_idx", "iid"], min_visibility=0.0, clip=True
            ),
            seed=seed,
        )
        good = [b for b in boxes if b[2][2] > b[2][0] and b[2][3] > b[2][1]]
        res = aug(
            images=frames,
            masks=masks.astype(np.uint16),
            bboxes=np.array([b[2] for b in good], dtype=np.float32).reshape(-1, 4),
            frame_idx=[b[0] for b in good],
            iid=[b[1] for b in good],
        )
        frames, masks = np.asarray(res["images"]), np.asarray(res["masks"]).astype(np.uint16)
        boxes = [
            (int(f), int(i), [float(v) for v in bb])
            for bb, f, i in zip(res["bboxes"], res["frame_idx"], res["iid"], strict=True)
        ]
    photo = photometric_compose(params, w)
    if photo:
        frames = np.asarray(A.Compose(photo, seed=seed + 1)(images=frames)["images"])
    if "color" in params:
        frames = white_balance(frames, params["color"]["white_balance"])
    return np.ascontiguousarray(frames, dtype=np.uint8), masks, boxes
