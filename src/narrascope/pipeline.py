"""The analysis pipeline.

:func:`analyze_batch` is the one pure function that does the per-article work: sentences in,
hits, article labels, mentions and quotes out. The local runner (:func:`analyze`) feeds it from
the store in batches; the Dask runner maps the same function over Parquet partitions.

Article-label rule (documented in the README): an article carries narrative *N* for detector
*D* when *D* emitted at least one hit for *N* or for any sub-narrative of *N* in one of its
sentences. Detectors emit a hit only above their own (calibrated) threshold, so every article
label is backed by evidence sentences. The label's ``score`` is the highest hit score,
``n_hits`` the number of supporting hits and ``n_sentences`` the number of distinct sentences.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Protocol

from narrascope.errors import StoreError
from narrascope.records import Article, ArticleLabel, Hit, Mention, Quote, Sentence
from narrascope.text import segment

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store


class _Detector(Protocol):
    name: str

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]: ...


@dataclass
class BatchResult:
    """Everything :func:`analyze_batch` found in one batch of articles."""

    sentences: list[Sentence] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    labels: list[ArticleLabel] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    skipped_languages: dict[str, int] = field(default_factory=dict)


@dataclass
class RunSummary:
    """What a run of :func:`analyze` did."""

    run_id: str
    articles: int = 0
    hits: int = 0
    labels: int = 0
    mentions: int = 0
    quotes: int = 0
    skipped_languages: dict[str, int] = field(default_factory=dict)


def narrascope_version() -> str:
    """The installed narrascope version."""
    try:
        return version("narrascope")
    except PackageNotFoundError:  # pragma: no cover - source checkout without install
        return "0+unknown"


def aggregate_labels(
    hits: Iterable[Hit], codebook: Codebook, sentence_counts: dict[str, int] | None = None
) -> list[ArticleLabel]:
    """Article labels from sentence hits, propagating each hit to the narrative's ancestors."""
    groups: dict[tuple[str, str, str], list[Hit]] = defaultdict(list)
    for hit in hits:
        for narrative in (hit.narrative, *codebook.ancestors(hit.narrative)):
            groups[(hit.article_id, narrative, hit.detector)].append(hit)
    labels = []
    for (article_id, narrative, detector), group in sorted(groups.items()):
        labels.append(
            ArticleLabel(
                article_id=article_id,
                narrative=narrative,
                detector=detector,
                score=max(h.score for h in group),
                n_hits=len(group),
                n_sentences=len({h.sentence_index for h in group}),
            )
        )
    return labels


def _sentences_for(
    articles: Sequence[Article], sentences: Sequence[Sentence] | None
) -> list[Sentence]:
    if sentences is not None:
        return list(sentences)
    out: list[Sentence] = []
    for article in articles:
        out.extend(segment(article.id, article.text, article.language))
    return out


def analyze_batch(
    articles: Sequence[Article],
    codebook: Codebook,
    detectors: Sequence[_Detector],
    *,
    sentences: Sequence[Sentence] | None = None,
    actors: Any | None = None,
    quotes: Any | None = None,
) -> BatchResult:
    """Run the detectors (and optionally actor/quote extraction) over one batch. Pure.

    Args:
        articles: the batch.
        codebook: the narratives to detect.
        detectors: detector instances (see :func:`narrascope.detect.get_detector`).
        sentences: the articles' sentences if already segmented (else segmented here).
        actors: an ``ActorExtractor`` to find mentions, or None.
        quotes: a ``QuoteExtractor`` to attribute quotes (needs ``actors``), or None.

    Returns:
        A :class:`BatchResult`; articles in languages the codebook lacks are skipped and
        counted in ``skipped_languages``.
    """
    result = BatchResult(sentences=_sentences_for(articles, sentences))
    known = set(codebook.languages)
    skipped = {a.id for a in articles if a.language not in known}
    for article in articles:
        if article.id in skipped:
            result.skipped_languages[article.language] = (
                result.skipped_languages.get(article.language, 0) + 1
            )
    usable = [s for s in result.sentences if s.article_id not in skipped]
    for detector in detectors:
        result.hits.extend(detector.detect(usable, codebook))
    result.hits.sort(key=lambda h: (h.article_id, h.sentence_index, h.char_start, h.narrative))
    result.labels = aggregate_labels(result.hits, codebook)
    if actors is not None:
        _add_actors_and_quotes(result, articles, actors, quotes)
    return result


