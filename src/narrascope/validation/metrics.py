"""Agreement metrics over label sets, a leaf module (numpy only).

Documents are the units; a document's labels are a set of narrative ids.

- per label: precision, recall, F1 and support (gold documents with the label);
- micro F1 (pooled over labels) and macro F1 (mean of per-label F1 over the labels that occur
  in gold or prediction);
- samples F1, SemEval-2025 Task 10's official metric: the F1 of each document's predicted set
  against its gold set, averaged over documents. A document where both sets are empty scores
  1.0 (full agreement), as ``f1_score(average="samples", zero_division=1.0)`` in scikit-learn;
- Krippendorff's alpha (nominal) per label, each label coded present/absent per document,
  between the detector and each coder and between coders, with missing codings allowed;
- bootstrap 95% percentile intervals: documents resampled with replacement, fixed seed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from narrascope.errors import UsageError

__all__ = [
    "BOOTSTRAP_SAMPLES",
    "SEED",
    "bootstrap_ci",
    "krippendorff_alpha",
    "label_alpha",
    "multilabel_scores",
    "samples_f1",
]

BOOTSTRAP_SAMPLES = 1000
SEED = 20250301


def _matrix(docs: Sequence[set[str]], labels: Sequence[str]) -> np.ndarray:
    col = {label: j for j, label in enumerate(labels)}
    out = np.zeros((len(docs), len(labels)), dtype=bool)
    for i, doc in enumerate(docs):
        for label in doc:
            if label in col:
                out[i, col[label]] = True
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` with 0 where ``den`` is 0 (scikit-learn's zero_division=0)."""
    return np.divide(num, den, out=np.zeros_like(num, dtype=float), where=den > 0)


