"""Validation against human coding: detector labels scored against gold labels.

The metrics (per-label P/R/F1, micro/macro/samples F1, Krippendorff's alpha, bootstrap
intervals) are defined in :mod:`narrascope.validation.metrics`.

:func:`evaluate_run` scores a stored run; :func:`cross_validate` fits learned detectors on
K-1 folds of the annotated articles and predicts the held-out fold (see :mod:`.training`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from narrascope.errors import DataError, UsageError
from narrascope.types import Composite, Detector, Progress, VectorCaching
from narrascope.validation.annotations import at_level, load_gold
from narrascope.validation.metrics import (
    BOOTSTRAP_SAMPLES,
    bootstrap_ci,
    krippendorff_alpha,
    label_alpha,
    multilabel_scores,
    samples_f1,
)
from narrascope.validation.training import cross_validated_labels, labelled_set, step_counter

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = [
    "DetectorScores",
    "Evaluation",
    "LanguageScores",
    "bootstrap_ci",
    "cross_validate",
    "evaluate_predictions",
    "evaluate_run",
    "krippendorff_alpha",
    "label_alpha",
    "multilabel_scores",
    "samples_f1",
]


# --------------------------------------------------------------------------- evaluation


@dataclass
class DetectorScores:
    """The scores of one detector against one annotator's gold labels."""

    detector: str
    scores: dict[str, Any]
    ci: dict[str, Any]
    alpha: dict[str, float]
    trained_on: int = 0

    def to_dict(self) -> dict[str, Any]:
        scores = {"detector": self.detector, **self.scores, "ci": self.ci, "alpha": self.alpha}
        return scores | {"trained_on": self.trained_on}


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
    by_language: dict[str, LanguageScores] = field(default_factory=dict)

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
            "by_language": {
                lang: {
                    "n_documents": s.n_documents,
                    "detectors": [d.to_dict() for d in s.detectors],
                }
                for lang, s in self.by_language.items()
            },
        }


@dataclass
class LanguageScores:
    """The detectors' scores on the coded articles of one language."""

    n_documents: int
    detectors: list[DetectorScores] = field(default_factory=list)


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
        docs = out.setdefault(str(row.detector), {})
        docs.setdefault(str(row.article_id), []).append(str(row.narrative))
    return {det: {aid: set(labels) for aid, labels in docs.items()} for det, docs in out.items()}


def _completed(
    codebook: Codebook, predicted: Mapping[str, set[str]], docs: Iterable[str], level: str
) -> dict[str, set[str]]:
    """Each document's predicted labels at ``level``, completed by the codebook's ``Other``
    rules when it has them (SemEval's): no label is ``Other``, a narrative without
    sub-narrative is ``<narrative>: Other``, as the SemEval export writes them."""
    from narrascope.detect.hierarchy import LabelTree, complete

    tree = LabelTree.from_codebook(codebook, codebook.ids)
    return {d: at_level(codebook, complete(predicted.get(d, set()), tree), level) for d in docs}


def _detectors_of(store: Store, run_id: str) -> list[str]:
    return [str(name) for name in store.run(run_id).get("detectors") or []]


