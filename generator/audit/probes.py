"""Probes: how well a small linear model predicts weapon presence from one kind of feature, cross-validated
so that no source group (pair, variants, one background) is in both the training and the testing fold."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def group_cv_auc(
    x: np.ndarray, y: np.ndarray, groups: list[str], folds: int = 5, seed: int = 0
) -> float | None:
    """Out-of-fold ROC AUC of a standardised, L2-regularised logistic regression; None when it cannot be
    measured (one class only, or fewer than two source groups)."""
    y = np.asarray(y, int)
    if len(set(y)) < 2 or len(set(groups)) < 2 or x.shape[1] == 0:
        return None
    k = min(folds, len(set(groups)), int(np.bincount(y).min()))
    if k < 2:
        return None
    scores = np.full(len(y), np.nan)
    cv = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # small folds: convergence and class-balance warnings are expected
        for train, test in cv.split(x, y, groups):
            if len(set(y[train])) < 2:
                continue
            model = make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=2000))
            model.fit(x[train], y[train])
            scores[test] = model.decision_function(x[test])
    ok = ~np.isnan(scores)
    if len(set(y[ok])) < 2:
        return None
    return float(roc_auc_score(y[ok], scores[ok]))


def one_hot(values: list[str]) -> np.ndarray:
    """Columns of 0/1 per distinct value."""
    levels = sorted(set(values))
    return np.array([[float(v == lv) for lv in levels] for v in values]).reshape(len(values), len(levels))


def numeric(values: list[float]) -> np.ndarray:
    """One column, missing values filled with the median of the rest."""
    arr = np.array(values, float)
    fill = np.nanmedian(arr) if np.isfinite(arr).any() else 0.0
    return np.where(np.isfinite(arr), arr, fill).reshape(-1, 1)


def metadata_matrix(rows: list[dict[str, str | float]]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The metadata design matrix, and each field's own columns (for per-axis probes)."""
    keys = sorted({k for r in rows for k in r})
    cols = {}
    for k in keys:
        vals = [r.get(k) for r in rows]
        if all(isinstance(v, float) or v is None for v in vals):
            cols[k] = numeric([np.nan if v is None else v for v in vals])
        else:
            cols[k] = one_hot(["" if v is None else str(v) for v in vals])
    full = np.hstack(list(cols.values())) if cols else np.zeros((len(rows), 0))
    return full, cols
