"""Dataset files: clip writer (atomic), video encoding, manifest, dataset card, resume and validation."""
