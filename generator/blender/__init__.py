"""The only code that imports bpy: session reset, builders, rendering and passes. It renders, it writes no clip.

Only the run layer imports it: worker processes import ``generator.run.render``, which renders with
``generator.blender.render`` and writes with ``generator.dataset.clip.ClipWriter``.
"""
