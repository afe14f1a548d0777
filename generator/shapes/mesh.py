"""Triangle meshes as numpy arrays: transform, merge, and the checks every builder's output must pass."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from generator.geometry import euler_to_matrix


@dataclass(frozen=True)
class Mesh:
    """Vertices (N, 3) in metres and triangles (M, 3) as vertex indices, counter-clockwise seen from outside."""

    verts: np.ndarray
    faces: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "verts", np.asarray(self.verts, dtype=np.float64).reshape(-1, 3))
        object.__setattr__(self, "faces", np.asarray(self.faces, dtype=np.int64).reshape(-1, 3))

    def transformed(self, pos=(0.0, 0.0, 0.0), rot=(0.0, 0.0, 0.0), scale=1.0) -> Mesh:
        """Scaled (scalar or per axis), then rotated by an XYZ Euler triple, then moved by ``pos``."""
        s = np.broadcast_to(np.asarray(scale, dtype=float), (3,))
        v = (self.verts * s) @ euler_to_matrix(rot).T + np.asarray(pos, dtype=float)
        faces = self.faces if np.prod(s) > 0 else self.faces[:, ::-1]  # a mirror turns faces inside out
        return Mesh(v, faces)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Axis-aligned bounds (lo, hi)."""
        return self.verts.min(axis=0), self.verts.max(axis=0)

    def flipped(self) -> Mesh:
        """The same surface facing the other way."""
        return Mesh(self.verts, self.faces[:, ::-1])


def merge(meshes) -> Mesh:
    """Concatenate meshes (each component keeps its own closed surface)."""
    meshes = list(meshes)
    if not meshes:
        return Mesh(np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64))
    offsets = np.cumsum([0] + [len(m.verts) for m in meshes[:-1]])
    return Mesh(
        np.concatenate([m.verts for m in meshes]),
        np.concatenate([m.faces + o for m, o in zip(meshes, offsets, strict=True)]),
    )


def _directed_edges(mesh: Mesh) -> np.ndarray:
    f = mesh.faces
    return np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])


def is_closed(mesh: Mesh) -> bool:
    """Watertight: every undirected edge is shared by exactly two triangles, and no triangle is degenerate."""
    if len(mesh.faces) == 0:
        return False
    f = mesh.faces
    if np.any((f[:, 0] == f[:, 1]) | (f[:, 1] == f[:, 2]) | (f[:, 0] == f[:, 2])):
        return False
    e = np.sort(_directed_edges(mesh), axis=1)
    _, counts = np.unique(e, axis=0, return_counts=True)
    return bool(np.all(counts == 2))


def is_oriented(mesh: Mesh) -> bool:
    """Consistently oriented: every directed edge occurs once, and its reverse occurs too."""
    d = _directed_edges(mesh)
    uniq, counts = np.unique(d, axis=0, return_counts=True)
    if np.any(counts != 1):
        return False
    fwd = {tuple(e) for e in uniq.tolist()}
    return all((b, a) in fwd for a, b in fwd)


def volume(mesh: Mesh) -> float:
    """Signed enclosed volume (m^3): positive when the faces point outward."""
    v = mesh.verts[mesh.faces]
    return float(np.einsum("ij,ij->i", v[:, 0], np.cross(v[:, 1], v[:, 2])).sum() / 6.0)


def outward(mesh: Mesh) -> Mesh:
    """The mesh, flipped if needed so that its signed volume is positive."""
    return mesh.flipped() if volume(mesh) < 0 else mesh


def weld(mesh: Mesh, tol: float = 1e-9) -> Mesh:
    """Merge vertices closer than ``tol`` and drop triangles that collapse."""
    key = np.round(mesh.verts / max(tol, 1e-12)).astype(np.int64)
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    faces = inverse[mesh.faces]
    ok = (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])
    return Mesh(mesh.verts[first], faces[ok])
