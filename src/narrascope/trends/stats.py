"""Small statistics shared by trends, windows and linkage: Wilson intervals, BH correction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Z95 = 1.959963984540054
MIN_N = 5
"""Shares of fewer articles than this are marked (hollow markers in charts, ``below_min_n`` in
tables): the Wilson interval of 1 in 4 articles runs from 5% to 70%."""


def wilson_interval(successes: Any, trials: Any, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for binomial proportions (NaN where ``trials`` is 0).

    Args:
        successes: counts (scalar or array).
        trials: totals, same shape.
        z: normal quantile (1.96 for 95%).

    Returns:
        ``(low, high)`` arrays.

    Example:
        >>> lo, hi = wilson_interval(5, 20)
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    lo = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
    hi = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    return lo, hi


def benjamini_hochberg(pvalues: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (NaN inputs stay NaN and are not counted).

    Example:
        >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
        [0.03, 0.04, 0.04]
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    order = np.argsort(p[ok])
    ranked = p[ok][order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    values = np.empty(m)
    values[order] = adjusted
    out[ok] = values
    return out
