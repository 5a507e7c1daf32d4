"""SemEval-2025 Task 10 subtask 2 (narratives): cross-validated samples F1 on the training data.

Reads the task's training release (``DIR/EN``, ``DIR/RU``: ``raw-documents/`` and
``subtask-2-annotations.txt``; never a dev or test folder), imports it into a temporary store
with ``ingest_semeval`` and scores, under one 5-fold cross-validation (fixed seed, stratified by
language, wire copies kept in one fold), side by side:

- ``today``: the supervised model as it was before issue 14 (one-vs-rest logistic regression,
  ``class_weight="balanced"``, TF-IDF word 1-2-grams and char 2-5-grams plus mean- and
  max-pooled MiniLM (English, run through onnxruntime: the same vectors) / navec (Russian)
  sentence vectors, every label at 0.5, the ``Other`` labels learned like the others);
- ``tfidf-lr``: a simple baseline, one-vs-rest logistic regression on TF-IDF word 1-2-grams,
  0.5 thresholds;
- ``hier``: the supervised model now (:mod:`narrascope.detect.supervised`): hierarchical, each
  article's label set chosen for the highest expected samples F1 under probabilities calibrated
  by inner CV, EN and RU pooled through the multilingual encoder; and variants
  ``hier-noemb`` (TF-IDF only), ``hier-separate`` (one model per language), ``hier-f1``
  (per-label F1 thresholds instead of the hierarchy-aware search), ``hier-thresholds`` (labels
  decided by their thresholds, ``decision="thresholds"``, instead of each article's set of
  highest expected samples F1). ``--set KEY=VALUE`` changes a
  :class:`~narrascope.detect.supervised.FeatureConfig` field of every ``hier*`` method (e.g.
  ``--set fallback=auto``), ``--seed`` the fold assignment.

Every method's predictions are completed by SemEval's ``Other`` rules (as ``export predictions
--format semeval`` writes them) and scored with the official metric, samples F1 at the coarse
and the fine level, per language. Sentence vectors are cached under ``--cache`` (default
``~/.cache/narrascope/bench-vectors``), so the encoding time is paid once; wall and CPU time of
each method are reported without the encoding (reported apart).

Usage: ``python bench/bench_semeval.py --data /work/data/semeval/data [--methods a,b]``
(or ``NARRASCOPE_SEMEVAL=DIR``). Without the data it prints a one-line note (and
``{"skipped": ...}`` for ``bench/run_all.py``) and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from narrascope.codebook import Codebook, load_codebook
from narrascope.detect._gram import Gram
from narrascope.detect.hierarchy import LabelTree, complete
from narrascope.detect.supervised import (
    Doc,
    FeatureConfig,
    docs_from_sentences,
    fit_model,
    predict_labels,
    warm_cache,
)
from narrascope.embed import VectorCache
from narrascope.store import Store
from narrascope.validation.annotations import at_level
from narrascope.validation.metrics import SEED, multilabel_scores
from narrascope.validation.semeval import ingest_semeval
from narrascope.validation.training import group_folds, labelled_set

METHODS = ("today", "tfidf-lr", "hier", "hier-noemb", "hier-separate", "hier-f1", "hier-thresholds")
Predictor = Callable[[list[Doc], list[set[str]], list[Doc]], list[set[str]]]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- methods


def _one_vs_rest(
    x_train: Any, labels: list[set[str]], x_test: Any, c: float, min_examples: int = 3
) -> list[set[str]]:
    """One balanced logistic regression per label with >= ``min_examples`` articles, label
    predicted at probability 0.5 (fitted exactly through the Gram matrix, as the model is)."""
    from scipy import sparse

    counts: dict[str, int] = {}
    for labs in labels:
        for lab in labs:
            counts[lab] = counts.get(lab, 0) + 1
    kept = sorted(lab for lab, n in counts.items() if min_examples <= n < len(labels))
    y = np.array([[lab in labs for lab in kept] for labs in labels], dtype=int)
    gram = Gram(sparse.vstack([x_train, x_test], format="csr"), c)
    train = np.arange(x_train.shape[0])
    test = np.arange(x_train.shape[0], x_train.shape[0] + x_test.shape[0])
    proba = gram.proba(gram.fit(train, y), test)
    return [{kept[j] for j in np.flatnonzero(row >= 0.5)} for row in proba]


def tfidf_lr(train: list[Doc], labels: list[set[str]], test: list[Doc]) -> list[set[str]]:
    """The simple baseline: TF-IDF word 1-2-grams, one-vs-rest logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    x = vec.fit_transform(["\n".join(d.sentences) for d in train])
    return _one_vs_rest(x, labels, vec.transform(["\n".join(d.sentences) for d in test]), c=10.0)


