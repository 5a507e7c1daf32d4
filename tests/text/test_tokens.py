"""Tokens and lemmas: offsets, word shapes, EN/RU lemmas, caching."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.text import tokens
from narrascope.text.tokens import Token, base_language, lemma_of, scan, tokenize


def _texts(text: str, language: str) -> list[str]:
    return [t.text for t in tokenize(text, language)]


def _lemmas(text: str, language: str) -> list[str]:
    return [t.lemma for t in tokenize(text, language)]


def test_offsets_point_into_the_string() -> None:
    text = "  The U.S.-led talks, in Moscow!  "
    for tok in tokenize(text, "en"):
        assert text[tok.start : tok.end] == tok.text


def test_dotted_abbreviations_are_one_token() -> None:
    assert _texts("The U.S. and the U.K. met, e.g. in Doha.", "en") == [
        "The", "U.S.", "and", "the", "U.K.", "met", "e.g.", "in", "Doha",
    ]  # fmt: skip
    assert "т.е." in _texts("Переговоры, т.е. встреча.", "ru")


def test_hyphens_and_apostrophes_join_words() -> None:
    assert _texts("Russia's S-400 co-operation, Moscow-format", "en") == [
        "Russia's", "S-400", "co-operation", "Moscow-format",
    ]  # fmt: skip
    assert _texts("кто-то из Нью-Дели", "ru") == ["кто-то", "из", "Нью-Дели"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ukrainian Lawn’The defence secretary", ["Ukrainian", "Lawn", "The", "defence"]),
        ("O’Brien and d’Estaing", ["O’Brien", "and", "d’Estaing"]),
    ],
)
def test_a_closing_mark_glued_to_a_capital_ends_the_word(text: str, words: list[str]) -> None:
    assert [t[2] for t in scan(text, "en")][: len(words)] == words


def test_negative_contractions_are_split() -> None:
    toks = tokenize("Washington isn't and can’t", "en")
    assert [(t.text, t.lemma) for t in toks] == [
        ("Washington", "washington"), ("is", "be"), ("n't", "not"),
        ("and", "and"), ("ca", "can"), ("n’t", "not"),
    ]  # fmt: skip


def test_english_lemmas_are_lowercase() -> None:
    assert _lemmas("Talks STANDARDS consulted Moscow", "en") == [
        "talk",
        "standard",
        "consult",
        "moscow",
    ]
    assert lemma_of("us", "en") == "we"
    assert lemma_of("US", "en") == "us"


def test_russian_lemmas_fold_yo_and_prefer_adjectives() -> None:
    assert _lemmas("двойных стандартов в Москве", "ru") == ["двойной", "стандарт", "в", "москва"]
    assert _lemmas("партнёрами ёлка", "ru") == ["партнер", "елка"]
    assert _lemmas("главного старого", "ru") == ["главный", "старый"]


def test_other_languages_get_the_lowercased_surface() -> None:
    assert _lemmas("Ça VA à Paris", "fr") == ["ça", "va", "à", "paris"]


def test_base_language() -> None:
    assert base_language("en-US") == "en"
    assert base_language("RU_ru") == "ru"
    assert base_language(" und ") == "und"
    assert lemma_of("Talks", "en-GB") == "talk"


def test_scan_tuples_match_tokens() -> None:
    text = "Россия и Индия"
    scanned = scan(text, "ru")
    assert [(s, e, w, lem) for s, e, w, _, lem in scanned] == [
        (t.start, t.end, t.text, t.lemma) for t in tokenize(text, "ru")
    ]
    assert [low for _, _, _, low, _ in scanned] == ["россия", "и", "индия"]


def test_token_is_frozen() -> None:
    tok = Token(0, 3, "War", "war")
    with pytest.raises(dataclasses.FrozenInstanceError):
        tok.lemma = "peace"  # type: ignore[misc]


def test_lemma_lookups_are_cached() -> None:
    tokenize("переговоры переговоры переговоры", "ru")
    before = tokens._analyze_ru.cache_info().hits
    tokenize("переговоры", "ru")
    assert tokens._analyze_ru.cache_info().hits == before + 1
    assert tokens._morph() is tokens._morph()


def test_empty_and_punctuation_only() -> None:
    assert tokenize("", "en") == []
    assert tokenize(" — ,.! «»", "ru") == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aZ'’-. ,ёЖж1\n")), max_size=60),
    st.sampled_from(["en", "ru", "xx"]),
)
def test_tokens_are_ordered_non_overlapping_slices(text: str, language: str) -> None:
    toks = tokenize(text, language)
    last_end = 0
    for tok in toks:
        assert text[tok.start : tok.end] == tok.text
        assert last_end <= tok.start < tok.end
        assert tok.lemma == tok.lemma.lower()
        last_end = tok.end


def test_ru_parses_are_pymorphy3_readings_cached_per_word() -> None:
    from narrascope.text.tokens import ru_parses

    readings = ru_parses("уверены")
    assert readings[0].normal_form == "уверить" and "PRTS" in readings[0].tag
    assert ru_parses("уверены") is readings  # one analysis per word form


def test_ru_known_tells_dictionary_words_from_guesses() -> None:
    from narrascope.text.tokens import ru_known

    assert ru_known("Заводчица") and ru_known("долина")
    assert not ru_known("Ильва")


def test_a_negative_clitic_reads_the_same_with_either_apostrophe() -> None:
    straight = [t[3] for t in scan("They don't agree", "en")]
    curly = [t[3] for t in scan("They don’t agree", "en")]
    assert straight == curly == ["they", "do", "n't", "agree"]
