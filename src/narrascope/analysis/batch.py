"""The one pure function that does the per-article work: :func:`analyze_batch`.

Sentences in; hits, article labels (:mod:`narrascope.detect.labels`), mentions and quotes out.
Every engine (local, processes, Dask) maps this function; nothing else runs per-article work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from narrascope.actors.stance import assign_stances
from narrascope.detect.labels import aggregate_labels
from narrascope.records import Article, ArticleLabel, Hit, Mention, Quote, Sentence
from narrascope.text import segment
from narrascope.types import Detector, MentionExtractor, QuoteAttributor

if TYPE_CHECKING:
    from narrascope.codebook import Codebook

__all__ = ["BatchResult", "analyze_batch"]


@dataclass
class BatchResult:
    """Everything :func:`analyze_batch` found in one batch of articles."""

    sentences: list[Sentence] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    labels: list[ArticleLabel] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    skipped_languages: dict[str, int] = field(default_factory=dict)


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
    detectors: Sequence[Detector],
    *,
    sentences: Sequence[Sentence] | None = None,
    actors: MentionExtractor | None = None,
    quotes: QuoteAttributor | None = None,
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
    result: BatchResult,
    articles: Sequence[Article],
    actors: MentionExtractor,
    quotes: QuoteAttributor | None,
) -> None:
    """Mentions and quotes; NER runs only on quote-candidate and evidence sentences. With
    quotes, every hit gets its stance (:func:`narrascope.actors.stance.assign_stances`)."""
    by_article: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in result.sentences:
        by_article[sentence.article_id].append(sentence)
    hits_of: dict[str, list[Hit]] = defaultdict(list)
    for hit in result.hits:
        hits_of[hit.article_id].append(hit)
    for article in articles:
        sents = by_article.get(article.id, [])
        needed = {h.sentence_index for h in hits_of.get(article.id, [])}
        if quotes is not None:
            needed |= quotes.candidate_sentences(article, sents)
        mentions = actors.extract(article, sents, only_sentences=needed)
        result.mentions.extend(mentions)
        if quotes is not None:
            found = quotes.extract(article, sents, mentions)
            result.quotes.extend(found)
            if article.id in hits_of:
                hits_of[article.id] = assign_stances(
                    hits_of[article.id], sents, found, article.language
                )
    if quotes is not None:
        result.hits = [h for article_id in hits_of for h in hits_of[article_id]]
        result.hits.sort(key=lambda h: (h.article_id, h.sentence_index, h.char_start, h.narrative))
