"""Dataset files: ClipWriter (atomic) and ClipReader, video and audio, manifest, dataset card, resume, validation."""
