"""Make labels from render outputs: per-frame annotations from masks and projections, then the clip labels."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.catalog import weapon_classes
from generator.labels.boxes import boxes_by_id, clip_box
from generator.labels.projection import amodal_box, edge_points, project, silhouette_area, world_to_camera
from generator.labels.schema import (
    Annotation,
    CameraInfo,
    ClipLabels,
    Event,
    FrameCamera,
    FrameLabels,
    InstanceInfo,
)
from generator.plan.model import ClipPlan

WEAPON_CATEGORIES = set(weapon_classes())


@dataclass
class InstanceGeometry:
    """A labelled instance in one frame: its world-space vertices and triangles, and its muzzle if any."""

    instance_id: int
    category: str
    verts_world: np.ndarray
    tris: np.ndarray
    muzzle_world: np.ndarray | None = None
    # rolling shutter / motion blur: projections solved per row time (see labels/rolling.py); None = project
    projected: tuple[np.ndarray, np.ndarray] | None = (
        None  # (xy (N,2), depth (N,)) at each row's mid-exposure
    )
    extent: np.ndarray | None = None  # (M,2) image points over each row's exposure, for the amodal box
    muzzle_xy: np.ndarray | None = None


def frame_annotations(
    ids: np.ndarray,
    instances: list[InstanceGeometry],
    cam_matrix_world: np.ndarray,
    intr: dict,
    lens: dict | None = None,
) -> list[Annotation]:
    """One annotation per labelled instance (also when it is out of view, with empty boxes)."""
    h, w = ids.shape
    modal = boxes_by_id(ids)
    out = []
    for inst in instances:
        if inst.projected is not None:
            xy, depth = inst.projected
        else:
            cam_pts = world_to_camera(inst.verts_world, cam_matrix_world)
            xy, depth = project(cam_pts, intr, lens)
        box = amodal_box(xy, depth)
        if inst.projected is None and (lens or {}).get("model", "perspective") != "perspective" and box:
            exy, edepth = project(edge_points(cam_pts, inst.tris), intr, lens)
            ebox = amodal_box(exy, edepth)
            if ebox is not None:
                box = [min(box[0], ebox[0]), min(box[1], ebox[1]), max(box[2], ebox[2]), max(box[3], ebox[3])]
        if inst.extent is not None and len(inst.extent) and box is not None:
            e = inst.extent
            box = [
                min(box[0], float(e[:, 0].min())),
                min(box[1], float(e[:, 1].min())),
                max(box[2], float(e[:, 0].max())),
                max(box[3], float(e[:, 1].max())),
            ]
        inside, total = silhouette_area(xy, depth, inst.tris, w, h)
        mbox, area = modal.get(inst.instance_id, (None, 0))
        muzzle = None
        if inst.muzzle_xy is not None:
            muzzle = [round(float(inst.muzzle_xy[0]), 3), round(float(inst.muzzle_xy[1]), 3)]
        elif inst.muzzle_world is not None:
            mxy, mdepth = project(world_to_camera(inst.muzzle_world[None], cam_matrix_world), intr, lens)
            if mdepth[0] > 0:
                muzzle = [round(float(mxy[0, 0]), 3), round(float(mxy[0, 1]), 3)]
        out.append(
            Annotation(
                instance_id=inst.instance_id,
                category=inst.category,
                bbox_modal=mbox,
                bbox_amodal=clip_box(box, w, h) if box is not None else None,
                area_px=area,
                visible_fraction=round(min(1.0, area / total), 4) if total else 0.0,
                truncation=round(1.0 - inside / total, 4) if total else 1.0,
                muzzle_point=muzzle,
            )
        )
    return out


def camera_state(plan: ClipPlan, f: int) -> FrameCamera:
    """The camera pose of frame f as written in the labels."""
    rx, ry, rz = plan.camera.rotation[f]
    return FrameCamera(
        position=list(plan.camera.position[f]),
        rotation_euler=[rx, ry, rz],
        pitch_deg=round(float(np.rad2deg(rx - np.pi / 2)), 4),
        roll_deg=round(float(np.rad2deg(ry)), 4),
        yaw_deg=round(float(np.rad2deg(rz)), 4),
    )


def motion_state(plan: ClipPlan, f: int) -> dict[str, float]:
    """Rotation magnitude (degrees) of each shake component at frame f."""
    return {
        name: round(float(np.rad2deg(np.linalg.norm(comp["rotation"][f]))), 5)
        for name, comp in plan.camera.components.items()
    }


def timeline_events(plan: ClipPlan) -> list[Event]:
    """The plan's timeline events (raise, aim or hold, shots or actions, muzzle flashes, reload, lower)."""
    return [Event(type=e.type, frame=e.frame, time_s=e.time_s, detail=e.detail) for e in plan.timeline.events]


