"""Seconds per frame of the demo scene at the fast preset with the articulated mannequin figures against the
former rigid block figures, as a ratio measured in one run (goal: mannequins / blocks <= 1.10).

Every clip has figures (environment.figures=4) in places where they are seen (office, street, warehouse,
retail). Both sides draw the same random numbers, so they plan the same places, figures and camera paths; only
the figure's mesh differs (blocks: one static mesh; mannequins: a few thousand triangles whose pose is a shape
key per frame). Runs alternate blocks / mannequins to spread the load of a shared machine. Prints figures;
never asserts. Usage: python benchmarks/figures.py [--clips N] [--rounds R] [--set k=v ...]
"""

from __future__ import annotations

from common import ab_main, load_setup, timed_generate

from generator.plan.places.figures import use_legacy_figures

SCENE = [
    "environment.figures=4",
    "environment.family={choice: [office, street, warehouse, retail]}",
]

KEYS = ("plan", "build", "render", "render_cpu", "labels", "total")  # timings compared, per frame


def run(legacy: bool, clips: int, overrides: list[str]) -> dict:
    """Plan (in this process, with block or mannequin figures) and render ``clips`` clips; per-frame seconds."""
    use_legacy_figures(legacy)
    try:
        return timed_generate(load_setup("fast", [*SCENE, *overrides]), clips, KEYS)
    finally:
        use_legacy_figures(False)


def main() -> None:
    ab_main(__doc__, run, ("blocks", "mannequins"), KEYS, "fast preset demo scene with 4 figures")


if __name__ == "__main__":
    main()
