"""Train/val/test splits by source group: stratified by weapon class and place family, deterministic, leak-free.

A source group is every clip derived from one source: the two clips of a counterfactual pair, the augmented
variants and ``-clean`` copy of a clip, the composites of one background. Groups are joined transitively
(union-find over ``pair:``, ``source:`` and ``background:`` keys), so a variant of one member of a pair lands
with the pair. Every group goes to exactly one split.

Groups are stratified by the weapon classes they hold; each stratum gets floor or ceil of its share of every
split, and the spare groups go to the splits furthest behind their target over all strata, so small strata
still fill val and test. Inside a stratum groups are sorted by place family and hashed rank and dealt out by
smooth weighted round-robin, which spreads every place family over the splits in proportion. The result
depends only on the set of clips and the ratios, never on listing order or workers.
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
    """The class a clip is stratified by: its weapon class, or ``negative`` for clips without a weapon."""
    wc = record.get("weapon_class", "none")
    return wc if wc and wc != "none" else "negative"


def place(record: dict) -> str:
    """The place family a clip is stratified by inside its class."""
    return str(record.get("environment") or record.get("place") or "")


def source_keys(record: dict) -> list[str]:
    """Keys that tie a clip to other copies of its source: pair, source clip, background."""
    keys = [f"clip:{record['clip_id']}"]
    if record.get("pair_id"):
        keys.append(f"pair:{record['pair_id']}")
    src = record.get("source_clip")
    if not src and str(record["clip_id"]).endswith("-clean"):
        src = str(record["clip_id"]).removesuffix("-clean")
    if src:
        keys.append(f"clip:{src}")  # the source itself, when it is in the dataset, and its other copies
    if record.get("background"):
        keys.append(f"background:{record['background']}")
    return keys


def source_groups(records: list[dict]) -> dict[str, str]:
    """clip_id -> source group key (the smallest key of its connected copies), by union-find."""
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in records:
        keys = source_keys(r)
        for k in keys[1:]:
            a, b = find(keys[0]), find(k)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {r["clip_id"]: find(f"clip:{r['clip_id']}") for r in records}


def quotas(n: int, ratios: dict[str, float], behind: dict[str, float] | None = None) -> dict[str, int]:
    """Split n items by ratio: floor of each share, the spare items to the largest remainder plus ``behind``
    (how far each split is behind its target so far); ties in ratio order."""
    behind = behind or {}
    exact = {k: n * r for k, r in ratios.items()}
    got = {k: int(v) for k, v in exact.items()}
    left = n - sum(got.values())
    order = sorted(
        (k for k in ratios if ratios[k] > 0),
        key=lambda k: (-(exact[k] - got[k] + behind.get(k, 0.0)), list(ratios).index(k)),
    )
    for k in order[:left]:
        got[k] += 1
    return got


def deal(keys: list[str], counts: dict[str, int]) -> dict[str, str]:
    """Smooth weighted round-robin: key -> split, each split taking exactly ``counts[split]`` keys, spread evenly."""
    total = sum(counts.values())
    current = dict.fromkeys(counts, 0)
    out = {}
    for key in keys:
        for k in counts:
            current[k] += counts[k]
        pick = max(counts, key=lambda k: (current[k], -list(counts).index(k)))
        current[pick] -= total
        out[key] = pick
    return out


def assign_splits(records: list[dict], ratios: dict[str, float] | None = None) -> dict[str, str]:
    """clip_id -> split name for manifest-like records (``clip_id``, ``pair_id``, ``weapon_class``,
    ``environment``, ``source_clip``, ``background``). Raises when there are fewer groups than splits."""
    ratios = ratios or DEFAULT_RATIOS
    group_of = source_groups(records)
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        groups[group_of[r["clip_id"]]].append(r)
    wanted = [k for k, r in ratios.items() if r > 0]
    if len(groups) < len(wanted):
        raise OptionError(
            f"--split: {len(groups)} source group(s) cannot fill {len(wanted)} splits ({', '.join(wanted)}); "
            "render more clips or choose fewer splits, e.g. --split train=1"
        )
    strata: dict[str, list[str]] = defaultdict(list)
    for key, members in groups.items():
        strata["+".join(sorted({stratum(m) for m in members}))].append(key)
    behind = dict.fromkeys(ratios, 0.0)
    split_of: dict[str, str] = {}
    for name in sorted(strata):
        keys = sorted(strata[name], key=lambda k: (min(place(m) for m in groups[k]), rank(k), k))
        counts = quotas(len(keys), ratios, behind)
        for k in ratios:
            behind[k] += len(keys) * ratios[k] - counts[k]
        split_of.update(deal(keys, counts))
    fill_empty(split_of, strata, wanted)
    return {m["clip_id"]: split_of[key] for key, members in groups.items() for m in members}


def fill_empty(split_of: dict[str, str], strata: dict[str, list[str]], wanted: list[str]) -> None:
    """Move one group into each wanted split that got none, from the fullest split and its largest stratum."""
    for split in wanted:
        sizes = defaultdict(int)
        for s in split_of.values():
            sizes[s] += 1
        if sizes[split]:
            continue
        donor = max(wanted, key=lambda s: (sizes[s], -wanted.index(s)))
        stratum_of = {k: n for n, keys in strata.items() for k in keys}
        movable = [k for k, s in split_of.items() if s == donor]
        by_size = sorted(movable, key=lambda k: (-len(strata[stratum_of[k]]), -rank(k), k))
        split_of[by_size[0]] = split
