"""Stance of hits: asserted, attributed (with the speaker), rejected (EN + RU)."""

from __future__ import annotations

import pytest
from tests.conftest import make_article

from narrascope.actors.quotes import QuoteExtractor
from narrascope.actors.stance import assign_stances
from narrascope.records import Hit
from narrascope.text import segment


def _stance(text: str, cue: str, language: str = "en") -> Hit:
    """The hit on ``cue`` in ``text`` with its stance (registry-only quotes, no model)."""
    article = make_article(text, language=language)
    sentences = segment(article.id, text, language)
    start = text.index(cue)
    k = next(s.index for s in sentences if s.start <= start < s.end)
    hit = Hit(article.id, k, start, start + len(cue), "double-standards", "lexicon", 1.0, cue)
    quotes = QuoteExtractor().extract(article, sentences)
    (out,) = assign_stances([hit], sentences, quotes, language)
    return out


@pytest.mark.parametrize(
    ("text", "cue", "language"),
    [
        ("Washington applies double standards to the Taliban talks.", "double standards", "en"),
        ("Вашингтон применяет двойные стандарты в Афганистане.", "двойные стандарты", "ru"),
    ],
)
def test_the_outlets_own_voice_is_asserted(text: str, cue: str, language: str) -> None:
    hit = _stance(text, cue, language)
    assert (hit.stance, hit.speaker, hit.actor_id) == ("asserted", None, None)


@pytest.mark.parametrize(
    ("text", "cue", "language"),
    [
        ('"The West shows double standards," Lavrov said.', "double standards", "en"),
        ("Lavrov said that the West shows double standards.", "double standards", "en"),
        ("«Запад демонстрирует двойные стандарты», — заявил Лавров.", "двойные стандарты", "ru"),
        ("По словам Лаврова, Запад демонстрирует двойные стандарты.", "двойные стандарты", "ru"),
    ],
)
def test_a_quote_or_reported_speech_is_attributed_to_its_speaker(
    text: str, cue: str, language: str
) -> None:
    hit = _stance(text, cue, language)
    assert (hit.stance, hit.actor_id) == ("attributed", "lavrov")


@pytest.mark.parametrize(
    ("text", "cue", "language"),
    [
        ("Western diplomats rejected the claim of double standards.", "double standards", "en"),
        ("The ministry denied that it applies double standards.", "double standards", "en"),
        ("Talk of double standards is baseless, the embassy said.", "double standards", "en"),
        ("There are no double standards in our policy.", "double standards", "en"),
        ("The claim of double standards is false.", "double standards", "en"),
        ("Дипломаты отвергли обвинения в двойных стандартах.", "двойных стандартах", "ru"),
        ("Никаких двойных стандартов нет, это миф.", "двойных стандартов", "ru"),
        ("Москва якобы применяет двойные стандарты.", "двойные стандарты", "ru"),
    ],
)
def test_negated_denied_or_rebutted_evidence_is_rejected(
    text: str, cue: str, language: str
) -> None:
    assert _stance(text, cue, language).stance == "rejected"


def test_a_rejection_inside_a_quote_keeps_its_speaker() -> None:
    hit = _stance('"There are no double standards here," Lavrov said.', "double standards")
    assert (hit.stance, hit.actor_id) == ("rejected", "lavrov")


def test_a_rejection_word_far_after_the_evidence_does_not_count() -> None:
    text = (
        "Washington applies double standards, and the talks went on for hours "
        "before Kabul dismissed them."
    )
    assert _stance(text, "double standards").stance == "asserted"


@pytest.mark.parametrize(
    ("text", "cue", "language"),
    [
        (
            "Moscow rejected the sanctions, saying Washington applies double standards.",
            "double standards",
            "en",
        ),
        (
            "Kabul denied the report, but the West applies double standards.",
            "double standards",
            "en",
        ),
        (
            "The ministry dismissed the talks and said the US applies double standards.",
            "double standards",
            "en",
        ),
        (
            "The envoy rejected the plan; Washington applies double standards.",
            "double standards",
            "en",
        ),
        (
            "МИД отверг санкции, заявив, что Вашингтон применяет двойные стандарты.",
            "двойные стандарты",
            "ru",
        ),
        (
            "Кабул опроверг сообщения, однако Запад применяет двойные стандарты.",
            "двойные стандарты",
            "ru",
        ),
    ],
)
def test_a_rejection_in_another_clause_does_not_count(text: str, cue: str, language: str) -> None:
    assert _stance(text, cue, language).stance != "rejected"


def _whole(text: str, language: str = "en") -> str:
    """The stance of a hit whose evidence is the whole (one-sentence) text."""
    article = make_article(text, language=language)
    (sentence,) = segment(article.id, text, language)
    hit = Hit(article.id, 0, sentence.start, sentence.end, "double-standards", "embedding", 0.9)
    (out,) = assign_stances([hit], [sentence], [], language)
    return str(out.stance)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Western diplomats rejected the claim that Washington is hypocritical.", "en", "rejected"),
        ("Never has the West applied one rule to itself and another to others.", "en", "rejected"),
        ("Washington says one thing and does another in Afghanistan.", "en", "asserted"),
        (
            "Kabul rejected the plan, saying Washington says one thing and does another.",
            "en",
            "asserted",
        ),
        ("Дипломаты отвергли обвинения в лицемерии Вашингтона.", "ru", "rejected"),
        ("Вашингтон говорит одно, а делает другое.", "ru", "asserted"),
    ],
)
def test_whole_sentence_evidence_is_rejected_only_by_a_one_clause_denial(
    text: str, language: str, expected: str
) -> None:
    assert _whole(text, language) == expected
