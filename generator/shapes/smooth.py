"""Subdivision and smoothing of control meshes (Loop subdivision, Taubin smoothing), vectorised in numpy."""

from __future__ import annotations

import numpy as np

from generator.shapes.mesh import Mesh


def _edges(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique undirected edges (E, 2) and each face's three edge ids (F, 3): edges (0,1), (1,2), (2,0)."""
    e = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    e.sort(axis=1)
    uniq, inv = np.unique(e, axis=0, return_inverse=True)
    f = len(faces)
    return uniq, inv.reshape(3, f).T


def _neighbours_mean(verts: np.ndarray, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum of neighbour positions and neighbour counts per vertex."""
    acc = np.zeros_like(verts)
    cnt = np.zeros(len(verts))
    np.add.at(acc, edges[:, 0], verts[edges[:, 1]])
    np.add.at(acc, edges[:, 1], verts[edges[:, 0]])
    np.add.at(cnt, edges[:, 0], 1)
    np.add.at(cnt, edges[:, 1], 1)
    return acc, cnt


def _loop_once(mesh: Mesh) -> Mesh:
    v, f = mesh.verts, mesh.faces
    edges, fe = _edges(f)
    ne = len(edges)
    # the vertex opposite each edge in each of its faces
    opp_sum = np.zeros((ne, 3))
    opp_cnt = np.zeros(ne)
    for k, opp in ((0, 2), (1, 0), (2, 1)):
        np.add.at(opp_sum, fe[:, k], v[f[:, opp]])
        np.add.at(opp_cnt, fe[:, k], 1)
    ends = v[edges[:, 0]] + v[edges[:, 1]]
    interior = opp_cnt == 2
    edge_pts = np.where(interior[:, None], 0.375 * ends + 0.125 * opp_sum, 0.5 * ends)
    acc, cnt = _neighbours_mean(v, edges)
    boundary_v = np.zeros(len(v), dtype=bool)
    boundary_v[edges[~interior].ravel()] = True
    beta = np.where(cnt > 3, 3.0 / (8.0 * np.maximum(cnt, 1)), 3.0 / 16.0)
    moved = (1 - cnt * beta)[:, None] * v + beta[:, None] * acc
    new_v = np.where(boundary_v[:, None], v, moved)
    nv = len(v)
    e0, e1, e2 = fe[:, 0] + nv, fe[:, 1] + nv, fe[:, 2] + nv
    a, b, c = f[:, 0], f[:, 1], f[:, 2]
    faces = np.concatenate(
        [np.stack(t, axis=1) for t in ((a, e0, e2), (b, e1, e0), (c, e2, e1), (e0, e1, e2))]
    )
    return Mesh(np.concatenate([new_v, edge_pts]), faces)


def subdivide(mesh: Mesh, levels: int = 1) -> Mesh:
    """Loop subdivision: each level splits every triangle in four and smooths; closed meshes stay closed."""
    for _ in range(int(levels)):
        mesh = _loop_once(mesh)
    return mesh


def smooth(mesh: Mesh, iterations: int = 5, lam: float = 0.5, mu: float = -0.53) -> Mesh:
    """Taubin smoothing: alternating shrink and inflate steps remove bumps without shrinking the shape."""
    edges, _ = _edges(mesh.faces)
    v = mesh.verts.copy()
    for _ in range(int(iterations)):
        for w in (lam, mu):
            acc, cnt = _neighbours_mean(v, edges)
            v = v + w * (acc / np.maximum(cnt, 1)[:, None] - v)
    return Mesh(v, mesh.faces)
