"""Compositing, the numpy/cv2 half: measure a background clip's light, noise and blur, light the rendered layer
to match (Blender lights from the estimate, then exposure and colour gains), and alpha-composite it.

The Blender half (render only hands and held object on a transparent film) is generator/blender/layer.py.
"""

from __future__ import annotations

import cv2
import numpy as np

from generator.geometry import euler_to_matrix
from generator.geometry import srgb_to_linear_array as srgb_to_linear

LUMA = np.array([0.2126, 0.7152, 0.0722])
_IMMERKAER = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], dtype=np.float32)


def noise_sigma(frame: np.ndarray) -> float:
    """Std of white noise per channel of an RGB uint8 frame, in 8-bit levels (Immerkaer's fast estimator,
    averaged over the channels)."""
    h, w = frame.shape[:2]
    if h < 3 or w < 3:
        return 0.0
    sig = []
    for c in range(frame.shape[2]):
        conv = cv2.filter2D(frame[..., c].astype(np.float32), -1, _IMMERKAER)[1:-1, 1:-1]
        sig.append(np.sqrt(np.pi / 2) * np.abs(conv).sum() / (6.0 * (w - 2) * (h - 2)))
    return float(np.mean(sig))


def sharpness(gray: np.ndarray, where: np.ndarray | None = None) -> float:
    """Mean |Laplacian| over mean |gradient|: lower for blurrier images, independent of contrast."""
    g = gray.astype(np.float32)
    lap = np.abs(cv2.Laplacian(g, cv2.CV_32F, ksize=3))
    grad = np.abs(cv2.Sobel(g, cv2.CV_32F, 1, 0)) + np.abs(cv2.Sobel(g, cv2.CV_32F, 0, 1))
    if where is not None:
        lap, grad = lap[where], grad[where]
    return float(lap.mean() / max(grad.mean(), 1e-6))


