"""Small calibration helpers shared by the learned detectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["best_threshold", "fit_platt", "rescale", "sigmoid"]

FALLBACK_THRESHOLD = 0.5


def best_threshold(
    scores: Sequence[float] | np.ndarray, positive: Sequence[bool] | np.ndarray, beta: float = 1.0
) -> float:
    """The cut between sorted scores that maximises F-beta (ties: the higher cut).

    A score ``>= cut`` is predicted positive. Candidate cuts are the midpoints between
    neighbouring distinct scores, plus one just below the lowest score.

    Example:
        >>> best_threshold([0.1, 0.4, 0.8, 0.9], [False, False, True, True])
        0.6000000000000001
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(positive, dtype=bool)
    if s.size == 0:
        return FALLBACK_THRESHOLD
    if not y.any():
        return float(s.max() + 1e-6)
    values = np.unique(s)
    cuts = np.concatenate([[values[0] - 1e-6], (values[:-1] + values[1:]) / 2])
    pred = s[None, :] >= cuts[:, None]
    tp = (pred & y).sum(axis=1).astype(float)
    fp = (pred & ~y).sum(axis=1).astype(float)
    fn = (~pred & y).sum(axis=1).astype(float)
    b2 = beta * beta
    denom = (1 + b2) * tp + b2 * fn + fp
    f = np.divide((1 + b2) * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    best = np.flatnonzero(f == f.max())[-1]
    return float(cuts[best])


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function, overflow-safe."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def rescale(p: np.ndarray, threshold: float) -> np.ndarray:
    """Map probabilities so that ``threshold`` lands on 0.5 (piecewise linear, keeps 0 and 1)."""
    t = min(max(threshold, 1e-6), 1 - 1e-6)
    return np.where(p < t, 0.5 * p / t, 0.5 + 0.5 * (p - t) / (1 - t))


def fit_platt(
    scores: Sequence[float] | np.ndarray, positive: Sequence[bool] | np.ndarray
) -> tuple[float, float]:
    """Platt scaling: slope and bias of a logistic regression (L2, C = 1) of ``positive`` on
    ``scores`` (identity ``(1, 0)`` when one class is missing).

    Example:
        >>> a, b = fit_platt([-2.0, -1.0, 1.0, 2.0, 0.5, -0.5], [0, 0, 1, 1, 0, 1])
        >>> a > 0
        True
    """
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(scores, dtype=float).reshape(-1, 1)
    y = np.asarray(positive, dtype=int).ravel()
    if y.size == 0 or y.min() == y.max():
        return 1.0, 0.0
    model = LogisticRegression(C=1.0).fit(x, y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])
