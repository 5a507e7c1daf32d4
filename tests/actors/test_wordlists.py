"""The packaged word lists are read strictly: no word silently turned into a boolean."""

from __future__ import annotations

import pytest

from narrascope.actors.wordlists import load_word_lists, parse_word_lists


def test_a_bare_yaml_boolean_is_an_error_naming_the_file_and_list() -> None:
    text = "prepositions:\n  en: [at, in, on, with]\n"
    with pytest.raises(ValueError, match=r"speech\.yaml: list 'prepositions' \(en\) holds True"):
        parse_word_lists(text, "speech.yaml")


def test_lists_merge_their_languages() -> None:
    lists = parse_word_lists('cues:\n  en: [said, "on"]\n  ru: [заявил]\n', "x.yaml")
    assert lists == {"cues": frozenset({"said", "on", "заявил"})}


@pytest.mark.parametrize(
    ("filename", "name", "word"),
    [
        ("speech.yaml", "prepositions", "on"),
        ("speech.yaml", "phrase_stops", "on"),
        ("speech.yaml", "not_clause", "on"),
        ("stance.yaml", "rejection", "false"),
    ],
)
def test_the_shipped_lists_keep_words_yaml_would_read_as_booleans(
    filename: str, name: str, word: str
) -> None:
    assert word in load_word_lists(filename)[name]
