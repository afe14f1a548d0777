"""A Blender session inside a worker: reset between clips, render settings, device selection."""

from __future__ import annotations

import bpy

from generator.plan.model import RenderSettings

DENOISE = {"fast": "FAST", "balanced": "BALANCED", "high": "HIGH"}


def reset() -> None:
    """Start from an empty factory scene (flat memory across many clips, unlike deleting objects)."""
    for scene in bpy.data.scenes:  # turning persistent data off frees the last clip's Cycles scene
        scene.render.use_persistent_data = False
    bpy.ops.wm.read_factory_settings(use_empty=True)


def gpu_devices() -> dict[str, list[str]]:
    """GPU devices Cycles can use, by backend (empty on CPU-only machines)."""
    prefs = bpy.context.preferences.addons["cycles"].preferences
    found: dict[str, list[str]] = {}
    for kind in ("OPTIX", "CUDA", "HIP", "ONEAPI"):
        try:
            devs = [d for d in prefs.get_devices_for_type(kind) if d.type == kind]
        except (TypeError, ValueError):
            devs = []
        if devs:
            found[kind] = [d.name for d in devs]
    return found


def select_device(scene: bpy.types.Scene, device: str) -> str:
    """Use OPTIX, else CUDA (HIP, oneAPI) when asked for 'gpu' or 'auto'; returns the device used."""
    prefs = bpy.context.preferences.addons["cycles"].preferences
    if device in ("gpu", "auto"):
        prefs.refresh_devices()
        for kind in ("OPTIX", "CUDA", "HIP", "ONEAPI"):
            devs = [d for d in prefs.get_devices_for_type(kind) if d.type == kind]
            if devs:
                prefs.compute_device_type = kind
                for d in prefs.devices:
                    d.use = d.type == kind
                scene.cycles.device = "GPU"
                return kind
        if device == "gpu":
            raise RuntimeError("--device gpu: no OPTIX, CUDA, HIP or oneAPI device found")
    prefs.compute_device_type = "NONE"
    scene.cycles.device = "CPU"
    return "CPU"


def gpu_renderer() -> str:
    """The OpenGL/EGL renderer EEVEE draws with (a GPU name, or 'llvmpipe' for Mesa's software fallback).

    Known only after a first EEVEE render: in background mode the GPU module has no context before."""
    try:
        import gpu

        return f"{gpu.platform.vendor_get()} {gpu.platform.renderer_get()}".strip()
    except Exception as exc:  # noqa: BLE001 - no GPU context at all
        return f"unavailable ({type(exc).__name__})"


def configure_eevee(scene: bpy.types.Scene, r: RenderSettings) -> None:
    """EEVEE settings for the colour image; the labels come from a 1-sample Cycles pass (see render_frame)."""
    e = scene.eevee
    e.taa_render_samples = r.samples
    e.use_raytracing = r.max_bounces > 0
    e.use_shadows = True


def render_frame(scene: bpy.types.Scene, r: RenderSettings) -> None:
    """Render the current frame to ``scene.render.filepath``; the compositor writes the id and depth passes.

    Cycles gives colour and passes in one render. EEVEE has no exact object-index pass, so with EEVEE the
    colour image is rendered first with the compositor off, then a 1-sample, 0-bounce Cycles render of the
    same frame writes the exact ids and depth (the id comes from the first camera ray: not anti-aliased).
    """
    if r.engine != "eevee":
        bpy.ops.render.render(write_still=True)
        return
    if scene.frame_current == scene.frame_start:
        check_eevee_scene(scene)
    c = scene.cycles
    saved = (c.samples, c.use_denoising, c.max_bounces)
    scene.render.engine = "BLENDER_EEVEE"
    scene.render.use_compositing = False
    bpy.ops.render.render(write_still=True)
    if scene.frame_current == scene.frame_start:
        check_eevee_renderer(r)
    scene.render.engine = "CYCLES"
    scene.render.use_compositing = True
    c.samples, c.use_denoising, c.max_bounces = 1, False, 0
    try:
        bpy.ops.render.render(write_still=False)
    finally:
        c.samples, c.use_denoising, c.max_bounces = saved


def configure(scene: bpy.types.Scene, r: RenderSettings, seed: int, threads: int) -> str:
    """Cycles settings of a plan (and EEVEE's when it is the engine); returns the device in use."""
    scene.render.engine = "CYCLES"
    device = select_device(scene, r.device)
    c = scene.cycles
    c.samples = r.samples
    c.use_adaptive_sampling = False
    c.seed = seed % (2**31 - 1)
    c.use_animated_seed = False
    c.max_bounces = r.max_bounces
    c.diffuse_bounces = min(r.max_bounces, 2)
    c.glossy_bounces = min(r.max_bounces, 2)
    c.transmission_bounces = min(r.max_bounces, 4)
    c.use_denoising = r.denoise != "off"
    if r.denoise != "off":
        c.denoiser = "OPENIMAGEDENOISE"
        c.denoising_quality = DENOISE[r.denoise]
        c.denoising_input_passes = "RGB_ALBEDO_NORMAL"
        c.denoising_prefilter = r.denoise_prefilter.upper()
    c.caustics_reflective = c.caustics_refractive = r.caustics
    scene.render.resolution_x, scene.render.resolution_y = r.width, r.height
    scene.render.resolution_percentage = 100
    scene.render.fps = r.fps
    scene.render.use_motion_blur = False
    # the world's importance map (a 1024x512 sky photograph: about 2 CPU s), images and unchanged geometry are
    # built once per clip instead of once per frame; the pixels are the same. EEVEE switches engines per frame.
    scene.render.use_persistent_data = r.persistent_data and r.engine != "eevee"
    scene.render.dither_intensity = 0.0
    scene.render.film_transparent = False
    if threads > 0:
        scene.render.threads_mode = "FIXED"
        scene.render.threads = threads
    im = scene.render.image_settings
    im.media_type = "IMAGE"
    im.file_format = "PNG"
    im.color_mode = "RGB"
    im.color_depth = "8"
    im.compression = 15
    if r.engine == "eevee":
        configure_eevee(scene, r)
        device = f"EEVEE + {device} ids"
    return device


def check_eevee_scene(scene: bpy.types.Scene) -> None:
    """Refuse what EEVEE would render differently from the Cycles id pass (masks would not match the image)."""
    cam = scene.camera.data if scene.camera is not None else None
    if cam is not None and cam.type == "PANO":
        raise RuntimeError("render.engine eevee: fisheye (panoramic) lenses render only with Cycles")
    if scene.render.use_motion_blur and scene.cycles.rolling_shutter_type != "NONE":
        raise RuntimeError("render.engine eevee: a rolling shutter renders only with Cycles")


def check_eevee_renderer(r: RenderSettings) -> None:
    """After an EEVEE render (GPU functions exist only then): refuse software OpenGL when a GPU was asked for."""
    if r.device != "gpu":
        return
    renderer = gpu_renderer()
    if "llvmpipe" in renderer.lower() or "softpipe" in renderer.lower():
        raise RuntimeError(
            f"--device gpu with EEVEE: OpenGL runs on {renderer} (software), not a GPU; in containers "
            "set NVIDIA_DRIVER_CAPABILITIES=all so that libEGL_nvidia is found"
        )
