"""Where files named inside configs may live: the config file's own folder plus an explicit allow-list.

A path from a config (asset manifest, asset file, recipe) is resolved (symlinks too) and must then lie inside
one of the allowed folders, so a shared or downloaded config cannot make povgen read files from anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from generator.errors import ConfigError

ALLOW_ENV = "POVGEN_ALLOW_PATH"  # extra allowed folders, separated by os.pathsep (for CI and Python users)
_ROOTS: ContextVar[tuple[Path, ...] | None] = ContextVar("povgen_config_roots", default=None)
_EXTRA: ContextVar[tuple[Path, ...]] = ContextVar("povgen_allow_paths", default=())


def allowed_extra() -> tuple[Path, ...]:
    """The --allow-path folders (resolved) plus those in POVGEN_ALLOW_PATH."""
    env = tuple(Path(p).resolve() for p in os.environ.get(ALLOW_ENV, "").split(os.pathsep) if p.strip())
    return _EXTRA.get() + env


@contextmanager
def allow_paths(folders: list[str | Path] | None) -> Iterator[None]:
    """Within this block, config paths may also point into ``folders`` (the --allow-path option)."""
    resolved = []
    for f in folders or []:
        p = Path(f).expanduser().resolve()
        if not p.is_dir():
            raise ConfigError(f"--allow-path {f}: not a folder")
        resolved.append(p)
    token = _EXTRA.set(_EXTRA.get() + tuple(resolved))
    try:
        yield
    finally:
        _EXTRA.reset(token)


@contextmanager
def config_root(folder: Path) -> Iterator[None]:
    """Within this block, config paths are confined to ``folder`` (the config file's folder) and the allow-list."""
    token = _ROOTS.set((Path(folder).resolve(),))
    try:
        yield
    finally:
        _ROOTS.reset(token)


def confine(path: str | Path, what: str, base: Path | None = None) -> Path:
    """``path`` resolved (relative to ``base``); a ConfigError if it lies outside every allowed folder.

    Outside a config_root block (a config built in Python from a dict) only ``base`` and the allow-list apply,
    and without a ``base`` nothing is confined.
    """
    p = Path(path).expanduser()
    if not p.is_absolute() and base is not None:
        p = Path(base) / p
    resolved = p.resolve()
    roots = (_ROOTS.get() or ()) + ((Path(base).resolve(),) if base is not None else ()) + allowed_extra()
    if (_ROOTS.get() is None and base is None) or not resolved.exists():
        return resolved  # nothing to confine, or a missing file that its loader reports as not found
    if any(resolved.is_relative_to(r) for r in roots):
        return resolved
    shown = ", ".join(str(r) for r in dict.fromkeys(roots))
    raise ConfigError(
        f"{what} {path}: outside the allowed folders ({shown}); move it there or pass --allow-path DIR"
    )
