"""Compatibility shim: places now live in ``generator.plan.places`` (one module per family)."""

from generator.plan.places import FAMILIES, Place, plan_place

__all__ = ["FAMILIES", "Place", "plan_place"]