def _counts(y: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tp = (y & p).sum(axis=0).astype(float)
    return tp, (~y & p).sum(axis=0).astype(float), (y & ~p).sum(axis=0).astype(float)


def samples_f1(y: np.ndarray, p: np.ndarray, empty: float = 1.0) -> float:
    """Mean per-document F1 of boolean matrices (documents x labels); empty-empty = ``empty``."""
    if len(y) == 0:
        return math.nan
    inter = (y & p).sum(axis=1).astype(float)
    size = y.sum(axis=1) + p.sum(axis=1)
    per_doc = np.where(size > 0, 2 * inter / np.maximum(size, 1), empty)
    return float(per_doc.mean())


def _summary(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    tp, fp, fn = _counts(y, p)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    micro = 2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1e-12)
    return {
        "micro_f1": float(micro) if (tp.sum() + fp.sum() + fn.sum()) else math.nan,
        "macro_f1": float(f1.mean()) if f1.size else math.nan,
        "samples_f1": samples_f1(y, p),
    }


def multilabel_scores(
    gold: Sequence[set[str]], pred: Sequence[set[str]], labels: Sequence[str] | None = None
) -> dict[str, Any]:
    """Per-label P/R/F1/support and micro, macro and samples F1.

    Args:
        gold: gold label sets, one per document.
        pred: predicted label sets, aligned with ``gold``.
        labels: the labels to score (default: every label in gold or pred, sorted).

    Example:
        >>> multilabel_scores([{"a"}, set()], [{"a", "b"}, set()])["samples_f1"]
        0.8333333333333333
    """
    if len(gold) != len(pred):
        raise UsageError("gold and predictions must have one entry per document")
    labels = list(labels) if labels is not None else sorted(set().union(*gold, *pred))
    y, p = _matrix(gold, labels), _matrix(pred, labels)
    tp, fp, fn = _counts(y, p)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    per_label = {
        label: {
            "precision": float(precision[j]),
            "recall": float(recall[j]),
            "f1": float(f1[j]),
            "support": int(tp[j] + fn[j]),
            "predicted": int(tp[j] + fp[j]),
        }
        for j, label in enumerate(labels)
    }
    return {"labels": labels, "per_label": per_label, "n_documents": len(gold), **_summary(y, p)}


def bootstrap_ci(
    gold: Sequence[set[str]],
    pred: Sequence[set[str]],
    labels: Sequence[str],
    *,
    n_samples: int = BOOTSTRAP_SAMPLES,
    seed: int = SEED,
    level: float = 0.95,
) -> dict[str, Any]:
    """Percentile intervals for micro, macro, samples F1 and each label's F1.

    Documents are resampled with replacement ``n_samples`` times with a fixed ``seed``; a
    label absent from a resample (no gold, no prediction) is left out of that macro mean.
    """
    y, p = _matrix(gold, labels), _matrix(pred, labels)
    n = len(y)
    if n == 0:
        return {}
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {"micro_f1": [], "macro_f1": [], "samples_f1": []}
    per_label = np.full((n_samples, len(labels)), np.nan)
    for b in range(n_samples):
        idx = rng.integers(0, n, n)
        yb, pb = y[idx], p[idx]
        tp, fp, fn = _counts(yb, pb)
        present = (tp + fp + fn) > 0
        f1 = _ratio(2 * tp, 2 * tp + fp + fn)
        per_label[b, present] = f1[present]
        draws["micro_f1"].append(2 * tp.sum() / max(2 * tp.sum() + fp.sum() + fn.sum(), 1e-12))
        draws["macro_f1"].append(float(f1[present].mean()) if present.any() else math.nan)
        draws["samples_f1"].append(samples_f1(yb, pb))
    lo, hi = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    out: dict[str, Any] = {k: _interval(np.array(v), lo, hi) for k, v in draws.items()}
    out["per_label"] = {label: _interval(per_label[:, j], lo, hi) for j, label in enumerate(labels)}
    return out


def _interval(values: np.ndarray, lo: float, hi: float) -> list[float]:
    values = values[~np.isnan(values)]
    if values.size == 0:
        return [math.nan, math.nan]
    return [float(np.percentile(values, lo)), float(np.percentile(values, hi))]


def krippendorff_alpha(data: np.ndarray | Sequence[Sequence[float]]) -> float:
    """Krippendorff's alpha for nominal data: ``data[coder][unit]``, NaN where not coded.

    Built from the coincidence matrix: each unit with ``m >= 2`` values adds, for every
    ordered pair of its values from different coders, ``1 / (m - 1)`` to ``o[c, k]``; then
    ``alpha = 1 - (n - 1) * sum_{c != k} o[c, k] / sum_{c != k} n_c * n_k``. Returns NaN
    when there is no variation at all (alpha is undefined).
    """
    values = np.asarray(data, dtype=float)
    if values.ndim != 2:
        raise UsageError("reliability data must be a coders x units table")
    codes = np.unique(values[~np.isnan(values)])
    index = {c: i for i, c in enumerate(codes)}
    o = np.zeros((len(codes), len(codes)))
    for unit in values.T:
        present = [index[v] for v in unit if not np.isnan(v)]
        m = len(present)
        if m < 2:
            continue
        counts = np.bincount(present, minlength=len(codes)).astype(float)
        o += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    expected = n_c.sum() ** 2 - (n_c**2).sum()
    if n <= 1 or expected == 0:
        return math.nan
    observed = o.sum() - np.trace(o)
    return float(1 - (n - 1) * observed / expected)


def label_alpha(
    codings: Mapping[str, Mapping[str, set[str]]], labels: Sequence[str]
) -> dict[str, float]:
    """Per-label nominal alpha between coders (``codings[coder][document] = labels``).

    A coder who did not code a document is a missing value for it.
    """
    coders = sorted(codings)
    docs = sorted(set().union(*(set(c) for c in codings.values()))) if coders else []
    out = {}
    for label in labels:
        table = [
            [float(label in codings[c][d]) if d in codings[c] else math.nan for d in docs]
            for c in coders
        ]
        out[label] = krippendorff_alpha(table) if docs else math.nan
    return out
