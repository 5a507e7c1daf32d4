"""Sentence segmentation (exact offsets, EN + RU rules) and text normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.text import normalize_text, segment, sentence_spans, split_sentences

# Text built from pieces that exercise the rules: abbreviations, initials, quotes, dashes,
# ellipses, numbers, paragraph and line breaks, plus arbitrary characters.
_PIECES = st.sampled_from(
    [
        "Mr.", "U.S.", "Dec.", "г.", "т.е.", "им.", "В.В.", "Путин", "Lavrov", "said",
        "сказал", "talks", "5", "2018", ".", "!", "?", "...", "…", "«", "»", "“", "”", '"',
        "(", ")", "—", "-", ",", ":", " ", " ", " ", "\n", "\n\n", "\t", "1.", "a",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=200))


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip(), "a span starts or ends with whitespace"
        previous_end = end
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not missing, f"non-space characters outside every span: {missing[:5]}"


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_spans_are_exact_ordered_disjoint_and_cover_all_visible_text(text: str) -> None:
    _check_spans(text, sentence_spans(text))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_segment_records_match_their_text(text: str) -> None:
    for index, sentence in enumerate(segment("a1", text, "en")):
        assert sentence.index == index
        assert text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.integers(min_value=20, max_value=60))
def test_long_runs_are_capped(text: str, max_chars: int) -> None:
    spans = sentence_spans(text, max_chars=max_chars)
    _check_spans(text, spans)
    assert all(end - start <= max_chars for start, end in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Embassy in Moscow said so. It gave no details.",
            ["The U.S. Embassy in Moscow said so.", "It gave no details."],
        ),
        (
            "Mr. Lavrov met Dr. Chen on Dec. 5 in Geneva. Talks went on.",
            ["Mr. Lavrov met Dr. Chen on Dec. 5 in Geneva.", "Talks went on."],
        ),
        (
            "В 2018 г. Россия и Индия подписали соглашение. Оно вступило в силу.",
            ["В 2018 г. Россия и Индия подписали соглашение.", "Оно вступило в силу."],
        ),
        (
            "Партнёры, т.е. Индия и Китай, согласились. Переговоры продолжатся.",
            ["Партнёры, т.е. Индия и Китай, согласились.", "Переговоры продолжатся."],
        ),
        (
            "Он выступил в МГУ им. Ломоносова. Зал был полон.",
            ["Он выступил в МГУ им. Ломоносова.", "Зал был полон."],
        ),
        (
            "Об этом заявил В.В. Путин. Кремль подтвердил.",
            ["Об этом заявил В.В. Путин.", "Кремль подтвердил."],
        ),
        (
            "“We will not accept this.” The minister left. He was angry.",
            ["“We will not accept this.”", "The minister left.", "He was angry."],
        ),
        (
            "«Мы готовы к диалогу», — сказал министр. «Но не к ультиматумам.» Он ушёл.",
            ["«Мы готовы к диалогу», — сказал министр.", "«Но не к ультиматумам.»", "Он ушёл."],
        ),
        (
            "Он ответил: — Нет. — И вышел из зала.",
            ["Он ответил: — Нет.", "— И вышел из зала."],
        ),
        (
            "Talks stalled... Then the envoy spoke. Really? Yes!",
            ["Talks stalled...", "Then the envoy spoke.", "Really?", "Yes!"],
        ),
        (
            "The agenda:\n1. Trade with India.\n2. Energy.\n- Shipping routes\n- Grain",
            ["The agenda:", "1. Trade with India.", "2. Energy.", "- Shipping routes", "- Grain"],
        ),
        (
            "The score was 5. Then it was 6.",
            ["The score was 5.", "Then it was 6."],
        ),
        (
            "A hard-wrapped line that goes on\nin lower case is one sentence.\n\nNew paragraph.",
            ["A hard-wrapped line that goes on\nin lower case is one sentence.", "New paragraph."],
        ),
        (
            "Prices rose 2.5 percent, e.g. in Moscow. Officials (i.e. the ministry) agreed.",
            ["Prices rose 2.5 percent, e.g. in Moscow.", "Officials (i.e. the ministry) agreed."],
        ),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_normalize_text_unifies_spaces_newlines_and_controls() -> None:
    raw = "  Moscow\u00a0format\r\n\r\n\r\n\tTalks\u200b  went\x00 on  \n"
    assert normalize_text(raw) == "Moscow format\n\nTalks went on"


def test_normalize_text_composes_unicode() -> None:
    assert normalize_text("e\u0301te\u0301") == "\u00e9t\u00e9"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