def exposure_balance(frames: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean linear luminance and grey-world colour balance (mean RGB / luminance) of one or more frames."""
    small = np.stack([cv2.resize(f, (64, 36), interpolation=cv2.INTER_AREA) for f in frames]).astype(
        np.float64
    )
    mean_rgb = srgb_to_linear(small / 255.0).reshape(-1, 3).mean(axis=0)
    lum = float(mean_rgb @ LUMA)
    return lum, np.clip(mean_rgb / max(lum, 1e-6), 0.5, 2.0)


def estimate_light(frames: np.ndarray) -> dict:
    """Exposure (mean linear luminance), colour balance (grey-world RGB gains), light direction in the camera
    frame (x right, y up, z towards the viewer) from the brightness centroid, noise and sharpness of a clip."""
    small = np.stack([cv2.resize(f, (64, 36), interpolation=cv2.INTER_AREA) for f in frames]).astype(
        np.float64
    )
    lin = srgb_to_linear(small / 255.0)
    mean_rgb = lin.reshape(-1, 3).mean(axis=0)
    lum = float(mean_rgb @ LUMA)
    balance = mean_rgb / max(lum, 1e-6)
    y = lin @ LUMA  # (T, 36, 64)
    wgt = np.clip(y - y.mean(axis=(1, 2), keepdims=True), 0, None).mean(axis=0)
    ys, xs = np.mgrid[0:36, 0:64]
    total = wgt.sum()
    cx = float((wgt * (xs / 63.0 * 2 - 1)).sum() / total) if total > 0 else 0.0
    cy = float((wgt * (ys / 35.0 * 2 - 1)).sum() / total) if total > 0 else -0.5
    d = np.array([cx * 2.0, -cy * 2.0, 0.6])  # brighter side -> light from that side, somewhat frontal
    d /= np.linalg.norm(d)
    mid = frames[len(frames) // 2]
    return {
        "exposure": round(lum, 5),
        "balance": [round(float(v), 4) for v in np.clip(balance, 0.5, 2.0)],
        "direction_cam": [round(float(v), 4) for v in d],
        "noise_sigma": round(
            float(np.median([noise_sigma(f) for f in frames[:: max(1, len(frames) // 5)]])), 3
        ),
        "sharpness": round(sharpness(cv2.cvtColor(mid, cv2.COLOR_RGB2GRAY)), 4),
    }


def sun_for(light: dict, cam_rotation: tuple[float, float, float]) -> dict:
    """A sun lamp (plan Light fields) shining from the estimated direction, its strength from the exposure."""
    d = euler_to_matrix(cam_rotation) @ np.array(light["direction_cam"])  # to world
    d /= np.linalg.norm(d)
    theta, phi = float(np.arccos(np.clip(d[2], -1, 1))), float(np.arctan2(d[0], -d[1]))
    colour = np.clip(np.array(light["balance"]) / max(light["balance"]), 0.3, 1.0)
    return {
        "kind": "sun",
        "pos": (0.0, 0.0, 10.0),
        "rot": (theta, 0.0, phi),  # the lamp's +Z points to the light, so it shines along -d
        "size": 0.5,
        "power_w": round(float(np.clip(1.0 + 8.0 * light["exposure"], 0.5, 8.0)), 3),
        "color": tuple(round(float(c), 4) for c in colour),
    }


def layer_gains(light: dict, layer_lum: float) -> np.ndarray:
    """Per-channel gains that bring the layer towards the background's exposure and colour balance."""
    target = 0.18 + 0.6 * light["exposure"]  # a hand-held object reads a bit brighter than the mean scene
    k = float(np.clip((target / max(layer_lum, 1e-4)) ** 0.5, 0.4, 2.0))
    return k * np.clip(np.array(light["balance"]), 0.7, 1.3)


def match_blur(layer_rgb: np.ndarray, alpha: np.ndarray, target: float) -> float:
    """Gaussian sigma that brings the layer's sharpness (inside its alpha) down to the background's."""
    inside = alpha > 0.5
    if inside.sum() < 30:
        return 0.0
    gray = cv2.cvtColor(layer_rgb.astype(np.uint8), cv2.COLOR_RGB2GRAY)
    best, err = 0.0, abs(sharpness(gray, inside) - target)
    for s in (0.5, 0.8, 1.1, 1.5, 2.0):
        e = abs(sharpness(cv2.GaussianBlur(gray, (0, 0), s), inside) - target)
        if e < err:
            best, err = s, e
    return best


def composite_frame(
    bg: np.ndarray,
    layer_rgba: np.ndarray,
    gains: np.ndarray,
    blur: float,
    noise: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Composite one RGBA layer over a background frame; returns the frame and the alpha actually used."""
    rgb = layer_rgba[..., :3].astype(np.float32) * gains.astype(np.float32)
    a = layer_rgba[..., 3].astype(np.float32) / 255.0
    if blur > 0:
        rgb = cv2.GaussianBlur(rgb * a[..., None], (0, 0), blur)
        a = cv2.GaussianBlur(a, (0, 0), blur)
        rgb = rgb / np.maximum(a, 1e-4)[..., None]
    if noise > 0:
        rgb = rgb + rng.normal(0.0, noise, rgb.shape).astype(np.float32)
    out = a[..., None] * np.clip(rgb, 0, 255) + (1 - a[..., None]) * bg.astype(np.float32)
    out = np.where(a[..., None] > 0, out, bg)  # untouched background stays bit-identical
    return np.clip(np.rint(out), 0, 255).astype(np.uint8), a


def environment_image(
    frame: np.ndarray,
    cam_rotation: tuple[float, float, float],
    fov_deg: float,
    size: tuple[int, int] = (256, 128),
) -> np.ndarray:
    """An equirectangular world image (Blender's mapping, rows top-down, linear float32 RGB) made from a background
    frame: directions in front of the camera see the frame, directions behind see it mirrored through the image
    plane (light behind the wearer is unknown; this is the usual guess), and the whole is blurred, since it only
    lights the layer."""
    w, h = size
    fh, fw = frame.shape[:2]
    f = fw / 2.0 / np.tan(np.deg2rad(fov_deg) / 2.0)
    jj, ii = np.mgrid[0:h, 0:w].astype(np.float64)
    u, v = (ii + 0.5) / w, 1.0 - (jj + 0.5) / h
    phi, theta = (0.5 - u) * 2 * np.pi, (v - 0.5) * np.pi
    d = np.stack([np.cos(phi) * np.cos(theta), np.sin(phi) * np.cos(theta), np.sin(theta)], axis=-1)
    dc = d @ euler_to_matrix(cam_rotation)  # world -> camera (rows: d . R = R^T d)
    z = -np.abs(dc[..., 2])  # mirror the back hemisphere onto the front
    z = np.minimum(z, -1e-3)
    mx = (f * dc[..., 0] / -z + fw / 2.0).astype(np.float32)
    my = (fh / 2.0 - f * dc[..., 1] / -z).astype(np.float32)
    lin = srgb_to_linear(frame.astype(np.float32) / 255.0).astype(np.float32)
    env = cv2.remap(lin, np.clip(mx, 0, fw - 1), np.clip(my, 0, fh - 1), cv2.INTER_LINEAR)
    return cv2.GaussianBlur(env, (0, 0), w / 64.0)
