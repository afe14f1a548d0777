"""Labels: masks -> modal boxes, projected geometry -> amodal boxes, per-frame and clip labels, schema."""
