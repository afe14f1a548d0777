"""Running plans: worker processes that render, the pool that feeds them, and the generate orchestration."""
