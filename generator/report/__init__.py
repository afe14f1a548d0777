"""Looking at a dataset: per-clip overlays (inspect) and the dataset report (report/index.html)."""
