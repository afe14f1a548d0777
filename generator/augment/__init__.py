"""Augmentation of povgen clips and real footage: recipes, clip and frame effects, transport, compositing.

Nothing here imports bpy; the Blender half of compositing lives in ``generator/blender/layer.py``.
"""
