"""Camera device profiles: bundles of mount, lens, frame size, aspect, fps, shutter and post-processing.

A profile only fills the keys a scene does not give itself (explicit values win), before validation. The
frame's aspect is applied after validation: the long side of the configured size is kept and the short side
follows the aspect (``camera.aspect``; ``free`` keeps the size as given).
"""

from __future__ import annotations

from typing import Any

DEVICES = ("none", "bodycam", "action_cam", "phone", "weapon_cam")
ASPECTS = {"free": None, "4:3": 4 / 3, "16:9": 16 / 9, "9:16": 9 / 16}

# section -> key -> value, filled when the scene does not set the key; "none" is the plain default config
PROFILES: dict[str, dict[str, dict[str, Any]]] = {
    "none": {},
    "bodycam": {
        "render": {"width": 960, "height": 720, "fps": 30, "frames": 120},
        "camera": {
            "aspect": "4:3",
            "mount": "chest",
            "lens": "fisheye_equisolid",
            "fisheye_fov_deg": {"uniform": [140, 160]},
            "rolling_shutter": 1.0,
            "readout_ms": {"uniform": [26, 33]},
            "stabilise": 0.0,
            "watermark": 1.0,
        },
        "augment": {"recipe": "device_bodycam"},
    },
    "action_cam": {
        "render": {"width": 1280, "height": 720, "fps": 30, "frames": 120},
        "camera": {
            "aspect": "16:9",
            "mount": "head",
            "lens": "fisheye_equisolid",
            # diagonal 150-175 deg on 16:9 equisolid = about 120-150 deg horizontal
            "fisheye_fov_deg": {"uniform": [150, 175]},
            "rolling_shutter": 1.0,
            "readout_ms": {"uniform": [10, 20]},
            "stabilise": 0.5,
            "watermark": 0.0,
        },
        "augment": {"recipe": "device_action_cam"},
    },
    "phone": {
        "render": {"width": 1280, "height": 720, "fps": 30, "frames": 120},
        "camera": {
            "aspect": "16:9",
            "mount": "handheld",
            "lens": "perspective",
            "fov_deg": {"uniform": [65, 78]},
            "rolling_shutter": 1.0,
            "readout_ms": {"uniform": [15, 25]},
            "stabilise": 1.0,
            "watermark": 0.0,
        },
        "augment": {"recipe": "device_phone"},
    },
    "weapon_cam": {
        "render": {"width": 1280, "height": 720, "fps": 30, "frames": 120},
        "camera": {
            "aspect": "16:9",
            "mount": "weapon",
            "lens": "perspective",
            "fov_deg": {"uniform": [80, 100]},
            "rolling_shutter": 1.0,
            "readout_ms": {"uniform": [10, 20]},
            "stabilise": 0.0,
            "watermark": 0.0,
        },
        "augment": {"recipe": "device_weapon_cam"},
    },
}


def fill_profile(data: dict[str, Any]) -> dict[str, Any]:
    """A raw scene mapping with its device profile's values filled in where the scene gives none.

    The frame size is left to a render preset when the scene names one."""
    camera = data.get("camera")
    device = camera.get("device", "none") if isinstance(camera, dict) else "none"
    profile = PROFILES.get(device) if isinstance(device, str) else None
    if not profile:
        return data
    out = dict(data)
    for section, values in profile.items():
        given = out.get(section)
        if given is not None and not isinstance(given, dict):
            continue  # the section's own validation names the error
        merged = dict(given or {})
        for key, value in values.items():
            if section == "render" and key in ("width", "height") and "preset" in merged:
                continue
            merged.setdefault(key, value)
        out[section] = merged
    return out


def aspect_size(width: int, height: int, aspect: str) -> tuple[int, int]:
    """The frame size for ``aspect``: the long side of width x height kept, the short side from the aspect."""
    ratio = ASPECTS[aspect]
    if ratio is None:
        return width, height
    long = max(width, height)
    if ratio >= 1:
        return long, max(16, int(round(long / ratio / 2)) * 2)
    return max(16, int(round(long * ratio / 2)) * 2), long
