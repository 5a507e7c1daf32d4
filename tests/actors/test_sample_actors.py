"""The bundled sample corpus through NER and quotes: one actor per person or place, and no
listener or verb phrase as a speaker (issue 15 targets; models run, so marked slow)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

import pytest

from narrascope.actors import extractors
from narrascope.actors.merge import loose_latin
from narrascope.actors.speakers import LISTENERS, NP_STOP
from narrascope.records import Article, Mention, Quote
from narrascope.sample import sample_path
from narrascope.text import segment

VERBISH = {"did", "does", "not", "are", "is", "was", "were", "has", "have", "had", "не", "и"}


def _run() -> tuple[list[Mention], list[Quote]]:
    actors, quotes = extractors()
    mentions: list[Mention] = []
    found: list[Quote] = []
    lines = sample_path("articles.jsonl").read_text(encoding="utf-8").splitlines()
    for k, row in enumerate(json.loads(line) for line in lines if line):
        published = datetime.fromisoformat(row["published_at"]) if row.get("published_at") else None
        article = Article(
            f"s{k}",
            None,
            row.get("outlet"),
            row["language"],
            published,
            None,
            row["text"],
            None,
            "",
            datetime.now().astimezone(),
            "test",
        )
        sentences = segment(article.id, article.text, article.language)
        only = quotes.candidate_sentences(article, sentences)
        these = actors.extract(article, sentences, only_sentences=only)
        mentions += these
        found += quotes.extract(article, sentences, these)
    return mentions, found


@pytest.fixture(scope="module")
def sample() -> tuple[list[Mention], list[Quote]]:
    return _run()


@pytest.mark.slow
def test_one_person_or_place_is_one_actor(sample: tuple[list[Mention], list[Quote]]) -> None:
    mentions, quotes = sample
    keys: dict[str, set[str]] = defaultdict(set)  # loose surname or place -> actor keys
    for m in mentions:
        if m.ner_type in ("PER", "LOC") and m.actor_key:
            words = m.text.split()
            if m.ner_type == "PER" and len(words) > 1 and not m.text.isupper():
                keys[loose_latin(words[-1])].add(m.actor_key.split(".")[0])
    for q in quotes:
        if q.actor_key and q.actor_key.startswith("~") and "." in q.actor_key:
            keys[q.actor_key[1:].split(".")[0]].add(q.actor_key.split(".")[0])
    doubled = {k: v for k, v in keys.items() if len(v) > 1}
    assert not doubled
    assert len({m.actor_key for m in mentions if m.text in ("Moscow", "Москве", "Москва")}) == 1


@pytest.mark.slow
def test_no_listener_or_verb_phrase_is_a_speaker(sample: tuple[list[Mention], list[Quote]]) -> None:
    _mentions, quotes = sample
    assert quotes
    for q in quotes:
        words = q.speaker.lower().split()
        assert words[-1] not in NP_STOP | VERBISH, q
        assert not set(words) & VERBISH, q
        assert q.speaker not in LISTENERS, q
