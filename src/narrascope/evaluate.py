"""Validation against human coding: detector labels scored against gold labels.

Metrics (documents are the units; a document's labels are a set of narrative ids):

- per label: precision, recall, F1 and support (gold documents with the label);
- micro F1 (pooled over labels) and macro F1 (mean of per-label F1 over the labels that occur
  in gold or prediction);
- samples F1, SemEval-2025 Task 10's official metric: the F1 of each document's predicted set
  against its gold set, averaged over documents. A document where both sets are empty scores
  1.0 (full agreement), as ``f1_score(average="samples", zero_division=1.0)`` in scikit-learn;
- Krippendorff's alpha (nominal) per label, each label coded present/absent per document,
  between the detector and each coder and between coders, with missing codings allowed;
- bootstrap 95% percentile intervals: documents resampled with replacement, fixed seed.

:func:`evaluate_run` scores a stored run; :func:`cross_validate` fits learned detectors on
K-1 folds of the annotated articles and predicts the held-out fold (see ``_crossval``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.annotations import at_level, load_gold
from narrascope.errors import DataError, UsageError

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "DetectorScores",
    "Evaluation",
    "bootstrap_ci",
    "cross_validate",
    "evaluate_predictions",
    "evaluate_run",
    "krippendorff_alpha",
    "label_alpha",
    "multilabel_scores",
    "samples_f1",
]

BOOTSTRAP_SAMPLES = 1000
SEED = 20250301


# --------------------------------------------------------------------------- metrics


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


# --------------------------------------------------------------------------- evaluation


@dataclass
class DetectorScores:
    """The scores of one detector against one annotator's gold labels."""

    detector: str
    scores: dict[str, Any]
    ci: dict[str, Any]
    alpha: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"detector": self.detector, **self.scores, "ci": self.ci, "alpha": self.alpha}


@dataclass
class Evaluation:
    """Everything ``narrascope evaluate`` reports."""

    run_id: str | None
    level: str
    annotator: str
    n_documents: int
    detectors: list[DetectorScores] = field(default_factory=list)
    coder_alpha: dict[str, dict[str, float]] = field(default_factory=dict)
    unknown_gold_labels: dict[str, int] = field(default_factory=dict)
    cv_folds: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "level": self.level,
            "annotator": self.annotator,
            "n_documents": self.n_documents,
            "cv_folds": self.cv_folds,
            "detectors": [d.to_dict() for d in self.detectors],
            "coder_alpha": self.coder_alpha,
            "unknown_gold_labels": self.unknown_gold_labels,
        }


def evaluate_predictions(
    detector: str,
    gold: Mapping[str, set[str]],
    pred: Mapping[str, set[str]],
    *,
    coders: Mapping[str, Mapping[str, set[str]]] | None = None,
    n_samples: int = BOOTSTRAP_SAMPLES,
) -> DetectorScores:
    """Score predicted label sets against gold ones over the gold documents.

    ``coders`` (annotator -> document -> labels) adds per-label alpha between the detector and
    each coder, reported as ``alpha["<coder>"][label]`` flattened to ``"<coder>:<label>"``.
    """
    docs = sorted(gold)
    g = [gold[d] for d in docs]
    p = [pred.get(d, set()) for d in docs]
    scores = multilabel_scores(g, p)
    ci = bootstrap_ci(g, p, scores["labels"], n_samples=n_samples)
    alpha: dict[str, float] = {}
    for coder, coded in (coders or {}).items():
        pair = {"detector": {d: pred.get(d, set()) for d in coded}, coder: dict(coded)}
        for label, value in label_alpha(pair, scores["labels"]).items():
            alpha[f"{coder}:{label}"] = value
    return DetectorScores(detector, scores, ci, alpha)


def _predictions(
    store: Store, codebook: Codebook, run_id: str, detector: str | None, level: str
) -> dict[str, dict[str, set[str]]]:
    frame = store.predicted_labels(run_id, detector)
    out: dict[str, dict[str, list[str]]] = {}
    for row in frame.itertuples(index=False):
        out.setdefault(row.detector, {}).setdefault(row.article_id, []).append(row.narrative)
    return {
        det: {aid: at_level(codebook, labels, level) for aid, labels in docs.items()}
        for det, docs in out.items()
    }


def _detectors_of(store: Store, run_id: str) -> list[str]:
    import json

    names = store.run_record(run_id).get("detectors") or "[]"
    return list(json.loads(names)) if isinstance(names, str) else list(names)


