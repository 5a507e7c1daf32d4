"""Many logistic regressions on few documents, fitted exactly through the Gram matrix.

An L2-regularised linear model sees its training data only through inner products, so with
``K = X Xᵀ = U S Uᵀ`` the rows ``Φ = U S^½`` (n x r, r <= n) give the same solution as the
n x d TF-IDF matrix: a weight vector ``β`` on ``Φ`` is the weight vector
``w = Xᵀ U S^-½ β`` on the features. With a few hundred articles and ~10⁵ sparse features,
each label's fit then works on a small dense matrix, and the inner cross-validation reuses one
``K`` (sub-blocks of it), instead of re-reading the sparse matrix per label and fold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Gram", "LinearHead", "sigmoid"]

CONSTANT = 12.0  # logit of a label with one class in the training rows


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -40, 40))))


@dataclass
class _Fit:
    rows: np.ndarray
    projection: np.ndarray  # n x r: U S^-1/2
    coef: np.ndarray  # labels x r
    intercept: np.ndarray  # labels


class Gram:
    """The Gram matrix of a sparse document matrix and exact logistic fits on row subsets."""

    def __init__(self, x: Any, c: float) -> None:
        self.x = x
        self.c = c
        self.k = np.asarray((x @ x.T).toarray() if hasattr(x, "toarray") else x @ x.T)

    def fit(self, rows: np.ndarray, y: np.ndarray) -> _Fit:
        """One balanced logistic regression per column of ``y`` (rows x labels)."""
        from sklearn.linear_model import LogisticRegression

        s, u = np.linalg.eigh(self.k[np.ix_(rows, rows)])
        keep = s > max(float(s.max()), 1e-12) * 1e-10
        projection = u[:, keep] / np.sqrt(s[keep])
        phi = u[:, keep] * np.sqrt(s[keep])
        coef = np.zeros((y.shape[1], int(keep.sum())))
        intercept = np.zeros(y.shape[1])
        for j in range(y.shape[1]):
            column = y[:, j]
            if column.min() == column.max():
                intercept[j] = CONSTANT if column[0] else -CONSTANT
                continue
            model = LogisticRegression(
                C=self.c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0
            ).fit(phi, column)
            coef[j] = model.coef_[0]
            intercept[j] = model.intercept_[0]
        return _Fit(rows, projection, coef, intercept)

    def proba(self, fit: _Fit, rows: np.ndarray) -> np.ndarray:
        """Probabilities (rows x labels) of training rows ``rows`` under ``fit``."""
        phi = self.k[np.ix_(rows, fit.rows)] @ fit.projection
        return sigmoid(phi @ fit.coef.T + fit.intercept[None, :])

    def head(self, fit: _Fit) -> LinearHead:
        """The fit as feature weights (labels x features), usable on new documents."""
        weights = np.asarray(self.x[fit.rows].T @ (fit.projection @ fit.coef.T)).T
        return LinearHead(np.asarray(weights, dtype=np.float32), fit.intercept.astype(np.float32))


@dataclass
class LinearHead:
    """Feature weights and intercepts of one logistic regression per label."""

    weights: np.ndarray  # labels x features
    intercept: np.ndarray  # labels

    def proba(self, x: Any) -> np.ndarray:
        return sigmoid(np.asarray(x @ self.weights.T) + self.intercept[None, :])
