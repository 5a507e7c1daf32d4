"""Sentence segmentation (exact offsets, EN + RU rules) and text normalisation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.text import normalize_text, segment, sentence_spans, split_sentences
from narrascope.text.segment import _MONTH_ABBREVIATIONS, _NON_TERMINAL, _UNITS_RU

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


# A slow, token-by-token restatement of the segmentation rules (see the module docstring of
# narrascope.text), used as the reference for the optimised regex segmenter. Only the
# abbreviation lists are shared with the implementation.
_REF_BREAK_RE = re.compile(r"\n[ \t]*\n\s*|\n(?![ \t]*[a-zа-яё,;:])")
_REF_TOKEN_RE = re.compile(r"\S+")
_REF_INITIALS_RE = re.compile(r"(?:[A-ZА-ЯЁ]\.)+")
_REF_CLOSING = "\"'»”’)]*_"  # markdown's closing ** and __ too
_REF_OPENING = "\"'«“„‘(["
_REF_SENTENCE_OPENERS = "\"'«“„‘([—–-*_"


def _ref_ends_sentence(token: str, following: str, first_in_block: bool) -> bool:
    """Whether ``token`` ends a sentence when the next token in its block is ``following``."""
    nxt = following[:1]
    body = token.rstrip(_REF_CLOSING)
    word = body.rstrip(".!?…")
    if word == body:  # no . ! ? … before the closing quotes and brackets
        return False
    if not (nxt.isupper() or nxt.isdigit() or nxt in _REF_SENTENCE_OPENERS):
        return False
    if nxt in "*_" and not following.strip("*_"):
        return False  # markdown marks alone open no sentence
    punct = token[len(word) :]
    if punct[0] != "." or punct.startswith("..."):
        return True
    bare = word.lstrip(_REF_OPENING)
    key = bare.lower().rstrip(".")
    if key in _UNITS_RU and nxt.isalpha():
        return True  # "руб." before a capital letter ends an amount's sentence
    if key in _NON_TERMINAL or _REF_INITIALS_RE.fullmatch(bare + "."):
        return False  # an abbreviation or initials
    is_marker = bare.isdigit() or (len(bare) == 1 and bare.isalpha())
    if punct == "." and first_in_block and bare == word and is_marker:
        return False  # "1." or "a." opening a list item
    return not (key in _MONTH_ABBREVIATIONS and nxt.isdigit())  # "Dec. 5"


def _reference_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (no length cap), computed token by token."""
    spans = []
    block_start = 0
    for brk in [*_REF_BREAK_RE.finditer(text), None]:
        block_end = brk.start() if brk else len(text)
        tokens = [m.span() for m in _REF_TOKEN_RE.finditer(text, block_start, block_end)]
        cut = None
        for i, (start, end) in enumerate(tokens):
            cut = start if cut is None else cut
            nxt = text[tokens[i + 1][0] : tokens[i + 1][1]] if i + 1 < len(tokens) else ""
            if nxt and _ref_ends_sentence(text[start:end], nxt, first_in_block=i == 0):
                spans.append((cut, end))
                cut = None
        if cut is not None:
            spans.append((cut, tokens[-1][1]))
        block_start = brk.end() if brk else len(text)
    return spans


# Characters and pieces around which the rules turn: all sentence-ending punctuation, quotes,
# brackets, dashes, abbreviations, initials, months, list markers at line starts, unusual
# spaces (no-break, line separator), letters with odd case mappings and a soft hyphen.
_TRICKY_ALPHABET = (
    ".!?…«»“”„‘’\"'()[]—–-,;: \n\t0123456789abcxyzABCXYZабвгдеёяАБВГДЕЁЯ"
    "\u00a0\u2028\u0085\x0b\u3000\u00ad²ǅǄİKſß"
)
_TRICKY_PIECES = st.sampled_from(
    [
        "U.S.", "г.", "т.е.", "В.В.", "Н.А.", "Dec.", "Dec", "Mr.", "MR.", "Mrs.", "Dr.", "Gen.",
        "e.g.", "i.e.", "approx.", "prof.", "Sept.", "сент.", "янв.", "им.", "г-н.", "Lavrov",
        "said", "talks", "Путин", "сказал", "соглашение", "ina", "x.", "A.", "a.", "1.", "12.",
        "2018.", "(1.", "«1.", "\n1. ", "\na. ", "\n\n1. ", "\n  2. ", "\n", "\n\n", "\n \n",
        " ", " ", "  ", "\t", ". ", "... ", "…", "?!", ".»", ".”", ".)", "».", "!", "?", "«",
        "“", "—", "- ", "5", "2.5", "\u00a0", "\u2028", "руб.",
    ]
)  # fmt: skip
TRICKY_TEXTS = st.one_of(
    st.text(alphabet=_TRICKY_ALPHABET, max_size=80),
    st.lists(_TRICKY_PIECES, max_size=40).map("".join),
    st.lists(
        st.one_of(_TRICKY_PIECES, st.text(alphabet=_TRICKY_ALPHABET, max_size=3)), max_size=40
    ).map("".join),
    TEXTS,
)