def evaluate_run(
    store: Store,
    codebook: Codebook,
    *,
    run_id: str | None = None,
    detectors: Sequence[str] | None = None,
    level: str = "coarse",
    annotator: str | None = None,
    n_samples: int = BOOTSTRAP_SAMPLES,
    include_training: bool = False,
) -> Evaluation:
    """Score a stored analysis run against the store's gold labels.

    A detector is never silently scored on articles its model was trained on: that raises a
    :class:`UsageError` unless ``include_training`` is set, and then the detector's scores
    carry ``trained_on`` (how many of the scored articles were training articles).

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
    run_id = store.run_id(run_id)
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
    seen = _trained_on(store.run(run_id).get("models"), set(coders[chosen]))
    _refuse_leakage(
        run_id, {n: seen.get(n, 0) for n in names}, len(coders[chosen]), include_training
    )
    result = _evaluation(run_id, level, chosen, coders, gold_all.unknown)
    for name in names:
        pred = _completed(codebook, preds.get(name, {}), coders[chosen], level)
        scores = evaluate_predictions(
            name, coders[chosen], pred, coders=coders, n_samples=n_samples
        )
        scores.trained_on = seen.get(name, 0)
        result.detectors.append(scores)
        _add_languages(result, store, name, coders[chosen], pred, n_samples)
    return result


def _add_languages(
    result: Evaluation,
    store: Store,
    name: str,
    gold: Mapping[str, set[str]],
    pred: Mapping[str, set[str]],
    n_samples: int,
) -> None:
    """Score ``name`` on each language's coded articles too (pooled scores can hide a detector
    that works in one language only)."""
    index = store.article_index()
    languages = dict(zip(index["id"].astype(str), index["language"].astype(str), strict=True))
    groups: dict[str, dict[str, set[str]]] = {}
    for doc, labels in gold.items():
        groups.setdefault(languages.get(doc, "und"), {})[doc] = labels
    for lang, docs in sorted(groups.items()):
        part = result.by_language.setdefault(lang, LanguageScores(len(docs)))
        part.detectors.append(evaluate_predictions(name, docs, pred, n_samples=n_samples))


def _trained_on(models: Any, gold: set[str]) -> dict[str, int]:
    """Per detector of a run manifest, how many gold articles its model was trained on."""
    info = models.get("detectors", {}) if isinstance(models, dict) else {}
    return {name: len(gold & _training_ids(model)) for name, model in info.items()}


def _training_ids(info: Any) -> set[str]:
    """Training article ids anywhere in a detector's model info (ensemble members too)."""
    if isinstance(info, dict):
        ids = {str(a) for a in info.get("training_articles") or ()}
        return ids.union(*(_training_ids(v) for v in info.values() if isinstance(v, dict)))
    return set()


def _refuse_leakage(run_id: str, seen: dict[str, int], n_gold: int, include: bool) -> None:
    leaked = {name: n for name, n in seen.items() if n}
    if not leaked or include:
        return
    which = "; ".join(f"{name}: {n} of {n_gold}" for name, n in sorted(leaked.items()))
    raise UsageError(
        f"run {run_id} would score detectors on the articles their model was trained on "
        f"({which} coded articles); those scores would flatter them",
        hint="use `narrascope evaluate --cv K`, code articles the model has not seen, or pass "
        "--include-training to score anyway (marked in the output)",
    )


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
    progress: Progress | None = None,
) -> Evaluation:
    """K-fold cross-validation on the annotated articles of one annotator.

    ``progress(done, total)`` counts folds over all detectors (``total`` = detectors × folds).

    Each detector is built fresh per fold (``get_detector(name, **options[name])``), fitted
    on the other folds' articles (learned detectors; the lexicon needs no fit) and run on the
    held-out fold; the pooled held-out predictions are scored like a stored run. Folds keep
    wire copies together.
    """
    from narrascope.detect import get_detector
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
    advance = step_counter(progress, len(detectors) * folds)
    for name in detectors:

        def make(name: str = name) -> Any:
            return _with_cache(get_detector(name, **dict((options or {}).get(name, {}))), cache)

        predicted = cross_validated_labels(data, codebook, make, folds, on_fold=advance)
        pred = _completed(codebook, predicted, predicted, level)
        result.detectors.append(
            evaluate_predictions(
                name, coders[data.annotator], pred, coders=coders, n_samples=n_samples
            )
        )
        _add_languages(result, store, name, coders[data.annotator], pred, n_samples)
    return result


def _with_cache(detector: Detector, cache: Any) -> Detector:
    """Share one sentence-vector cache between the fold detectors (and ensemble members)."""
    members = detector.members.values() if isinstance(detector, Composite) else ()
    for item in (detector, *members):
        if isinstance(item, VectorCaching):
            item.cache = cache
    return detector
