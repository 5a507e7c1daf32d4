"""Labelled data from the store, grouped folds, training runs and cross-validated predictions.

Used by ``narrascope train`` (:func:`train_supervised`) and ``narrascope evaluate --cv K``
(:func:`cross_validated_labels`). Folds are drawn over *duplicate clusters* (an article and its
wire copies share a ``canonical_id``), so a copy of a test article never sits in training.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.errors import DataError
from narrascope.records import Article, Sentence
from narrascope.types import ArticleLearner, Detector, Progress
from narrascope.validation.annotations import load_gold
from narrascope.validation.metrics import SEED

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.detect._vectors import VectorCache
    from narrascope.store import Store

__all__ = [
    "LabelledSet",
    "cross_validated_labels",
    "group_folds",
    "labelled_set",
    "train_supervised",
]


@dataclass
class LabelledSet:
    """Annotated articles with their sentences and gold labels (ancestors included)."""

    articles: list[Article]
    sentences: list[Sentence]
    doc_labels: dict[str, set[str]]
    sentence_labels: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    annotator: str = ""
    unknown: dict[str, int] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def labels_per_sentence(self) -> list[set[str]]:
        """Gold labels aligned with ``sentences`` (empty for unlabelled sentences)."""
        return [self.sentence_labels.get((s.article_id, s.index), set()) for s in self.sentences]

    def subset(self, ids: Sequence[str]) -> LabelledSet:
        keep = set(ids)
        return LabelledSet(
            [a for a in self.articles if a.id in keep],
            [s for s in self.sentences if s.article_id in keep],
            {k: v for k, v in self.doc_labels.items() if k in keep},
            {k: v for k, v in self.sentence_labels.items() if k[0] in keep},
            self.annotator,
            self.unknown,
        )


def labelled_set(store: Store, codebook: Codebook, annotator: str | None = None) -> LabelledSet:
    """The articles one annotator coded, with sentences and labels resolved to ``codebook``.

    Articles in languages the codebook does not cover are left out.
    """
    gold = load_gold(store, codebook)
    chosen = gold.pick(annotator)
    docs = gold.articles[chosen]
    articles, sentences = store.load_articles(sorted(docs))
    keep = {a.id for a in articles if a.language in codebook.languages}
    if not keep:
        raise DataError(
            f"no annotated article of {chosen!r} is in a codebook language",
            hint=f"codebook languages: {', '.join(codebook.languages)}",
        )
    return LabelledSet(
        [a for a in articles if a.id in keep],
        [s for s in sentences if s.article_id in keep],
        {aid: set(labels) for aid, labels in docs.items() if aid in keep},
        {k: v for k, v in gold.sentences.get(chosen, {}).items() if k[0] in keep},
        chosen,
        gold.unknown,
    )


def group_folds(articles: Sequence[Article], k: int, seed: int = SEED) -> list[list[str]]:
    """``k`` lists of article ids, stratified by language; wire copies (same canonical
    article) share a fold."""
    if k < 2:
        raise DataError(f"cross-validation needs at least 2 folds, not {k}")
    groups: dict[str, list[str]] = defaultdict(list)
    language: dict[str, str] = {}
    for article in sorted(articles, key=lambda a: a.id):
        key = article.canonical_id or article.id
        groups[key].append(article.id)
        language.setdefault(key, article.language)
    if len(groups) < k:
        raise DataError(
            f"{len(groups)} independent articles cannot make {k} folds",
            hint="use fewer folds or annotate more articles",
        )
    keys = sorted(groups)
    order = np.random.default_rng(seed).permutation(len(keys))
    ranked = sorted(order, key=lambda i: language[keys[i]])  # stable: random within language
    folds: list[list[str]] = [[] for _ in range(k)]
    for rank, index in enumerate(ranked):
        folds[rank % k].extend(groups[keys[index]])
    return folds


def _fit(detector: Detector, data: LabelledSet, codebook: Codebook) -> None:
    from narrascope.detect.supervised import SupervisedDetector

    if isinstance(detector, SupervisedDetector):  # learns the codebook's hierarchy
        detector.fit(data.sentences, data.labels_per_sentence(), data.doc_labels, codebook=codebook)
    elif isinstance(detector, ArticleLearner):
        detector.fit(data.sentences, data.labels_per_sentence(), article_labels=data.doc_labels)
    else:
        detector.fit(data.sentences, data.labels_per_sentence())


def cross_validated_labels(
    data: LabelledSet,
    codebook: Codebook,
    make: Callable[[], Any],
    k: int,
    seed: int = SEED,
    on_fold: Callable[[], None] | None = None,
) -> dict[str, set[str]]:
    """Article labels predicted for every article by a detector fitted on the other folds.

    ``make`` builds a fresh detector per fold; ``on_fold()`` is called after each fold.
    Labels include ancestors (pipeline rule).
    """
    from narrascope.detect.labels import aggregate_labels

    predicted: dict[str, set[str]] = {aid: set() for aid in data.doc_labels}
    for fold in group_folds(data.articles, k, seed):
        held = set(fold)
        train = data.subset([a for a in data.ids if a not in held])
        test = data.subset(fold)
        detector = make()
        _fit(detector, train, codebook)
        for label in aggregate_labels(detector.detect(test.sentences, codebook), codebook):
            predicted[label.article_id].add(label.narrative)
        if on_fold:
            on_fold()
    return predicted


def train_supervised(
    store: Store,
    codebook: Codebook,
    out: str | Path,
    *,
    annotator: str | None = None,
    config: Any = None,
    min_examples: int = 3,
    drop_rare: bool = False,
    folds: int = 5,
    cache: VectorCache | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Train the supervised model on the store's annotations and save the artifact.

    Returns the manifest (also written to ``out/manifest.json``), with out-of-fold CV metrics
    (``folds`` >= 2; skipped when there are too few articles) and the training time.
    ``progress(done, total)`` counts steps: sentences encoded (512 per step), then the
    inner CV folds and final fit of the model, then the same for each outer CV fold.

    Raises:
        DataError: a label has too few examples (and ``drop_rare`` is off).
    """
    from narrascope.detect._vectors import VectorCache
    from narrascope.detect.supervised import (
        FeatureConfig,
        SupervisedDetector,
        docs_from_sentences,
        encode_steps,
        fit_model,
        fit_steps,
        manifest_for,
        save_model,
        warm_cache,
    )

    started, clock = time.perf_counter(), time.process_time()
    data = labelled_set(store, codebook, annotator)
    config = config or FeatureConfig()
    cache = cache or VectorCache()
    docs = docs_from_sentences(data.sentences)
    targets = [data.doc_labels.get(d.article_id, set()) for d in docs]
    per_fit = fit_steps(docs, config)
    cv_folds = folds if folds >= 2 else 0
    advance = step_counter(progress, encode_steps(docs, config, cache) + per_fit * (1 + cv_folds))
    warm_cache(docs, config, cache, advance)
    model = fit_model(
        docs,
        targets,
        config,
        codebook,
        min_examples=min_examples,
        drop_rare=drop_rare,
        cache=cache,
        advance=advance,
    )
    extra: dict[str, Any] = {
        "annotator": data.annotator,
        "unknown_gold_labels": data.unknown,
        "training_articles": sorted({d.article_id for d in docs}),
    }
    if cv_folds:

        def make() -> SupervisedDetector:
            det = SupervisedDetector(min_examples=min_examples, config=config)
            det.cache = cache
            det.advance = advance
            return det

        extra["cv"] = _cv_metrics(data, codebook, make, folds, set(model.labels))
    extra["training_seconds"] = {
        "wall": round(time.perf_counter() - started, 1),
        "cpu": round(time.process_time() - clock, 1),
    }
    model.manifest = manifest_for(model, codebook, docs, targets, extra)
    save_model(model, out)
    return model.manifest


