"""Train/val/test splits by clip: stratified by class, deterministic from clip ids, pairs kept together.

A group is a counterfactual pair (clips sharing a ``pair_id``) or a single clip. Groups are ranked by a hash of
their key (the pair id, else the clip id), then each class stratum is dealt out by largest-remainder quotas in
that order. The result depends only on the set of clips and the ratios, never on listing order or workers.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from generator.errors import OptionError

DEFAULT_RATIOS = {"train": 0.8, "val": 0.1, "test": 0.1}
SALT = "povgen.split.v1"


def parse_ratios(text: str) -> dict[str, float]:
    """``"train=0.8,val=0.1,test=0.1"`` -> ratios normalised to sum 1 (an error names the bad part)."""
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        try:
            ratio = float(value)
        except ValueError:
            ratio = -1.0
        if not sep or not name.strip() or not 0 <= ratio < float("inf"):
            raise OptionError(f"--split {part!r}: expected name=ratio with ratio >= 0, e.g. train=0.8")
        out[name.strip()] = ratio
    total = sum(out.values())
    if not out or total <= 0:
        raise OptionError(f"--split {text!r}: ratios must name at least one split and sum above 0")
    return {k: v / total for k, v in out.items()}


def rank(key: str) -> int:
    """A stable pseudo-random rank of a group key."""
    return int.from_bytes(hashlib.sha256(f"{SALT}:{key}".encode()).digest()[:8], "big")


def stratum(record: dict) -> str:
    """The class a clip is stratified by: its weapon class, or its held object for negatives."""
    wc = record.get("weapon_class", "none")
    return wc if wc and wc != "none" else f"negative:{record.get('held_object', '')}"


def quotas(n: int, ratios: dict[str, float]) -> dict[str, int]:
    """Split n items by ratio with largest remainders (ties in ratio order)."""
    exact = {k: n * r for k, r in ratios.items()}
    got = {k: int(v) for k, v in exact.items()}
    left = n - sum(got.values())
    for k in sorted(ratios, key=lambda k: (-(exact[k] - got[k]), list(ratios).index(k)))[:left]:
        got[k] += 1
    return got


def assign_splits(records: list[dict], ratios: dict[str, float] | None = None) -> dict[str, str]:
    """clip_id -> split name for manifest-like records (``clip_id``, ``pair_id``, ``weapon_class``...)."""
    ratios = ratios or DEFAULT_RATIOS
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        groups[r.get("pair_id") or f"clip:{r['clip_id']}"].append(r)
    strata: dict[str, list[str]] = defaultdict(list)
    for key, members in groups.items():
        strata["+".join(sorted({stratum(m) for m in members}))].append(key)
    out: dict[str, str] = {}
    for name in sorted(strata):
        keys = sorted(strata[name], key=lambda k: (rank(k), k))
        start = 0
        for split, count in quotas(len(keys), ratios).items():
            for key in keys[start : start + count]:
                for m in groups[key]:
                    out[m["clip_id"]] = split
            start += count
    return out