def _add_actors_and_quotes(
    result: BatchResult, articles: Sequence[Article], actors: Any, quotes: Any
) -> None:
    """Mentions and quotes; NER runs only on quote-candidate and evidence sentences."""
    by_article: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in result.sentences:
        by_article[sentence.article_id].append(sentence)
    hit_sentences: dict[str, set[int]] = defaultdict(set)
    for hit in result.hits:
        hit_sentences[hit.article_id].add(hit.sentence_index)
    for article in articles:
        sents = by_article.get(article.id, [])
        needed = set(hit_sentences.get(article.id, set()))
        if quotes is not None:
            needed |= quotes.candidate_sentences(article, sents)
        mentions = actors.extract(article, sents, only_sentences=needed)
        result.mentions.extend(mentions)
        if quotes is not None:
            result.quotes.extend(quotes.extract(article, sents, mentions))


def run_id_for(codebook: Codebook, detector_names: Sequence[str], options: dict[str, Any]) -> str:
    """A deterministic run id: the same codebook, detectors and options replace the same run."""
    key = json.dumps(
        {"codebook": codebook.version, "detectors": sorted(detector_names), "options": options},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def analyze(
    store: Store,
    codebook: Codebook,
    detectors: Sequence[_Detector],
    *,
    batch_size: int = 500,
    actors: Any | None = None,
    quotes: Any | None = None,
    options: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """The local runner: analyse every stored article in batches and write the results.

    Re-running with the same codebook version, detectors and options replaces that run.
    """
    total = store.count("articles")
    if total == 0:
        raise StoreError(
            "the store has no articles", path=store.path, hint="run `narrascope ingest` first"
        )
    names = [d.name for d in detectors]
    options = dict(options or {}, actors=actors is not None)
    summary = RunSummary(run_id_for(codebook, names, options))
    store.start_run(summary.run_id, _manifest(codebook, detectors, options))
    for articles, sentences in store.iter_articles(batch_size):
        result = analyze_batch(
            articles, codebook, detectors, sentences=sentences, actors=actors, quotes=quotes
        )
        store.write_results(
            summary.run_id, result.hits, result.labels, result.mentions, result.quotes
        )
        _accumulate(summary, result, len(articles))
        if progress:
            progress(summary.articles, total)
    store.finish_run(summary.run_id, summary.articles)
    return summary


def _accumulate(summary: RunSummary, result: BatchResult, n_articles: int) -> None:
    summary.articles += n_articles
    summary.hits += len(result.hits)
    summary.labels += len(result.labels)
    summary.mentions += len(result.mentions)
    summary.quotes += len(result.quotes)
    for lang, n in result.skipped_languages.items():
        summary.skipped_languages[lang] = summary.skipped_languages.get(lang, 0) + n


def _manifest(
    codebook: Codebook, detectors: Sequence[_Detector], options: dict[str, Any]
) -> dict[str, Any]:
    models = {d.name: getattr(d, "model_info", lambda: {})() for d in detectors}
    return {
        "narrascope_version": narrascope_version(),
        "codebook_id": codebook.id,
        "codebook_hash": codebook.version,
        "detectors": [d.name for d in detectors],
        "models": {"detectors": models, "options": options},
    }


def build_detectors(names: Sequence[str], *, model: str | None = None) -> list[Any]:
    """Detector instances by registry name; ``model`` goes to detectors that take one."""
    from narrascope.detect import get_detector

    detectors = []
    for name in names:
        options: dict[str, Any] = {}
        if model and name in ("supervised", "ensemble"):
            options["model"] = model
        detectors.append(get_detector(name, **options))
    return detectors


def actor_quote_extractors() -> tuple[Any, Any]:
    """An ``ActorExtractor`` and a ``QuoteExtractor`` sharing one actor registry.

    Raises:
        MissingExtraError: without the ``nlp`` extra (when the models are first used).
    """
    from narrascope.actors import ActorExtractor
    from narrascope.quotes import QuoteExtractor

    actors = ActorExtractor()
    return actors, QuoteExtractor(actors.registry)
