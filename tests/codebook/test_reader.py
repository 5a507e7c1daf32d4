"""Hostile codebooks (issue 16): alias bombs, deep nesting, huge values, long cues, look-alikes."""

from __future__ import annotations

import pytest

from narrascope.codebook import Codebook, load_codebook, parse_codebook
from narrascope.codebook._yaml import ALIAS_BUDGET, MAX_DEPTH
from narrascope.codebook.cues import MAX_TERMS
from narrascope.errors import CodebookError

HEAD = "id: t\nlabel: T\nlanguages: [en, ru]\nnarratives:\n  - id: a\n    label: A\n"
BOMB = ", ".join(
    [
        f"&{name} [{', '.join([f'*{prev}'] * 9)}]"
        for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    ]
)  # level k expands to 9**k values


def _error(text: str) -> CodebookError:
    with pytest.raises(CodebookError) as info:
        parse_codebook(text, "hostile.yaml")
    return info.value


@pytest.mark.timeout(60)
@pytest.mark.parametrize("key", ["weight", "negatable"])
def test_alias_bomb_is_refused_with_file_and_line(key: str) -> None:
    text = HEAD + (
        "    en:\n      cues:\n        - pattern: double standard\n"
        f"          {key}: [&a [1, 1, 1, 1, 1, 1, 1, 1, 1], {BOMB}]\n"
    )
    assert len(text) < 700
    err = _error(text)
    assert err.line == 10 and err.path == "hostile.yaml"
    assert "aliases expand to more than" in err.message and err.hint
    assert len(str(err)) < 300


@pytest.mark.timeout(60)
def test_aliases_of_a_long_text_are_refused() -> None:
    """Few bytes of aliases, each repeating a 50,000-character example (hashing blew memory)."""
    long = "word " * 10_000
    text = HEAD + f"    en:\n      examples: [&x '{long}', {', '.join(['*x'] * 40)}]\n"
    err = _error(text)
    assert err.line == 8 and "aliases expand" in err.message


def test_modest_aliases_still_load() -> None:
    written = HEAD + (
        "    en: {cues: [double standard, selective outrage]}\n"
        "  - id: b\n    label: B\n    en: {cues: [double standard, selective outrage]}\n"
    )
    aliased = HEAD + (
        "    en: {cues: &shared [double standard, selective outrage]}\n"
        "  - id: b\n    label: B\n    en: {cues: *shared}\n"
    )
    assert parse_codebook(aliased).version == parse_codebook(written).version
    assert ALIAS_BUDGET >= 10_000


def test_recursive_alias_and_deep_nesting_are_refused() -> None:
    err = _error(HEAD + "    en: {examples: &r [*r]}\n")
    assert err.line == 7 and "inside the node it refers to" in err.message
    deep = HEAD + "    en: {examples: " + "[" * 5000 + "]" * 5000 + "}\n"
    err = _error(deep)
    assert err.line == 7 and f"more than {MAX_DEPTH} levels" in err.message


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("weight: '" + "9" * 100_000 + "'", "is not a positive number"),
        ("negatable: '" + "x" * 100_000 + "'", "is not true or false"),
        ("weight: [1, 2, 3]", "weight (a list) is not a positive number"),
        ("pattern: 'a ~" + "9" * 5000 + " b'", "is not a valid gap"),
        ("pattern: '" + "x" * 100_000 + "!'", "is not a valid term"),
    ],
)
def test_errors_never_print_a_whole_value(value: str, fragment: str) -> None:
    cue = value if value.startswith("pattern") else f"pattern: double standard, {value}"
    err = _error(HEAD + f"    en: {{cues: [{{{cue}}}]}}\n")
    assert err.line == 7 and fragment in err.message
    assert len(str(err)) < 400


def test_cue_terms_are_capped_with_file_and_line() -> None:
    ok = " ~8 ".join(["a"] * MAX_TERMS)
    assert parse_codebook(HEAD + f'    en: {{cues: ["{ok}"]}}\n')
    err = _error(HEAD + f'    en:\n      cues:\n        - "{ok} ~1 b"\n')
    assert err.line == 9 and f"more than {MAX_TERMS} terms" in err.message
    assert str(err).startswith("hostile.yaml:9: ")


# ---------------------------------------------------------------- look-alike letters (item 26)


def test_mixed_script_cues_warn_with_file_and_line() -> None:
    text = HEAD + (
        "    en:\n      cues:\n"
        '        - "Mоscow ~2 talks"\n'  # Cyrillic о
        '        - {pattern: "=ＵＳ ~3 hypocri*"}\n'  # full-width
        '        - "double standard"\n'
        "    ru:\n      cues: [двойнoй стандарт]\n"  # Latin o
    )
    cb = parse_codebook(text, "mixed.yaml")
    assert len(cb.warnings) == 3
    first, second, third = cb.warnings
    assert first.startswith("mixed.yaml:9: ") and "mixes Latin and Cyrillic" in first
    assert "U+043E" in first and "retype it in Latin" in first
    assert second.startswith("mixed.yaml:10: ") and "full-width" in second
    assert third.startswith("mixed.yaml:13: ") and "retype it in Cyrillic" in third


def test_warnings_are_not_part_of_the_version() -> None:
    mixed = parse_codebook(HEAD + '    en: {cues: ["dоuble standard"]}\n')
    assert mixed.warnings
    rebuilt = Codebook(mixed.id, mixed.label, mixed.description, mixed.languages, mixed.narratives)
    assert rebuilt.warnings == () and rebuilt.version == mixed.version
    assert parse_codebook(HEAD + '    en: {cues: ["double standard"]}\n').warnings == ()
    assert load_codebook("crisis-diplomacy").warnings == ()
