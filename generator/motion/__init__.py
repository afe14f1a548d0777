"""Camera and held-object motion computed in numpy: a path plus separate shake components."""
