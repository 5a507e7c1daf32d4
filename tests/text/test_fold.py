"""Folding look-alike characters (issue 16, item 26): fold(), mixed_scripts() and tokens."""

from __future__ import annotations

import pytest

from narrascope.text.fold import fold, mixed_scripts
from narrascope.text.tokens import scan


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Mоscоw", "Moscow"),  # Cyrillic о in a Latin word
        ("пpивeт", "привет"),  # Latin p, e in a Cyrillic word
        ("ТAЛИБАН", "ТАЛИБАН"),  # Latin A, upper case kept
        ("ＵＳ", "US"),  # full-width
        ("dou\u00adble", "double"),  # soft hyphen
        ("stand\u200dard\u200c", "standard"),  # zero-width joiner and non-joiner
        ("ﬁght", "fight"),  # ligature
        ("США", "США"),  # one script: left alone
        ("cop", "cop"),
        ("сор", "сор"),
        ("Moscow", "Moscow"),
    ],
)
def test_fold(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_fold_ties_follow_the_preferred_script() -> None:
    assert fold("cо") == "co" and fold("cо", prefer_cyrillic=True) == "со"


def test_mixed_scripts() -> None:
    assert mixed_scripts("Mоscоw") == ("Latin", "оо")
    assert mixed_scripts("двойнoй") == ("Cyrillic", "o")
    assert mixed_scripts("Moscow") is None and mixed_scripts("Москва") is None


@pytest.mark.parametrize(
    ("disguised", "plain", "language"),
    [
        (
            "The Mоscоw talks on dou\u00adble stand\u200dards",
            "The Moscow talks on double standards",
            "en",
        ),
        ("ＵＳ hypocrisy", "US hypocrisy", "en"),
        ("двойнoй стандapт Mocквы", "двойной стандарт Москвы", "ru"),
        ("двой\u200cных стан\u00adдартов", "двойных стандартов", "ru"),
    ],
)
def test_tokens_fold_but_keep_offsets(disguised: str, plain: str, language: str) -> None:
    folded, expected = scan(disguised, language), scan(plain, language)
    assert [t[3:] for t in folded] == [t[3:] for t in expected]  # lower and lemma
    for start, end, surface, _, _ in folded:
        assert disguised[start:end] == surface  # the surface is the original text
