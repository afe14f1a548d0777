"""Reference figures of each firearm family (published specifications) that the profile models are sized to.

Each family has one or more variants (real models it resembles). Figures in metres: ``length`` overall (stock
extended where it collapses; ``length_min`` collapsed), ``height`` (bottom of magazine or grip to top of sights or
rail, without optics), ``width`` (widest fixed part), ``barrel``. ``source`` says where the figures come from;
where a maker publishes no height or width, it was measured on side and top photographs against the published
length ("est.").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """Published size of one real model a family resembles."""

    variant: str
    length: float
    height: float
    width: float
    barrel: float
    source: str
    length_min: float = 0.0  # collapsed stock; 0 = fixed length


# family -> (clip-level class, variants)
FAMILIES: dict[str, tuple[str, tuple[Ref, ...]]] = {
    "striker_pistol": (
        "handgun",
        (
            Ref(
                "g17", 0.202, 0.139, 0.032, 0.114, "Glock 17: maker's data (202 x 139 x 32 mm, barrel 114 mm)"
            ),
            Ref(
                "g19",
                0.187,
                0.127,
                0.030,
                0.102,
                "Glock 19: remtek.com/arms/glock (7.4 x 4.64 in with sights... 1.18 in wide, 4 in barrel);"
                " maker 187 x 127 mm",
            ),
        ),
    ),
    "hammer_pistol": (
        "handgun",
        (
            Ref(
                "p226", 0.196, 0.140, 0.038, 0.112, "SIG Sauer P226: maker's data (196 x 140 x 38 mm, 112 mm)"
            ),
            Ref("m92", 0.217, 0.137, 0.038, 0.125, "Beretta 92FS: maker's data (217 x 137 x 38 mm, 125 mm)"),
        ),
    ),
    "m1911": (
        "handgun",
        (
            Ref(
                "government",
                0.216,
                0.140,
                0.033,
                0.127,
                "Colt M1911 Government: 8.5 x 5.5 x 1.3 in, 5 in barrel",
            ),
        ),
    ),
    "duty_revolver": (
        "handgun",
        (
            Ref(
                "686_4in",
                0.243,
                0.150,
                0.039,
                0.102,
                "S&W 686 4 in: maker's length 9.56 in, cylinder 1.55 in; height est. from side photos",
            ),
        ),
    ),
    "snub_revolver": (
        "handgun",
        (
            Ref(
                "642", 0.160, 0.109, 0.033, 0.048, "S&W 642: maker's data 6.3 x 4.3 x 1.3 in, 1.875 in barrel"
            ),
        ),
    ),
    "ar15": (
        "rifle",
        (
            Ref(
                "m4",
                0.838,
                0.255,
                0.062,
                0.368,
                "M4 carbine: knowpia.com/knowpedia/M4_carbine (838 mm extended, 756 mm retracted, 368 mm "
                "barrel); height (30-round magazine to front sight) and width est.",
                length_min=0.757,
            ),
        ),
    ),
    "ak": (
        "rifle",
        (
            Ref(
                "akm",
                0.880,
                0.245,
                0.070,
                0.415,
                "AKM: 880 mm overall, 415 mm barrel (published); height with 30-round magazine and width est.",
            ),
        ),
    ),
    "smg": (
        "rifle",
        (
            Ref(
                "mp5a2",
                0.680,
                0.260,
                0.050,
                0.225,
                "H&K MP5A2: maker's data 680 x 260 x 50 mm, barrel 225 mm",
            ),
        ),
    ),
    "bolt_rifle": (
        "rifle",
        (
            Ref(
                "r700",
                1.060,
                0.215,
                0.075,
                0.560,
                "Remington 700 ADL 22 in: maker's length 41.6 in; height with scope and width est.",
            ),
        ),
    ),
    "pump_shotgun": (
        "shotgun",
        (
            Ref(
                "870_18in",
                0.978,
                0.190,
                0.050,
                0.470,
                "Remington 870 18.5 in: 38.5 in overall (gunsmanuals.com: 37.25-50.5 in); height/width est.",
            ),
            Ref(
                "500_18in",
                1.003,
                0.190,
                0.052,
                0.470,
                "Mossberg 500 18.5 in: maker's length 39.5 in; height/width est.",
            ),
        ),
    ),
    "semi_shotgun": (
        "shotgun",
        (
            Ref(
                "m4_benelli",
                1.011,
                0.200,
                0.055,
                0.470,
                "Benelli M4: maker's data 39.8 in with fixed stock, 18.5 in barrel; height/width est.",
            ),
        ),
    ),
}

FAMILY_NAMES = tuple(FAMILIES)
CLASS_FAMILIES: dict[str, tuple[str, ...]] = {}
for _fam, (_cls, _) in FAMILIES.items():
    CLASS_FAMILIES.setdefault(_cls, ())
    CLASS_FAMILIES[_cls] += (_fam,)


def reference(family: str, variant: str) -> Ref:
    """The reference figures of one variant of a family."""
    return next(r for r in FAMILIES[family][1] if r.variant == variant)
