"""The supervised detector: a hierarchical scikit-learn model trained on article-level labels.

Features of a document (its sentences): TF-IDF word 1-2-grams and character 2-5-grams of its
text, plus its sentence embeddings (:mod:`narrascope.embed`, default the multilingual
Universal Sentence Encoder) pooled by mean and by max, and per label the highest and the top-3
mean of its sentences' similarities to the label's centroid direction in its language (from
the training articles' mean vectors; ``centroids``, weight ``centroid_weight``). One logistic
regression per label (``class_weight="balanced"`` against class imbalance, C = 10), coarse
narratives and sub-narratives alike; a coarse narrative learns from the articles of all its
sub-narratives. The fits go through the articles' Gram matrix (:mod:`narrascope.detect._gram`:
exact for an L2-regularised linear model, and fast with few articles and many features).

By default English and Russian articles train one model together (``languages="pooled"``: the
multilingual encoder puts both in one space; each language still gets its own thresholds);
``languages="separate"`` trains one model per language. Thresholds: per label (and language),
chosen on out-of-fold probabilities of an inner cross-validation on the training articles
(:func:`narrascope.detect.hierarchy.choose_thresholds`).

Decisions (``decision="expected-f1"``, the default): an article's label set is the one of
highest expected samples F1, SemEval's metric, at the coarse and the fine level together
(:func:`narrascope.detect.hierarchy.decide_expected`): probabilities Platt-calibrated per
language and level on the inner-CV out-of-fold probabilities, label co-occurrence from the
coarse label sets of the training articles, the hierarchy rules of
:mod:`narrascope.detect.hierarchy` (a sub-narrative implies its narrative, a narrative with no
sub-narrative gets its ``"<narrative>: Other"`` child, an article with nothing gets ``Other``),
and a language whose training articles are never ``Other`` (SemEval's Russian) always gets a
label. On SemEval 5-fold CV this beat the thresholds on both languages (``docs/benchmarks.md``).
With ``decision="thresholds"`` (and for a model fitted without inner CV) a label passes at its
threshold and the same hierarchy rules apply; there, with ``fallback="top"`` an article where
nothing passes gets its most probable coarse narrative instead of ``Other``, and with ``"auto"``
each language gets whichever the inner CV prefers (on SemEval CV it changed nothing
measurable, so the default is ``"other"``).

Scores: an article's label score is its probability rescaled so that the label's threshold maps
to 0.5 (the ensemble reads 0.5 as the model's decision; with ``"expected-f1"`` a decided label
may score below 0.5, and a label scoring above it may be left out). Evidence: for each
predicted label the model is applied to every sentence of the article on its own, and the
``evidence`` sentences with the highest probability become hits (an ``"X: Other"`` label takes
the evidence of ``X``; the article-level ``Other`` has no hits: it is the absence of any
narrative).

Artifacts (``narrascope train``) are directories with ``model.joblib`` and ``manifest.json``
(codebook id and hash, feature configuration, encoder name and version, thresholds,
calibration, the label tree, training-data hash, labels, CV metrics, narrascope version).
Loading a model refuses a different codebook (:class:`ModelError` with both hashes).
``model.joblib`` is a pickle: load only models you trust.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.detect._base import register_detector
from narrascope.detect._gram import Gram, LinearHead
from narrascope.detect._vectors import VectorCache, encoder_for, require
from narrascope.detect.hierarchy import (
    Calibration,
    LabelTree,
    choose_thresholds,
    coarse_support,
    decide,
    decide_expected,
    level_scores,
)
from narrascope.errors import DataError, ModelError
from narrascope.records import Hit, Sentence
from narrascope.text.tokens import base_language

if TYPE_CHECKING:
    from narrascope.codebook import Codebook

__all__ = [
    "FeatureConfig",
    "SupervisedDetector",
    "fit_model",
    "load_model",
    "training_data_hash",
]

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
POOLED = "*"
SEED = 20250301
CHUNK = 512  # sentences encoded per progress step
MIN_LANGUAGE_DOCS = 30  # fewer articles of a language: it uses the pooled thresholds
DECISIONS = ("thresholds", "expected-f1")


@dataclass(frozen=True)
class FeatureConfig:
    """How documents become features and decisions (stored in the manifest)."""

    embeddings: bool = True
    model_en: str = "default"
    model_ru: str = "default"
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    max_features: int = 50_000
    min_df: int = 2
    c: float = 10.0
    embedding_weight: float = 1.0
    languages: str = "pooled"  # or "separate": one model per language
    inner_folds: int = 4  # inner CV for thresholds (< 2: every threshold 0.5)
    thresholds: str = "samples"  # "samples" (hierarchy-aware search from 0.5) or "f1"
    fallback: str = "other"  # thresholds: nothing passes -> "other", "top" coarse, "auto"
    decision: str = "expected-f1"  # sets of highest expected samples F1, or "thresholds"
    # the sentences' similarity to each label's centroid direction (max, top-3 mean), weighted
    centroids: bool = True
    centroid_weight: float = 0.5


@dataclass
class Doc:
    """A document as the model sees it: its language and sentence texts."""

    article_id: str
    language: str
    sentences: list[str]


def docs_from_sentences(sentences: Sequence[Sentence]) -> list[Doc]:
    """Group sentences (in order) into one :class:`Doc` per article."""
    grouped: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        grouped[sentence.article_id].append(sentence)
    docs = []
    for aid, sents in grouped.items():
        sents.sort(key=lambda s: s.index)
        languages = Counter(base_language(s.language) for s in sents)
        docs.append(Doc(aid, languages.most_common(1)[0][0], [s.text for s in sents]))
    return docs


def training_data_hash(docs: Sequence[Doc], labels: Sequence[Collection[str]]) -> str:
    """sha256 over each document's text and sorted labels, in article-id order."""
    digest = hashlib.sha256()
    for doc, labs in sorted(zip(docs, labels, strict=True), key=lambda p: p[0].article_id):
        digest.update("\n".join(doc.sentences).encode())
        digest.update(("\x1f" + ";".join(sorted(labs)) + "\x1e").encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- features


class _Featurizer:
    """TF-IDF word and char n-grams plus pooled sentence embeddings; picklable."""

    def __init__(self, config: FeatureConfig) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.config = config
        common = {"max_features": config.max_features, "min_df": config.min_df}
        self.words = TfidfVectorizer(ngram_range=config.word_ngrams, sublinear_tf=True, **common)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=config.char_ngrams, sublinear_tf=True, **common
        )
        self.encoders: dict[str, str] = {}  # language -> embedder name@version
        self.dims: dict[str, int] = {}  # embedder name@version -> dim
        # language -> (labels x dim) unit directions of the labels' centroids
        self.directions: dict[str, np.ndarray] = {}
        self._cache: VectorCache | None = None
        self._embedders: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cache"] = None
        state["_embedders"] = {}
        return state

    def use_cache(self, cache: VectorCache) -> None:
        self._cache = cache

    def embedder(self, language: str) -> Any:
        """The sentence embedder of ``language`` (loaded once)."""
        if language not in self._embedders:
            spec = self.config.model_ru if language == "ru" else self.config.model_en
            self._embedders[language] = encoder_for(language, spec)
        return self._embedders[language]

    def vectors(self, texts: list[str], language: str) -> np.ndarray:
        if self._cache is None:
            self._cache = VectorCache()
        return self._cache.vectors(self.embedder(language), texts)

    def fit(self, docs: Sequence[Doc]) -> _Featurizer:
        self.fit_transform(docs)
        return self

    def fit_transform(self, docs: Sequence[Doc], y: np.ndarray | None = None) -> Any:
        """Fit the vocabularies (and note the encoders; with labels ``y``, documents x labels,
        the labels' centroid directions) and return the documents' features."""
        texts = ["\n".join(d.sentences) for d in docs]
        min_df = self.config.min_df if len(docs) >= 4 * self.config.min_df else 1
        words = self.words.set_params(min_df=min_df).fit_transform(texts)
        chars = self.chars.set_params(min_df=min_df).fit_transform(texts)
        self.directions = {}
        if self.config.embeddings:
            for language in sorted({d.language for d in docs}):
                e = self.embedder(language)
                self.encoders[language] = f"{e.name}@{e.version}"
                self.dims[self.encoders[language]] = int(e.dim)
            if y is not None and self.config.centroids and y.shape[1]:
                self._fit_directions(docs, y)
        return self._stack([words, chars], docs)

    def _fit_directions(self, docs: Sequence[Doc], y: np.ndarray) -> None:
        """Per language, each label's direction: the mean of the language's articles' mean
        sentence vectors with the label less their mean over all its articles, at unit length
        (zero for a label with no article in the language)."""
        for language, _, rows, blocks in self._sentence_blocks(docs):
            means = np.stack([b.mean(axis=0) for b in blocks]).astype(np.float64)
            labelled = y[rows].astype(np.float64)
            counts = labelled.sum(axis=0)
            centroids = labelled.T @ means / np.maximum(counts, 1)[:, None]
            directions = centroids - means.mean(axis=0)
            norms = np.linalg.norm(directions, axis=1, keepdims=True)
            directions = directions / np.maximum(norms, 1e-12)
            directions[(counts == 0) | (norms[:, 0] == 0)] = 0.0
            self.directions[language] = directions.astype(np.float32)

    def _sentence_blocks(
        self, docs: Sequence[Doc]
    ) -> list[tuple[str, str, list[int], list[np.ndarray]]]:
        """Per language: its encoder, the rows of its documents and their sentence vectors."""
        by_language: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            if d.sentences and d.language in self.encoders:
                by_language[d.language].append(i)
        out = []
        for language, rows in by_language.items():
            vectors = self.vectors([t for i in rows for t in docs[i].sentences], language)
            bounds = np.cumsum([0] + [len(docs[i].sentences) for i in rows])
            blocks = [vectors[a:b] for a, b in itertools.pairwise(bounds)]
            out.append((language, self.encoders[language], rows, blocks))
        return out

    def _pooled(self, docs: Sequence[Doc]) -> np.ndarray:
        """Mean and max of each document's sentence vectors, then (when fitted) the max and the
        mean of the top three of its sentences' similarities to each label's direction."""
        offsets, width = {}, 0
        for key, dim in self.dims.items():
            offsets[key], width = width, width + 2 * dim
        directions = getattr(self, "directions", {})
        weight = self.config.centroid_weight
        n_labels = max((d.shape[0] for d in directions.values()), default=0)
        out = np.zeros((len(docs), width + 2 * n_labels), dtype=np.float32)
        for language, key, rows, blocks in self._sentence_blocks(docs):
            start, dim = offsets[key], self.dims[key]
            for i, block in zip(rows, blocks, strict=True):
                out[i, start : start + dim] = block.mean(axis=0)
                out[i, start + dim : start + 2 * dim] = block.max(axis=0)
                if language not in directions:
                    continue
                sims = np.sort(block @ directions[language].T, axis=0)[::-1] * weight
                out[i, width : width + n_labels] = sims[0]
                out[i, width + n_labels :] = sims[:3].mean(axis=0)
        return out * self.config.embedding_weight

    def transform(self, docs: Sequence[Doc]) -> Any:
        texts = ["\n".join(d.sentences) for d in docs]
        return self._stack([self.words.transform(texts), self.chars.transform(texts)], docs)

    def _stack(self, blocks: list[Any], docs: Sequence[Doc]) -> Any:
        from scipy import sparse

        if self.dims:
            blocks.append(sparse.csr_matrix(self._pooled(docs)))
        return sparse.hstack(blocks, format="csr")