def step_counter(progress: Progress | None, total: int) -> Callable[[], None]:
    """``advance()``: one more step of ``total`` done, reported to ``progress``."""
    done = [0]
    if progress:
        progress(0, total)

    def advance() -> None:
        done[0] += 1
        if progress:
            progress(done[0], total)

    return advance


def _cv_metrics(
    data: LabelledSet,
    codebook: Codebook,
    make: Callable[[], Any],
    folds: int,
    labels: set[str],
    on_fold: Callable[[], None] | None = None,
) -> dict[str, Any]:
    from narrascope.validation.metrics import multilabel_scores

    try:
        predicted = cross_validated_labels(data, codebook, make, folds, on_fold=on_fold)
    except DataError as exc:
        return {"skipped": exc.message}
    ids = sorted(data.doc_labels)
    gold = [data.doc_labels[a] & labels for a in ids]
    pred = [predicted[a] & labels for a in ids]
    scores = multilabel_scores(gold, pred, sorted(labels))
    return {
        "folds": folds,
        **{k: scores[k] for k in ("micro_f1", "macro_f1", "samples_f1")},
        **semeval_scores(codebook, [data.doc_labels[a] for a in ids], [predicted[a] for a in ids]),
        "per_label": scores["per_label"],
    }


def semeval_scores(
    codebook: Codebook, gold: Sequence[set[str]], pred: Sequence[set[str]]
) -> dict[str, float]:
    """Samples F1 at the coarse and fine level as SemEval-2025 Task 10 scores them: the
    predictions completed by the ``Other`` rules (:func:`narrascope.detect.hierarchy.complete`)
    and every label counted, ``Other`` included."""
    from narrascope.detect.hierarchy import LabelTree, complete
    from narrascope.validation.annotations import at_level
    from narrascope.validation.metrics import multilabel_scores

    tree = LabelTree.from_codebook(codebook, codebook.ids)
    done = [complete(p, tree) for p in pred]
    out = {}
    for level in ("coarse", "fine"):
        g = [at_level(codebook, s, level) for s in gold]
        p = [at_level(codebook, s, level) for s in done]
        out[f"samples_f1_{level}"] = multilabel_scores(g, p)["samples_f1"]
    return out
