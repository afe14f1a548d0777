"""The only code that imports bpy: session reset, builders, rendering and passes.

Nothing outside this package imports it; worker processes import ``generator.run.render`` (which imports generator.blender.render) to render.
"""
