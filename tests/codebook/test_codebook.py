"""Codebook model, loading, validation (with line numbers) and versioning."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from tests.conftest import TEST_DATA

from narrascope.codebook import (
    Codebook,
    CuePatternError,
    available_codebooks,
    load_codebook,
    parse_codebook,
    parse_cue,
)
from narrascope.codebook.cues import EXACT, PREFIX, WORD
from narrascope.errors import CodebookError, UsageError

DATA = TEST_DATA / "codebooks"
INVALID = DATA / "invalid"

# file -> a fragment the message must contain (the line is marked "# ERROR" in the file)
INVALID_CASES = {
    "syntax.yaml": "YAML syntax error",
    "syntax_colon.yaml": "YAML syntax error",
    "unknown_key.yaml": "did you mean 'label'",
    "duplicate_id.yaml": "duplicate id 'a' (first on line 5)",
    "missing_field.yaml": "missing the required field 'label'",
    "missing_top_field.yaml": "missing the required field 'languages'",
    "bad_cue.yaml": "'~9' is not a valid gap",
    "bad_weight.yaml": "not a positive number",
    "bad_parent.yaml": "did you mean 'double-standards'",
    "cycle.yaml": "parent cycle: a -> b -> c -> a",
    "unsupported_language.yaml": "language 'de' is not supported",
    "unsupported_language_list.yaml": "language 'fr' is not supported",
}


def _marked_line(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "# ERROR" in line)


@pytest.mark.parametrize("name", sorted(INVALID_CASES))
def test_invalid_codebook_reports_file_and_line(name: str) -> None:
    path = INVALID / name
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == _marked_line(path)
    assert INVALID_CASES[name] in str(err)
    assert err.hint  # every error says how to fix it
    assert str(err).startswith(f"{path}:{err.line}: ")
    assert err.exit_code == CodebookError.exit_code


def test_every_invalid_fixture_is_covered() -> None:
    assert {p.name for p in INVALID.glob("*.yaml")} == set(INVALID_CASES)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("", 1, "empty"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("id: b\nlabel: B\nlanguages: []\nnarratives: []\n", 3, "languages is empty"),
        ("id: b\nlabel: B\nlanguages: [en]\nnarratives: []\n", 4, "no narratives"),
        (
            "id: Bad_Id\nlabel: B\nlanguages: [en]\nnarratives: [{id: a, label: A}]\n",
            1,
            "not a valid id",
        ),
        (
            "id: b\nlabel: B\nlanguages: [en]\nnarratives:\n  - {id: a, label: A, ru: {}}\n",
            5,
            "'ru'",
        ),
        (
            "id: b\nlabel: B\nlanguages: [en]\nlabel: C\nnarratives: [{id: a, label: A}]\n",
            4,
            "duplicate key",
        ),
        (
            "id: b\nlabel: B\nlanguages: [en]\nnarratives:\n  - id: a\n    label: A\n"
            "    en: {cues: [{pattern: x, negatable: maybe}]}\n",
            7,
            "negatable",
        ),
        (
            "id: b\nlabel: B\nlanguages: [en]\nnarratives:\n  - id: a\n    label: A\n"
            "    en: {examples: not-a-list}\n",
            7,
            "must be a list",
        ),
    ],
)
def test_more_validation_errors(text: str, line: int, fragment: str) -> None:
    with pytest.raises(CodebookError) as info:
        parse_codebook(text, "inline.yaml")
    assert info.value.line == line
    assert fragment in info.value.message
    assert info.value.path == "inline.yaml"


def test_valid_codebook_model() -> None:
    cb = load_codebook(DATA / "valid.yaml")
    assert cb.id == "test-book"
    assert cb.languages == ("en", "ru")
    assert cb.ids == ("hypocrisy", "talks-hypocrisy", "partners")
    assert cb.ancestors("talks-hypocrisy") == ("hypocrisy",)
    assert cb.ancestors("hypocrisy") == ()
    assert cb.children("hypocrisy") == ("talks-hypocrisy",)
    assert cb.descendants("hypocrisy") == ("talks-hypocrisy",)
    assert [n.id for n in cb.narratives_for("ru")] == ["hypocrisy"]
    assert [n.id for n in cb.top_level()] == ["hypocrisy", "partners"]
    cues = cb.narrative("hypocrisy").block("en").cues
    assert cues[0].pattern == "double ~2 standard*" and cues[0].weight == 1.0
    assert (cues[1].weight, cues[1].note, cues[1].negatable) == (0.5, "broad", True)
    assert cb.narrative("partners").block("ru").cues == ()
    assert cb.source == str(DATA / "valid.yaml")


def test_unknown_narrative_is_a_usage_error() -> None:
    cb = load_codebook(DATA / "valid.yaml")
    with pytest.raises(UsageError, match="no narrative 'nope'"):
        cb.ancestors("nope")


def test_version_ignores_whitespace_and_comments() -> None:
    text = (DATA / "valid.yaml").read_text(encoding="utf-8")
    base = parse_codebook(text)
    noisy = "\n# a new comment\n" + text.replace("\n", "   \n").replace(
        "narratives:", "\nnarratives:"
    )
    assert parse_codebook(noisy).version == base.version
    assert len(base.version) == 64 and base.short_version == base.version[:12]


def test_version_changes_with_content() -> None:
    text = (DATA / "valid.yaml").read_text(encoding="utf-8")
    base = parse_codebook(text).version
    assert (
        parse_codebook(text.replace("double ~2 standard*", "double ~3 standard*")).version != base
    )
    assert parse_codebook(text.replace("weight: 0.5", "weight: 0.6")).version != base
    assert parse_codebook(text.replace("label: Partners", "label: Partner")).version != base


def test_string_cue_and_mapping_cue_hash_alike() -> None:
    head = "id: b\nlabel: B\nlanguages: [en]\nnarratives:\n  - id: a\n    label: A\n"
    short = parse_codebook(head + '    en: {cues: ["double standard"]}\n')
    full = parse_codebook(head + '    en: {cues: [{pattern: "double standard", weight: 1.0}]}\n')
    assert short.version == full.version


def test_to_dict_round_trips_through_yaml() -> None:
    cb = load_codebook("crisis-diplomacy")
    again = parse_codebook(yaml.safe_dump(cb.to_dict(), allow_unicode=True))
    assert again.version == cb.version
    assert again == cb


def test_codebook_built_in_code_gets_a_version() -> None:
    cb = load_codebook(DATA / "valid.yaml")
    rebuilt = Codebook(cb.id, cb.label, cb.description, cb.languages, cb.narratives)
    assert rebuilt.version == cb.version


def test_load_by_name_path_and_errors(tmp_path: Path) -> None:
    assert "crisis-diplomacy" in available_codebooks()
    by_name = load_codebook("crisis-diplomacy")
    assert by_name.source == "narrascope/codebook/shipped/crisis-diplomacy.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_text(yaml.safe_dump(by_name.to_dict(), allow_unicode=True), encoding="utf-8")
    assert load_codebook(str(copy)).version == by_name.version
    with pytest.raises(CodebookError, match="crisis-diplomacy"):
        load_codebook("no-such-codebook")
    with pytest.raises(CodebookError, match="cannot read"):
        load_codebook(tmp_path / "missing.yaml")


# ---------------------------------------------------------------- cue patterns


def test_parse_cue_terms_and_gaps() -> None:
    cue = parse_cue("=US|Washington|America* ~3 hypocri*", "en")
    assert cue.gaps == (3,)
    first, second = cue.terms
    assert [(a.kind, a.text) for a in first] == [
        (EXACT, "US"),
        (WORD, "washington"),
        (PREFIX, "america"),
    ]
    assert second[0].kind == PREFIX and second[0].text == "hypocri"
    ru = parse_cue("двойных стандартов", "ru")
    assert [t[0].lemma for t in ru.terms] == ["двойной", "стандарт"]
    assert ru.gaps == (0,)


@pytest.mark.parametrize(
    "pattern",
    [
        "",
        "~2 a",
        "a ~2",
        "a ~9 b",
        "a ~x b",
        "a ~1 ~2 b",
        "!a b",
        "a*b",
        "=a*",
        "ab*",
        "a||b",
        "a,b",
        "isn't",
        "a ~² b",  # not an ASCII digit (int() would fail)
        "a ~" + "9" * 5000 + " b",  # beyond int()'s digit limit
        " ".join(["a"] * 13),  # more than MAX_TERMS
    ],
)
def test_invalid_cue_patterns(pattern: str) -> None:
    with pytest.raises(CuePatternError) as info:
        parse_cue(pattern, "en")
    assert info.value.hint


# ---------------------------------------------------------------- the default codebook

TOP = {
    "double-standards": ("accuses-others-of-own-conduct", "democracy-as-cover"),
    "indispensable-power": ("unique-leverage", "others-must-consult-moscow"),
    "partners-beyond-west": ("india-partnership", "multipolar-order"),
}


def test_default_codebook_shape() -> None:
    cb = load_codebook("crisis-diplomacy")
    assert cb.languages == ("en", "ru")
    assert {n.id for n in cb.top_level()} == set(TOP)
    assert set(cb.ids) == set(TOP) | {s for subs in TOP.values() for s in subs}
    for top, subs in TOP.items():
        assert cb.children(top) == subs
        for lang in cb.languages:
            block = cb.narrative(top).block(lang)
            assert 15 <= len(block.cues) <= 40, (top, lang)
            assert len(block.examples) >= 22, (top, lang)
            assert len(block.counter_examples) >= 12, (top, lang)
            for sub in subs:
                sub_block = cb.narrative(sub).block(lang)
                assert sub_block.cues and len(sub_block.examples) >= 6, (sub, lang)


def test_default_codebook_sentences_are_unique() -> None:
    cb = load_codebook("crisis-diplomacy")
    for lang in cb.languages:
        sentences = [
            s
            for n in cb.narratives
            for s in (*n.block(lang).examples, *n.block(lang).counter_examples)
        ]
        assert len(sentences) == len(set(sentences)), lang


def test_docstring_examples_run() -> None:
    import doctest

    from narrascope.codebook import cues as codebook
    from narrascope.detect import _base, lexicon
    from narrascope.text import tokens

    for module in (codebook, tokens, _base, lexicon):
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__
