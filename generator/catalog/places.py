"""Environment families: one row per procedural place family, the single source of the family tables.

The config's ``environment.family`` enum and the planner's family table are derived from ``PLACES``. Planners
are named by dotted path (``module:function(cfg, rng) -> Place``), resolved by ``generator.plan.places``.
Every family ships a scene ``scenes/<scene>.yaml`` that shows it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlaceFamily:
    """One environment family: its name, planner, one-line description and the shipped scene that shows it."""

    name: str
    planner: str  # "module:function" taking (SceneConfig, numpy Generator), returning a Place
    description: str
    scene: str  # shipped scene name (scenes/<scene>.yaml)


_P = "generator.plan.places"

PLACES: list[PlaceFamily] = [
    PlaceFamily("corridor", f"{_P}.corridor:build", "an indoor corridor with doors and boxes", "corridor"),
    PlaceFamily("office", f"{_P}.office:build", "an open-plan office with desks and partitions", "office"),
    PlaceFamily("school", f"{_P}.school:build", "a school hallway with lockers and classrooms", "school"),
    PlaceFamily(
        "warehouse", f"{_P}.warehouse:build", "a warehouse with rack aisles and pallets", "warehouse"
    ),
    PlaceFamily("home", f"{_P}.home:build", "rooms of a home with furniture", "home"),
    PlaceFamily("retail", f"{_P}.retail:build", "a shop floor with shelf aisles and a counter", "retail"),
    PlaceFamily(
        "street", f"{_P}.street:build", "a street with pavements, buildings and parked cars", "street"
    ),
    PlaceFamily("parking", f"{_P}.parking:build", "a parking lot or garage with cars and pillars", "parking"),
    PlaceFamily("park", f"{_P}.park:build", "a park with paths, grass, trees and benches", "park"),
    PlaceFamily("range", f"{_P}.range_:build", "a training range with lanes and paper targets", "range"),
    PlaceFamily(
        "game_screen", f"{_P}.game_screen:build", "a monitor showing a first-person game", "game_screen"
    ),
]


def place_family(name: str) -> PlaceFamily | None:
    """The catalog row of family ``name``, or None."""
    return next((p for p in PLACES if p.name == name), None)


def register_place(entry: PlaceFamily) -> None:
    """Add a family at run time (plugins, tests); register before importing generator.config."""
    if place_family(entry.name) is not None:
        raise ValueError(f"place family {entry.name!r} is already in the catalog")
    PLACES.append(entry)


def family_names() -> tuple[str, ...]:
    """Family names in catalog order."""
    return tuple(p.name for p in PLACES)