def muzzle_flash_at(plan: ClipPlan, f: int) -> bool:
    """Whether frame f shows a muzzle flash."""
    flags = plan.timeline.muzzle_flash
    return bool(flags[f]) if f < len(flags) else False


def motion_state_name(plan: ClipPlan, f: int) -> str:
    """The motion state of frame f, e.g. 'walk/aimed' (path state / carry state)."""
    states = plan.camera.states
    return states[f] if f < len(states) else ""


def visibility_events(plan: ClipPlan, frames: list[FrameLabels]) -> tuple[list[Event], Event | None]:
    """First frame where the held object has visible pixels: weapon_visible_start (or object_visible_start)."""
    if plan.held is None:
        return [], None
    held_id = plan.held.model.instance_id
    for fl in frames:
        for a in fl.annotations:
            if a.instance_id == held_id and a.area_px > 0:
                kind = "weapon_visible_start" if a.category in WEAPON_CATEGORIES else "object_visible_start"
                ev = Event(type=kind, frame=fl.index, time_s=fl.time_s)
                return [ev], ev
    return [], None


def instances_of(plan: ClipPlan) -> list[InstanceInfo]:
    """The labelled instances of a plan with their roles."""
    out = []
    if plan.held is not None:
        out.append(
            InstanceInfo(
                instance_id=plan.held.model.instance_id, category=plan.held.model.category, role="held_object"
            )
        )
    for h in plan.hands:
        if h.model.instance_id:  # upper arms are unlabelled scenery
            out.append(InstanceInfo(instance_id=h.model.instance_id, category=h.model.category, role="hand"))
    for a in plan.actors:
        out.append(InstanceInfo(instance_id=a.model.instance_id, category=a.model.category, role=a.role))
    return out


def clip_labels(plan: ClipPlan, frames: list[FrameLabels], timings: dict[str, float]) -> ClipLabels:
    """Assemble labels.json for a rendered clip."""
    r = plan.render
    events, first = visibility_events(plan, frames)
    events = sorted(events + timeline_events(plan), key=lambda e: (e.frame, e.type))
    weapon = first if first is not None and first.type == "weapon_visible_start" else None
    return ClipLabels(
        clip_id=plan.clip_id,
        scene=plan.scene,
        index=plan.index,
        dataset_seed=plan.dataset_seed,
        pair_id=plan.pair_id,
        category=plan.category,
        axes=plan.axes,
        fps=r.fps,
        num_frames=r.frames,
        width=r.width,
        height=r.height,
        duration_s=round(r.frames / r.fps, 6),
        video="video.mp4",
        events=events,
        first_visible=weapon,
        instances=instances_of(plan),
        camera=CameraInfo(
            mount=plan.camera.mount,
            lens=plan.camera.lens,
            intrinsics=plan.camera.intrinsics,
            motion_blur_shutter=plan.camera.shutter,
            rolling_shutter_s=plan.camera.rolling_shutter_s,
            flow_available=False,
        ),
        motion_params=plan.camera.motion_params,
        frames=frames,
        timings={k: round(v, 4) for k, v in timings.items()},
    )


def frame_labels(
    plan: ClipPlan,
    index: int,
    ids: np.ndarray,
    instances: list[InstanceGeometry],
    camera_matrix: np.ndarray,
    files: dict[str, str | None],
) -> FrameLabels:
    """The labels of one rendered frame; ``files`` names its image, mask and depth files in the clip folder."""
    intr = plan.camera.intrinsics.model_dump()
    lens = plan.camera.lens.model_dump()
    return FrameLabels(
        index=index,
        time_s=round(index / plan.render.fps, 6),
        image=files.get("image"),
        mask=files["mask"],
        depth=files.get("depth"),
        camera=camera_state(plan, index),
        motion=motion_state(plan, index),
        annotations=frame_annotations(ids, instances, camera_matrix, intr, lens),
        motion_state=motion_state_name(plan, index),
        muzzle_flash=muzzle_flash_at(plan, index),
    )