def warm_cache(
    docs: Sequence[Doc],
    config: FeatureConfig,
    cache: VectorCache,
    advance: Callable[[], None] | None = None,
) -> int:
    """Encode the documents' sentences not yet in ``cache``, :data:`CHUNK` per ``advance()``.

    Returns the number of chunks (``encode_steps`` tells it beforehand).
    """
    if not config.embeddings:
        return 0
    featurizer = _Featurizer(config)
    featurizer.use_cache(cache)
    steps = 0
    for language, texts in _missing(docs, featurizer, cache).items():
        for start in range(0, len(texts), CHUNK):
            featurizer.vectors(texts[start : start + CHUNK], language)
            steps += 1
            if advance:
                advance()
    return steps


def encode_steps(docs: Sequence[Doc], config: FeatureConfig, cache: VectorCache) -> int:
    """How many :data:`CHUNK` steps :func:`warm_cache` will take."""
    if not config.embeddings:
        return 0
    featurizer = _Featurizer(config)
    missing = _missing(docs, featurizer, cache)
    return sum(-(-len(texts) // CHUNK) for texts in missing.values())


def _missing(
    docs: Sequence[Doc], featurizer: _Featurizer, cache: VectorCache
) -> dict[str, list[str]]:
    from narrascope.embed import namespace, sentence_key

    out: dict[str, list[str]] = {}
    for language in sorted({d.language for d in docs}):
        table = cache._table(namespace(featurizer.embedder(language)))
        seen: set[str] = set()
        todo = []
        for d in docs:
            if d.language != language:
                continue
            for text in d.sentences:
                key = sentence_key(text)
                if key not in table and key not in seen:
                    seen.add(key)
                    todo.append(text)
        out[language] = todo
    return out


# --------------------------------------------------------------------------- model


@dataclass
class _Head:
    """One model: logistic weights per label and thresholds per language (``*``: any)."""

    labels: list[str]
    linear: LinearHead
    thresholds: dict[str, np.ndarray] = field(default_factory=dict)
    fallback: dict[str, bool] = field(default_factory=dict)  # language -> top-coarse fallback
    calibration: dict[str, Calibration] = field(default_factory=dict)  # for "expected-f1"
    support: np.ndarray | None = None  # coarse label sets of the training articles
    at_least_one: dict[str, bool] = field(default_factory=dict)  # language never "Other"

    def proba(self, x: Any) -> np.ndarray:
        return self.linear.proba(x)

    def thresholds_for(self, language: str) -> np.ndarray:
        return self.thresholds.get(language, self.thresholds[POOLED])

    def fallback_for(self, language: str) -> bool:
        """Does an article of ``language`` with nothing passing take its top coarse label?"""
        chosen = getattr(self, "fallback", {})  # models saved before the fallback: never
        return bool(chosen.get(language, chosen.get(POOLED, False)))

    def calibration_for(self, language: str) -> Calibration:
        chosen = getattr(self, "calibration", {})
        return chosen.get(language, chosen.get(POOLED, Calibration()))

    def at_least_one_for(self, language: str) -> bool:
        chosen = getattr(self, "at_least_one", {})
        return bool(chosen.get(language, chosen.get(POOLED, False)))


@dataclass
class TrainedModel:
    """What ``model.joblib`` holds."""

    featurizer: _Featurizer
    heads: dict[str, _Head]  # "*" (pooled) or one per language
    labels: list[str]
    tree: LabelTree
    manifest: dict[str, Any] = field(default_factory=dict)

    def head(self, language: str) -> _Head | None:
        return self.heads.get(POOLED) or self.heads.get(language)


def check_counts(
    labels: Sequence[Collection[str]], min_examples: int, drop_rare: bool
) -> tuple[list[str], dict[str, int]]:
    """Labels with enough positive and at least one negative document, and the dropped ones.

    Raises:
        DataError: a label is too rare (and ``drop_rare`` is off), or nothing is left.
    """
    counts = Counter(label for labs in labels for label in labs)
    n = len(labels)
    rare = {lab: c for lab, c in counts.items() if c < min_examples or c == n}
    if rare and not drop_rare:
        shown = ", ".join(f"{lab} ({c} of {n})" for lab, c in sorted(rare.items()))
        raise DataError(
            f"too few examples to train: {shown}; each label needs at least {min_examples} "
            "annotated articles with it and one without",
            hint="annotate more articles, lower --min-examples, or pass --drop-rare",
        )
    kept = sorted(lab for lab in counts if lab not in rare)
    if not kept:
        raise DataError(
            f"no label has {min_examples} or more annotated articles ({n} articles)",
            hint="annotate more articles or lower --min-examples",
        )
    return kept, rare


def head_keys(docs: Sequence[Doc], config: FeatureConfig) -> list[str]:
    """The heads a model trains: ``["*"]`` pooled, else one per language."""
    if config.languages == "separate":
        return sorted({d.language for d in docs})
    return [POOLED]


def fit_steps(docs: Sequence[Doc], config: FeatureConfig) -> int:
    """Progress steps of :func:`fit_model` (inner folds and the final fit, per head)."""
    inner = config.inner_folds if config.inner_folds >= 2 else 0
    return len(head_keys(docs, config)) * (inner + 1)


def fit_model(
    docs: Sequence[Doc],
    labels: Sequence[Collection[str]],
    config: FeatureConfig,
    codebook: Codebook | None,
    *,
    min_examples: int = 3,
    drop_rare: bool = False,
    cache: VectorCache | None = None,
    advance: Callable[[], None] | None = None,
) -> TrainedModel:
    """Fit features, one classifier per label, and thresholds by inner cross-validation.

    ``labels`` are each document's label sets with ancestors; the codebook's fallback labels
    (``Other``, ``X: Other``) are predicted by rule, not learned. Without ``codebook`` the
    hierarchy is flat. ``advance()`` is called :func:`fit_steps` times.
    """
    require("sklearn", "scikit-learn")
    if config.decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, not {config.decision!r}")
    rules = LabelTree.from_codebook(codebook, []).fallbacks if codebook else set()
    kept, dropped = check_counts([set(labs) - rules for labs in labels], min_examples, drop_rare)
    tree = (
        LabelTree.from_codebook(codebook, kept)
        if codebook
        else LabelTree(tuple(kept), dict.fromkeys(kept), coarse=tuple(kept), fine=tuple(kept))
    )
    featurizer = _Featurizer(config)
    if cache is not None:
        featurizer.use_cache(cache)
    y = np.array([[lab in labs for lab in kept] for labs in labels], dtype=int)
    y = y.reshape(len(docs), len(kept))
    x = featurizer.fit_transform(docs, y)
    heads: dict[str, _Head] = {}
    for key in head_keys(docs, config):
        rows = np.array([i for i, d in enumerate(docs) if key in (POOLED, d.language)])
        heads[key] = _fit_head(
            x[rows],
            y[rows],
            [docs[i] for i in rows],
            [labels[i] for i in rows],
            kept,
            tree,
            config,
            advance,
        )
    manifest = {
        "labels": kept,
        "dropped_labels": dropped,
        "rule_labels": sorted(tree.fallbacks),
        "label_counts": {lab: int(y[:, j].sum()) for j, lab in enumerate(kept)},
    }
    return TrainedModel(featurizer, heads, kept, tree, manifest)


def _fit_head(
    x: Any,
    y: np.ndarray,
    docs: Sequence[Doc],
    gold: Sequence[Collection[str]],
    labels: list[str],
    tree: LabelTree,
    config: FeatureConfig,
    advance: Callable[[], None] | None,
) -> _Head:
    gram = Gram(x, config.c)
    thresholds = {POOLED: np.full(len(labels), 0.5)}
    fallback = {POOLED: config.fallback == "top"}
    calibration: dict[str, Calibration] = {}
    if config.inner_folds >= 2 and len(docs) >= 2 * config.inner_folds:
        oof = np.zeros(y.shape, dtype=float)
        for fold in _folds(docs, config.inner_folds):
            train = np.setdiff1d(np.arange(len(docs)), fold)
            oof[fold] = gram.proba(gram.fit(train, y[train]), fold)
            if advance:
                advance()
        thresholds, fallback = _thresholds(oof, docs, gold, tree, config)
        if config.decision == "expected-f1":
            calibration = {
                language: Calibration.fit(oof[rows], [gold[i] for i in rows], tree)
                for language, rows in _language_rows(docs).items()
            }
    elif config.inner_folds >= 2 and advance:
        for _ in range(config.inner_folds):
            advance()
    linear = gram.head(gram.fit(np.arange(len(docs)), y))
    if advance:
        advance()
    head = _Head(labels, linear, thresholds, fallback)
    if config.decision == "expected-f1":
        head.calibration = calibration
        head.support = coarse_support(gold, tree)
        coarse = {lab for lab in tree.labels if tree.parent.get(lab) is None}
        head.at_least_one = {
            language: all(coarse & set(gold[i]) for i in rows)
            for language, rows in _language_rows(docs).items()
        }
    return head


def _language_rows(docs: Sequence[Doc]) -> dict[str, np.ndarray]:
    """Rows of all documents (``"*"``) and of each language with enough of them (when more
    than one language is present)."""
    out = {POOLED: np.arange(len(docs))}
    languages = sorted({d.language for d in docs})
    if len(languages) > 1:
        for language in languages:
            rows = np.array([i for i, d in enumerate(docs) if d.language == language])
            if len(rows) >= MIN_LANGUAGE_DOCS:
                out[language] = rows
    return out


def _folds(docs: Sequence[Doc], k: int) -> list[np.ndarray]:
    """``k`` folds stratified by language (fixed seed)."""
    rng = np.random.default_rng(SEED)
    folds: list[list[int]] = [[] for _ in range(k)]
    at = 0
    for language in sorted({d.language for d in docs}):
        rows = [i for i, d in enumerate(docs) if d.language == language]
        for i in rng.permutation(rows):
            folds[at % k].append(int(i))
            at += 1
    return [np.array(sorted(f), dtype=int) for f in folds]


def _thresholds(
    oof: np.ndarray,
    docs: Sequence[Doc],
    gold: Sequence[Collection[str]],
    tree: LabelTree,
    config: FeatureConfig,
) -> tuple[dict[str, np.ndarray], dict[str, bool]]:
    """Thresholds and the top-coarse fallback, pooled and per language (enough articles).

    With ``fallback="auto"`` the thresholds are searched both ways and the fallback is kept
    where it wins by at least one article's worth of samples F1.
    """

    choices = {"other": [False], "top": [True], "auto": [False, True]}
    if config.fallback not in choices:
        raise ValueError(f"fallback must be one of {', '.join(choices)}, not {config.fallback!r}")

    def pick(rows: np.ndarray) -> tuple[np.ndarray, bool]:
        proba, truth = oof[rows], [gold[i] for i in rows]
        options = choices[config.fallback]
        best: tuple[float, np.ndarray, bool] | None = None
        for fallback in options:
            if config.thresholds == "f1":
                chosen = choose_thresholds(
                    proba, truth, tree, rounds=0, start="f1", fallback=fallback
                )
            else:
                chosen = choose_thresholds(proba, truth, tree, fallback=fallback)
            value = float(np.mean(level_scores(proba, chosen, tree, truth, fallback=fallback)))
            if best is None or value > best[0] + 1.0 / len(rows):
                best = (value, chosen, fallback)
        assert best is not None
        return best[1], best[2]

    thresholds, fallback = {}, {}
    thresholds[POOLED], fallback[POOLED] = pick(np.arange(len(docs)))
    languages = sorted({d.language for d in docs})
    if len(languages) > 1:
        for language in languages:
            rows = np.array([i for i, d in enumerate(docs) if d.language == language])
            if len(rows) >= MIN_LANGUAGE_DOCS:
                thresholds[language], fallback[language] = pick(rows)
    return thresholds, fallback


def fallbacks(model: TrainedModel, docs: Sequence[Doc]) -> np.ndarray:
    """Per document: does an article with nothing passing take its top coarse label?"""
    out = np.zeros(len(docs), dtype=bool)
    for i, d in enumerate(docs):
        head = model.head(d.language)
        out[i] = head is not None and head.fallback_for(d.language)
    return out


def predict_proba(model: TrainedModel, docs: Sequence[Doc]) -> tuple[np.ndarray, np.ndarray]:
    """(documents x labels) probabilities and the thresholds that apply to each document."""
    proba = np.zeros((len(docs), len(model.labels)))
    thresholds = np.full((len(docs), len(model.labels)), np.inf)
    if not docs:
        return proba, thresholds
    col = {lab: j for j, lab in enumerate(model.labels)}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        groups[d.language].append(i)
    for language, rows in groups.items():
        head = model.head(language)
        if head is None:
            continue
        cols = [col[lab] for lab in head.labels]
        x = model.featurizer.transform([docs[i] for i in rows])
        proba[np.ix_(rows, cols)] = head.proba(x)
        thresholds[np.ix_(rows, cols)] = head.thresholds_for(language)[None, :]
    return proba, thresholds


def rescale(proba: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Probabilities mapped piecewise-linearly so that each threshold becomes 0.5."""
    t = np.clip(thresholds, 1e-6, 1 - 1e-6)
    low = 0.5 * proba / t
    high = 0.5 + 0.5 * (proba - t) / (1 - t)
    out = np.where(proba < t, low, high)
    return np.where(np.isinf(thresholds), 0.0, np.clip(out, 0.0, 1.0))


def decisions(
    model: TrainedModel, docs: Sequence[Doc], proba: np.ndarray, thresholds: np.ndarray
) -> list[set[str]]:
    """Decided label sets from :func:`predict_proba`'s output, by the model's decision rule."""
    col = {lab: j for j, lab in enumerate(model.labels)}
    cols = [col[lab] for lab in model.tree.labels]
    proba, thresholds = proba[:, cols], thresholds[:, cols]
    rule = getattr(model.featurizer.config, "decision", "thresholds")
    if rule != "expected-f1":
        return decide(proba, thresholds, model.tree, fallbacks(model, docs))
    out: list[set[str]] = [set() for _ in docs]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        groups[d.language].append(i)
    fallback = fallbacks(model, docs)
    for language, rows in groups.items():
        head = model.head(language)
        support = getattr(head, "support", None)  # None: fitted without inner CV
        if head is None or support is None:
            sets = decide(proba[rows], thresholds[rows], model.tree, fallback[rows])
        else:
            calibrated = head.calibration_for(language).apply(proba[rows], model.tree)
            force = np.full(len(rows), head.at_least_one_for(language))
            sets = decide_expected(calibrated, model.tree, support, force)
        for i, labels in zip(rows, sets, strict=True):
            out[i] = labels
    return out


def predict_labels(model: TrainedModel, docs: Sequence[Doc]) -> list[set[str]]:
    """Each document's decided label set (hierarchy rules, fallback labels included)."""
    proba, thresholds = predict_proba(model, docs)
    return decisions(model, docs, proba, thresholds)


def save_model(model: TrainedModel, directory: str | Path) -> Path:
    """Write ``model.joblib`` and ``manifest.json`` into ``directory``."""
    import joblib

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, directory / MODEL_FILE)
    (directory / MANIFEST_FILE).write_text(
        json.dumps(model.manifest, indent=2, ensure_ascii=False, default=str) + "\n",
        encoding="utf-8",
    )
    return directory


def load_model(directory: str | Path) -> TrainedModel:
    """Read a model directory written by :func:`save_model` (or ``narrascope train``)."""
    require("sklearn", "scikit-learn")
    require("joblib", "joblib")
    import joblib

    directory = Path(directory)
    path = directory / MODEL_FILE
    if not path.is_file():
        raise ModelError(
            f"no {MODEL_FILE} in this folder",
            path=directory,
            hint="train one with `narrascope train --out DIR`",
        )
    model = joblib.load(path)
    if not isinstance(model, TrainedModel) or not hasattr(model, "heads"):
        raise ModelError(
            "not a narrascope supervised model of this version",
            path=path,
            hint="retrain it with `narrascope train`",
        )
    manifest_path = directory / MANIFEST_FILE
    if manifest_path.is_file():
        model.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return model


# --------------------------------------------------------------------------- detector


class SupervisedDetector:
    """Article-level hierarchical classifier with sentence evidence (see the module docstring).

    Args:
        model: a model directory from ``narrascope train`` (None: train with :meth:`fit`).
        evidence: evidence sentences emitted per predicted label.
        min_examples: fewest positive articles per label when fitting.
        config: feature configuration when fitting (default :class:`FeatureConfig`).
        cache_dir: directory to persist sentence vectors in (default ``embed.cache_dir``).
    """

    name = "supervised"
    learns_from_articles = True  # fit() also takes article_labels

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        evidence: int = 2,
        min_examples: int = 3,
        config: FeatureConfig | None = None,
        cache_dir: str | None = None,
    ) -> None:
        from narrascope.config import load_config

        require("sklearn", "scikit-learn")
        self.path = str(model) if model is not None else None
        self.evidence = evidence
        self.min_examples = min_examples
        self.config = config or FeatureConfig()
        directory = cache_dir if cache_dir is not None else str(load_config()["embed.cache_dir"])
        self.cache = VectorCache(directory or None)
        self.model: TrainedModel | None = load_model(model) if model is not None else None
        self._fit_codebook: Codebook | None = None
        self.advance: Callable[[], None] | None = None  # called as fitting advances

    # -- training --------------------------------------------------------------------------
    def fit(
        self,
        sentences: Sequence[Sentence],
        labels: Sequence[Collection[str]],
        article_labels: Mapping[str, Collection[str]] | None = None,
        codebook: Codebook | None = None,
    ) -> None:
        """Train on articles: an article's labels are ``article_labels[id]`` when given, else
        the union of its sentences' labels. Labels too rare to learn are dropped.

        Without ``codebook`` the hierarchy is flat until :meth:`detect` sees the codebook.
        """
        docs = docs_from_sentences(sentences)
        union: dict[str, set[str]] = defaultdict(set)
        for sentence, labs in zip(sentences, labels, strict=True):
            union[sentence.article_id].update(labs)
        targets = [
            set(article_labels.get(d.article_id, ()))
            if article_labels is not None
            else union[d.article_id]
            for d in docs
        ]
        self.model = fit_model(
            docs,
            targets,
            self.config,
            codebook,
            min_examples=self.min_examples,
            drop_rare=True,
            cache=self.cache,
            advance=self.advance,
        )
        self._fit_codebook = codebook

    # -- prediction ------------------------------------------------------------------------
    def _checked(self, codebook: Codebook) -> TrainedModel:
        if self.model is None:
            raise ModelError(
                "the supervised detector has no model",
                hint="pass --model DIR (from `narrascope train`) or fit it first",
            )
        expected = self.model.manifest.get("codebook_hash")
        if expected and expected != codebook.version:
            raise ModelError(
                f"the model was trained for codebook {self.model.manifest.get('codebook_id')} "
                f"{expected}, but codebook {codebook.id} is {codebook.version}",
                path=self.path,
                hint="retrain with `narrascope train` on this codebook, or analyse with the "
                "codebook the model was trained for",
            )
        if not expected and self._fit_codebook is None:  # fitted in memory, no codebook
            known = set(codebook.ids)
            labels = [lab for lab in self.model.labels if lab in known]
            self.model.tree = LabelTree.from_codebook(codebook, labels)
            self._fit_codebook = codebook
        self.model.featurizer.use_cache(self.cache)
        return self.model

    def _decided(
        self, sentences: Sequence[Sentence], codebook: Codebook
    ) -> tuple[list[Doc], np.ndarray, np.ndarray, list[set[str]]]:
        model = self._checked(codebook)
        docs = docs_from_sentences(sentences)
        proba, thresholds = predict_proba(model, docs)
        return docs, proba, thresholds, decisions(model, docs, proba, thresholds)

    def article_scores(
        self, sentences: Sequence[Sentence], codebook: Codebook
    ) -> dict[str, dict[str, float]]:
        """``article_id -> {label: score}`` (threshold = 0.5) for every article."""
        docs, proba, thresholds, _ = self._decided(sentences, codebook)
        assert self.model is not None
        scores = rescale(proba, thresholds)
        known = set(codebook.ids)
        return {
            d.article_id: {
                lab: float(scores[i, j]) for j, lab in enumerate(self.model.labels) if lab in known
            }
            for i, d in enumerate(docs)
        }

    def sentence_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """(sentences x labels) probabilities of the model applied to each sentence alone."""
        assert self.model is not None
        self.model.featurizer.use_cache(self.cache)
        docs = [Doc(s.article_id, base_language(s.language), [s.text]) for s in sentences]
        return predict_proba(self.model, docs)[0]

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]:
        """Hits on the top evidence sentences of every label decided for an article."""
        docs, proba, thresholds, decided = self._decided(sentences, codebook)
        if not docs:
            return []
        assert self.model is not None
        tree = self.model.tree
        col = {lab: j for j, lab in enumerate(self.model.labels)}
        scores = rescale(proba, thresholds)
        per_sentence = self.sentence_proba(sentences)
        rows: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            rows[s.article_id].append(i)
        parent_of_other = {child: top for top, child in tree.other_child.items()}
        hits: list[Hit] = []
        for i, doc in enumerate(docs):
            for label in sorted(decided[i] - ({tree.other} if tree.other else set())):
                source = parent_of_other.get(label, label)
                if source not in col:
                    continue
                j = col[source]
                hits.extend(
                    self._evidence(
                        sentences,
                        rows[doc.article_id],
                        per_sentence[:, j],
                        label,
                        float(scores[i, j]),
                    )
                )
        hits.sort(key=lambda h: (h.article_id, h.sentence_index, h.narrative))
        self.cache.flush()
        return hits

    def _evidence(
        self,
        sentences: Sequence[Sentence],
        rows: list[int],
        column: np.ndarray,
        label: str,
        score: float,
    ) -> list[Hit]:
        ranked = sorted(rows, key=lambda i: (-column[i], sentences[i].index))[: self.evidence]
        return [
            Hit(s.article_id, s.index, s.start, s.end, label, self.name, round(score, 4), s.text)
            for s in (sentences[i] for i in ranked)
        ]

    def model_info(self) -> dict[str, Any]:
        """What a run manifest records about this detector."""
        manifest = self.model.manifest if self.model is not None else {}
        keys = ("codebook_id", "codebook_hash", "training_data_hash", "created_at", "encoders")
        return {
            "path": self.path,
            **{k: manifest.get(k) for k in keys},
            "labels": len(self.model.labels) if self.model is not None else 0,
            "training_articles": list(manifest.get("training_articles", [])),
        }


register_detector("supervised")(SupervisedDetector)


def manifest_for(
    model: TrainedModel,
    codebook: Codebook,
    docs: Sequence[Doc],
    labels: Sequence[set[str]],
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    """The manifest of a freshly trained model."""
    from narrascope.version import narrascope_version

    return {
        "narrascope_version": narrascope_version(),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "codebook_id": codebook.id,
        "codebook_hash": codebook.version,
        "feature_config": asdict(model.featurizer.config),
        "encoders": dict(model.featurizer.encoders),
        "training_data_hash": training_data_hash(docs, labels),
        "n_documents": len(docs),
        "languages": dict(Counter(d.language for d in docs)),
        **model.manifest,
        "label_tree": model.tree.to_dict(),
        "thresholds": {
            key: {
                language: dict(zip(head.labels, map(float, values), strict=True))
                for language, values in head.thresholds.items()
            }
            for key, head in model.heads.items()
        },
        "calibration": {
            key: {language: c.to_dict() for language, c in head.calibration.items()}
            for key, head in model.heads.items()
            if head.calibration
        },
        "at_least_one": {
            key: dict(head.at_least_one) for key, head in model.heads.items() if head.at_least_one
        },
        **extra,
    }
