"""Quotes of Russian sentences we wrote, with given names standing in for NER: shared by the
Russian attribution tests."""

from __future__ import annotations

import re

from tests.conftest import make_article

from narrascope.actors.quotes import QuoteExtractor
from narrascope.records import Mention, Quote
from narrascope.text import segment


def quotes_with_names(text: str, names: dict[str, str] | None = None) -> list[Quote]:
    """Quotes of ``text``; ``names`` stand in for NER (surface -> type), registry otherwise."""
    article = make_article(text, language="ru")
    sentences = segment(article.id, text, "ru")
    mentions = None
    if names:
        mentions = []
        for surface, kind in names.items():
            for start in occurrences(text, surface):
                index = max(s.index for s in sentences if s.start <= start)
                end = start + len(surface)
                mentions.append(Mention(article.id, index, start, end, surface, kind))
    return QuoteExtractor(syntax=()).extract(article, sentences, mentions)


def occurrences(text: str, surface: str) -> list[int]:
    """Where ``surface`` stands in ``text`` as a whole word, as NER would tag each."""
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]


def brief(found: list[Quote]) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in found]
