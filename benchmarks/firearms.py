"""Seconds per frame of the demo scene at the fast preset with the profile-modelled firearms against the legacy
box-and-cylinder ones, as a ratio measured in one run (goal: new / legacy <= 1.10).

Every clip holds a firearm (positive_fraction=1) so each frame pays for one. Runs alternate legacy / new to
spread the load of a shared machine over both. Prints figures; never asserts.
Usage: python benchmarks/firearms.py [--clips N] [--rounds R] [--set k=v ...]
"""

from __future__ import annotations

from common import ab_main, load_setup, timed_generate

from generator.plan.objects import use_legacy_firearms

KEYS = ("plan", "build", "render", "total")  # timings compared, per frame


def run(legacy: bool, clips: int, overrides: list[str]) -> dict:
    """Plan (in this process, with the legacy or new firearms) and render ``clips`` clips; per-frame seconds."""
    use_legacy_firearms(legacy)
    try:
        return timed_generate(load_setup("fast", ["content.positive_fraction=1", *overrides]), clips, KEYS)
    finally:
        use_legacy_firearms(False)


def main() -> None:
    ab_main(__doc__, run, ("legacy", "profile"), KEYS, "fast preset demo scene")


if __name__ == "__main__":
    main()
