"""The shortcut audit: probes that predict weapon presence from everything but the weapon."""
