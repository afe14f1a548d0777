"""Scalars that may be constants or distributions, and how to draw them with an explicit generator.

A config value is a plain constant or a one-key mapping: ``{uniform: [a, b]}``, ``{normal: [mu, sigma]}``,
``{loguniform: [a, b]}``, ``{randint: [a, b]}`` (both ends included) or ``{choice: [...], weights: [...]}``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

DIST_KEYS = ("uniform", "normal", "loguniform", "randint", "choice")


class _Dist(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Uniform(_Dist):
    """Uniform on [low, high]."""

    uniform: tuple[float, float]

    @model_validator(mode="after")
    def _order(self) -> Uniform:
        lo, hi = self.uniform
        if lo > hi:
            raise ValueError(f"low {lo:g} > high {hi:g}")
        return self


class Normal(_Dist):
    """Gaussian with mean and standard deviation (clipped to the field's allowed range when drawn)."""

    normal: tuple[float, float]

    @model_validator(mode="after")
    def _sigma(self) -> Normal:
        if self.normal[1] < 0:
            raise ValueError(f"sigma {self.normal[1]:g} < 0")
        return self


class LogUniform(_Dist):
    """Log-uniform on [low, high], both > 0."""

    loguniform: tuple[float, float]

    @model_validator(mode="after")
    def _order(self) -> LogUniform:
        lo, hi = self.loguniform
        if lo <= 0:
            raise ValueError(f"low {lo:g} must be > 0")
        if lo > hi:
            raise ValueError(f"low {lo:g} > high {hi:g}")
        return self


class RandInt(_Dist):
    """Integer uniform on [low, high], both ends included."""

    randint: tuple[int, int]

    @model_validator(mode="after")
    def _order(self) -> RandInt:
        lo, hi = self.randint
        if lo > hi:
            raise ValueError(f"low {lo} > high {hi}")
        return self


class Choice(_Dist):
    """One of a list of values, optionally weighted."""

    choice: list[Any] = Field(min_length=1)
    weights: list[float] | None = None

    @model_validator(mode="after")
    def _weights(self) -> Choice:
        if self.weights is not None:
            if len(self.weights) != len(self.choice):
                raise ValueError(f"{len(self.weights)} weights for {len(self.choice)} choices")
            if any(w < 0 for w in self.weights) or sum(self.weights) <= 0:
                raise ValueError("weights must be >= 0 with a positive sum")
        return self


Distribution = Uniform | Normal | LogUniform | RandInt | Choice


def _tag(value: Any) -> str:
    if isinstance(value, dict) and len(value) >= 1:
        for key in DIST_KEYS:
            if key in value:
                return key
        return "unknown"
    if isinstance(value, BaseModel):
        for key in DIST_KEYS:
            if hasattr(value, key):
                return key
    return "const"


class UnknownDist(_Dist):
    """Placeholder that always fails: a mapping that is not a known distribution."""

    @model_validator(mode="before")
    @classmethod
    def _fail(cls, data: Any) -> Any:
        keys = ", ".join(sorted(data)) if isinstance(data, dict) else str(data)
        raise ValueError(f"unknown distribution {{{keys}}}; use one of {', '.join(DIST_KEYS)}")


def _make_param(const_type: Any) -> Any:
    return Annotated[
        Annotated[const_type, Tag("const")]
        | Annotated[Uniform, Tag("uniform")]
        | Annotated[Normal, Tag("normal")]
        | Annotated[LogUniform, Tag("loguniform")]
        | Annotated[RandInt, Tag("randint")]
        | Annotated[Choice, Tag("choice")]
        | Annotated[UnknownDist, Tag("unknown")],
        Discriminator(_tag),
    ]


def _support(value: Any) -> list[float]:
    """The values a parameter can take at its extremes (for range checks)."""
    if isinstance(value, Uniform):
        return list(value.uniform)
    if isinstance(value, LogUniform):
        return list(value.loguniform)
    if isinstance(value, RandInt):
        return list(value.randint)
    if isinstance(value, Choice):
        return [float(v) for v in value.choice if isinstance(v, int | float) and not isinstance(v, bool)]
    if isinstance(value, Normal):
        return [value.normal[0]]
    return [float(value)]


def _range_check(lo: float | None, hi: float | None):
    def check(value: Any) -> Any:
        for v in _support(value):
            if (lo is not None and v < lo) or (hi is not None and v > hi):
                kind = _tag(value)
                where = "" if kind == "const" else f"{kind}: "
                raise ValueError(f"{where}{v:g} outside allowed range [{_fmt(lo)}, {_fmt(hi)}]")
        return value

    return check


def _fmt(x: float | None) -> str:
    return "-inf" if x is None else f"{x:g}"


def _choice_check(allowed: tuple[str, ...]):
    def check(value: Any) -> Any:
        values = value.choice if isinstance(value, Choice) else [value]
        for v in values:
            if v not in allowed:
                raise ValueError(f"unknown value {v!r}; allowed: {', '.join(allowed)}")
        return value

    return check


@dataclass(frozen=True)
class Bounds:
    """The allowed range of a numeric field; kept in the field's metadata so samplers can clip to it."""

    lo: float | None
    hi: float | None


@dataclass(frozen=True)
class Allowed:
    """The allowed values of a categorical field; kept in the field's metadata for the config reference."""

    values: tuple[str, ...]


def Num(lo: float | None = None, hi: float | None = None) -> Any:  # noqa: N802 - type factory
    """A float field that may be a constant or any distribution, restricted to [lo, hi]."""
    return Annotated[_make_param(float), AfterValidator(_range_check(lo, hi)), Bounds(lo, hi)]


def Int(lo: int | None = None, hi: int | None = None) -> Any:  # noqa: N802 - type factory
    """An integer field that may be a constant, randint or choice, restricted to [lo, hi]."""
    return Annotated[_make_param(int), AfterValidator(_range_check(lo, hi)), Bounds(lo, hi)]


def Cat(*allowed: str) -> Any:  # noqa: N802 - type factory
    """A categorical field: one of ``allowed`` as a constant or a choice."""
    return Annotated[_make_param(str), AfterValidator(_choice_check(tuple(allowed))), Allowed(tuple(allowed))]


def sample(value: Any, rng: np.random.Generator, lo: float | None = None, hi: float | None = None) -> Any:
    """Draw one value of a parameter. Constants come back as they are; normals are clipped to [lo, hi]."""
    if isinstance(value, Uniform):
        return float(rng.uniform(*value.uniform))
    if isinstance(value, Normal):
        x = float(rng.normal(*value.normal))
        return float(np.clip(x, -math.inf if lo is None else lo, math.inf if hi is None else hi))
    if isinstance(value, LogUniform):
        a, b = value.loguniform
        return float(math.exp(rng.uniform(math.log(a), math.log(b))))
    if isinstance(value, RandInt):
        return int(rng.integers(value.randint[0], value.randint[1] + 1))
    if isinstance(value, Choice):
        p = None
        if value.weights is not None:
            w = np.asarray(value.weights, dtype=float)
            p = w / w.sum()
        return value.choice[int(rng.choice(len(value.choice), p=p))]
    return value


def describe(value: Any) -> str:
    """A short human form of a parameter, for captions and docs."""
    if isinstance(value, BaseModel):
        return str(value.model_dump(exclude_none=True))
    return repr(value)
