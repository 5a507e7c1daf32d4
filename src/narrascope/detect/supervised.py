"""The supervised detector: a scikit-learn model trained on article-level gold labels.

Features of a document (its sentences): TF-IDF word n-grams and character n-grams of its text,
plus its sentence embeddings pooled by mean and by max (one block per language: English
all-MiniLM-L6-v2, Russian navec, zeros for other languages). The model is one-vs-rest logistic
regression with ``class_weight="balanced"``, one binary classifier per label; labels are
hierarchical (a sub-narrative's articles also count for its parent), so coarse and fine labels
are learned together. A label is predicted when its probability reaches 0.5.

Evidence: for each predicted label the model is applied to every sentence of the article on its
own, and the ``evidence`` sentences with the highest probability for that label become hits
(whole sentence; score = the article-level probability, so the article label's score is the
model's).

Artifacts (``narrascope train``) are directories with ``model.joblib`` and ``manifest.json``
(codebook id and hash, feature configuration, training-data hash, labels, CV metrics,
narrascope version). Loading a model refuses a different codebook (:class:`ModelError` with both
hashes). ``model.joblib`` is a pickle: load only models you trust.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.detect._base import register_detector
from narrascope.detect._vectors import VectorCache, encoder_for, require
from narrascope.errors import DataError, ModelError
from narrascope.records import Hit, Sentence
from narrascope.text.tokens import base_language

if TYPE_CHECKING:
    from narrascope.codebook import Codebook

__all__ = ["FeatureConfig", "SupervisedDetector", "load_model", "training_data_hash"]

MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
EMBED_LANGUAGES = ("en", "ru")
THRESHOLD = 0.5


@dataclass(frozen=True)
class FeatureConfig:
    """How documents become features (stored in the manifest)."""

    embeddings: bool = True
    model_en: str = "packaged"
    model_ru: str = "navec"
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    max_features: int = 50_000
    c: float = 4.0


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


class _Featurizer:
    """TF-IDF word and char n-grams plus pooled sentence embeddings; picklable."""

    def __init__(self, config: FeatureConfig) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.config = config
        self.words = TfidfVectorizer(
            ngram_range=config.word_ngrams, max_features=config.max_features, sublinear_tf=True
        )
        self.chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=config.char_ngrams,
            max_features=config.max_features,
            sublinear_tf=True,
        )
        self.dims: dict[str, int] = {}
        self._cache: VectorCache | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cache"] = None
        return state

    def use_cache(self, cache: VectorCache) -> None:
        self._cache = cache

    def _encoder(self, language: str) -> Any:
        spec = self.config.model_en if language == "en" else self.config.model_ru
        return encoder_for(language, spec)

    def _vectors(self, texts: list[str], language: str) -> np.ndarray:
        if self._cache is None:
            self._cache = VectorCache()
        return self._cache.vectors(self._encoder(language), texts)

    def fit(self, docs: Sequence[Doc]) -> _Featurizer:
        texts = ["\n".join(d.sentences) for d in docs]
        self.words.fit(texts)
        self.chars.fit(texts)
        if self.config.embeddings:
            for language in EMBED_LANGUAGES:
                self.dims[language] = int(self._vectors(["probe"], language).shape[1])
        return self

    def _pooled(self, docs: Sequence[Doc]) -> np.ndarray:
        width = sum(2 * d for d in self.dims.values())
        out = np.zeros((len(docs), width), dtype=np.float32)
        offset = 0
        for language, dim in self.dims.items():
            rows = [i for i, d in enumerate(docs) if d.language == language and d.sentences]
            texts = [t for i in rows for t in docs[i].sentences]
            if rows:
                vectors = self._vectors(texts, language)
                start = 0
                for i in rows:
                    block = vectors[start : start + len(docs[i].sentences)]
                    start += len(docs[i].sentences)
                    out[i, offset : offset + dim] = block.mean(axis=0)
                    out[i, offset + dim : offset + 2 * dim] = block.max(axis=0)
            offset += 2 * dim
        return out

    def transform(self, docs: Sequence[Doc]) -> Any:
        from scipy import sparse

        texts = ["\n".join(d.sentences) for d in docs]
        blocks = [self.words.transform(texts), self.chars.transform(texts)]
        if self.dims:
            blocks.append(sparse.csr_matrix(self._pooled(docs)))
        return sparse.hstack(blocks, format="csr")


@dataclass
class TrainedModel:
    """What ``model.joblib`` holds."""

    featurizer: _Featurizer
    classifier: Any
    labels: list[str]
    manifest: dict[str, Any] = field(default_factory=dict)


def _classifier(config: FeatureConfig) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    base = LogisticRegression(
        C=config.c, class_weight="balanced", max_iter=2000, solver="liblinear"
    )
    return OneVsRestClassifier(base)


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


def fit_model(
    docs: Sequence[Doc],
    labels: Sequence[Collection[str]],
    config: FeatureConfig,
    *,
    min_examples: int = 3,
    drop_rare: bool = False,
    cache: VectorCache | None = None,
) -> TrainedModel:
    """Fit the featurizer and the one-vs-rest classifier on documents and label sets."""
    require("sklearn", "scikit-learn")
    kept, dropped = check_counts(labels, min_examples, drop_rare)
    featurizer = _Featurizer(config)
    if cache is not None:
        featurizer.use_cache(cache)
    x = featurizer.fit(docs).transform(docs)
    y = np.array([[lab in labs for lab in kept] for labs in labels], dtype=int)
    classifier = _classifier(config).fit(x, y)
    manifest = {
        "labels": kept,
        "dropped_labels": dropped,
        "label_counts": {lab: int(y[:, j].sum()) for j, lab in enumerate(kept)},
    }
    return TrainedModel(featurizer, classifier, kept, manifest)


def predict_proba(model: TrainedModel, docs: Sequence[Doc]) -> np.ndarray:
    """(documents x labels) probabilities."""
    if not docs:
        return np.zeros((0, len(model.labels)))
    proba = np.asarray(
        model.classifier.predict_proba(model.featurizer.transform(docs)), dtype=float
    )
    if len(model.labels) == 1 and proba.shape[1] == 2:  # one label: scikit-learn goes binary
        proba = proba[:, 1:]
    return proba.reshape(len(docs), len(model.labels))


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
    if not isinstance(model, TrainedModel):
        raise ModelError("not a narrascope supervised model", path=path)
    manifest_path = directory / MANIFEST_FILE
    if manifest_path.is_file():
        model.manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return model


class SupervisedDetector:
    """Article-level classifier with sentence evidence (see the module docstring).

    Args:
        model: a model directory from ``narrascope train`` (None: train with :meth:`fit`).
        evidence: evidence sentences emitted per predicted label.
        min_examples: fewest positive articles per label when fitting.
        config: feature configuration when fitting (default :class:`FeatureConfig`).
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
    ) -> None:
        require("sklearn", "scikit-learn")
        self.path = str(model) if model is not None else None
        self.evidence = evidence
        self.min_examples = min_examples
        self.config = config or FeatureConfig()
        self.cache = VectorCache()
        self.model: TrainedModel | None = load_model(model) if model is not None else None
        if self.model is not None:
            self.model.featurizer.use_cache(self.cache)

    # -- training --------------------------------------------------------------------------
    def fit(
        self,
        sentences: Sequence[Sentence],
        labels: Sequence[Collection[str]],
        article_labels: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        """Train on articles: an article's labels are ``article_labels[id]`` when given, else
        the union of its sentences' labels. Labels too rare to learn are dropped."""
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
            min_examples=self.min_examples,
            drop_rare=True,
            cache=self.cache,
        )

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
        return self.model

    def article_scores(
        self, sentences: Sequence[Sentence], codebook: Codebook
    ) -> dict[str, dict[str, float]]:
        """``article_id -> {label: probability}`` for every article in ``sentences``."""
        model = self._checked(codebook)
        docs = docs_from_sentences(sentences)
        proba = predict_proba(model, docs)
        known = set(codebook.ids)
        return {
            d.article_id: {
                lab: float(proba[i, j]) for j, lab in enumerate(model.labels) if lab in known
            }
            for i, d in enumerate(docs)
        }

    def sentence_proba(self, sentences: Sequence[Sentence]) -> np.ndarray:
        """(sentences x labels) probabilities of the model applied to each sentence alone."""
        assert self.model is not None
        docs = [Doc(s.article_id, base_language(s.language), [s.text]) for s in sentences]
        return predict_proba(self.model, docs)

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]:
        """Hits on the top evidence sentences of every label predicted for an article."""
        scores = self.article_scores(sentences, codebook)
        if not scores:
            return []
        assert self.model is not None
        col = {lab: j for j, lab in enumerate(self.model.labels)}
        per_sentence = self.sentence_proba(sentences)
        rows: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(sentences):
            rows[s.article_id].append(i)
        hits: list[Hit] = []
        for aid, labels in scores.items():
            for label, prob in labels.items():
                if prob >= THRESHOLD:
                    hits.extend(
                        self._evidence(
                            sentences, rows[aid], per_sentence[:, col[label]], label, prob
                        )
                    )
        hits.sort(key=lambda h: (h.article_id, h.sentence_index, h.narrative))
        return hits

    def _evidence(
        self,
        sentences: Sequence[Sentence],
        rows: list[int],
        column: np.ndarray,
        label: str,
        prob: float,
    ) -> list[Hit]:
        ranked = sorted(rows, key=lambda i: (-column[i], sentences[i].index))[: self.evidence]
        return [
            Hit(s.article_id, s.index, s.start, s.end, label, self.name, round(prob, 4), s.text)
            for s in (sentences[i] for i in ranked)
        ]

    def model_info(self) -> dict[str, Any]:
        """What a run manifest records about this detector."""
        manifest = self.model.manifest if self.model is not None else {}
        keys = ("codebook_id", "codebook_hash", "training_data_hash", "created_at")
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
        "training_data_hash": training_data_hash(docs, labels),
        "n_documents": len(docs),
        **model.manifest,
        **extra,
    }
