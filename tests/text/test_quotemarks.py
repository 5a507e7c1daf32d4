"""Quotation-mark pairing of text exported as a quoted CSV field (SemEval's articles)."""

from __future__ import annotations

import re

from narrascope.text.quotemarks import quote_pairs


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def quoted(text: str) -> list[str]:
    return [text[p.open + 1 : p.close] for p in quote_pairs(text, paragraphs(text))]


def test_csv_field_marks_are_not_a_quotation() -> None:
    text = 'Заголовок\n\n"Он ответил: ""Нет"". Потом ушёл.\n\nИ добавил: ""Да"", — и всё."\n'
    assert quoted(text) == ["Нет", "Да"]


def test_csv_field_without_inner_quotes_keeps_its_marks() -> None:
    text = 'Заголовок\n\n"Мы готовы к переговорам", — сказал он."\n'
    assert quoted(text) == ["Мы готовы к переговорам"]


def test_quotes_not_all_doubled_are_read_as_written() -> None:
    text = '"Мы за мир", — сказал он. И добавил: "И за ""диалог"""'
    assert quoted(text)[0] == "Мы за мир"


def test_run_on_quotation_mixes_english_marks_and_spans_open_paragraphs() -> None:
    text = (
        'She told reporters: "We have no plan.\n'
        '"The banks can lock a card.\n'
        "“But you cannot change your blood type.\n"
        "“Fixing it would be very difficult.”\n"
        "Others disagreed."
    )
    pairs = quote_pairs(text, paragraphs(text))
    assert [text[p.open + 1 : p.close] for p in pairs] == [
        "We have no plan.",
        "The banks can lock a card.",
        "But you cannot change your blood type.",
        "Fixing it would be very difficult.",
    ]
    assert len({p.group for p in pairs}) == 1
    assert [p.closed for p in pairs] == [False, False, False, True]


def test_run_on_quotation_needs_the_same_kind_of_mark() -> None:
    text = '"Вероятность дефолта оценил эксперт.\n«Денег нет», — сказал он.'
    pairs = quote_pairs(text, paragraphs(text))
    assert [text[p.open + 1 : p.close] for p in pairs] == ["Денег нет"]


def test_run_on_quotation_goes_past_a_short_inserted_line() -> None:
    text = (
        "She added: “It was a shock event.\n"
        "Most read in Tech\n"
        "“But the real disruption is going to be a cyberattack.”\n"
        "He said: “We will win.\n"
        "The vote is on Friday.\n"
        "“Nobody doubts it.”"
    )
    pairs = quote_pairs(text, paragraphs(text))
    groups = {text[p.open + 1 : p.close]: p.group for p in pairs}
    assert (
        groups["It was a shock event."]
        == groups["But the real disruption is going to be a cyberattack."]
    )
    assert "We will win." not in groups  # a sentence between is no inserted line: left open


def test_straight_mark_closes_an_open_curly_one() -> None:
    text = (
        "Orlov said: “We were volunteers.\n"
        '“Recently we got separate status. Now we belong to no battalion."\n'
        '“It is fake," she added. He called it "junk" and left.'
    )
    assert quoted(text) == [
        "We were volunteers.",
        "Recently we got separate status. Now we belong to no battalion.",
        "It is fake,",
        "junk",
    ]