def evaluate_run(
    store: Store,
    codebook: Codebook,
    *,
    run_id: str | None = None,
    detectors: Sequence[str] | None = None,
    level: str = "coarse",
    annotator: str | None = None,
    n_samples: int = BOOTSTRAP_SAMPLES,
) -> Evaluation:
    """Score a stored analysis run against the store's gold labels.

    Args:
        store: holds the run's ``article_labels`` and the ``annotations``.
        codebook: resolves gold labels and the label hierarchy (use the run's codebook).
        run_id: the run (default: the latest finished one).
        detectors: detectors of the run to score (default: each detector of the run).
        level: ``coarse`` (top-level narratives), ``fine`` (leaves) or ``all``.
        annotator: whose labels are gold (default: ``gold``, else the most prolific coder).
        n_samples: bootstrap resamples.

    Returns:
        An :class:`Evaluation` (see :meth:`Evaluation.to_dict`).
    """
    run_id = run_id or store.latest_run()
    gold_all = load_gold(store, codebook)
    chosen = gold_all.pick(annotator)
    coders = _coder_sets(gold_all.articles, codebook, level)
    preds = _predictions(store, codebook, run_id, None, level)
    ran = _detectors_of(store, run_id)
    missing = [d for d in detectors or () if d not in ran]
    if missing:
        raise DataError(
            f"run {run_id} has no detector {', '.join(map(repr, missing))}",
            hint=f"detectors of the run: {', '.join(ran) or '(none)'}",
        )
    names = list(detectors or ran or sorted(preds))
    result = _evaluation(run_id, level, chosen, coders, gold_all.unknown)
    for name in names:
        result.detectors.append(
            evaluate_predictions(
                name, coders[chosen], preds.get(name, {}), coders=coders, n_samples=n_samples
            )
        )
    return result


def _coder_sets(
    articles: Mapping[str, Mapping[str, set[str]]], codebook: Codebook, level: str
) -> dict[str, dict[str, set[str]]]:
    return {
        coder: {aid: at_level(codebook, labels, level) for aid, labels in docs.items()}
        for coder, docs in articles.items()
    }


def _evaluation(
    run_id: str | None,
    level: str,
    chosen: str,
    coders: Mapping[str, Mapping[str, set[str]]],
    unknown: dict[str, int],
) -> Evaluation:
    labels = sorted(set().union(*(set().union(*d.values(), set()) for d in coders.values())))
    result = Evaluation(run_id, level, chosen, len(coders[chosen]), unknown_gold_labels=unknown)
    if len(coders) >= 2:
        result.coder_alpha = _pairwise_alpha(coders, labels)
    return result


def _pairwise_alpha(
    coders: Mapping[str, Mapping[str, set[str]]], labels: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Per-label alpha for every pair of coders and for all coders together."""
    names = sorted(coders)
    out = {"all": label_alpha(coders, labels)}
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            out[f"{a}~{b}"] = label_alpha({a: coders[a], b: coders[b]}, labels)
    return out


def cross_validate(
    store: Store,
    codebook: Codebook,
    detectors: Sequence[str],
    *,
    folds: int = 5,
    level: str = "coarse",
    annotator: str | None = None,
    n_samples: int = BOOTSTRAP_SAMPLES,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Evaluation:
    """K-fold cross-validation on the annotated articles of one annotator.

    Each detector is built fresh per fold (``get_detector(name, **options[name])``), fitted
    on the other folds' articles (learned detectors; the lexicon needs no fit) and run on the
    held-out fold; the pooled held-out predictions are scored like a stored run. Folds keep
    wire copies together.
    """
    from narrascope.detect import get_detector
    from narrascope.detect._training import cross_validated_labels, labelled_set
    from narrascope.detect._vectors import VectorCache

    data = labelled_set(store, codebook, annotator)
    gold_all = load_gold(store, codebook)
    coders = _coder_sets(gold_all.articles, codebook, level)
    coders = {
        c: {a: v for a, v in docs.items() if a in data.doc_labels} for c, docs in coders.items()
    }
    result = _evaluation(None, level, data.annotator, coders, gold_all.unknown)
    result.cv_folds = folds
    cache = VectorCache()
    for name in detectors:

        def make(name: str = name) -> Any:
            return _with_cache(get_detector(name, **dict((options or {}).get(name, {}))), cache)

        predicted = cross_validated_labels(data, codebook, make, folds)
        pred = {aid: at_level(codebook, labels, level) for aid, labels in predicted.items()}
        result.detectors.append(
            evaluate_predictions(
                name, coders[data.annotator], pred, coders=coders, n_samples=n_samples
            )
        )
    return result


def _with_cache(detector: Any, cache: Any) -> Any:
    """Share one sentence-vector cache between the fold detectors (and ensemble members)."""
    for item in (detector, *getattr(detector, "members", {}).values()):
        if hasattr(item, "cache"):
            item.cache = cache
    return detector
