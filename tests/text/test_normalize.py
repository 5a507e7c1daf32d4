"""Pictographs blanked for tokenizers, offsets kept."""

from __future__ import annotations

import pytest

from narrascope.text.normalize import blank_pictographs


@pytest.mark.parametrize(
    ("text", "word"),
    [("⚡️Шольц заявил", "Шольц"), ("🌧️ЦОДД предупредил", "ЦОДД"), ("❗️**Песков**: нет", "Песков")],
)
def test_pictographs_become_spaces_and_offsets_hold(text: str, word: str) -> None:
    blanked = blank_pictographs(text)
    assert len(blanked) == len(text)
    assert blanked.index(word) == text.index(word)
    assert blanked[: text.index(word)].strip(" *") == ""


def test_letters_digits_and_punctuation_stay() -> None:
    text = "Россия — 2018: «Москва», US$ 5% (Kabul)."
    assert blank_pictographs(text) == text
