"""Researcher previews: contact sheets of planned clips and parameter-sweep grids, rendered fast."""