@settings(max_examples=1000, deadline=None)
@given(TRICKY_TEXTS)
def test_sentence_spans_match_the_token_by_token_reference(text: str) -> None:
    assert sentence_spans(text) == _reference_spans(text)


@pytest.mark.parametrize(
    "template", ["Talks ended. {}x", "No 5. {}x", "He met Mr. {}x", "Talks ended.» {}"]
)
def test_any_next_character_is_judged_like_the_reference(template: str) -> None:
    # Latin, Cyrillic, general punctuation (quotes, dashes, unusual spaces) and a few more.
    chars = [chr(cp) for cp in range(0x2100)] + ["\u3000", "\ufeff", "𝐀", "𝟓", "🙂"]
    for char in chars:
        text = template.format(char)
        assert sentence_spans(text) == _reference_spans(text), repr(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a no-break space before "Mr." is whitespace too
            "He met\u00a0Mr. Lavrov. Talks ended.",
            ["He met\u00a0Mr. Lavrov.", "Talks ended."],
        ),
        ("Wait... Mr... Smith left.", ["Wait...", "Mr...", "Smith left."]),
        (
            "She met a prof. Smith agreed. Talks went on.",
            ["She met a prof. Smith agreed.", "Talks went on."],
        ),
        ("MR. SMITH SPOKE. THEN HE LEFT.", ["MR. SMITH SPOKE.", "THEN HE LEFT."]),
        ("It ended on Dec. 5. Dec. The end.", ["It ended on Dec. 5.", "Dec.", "The end."]),
        (
            "(1. Not a list) Next.\n1. A list item.\n«2. Quoted.» Yes.",
            ["(1.", "Not a list) Next.", "1. A list item.", "«2.", "Quoted.»", "Yes."],
        ),
        ("Он ушёл.\u2028Она осталась.", ["Он ушёл.", "Она осталась."]),
        (
            "Really? Mr. Smith said «Yes!» Then left…  He did.",
            ["Really?", "Mr. Smith said «Yes!»", "Then left…", "He did."],
        ),
        (
            "Talks ended.\nthey resumed. Then stopped.",
            ["Talks ended.\nthey resumed.", "Then stopped."],
        ),
        (
            "Talks ended. 5 ships left. «Да», — сказал он.",
            ["Talks ended.", "5 ships left.", "«Да», — сказал он."],
        ),
        ("Он приехал в 2018 г. В. Путин.", ["Он приехал в 2018 г. В. Путин."]),
        (  # a unit after an amount ends its sentence; «долл. США» goes on
            "Она отдала 3 млн руб. Звонившие ушли. Ущерб 5 тыс. долл. США.",
            ["Она отдала 3 млн руб.", "Звонившие ушли.", "Ущерб 5 тыс. долл. США."],
        ),
        # each of … ! ? as the only sentence end other than the full stop
        ("Talks stalled… Then Mr. Li spoke.", ["Talks stalled…", "Then Mr. Li spoke."]),
        ("Talks stalled! Then Mr. Li spoke.", ["Talks stalled!", "Then Mr. Li spoke."]),
        ("Talks stalled? Then Mr. Li spoke.", ["Talks stalled?", "Then Mr. Li spoke."]),
    ],
)
def test_sentence_rules_tricky_cases(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert sentence_spans(text) == _reference_spans(text)


def test_sentences_from_stored_spans_equal_segmenting_again() -> None:
    from tests.conftest import make_article

    from narrascope.text import sentences_from_spans

    article = make_article("Talks resumed. «Мы готовы», — сказал он. The U.S. stayed away.")
    expected = segment(article.id, article.text, article.language)
    spans = ([s.start for s in expected], [s.end for s in expected])
    assert sentences_from_spans([article], [spans]) == expected
    assert sentences_from_spans([article], [([], [])]) == []


@pytest.mark.parametrize("title", ["Rev.", "Cpl.", "Supt.", "Lt. Col."])
def test_an_english_title_abbreviation_does_not_end_the_sentence(title: str) -> None:
    text = f"The service was led by {title} Jesse Brown on Sunday. He spoke for an hour."
    assert split_sentences(text, "en") == [
        f"The service was led by {title} Jesse Brown on Sunday.",
        "He spoke for an hour.",
    ]


def test_markdown_bold_and_italics_close_and_open_sentences() -> None:
    text = "**Роспотребнадзор опроверг.**   Ситуация контролируемая. __Читать нас.__ Текст."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "**Роспотребнадзор опроверг.**",
        "Ситуация контролируемая.",
        "__Читать нас.__",
        "Текст.",
    ]


def test_a_closing_markdown_mark_alone_is_no_sentence() -> None:
    text = "**Модель предложила полёт на Марс. **\n\nОна уверена в успехе."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "**Модель предложила полёт на Марс. **",
        "Она уверена в успехе.",
    ]