def make_today(cache: VectorCache) -> Predictor:
    """The model before issue 14 (see the module docstring)."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    from narrascope.embed import load_embedder

    # all-MiniLM-L6-v2 through onnxruntime: the same vectors as sentence-transformers, faster
    encoders = {"en": load_embedder("minilm-onnx"), "ru": load_embedder("navec")}

    def pooled(docs: list[Doc]) -> np.ndarray:
        blocks = []
        for language, e in encoders.items():
            out = np.zeros((len(docs), 2 * e.dim), dtype=np.float32)
            for i, d in enumerate(docs):
                if d.language == language and d.sentences:
                    v = cache.vectors(e, d.sentences)
                    out[i] = np.concatenate([v.mean(axis=0), v.max(axis=0)])
            blocks.append(out)
        return np.hstack(blocks)

    def predict(train: list[Doc], labels: list[set[str]], test: list[Doc]) -> list[set[str]]:
        words = TfidfVectorizer(ngram_range=(1, 2), max_features=50_000, sublinear_tf=True)
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), max_features=50_000, sublinear_tf=True
        )

        def features(docs: list[Doc], fit: bool) -> Any:
            texts = ["\n".join(d.sentences) for d in docs]
            w = words.fit_transform(texts) if fit else words.transform(texts)
            c = chars.fit_transform(texts) if fit else chars.transform(texts)
            return sparse.hstack([w, c, sparse.csr_matrix(pooled(docs))], format="csr")

        x = features(train, True)
        return _one_vs_rest(x, labels, features(test, False), c=4.0)

    return predict


def make_hier(codebook: Codebook, cache: VectorCache, config: FeatureConfig) -> Predictor:
    def predict(train: list[Doc], labels: list[set[str]], test: list[Doc]) -> list[set[str]]:
        model = fit_model(train, labels, config, codebook, drop_rare=True, cache=cache)
        return predict_labels(model, test)

    return predict


# --------------------------------------------------------------------------- scoring


def scores(
    codebook: Codebook, gold: Sequence[set[str]], pred: Sequence[set[str]]
) -> dict[str, float]:
    """Coarse and fine samples F1 of predictions as the export writes them: ``Other`` only
    when nothing else is predicted, ``X: Other`` for a narrative without sub-narrative."""
    tree = LabelTree.from_codebook(codebook, codebook.ids)
    done = [complete(p - {tree.other}, tree) for p in pred]
    out = {}
    for level in ("coarse", "fine"):
        g = [at_level(codebook, s, level) for s in gold]
        p = [at_level(codebook, s, level) for s in done]
        out[level] = round(multilabel_scores(g, p)["samples_f1"], 3)
    return out


def cross_validate(
    predictor: Predictor, docs: list[Doc], labels: dict[str, set[str]], folds: list[list[str]]
) -> tuple[dict[str, set[str]], float, float]:
    """Out-of-fold predictions, wall and CPU seconds."""
    by_id = {d.article_id: d for d in docs}
    pred: dict[str, set[str]] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for k, fold in enumerate(folds, 1):
        held = set(fold)
        train = [d for d in docs if d.article_id not in held]
        test = [by_id[a] for a in fold]
        out = predictor(train, [labels[d.article_id] for d in train], test)
        pred.update({d.article_id: p for d, p in zip(test, out, strict=True)})
        log(f"  fold {k}/{len(folds)} done ({time.perf_counter() - wall:.0f} s)")
    return pred, time.perf_counter() - wall, time.process_time() - cpu


def overridden(
    config: FeatureConfig, settings: Sequence[str], parser: argparse.ArgumentParser
) -> FeatureConfig:
    """``config`` with ``KEY=VALUE`` settings applied (values typed like the defaults)."""
    changes: dict[str, Any] = {}
    for setting in settings:
        key, _, value = setting.partition("=")
        if not hasattr(config, key):
            parser.error(f"--set {setting}: no FeatureConfig field {key!r}")
        default = getattr(config, key)
        try:
            if isinstance(default, bool):
                changes[key] = value.lower() in ("1", "true", "yes")
            elif isinstance(default, tuple):
                changes[key] = tuple(int(v) for v in value.split(","))
            else:
                changes[key] = type(default)(value)
        except ValueError:
            parser.error(f"--set {setting}: {key} takes a {type(default).__name__}")
    return replace(config, **changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.environ.get("NARRASCOPE_SEMEVAL", ""))
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED, help="fold assignment seed")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a FeatureConfig field of the hier* methods (repeatable), e.g. c=4",
    )
    parser.add_argument(
        "--cache", default=str(Path.home() / ".cache" / "narrascope" / "bench-vectors")
    )
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    data_dir = Path(args.data) if args.data else None
    if data_dir is None or not data_dir.is_dir():
        note = "SemEval data not found (pass --data DIR or set NARRASCOPE_SEMEVAL); skipped"
        log(f"bench_semeval: {note}")
        print(json.dumps({"skipped": note}))
        return 0
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        parser.error(f"unknown methods {unknown}; choose from {', '.join(METHODS)}")
    codebook = load_codebook("semeval")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb") as store:
        report = ingest_semeval(store, data_dir)
        data = labelled_set(store, codebook, "semeval")
        folds = group_folds(data.articles, args.folds, args.seed)
        language = {a.id: a.language for a in data.articles}
    log(f"{report.articles} articles {report.languages}; {len(data.sentences)} sentences")
    docs = docs_from_sentences(data.sentences)
    labels = {a: set(v) for a, v in data.doc_labels.items()}
    cache = VectorCache(args.cache)
    result: dict[str, Any] = {
        "articles": dict(sorted(report.languages.items())),
        "folds": args.folds,
        "seed": args.seed,
        "cpus": len(os.sched_getaffinity(0)),
        "methods": {},
    }
    base = overridden(FeatureConfig(), args.set, parser)
    if args.set:
        result["config"] = asdict(base)
    wall, cpu = time.perf_counter(), time.process_time()
    if {"hier", "hier-separate", "hier-f1", "hier-thresholds"} & set(methods):
        warm_cache(docs, FeatureConfig(), cache)
    cache.flush()
    result["encoding_s"] = {
        "wall": round(time.perf_counter() - wall, 1),
        "cpu": round(time.process_time() - cpu, 1),
    }
    builders: dict[str, Callable[[], Predictor]] = {
        "today": lambda: make_today(cache),
        "tfidf-lr": lambda: tfidf_lr,
        "hier": lambda: make_hier(codebook, cache, base),
        "hier-noemb": lambda: make_hier(codebook, cache, replace(base, embeddings=False)),
        "hier-separate": lambda: make_hier(codebook, cache, replace(base, languages="separate")),
        "hier-f1": lambda: make_hier(codebook, cache, replace(base, thresholds="f1")),
        "hier-thresholds": lambda: make_hier(codebook, cache, replace(base, decision="thresholds")),
    }
    for name in methods:
        log(f"{name} ...")
        pred, w, c = cross_validate(builders[name](), docs, labels, folds)
        cache.flush()
        entry: dict[str, Any] = {"wall_s": round(w, 1), "cpu_s": round(c, 1)}
        for lang in ("all", *sorted(set(language.values()))):
            ids = sorted(a for a in labels if lang in ("all", language[a]))
            entry[lang] = scores(codebook, [labels[a] for a in ids], [pred[a] for a in ids])
        result["methods"][name] = entry
        log(f"{name}: {json.dumps(entry)}")
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
