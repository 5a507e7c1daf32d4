"""The detector registry and the lexicon detector, incl. accuracy on the default codebook."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.codebook import Codebook, load_codebook, parse_codebook
from narrascope.detect import Detector, _base, available_detectors, get_detector, register_detector
from narrascope.detect.lexicon import LexiconDetector
from narrascope.errors import UsageError
from narrascope.records import Hit, Sentence

DATA = Path(__file__).parents[1] / "data"
FEATURES = DATA / "codebooks" / "lexicon.yaml"
HELDOUT = DATA / "lexicon_heldout.jsonl"


@pytest.fixture(scope="module")
def features() -> Codebook:
    return load_codebook(FEATURES)


@pytest.fixture(scope="module")
def default() -> Codebook:
    return load_codebook("crisis-diplomacy")


def _sentences(text: str, language: str = "en", article_id: str = "a1") -> list[Sentence]:
    """Split on sentence-final punctuation; exact offsets into ``text``."""
    return [
        Sentence(article_id, i, m.start(), m.end(), m.group(), language)
        for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]?", text))
        if m.group().strip()
    ]


def _detect(text: str, codebook: Codebook, language: str = "en", **options: Any) -> list[Hit]:
    return LexiconDetector(**options).detect(_sentences(text, language), codebook)


def _found(text: str, codebook: Codebook, language: str = "en") -> list[tuple[str, str]]:
    return [(h.narrative, h.evidence) for h in _detect(text, codebook, language)]


# ---------------------------------------------------------------- registry


def test_get_detector_lexicon() -> None:
    det = get_detector("lexicon", negation_window=2)
    assert isinstance(det, LexiconDetector) and det.negation_window == 2
    assert isinstance(det, Detector)
    assert "lexicon" in available_detectors()


def test_unknown_detector_lists_available() -> None:
    with pytest.raises(UsageError) as info:
        get_detector("no-such-detector")
    assert "lexicon" in str(info.value)


def test_bad_option_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="lexicon"):
        get_detector("lexicon", colour="red")


def test_register_detector_decorator() -> None:
    @register_detector("test-none")
    class NoneDetector:
        name = "test-none"

        def fit(self, sentences: Any, labels: Any) -> None:
            return None

        def detect(self, sentences: Any, codebook: Any) -> list[Hit]:
            return []

    try:
        assert isinstance(get_detector("test-none"), NoneDetector)
        assert "test-none" in available_detectors()
    finally:
        _base._REGISTRY.pop("test-none")


def test_entry_point_detectors_are_discovered(monkeypatch: pytest.MonkeyPatch) -> None:
    class PluginDetector:
        name = "plugin"

        def __init__(self, threshold: float = 0.5) -> None:
            self.threshold = threshold

    entry = SimpleNamespace(name="plugin", load=lambda: PluginDetector)
    monkeypatch.setattr(_base, "entry_points", lambda group: [entry] if group else [])
    try:
        assert "plugin" in available_detectors()
        det = get_detector("plugin", threshold=0.9)
        assert isinstance(det, PluginDetector) and det.threshold == 0.9
    finally:
        _base._REGISTRY.pop("plugin", None)


def test_fit_is_a_no_op(features: Codebook) -> None:
    det = LexiconDetector()
    assert det.fit(_sentences("Some text."), [set()]) is None


# ---------------------------------------------------------------- matching


def test_spans_are_exact_article_offsets(features: Codebook) -> None:
    text = "Talks opened. Critics saw a double standard there! The key role of Moscow is clear."
    hits = _detect(text, features)
    assert [(h.narrative, h.evidence) for h in hits] == [
        ("ds", "double standard"),
        ("power", "key role"),
    ]
    for hit in hits:
        assert text[hit.char_start : hit.char_end] == hit.evidence
        assert hit.article_id == "a1" and hit.detector == "lexicon"
    assert [h.sentence_index for h in hits] == [1, 2]


def test_inflected_russian_matches_lemma_cue(features: Codebook) -> None:
    text = "Лавров осудил политику двойных стандартов. Так действуют избирательным подходом."
    assert _found(text, features, "ru") == [
        ("ds", "двойных стандартов"),
        ("ds", "избирательным подходом"),
    ]
    assert _found("Ключевую роль играет Москва.", features, "ru") == [("power", "Ключевую роль")]


def test_wildcards_alternatives_and_exact_case(features: Codebook) -> None:
    assert _found("The US is hypocritical.", features) == [("ds", "US is hypocritical")]
    assert _found("They told us it was hypocrisy.", features) == []  # =US is case-sensitive
    assert _found("Посредничество незаменимо.", features, "ru") == [("power", "незаменимо")]
    assert _found("Its selective outrage.", features) == [("ds", "selective outrage")]


def test_gaps_are_bounded(features: Codebook) -> None:
    assert _found("A selective, narrow approach.", features) == [
        ("ds", "selective, narrow approach")
    ]
    assert _found("A selective and narrow approach.", features) == [
        ("ds", "selective and narrow approach")
    ]
    assert _found("A selective and very narrow approach.", features) == []
    assert _found("Washington itself will meet the Taliban's envoys.", features) == [
        ("ds-talks", "Washington itself will meet the Taliban's"),
    ]


def test_negation_english(features: Codebook) -> None:
    assert _found("There is no double standard here.", features) == []
    assert _found("It isn't a double standard.", features) == []
    assert _found("Officials rejected the double standard claim.", features) == []
    assert _found("Officials never, ever, saw a double standard.", features) == [
        ("ds", "double standard")
    ]  # the negator is four tokens away
    assert _found("It is not only a double standard.", features) == [("ds", "double standard")]


def test_negation_russian(features: Codebook) -> None:
    assert _found("Никаких двойных стандартов нет.", features, "ru") == []
    assert _found("Москва не применяет двойные стандарты.", features, "ru") == []
    assert _found("Вашингтон отверг двойные стандарты.", features, "ru") == []
    assert _found("Это не только двойные стандарты.", features, "ru") == [
        ("ds", "двойные стандарты")
    ]


def test_negatable_false_and_negation_option(features: Codebook) -> None:
    assert _found("No deal is possible without Moscow.", features) == [("power", "without Moscow")]
    assert _detect("There is no double standard.", features, negation=False)


def test_explain_exposes_negated_matches(features: Codebook) -> None:
    matches = LexiconDetector().explain("There is no double standard.", "en", features)
    assert len(matches) == 1
    match = matches[0]
    assert (match.narrative, match.text, match.negated, match.negator) == (
        "ds", "double standard", True, "no",
    )  # fmt: skip
    assert LexiconDetector().explain("Double standard.", "de", features) == []


def test_scores_are_weights_capped_at_one(features: Codebook) -> None:
    assert [h.score for h in _detect("The US is hypocritical.", features)] == [1.0]
    assert [h.score for h in _detect("Nothing moves without Russia.", features)] == [0.6]


def test_overlapping_matches_of_one_narrative_merge(features: Codebook) -> None:
    cb = parse_codebook(
        "id: t\nlabel: T\nlanguages: [en]\nnarratives:\n  - id: a\n    label: A\n"
        '    en: {cues: ["double standard", "double standard* ~2 West",\n'
        '                {pattern: "standard", weight: 0.4}]}\n'
    )
    hits = _detect("A double standard of the West. Another standard.", cb)
    assert [(h.evidence, h.score) for h in hits] == [
        ("double standard of the West", 1.0),
        ("standard", 0.4),
    ]


def test_no_parent_propagation(features: Codebook) -> None:
    hits = _detect("Washington will meet the Taliban.", features)
    assert [h.narrative for h in hits] == ["ds-talks"]


def test_unknown_languages_are_skipped(features: Codebook) -> None:
    sentences = [
        Sentence("a", 0, 0, 15, "double standard", "de"),
        Sentence("a", 1, 16, 31, "double standard", "und"),
        Sentence("a", 2, 32, 47, "double standard", "en-GB"),
    ]
    hits = LexiconDetector().detect(sentences, features)
    assert [(h.sentence_index, h.char_start) for h in hits] == [(2, 32)]


def test_compiled_cues_are_cached_by_version(features: Codebook) -> None:
    from narrascope.detect import lexicon

    LexiconDetector().detect(_sentences("double standard"), features)
    compiled = lexicon._COMPILED[features.version]
    LexiconDetector().detect(_sentences("key role"), features)
    assert lexicon._COMPILED[features.version] is compiled
    again = load_codebook(FEATURES)
    LexiconDetector().detect(_sentences("key role"), again)
    assert lexicon._COMPILED[again.version] is compiled


WORDS = [
    "double",
    "standard",
    "standards",
    "key",
    "role",
    "no",
    "not",
    "US",
    "us",
    "hypocrisy",
    "selective",
    "approach",
    "without",
    "Moscow",
    "the",
    "двойной",
    "стандарт",
    "роль",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), min_size=1, max_size=5),
    st.sampled_from([" ", "  ", ", "]),
)
def test_hits_lie_inside_their_sentence(sentences: list[list[str]], glue: str) -> None:
    features = load_codebook(FEATURES)
    text = "".join(glue.join(words) + ". " for words in sentences)
    found = _sentences(text)
    hits = LexiconDetector().detect(found, features)
    by_index = {s.index: s for s in found}
    for hit in hits:
        sentence = by_index[hit.sentence_index]
        assert sentence.start <= hit.char_start < hit.char_end <= sentence.end
        assert text[hit.char_start : hit.char_end] == hit.evidence
        assert 0 < hit.score <= 1.0


# ---------------------------------------------------------------- accuracy on our own data


def _predicted(text: str, language: str, cb: Codebook, det: LexiconDetector) -> set[str]:
    """Narratives of the non-negated matches, with their ancestors (as the pipeline does)."""
    found: set[str] = set()
    for match in det.explain(text, language, cb):
        if not match.negated:
            found.update((match.narrative, *cb.ancestors(match.narrative)))
    return found


def _root(cb: Codebook, narrative: str) -> str:
    return (*cb.ancestors(narrative), narrative)[0] if cb.ancestors(narrative) else narrative


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def _example_counts(cb: Codebook, language: str, narrative: str) -> tuple[int, int, int]:
    """TP/FP/FN for one narrative over every example and counter-example of the language.

    Gold positives: examples of the narrative and its sub-narratives. Negatives: every
    counter-example and the examples of other trees. Examples of the same tree outside the
    narrative's subtree (e.g. the parent's own examples, for a sub-narrative) are unknown for
    it and skipped.
    """
    det = LexiconDetector()
    tree = {narrative, *cb.descendants(narrative)}
    family = {_root(cb, narrative), *cb.descendants(_root(cb, narrative))}
    tp = fp = fn = 0
    for n in cb.narratives:
        block = n.block(language)
        pool = [(s, n.id in tree) for s in block.examples if n.id in tree or n.id not in family]
        pool += [(s, False) for s in block.counter_examples]
        for text, gold in pool:
            pred = narrative in _predicted(text, language, cb, det)
            tp, fp, fn = tp + (pred and gold), fp + (pred and not gold), fn + (gold and not pred)
    return tp, fp, fn


def _table(title: str, rows: Iterable[tuple[str, str, float, float]]) -> str:
    lines = [title, f"{'lang':4} {'narrative':32} {'P':>5} {'R':>5}"]
    lines += [f"{lang:4} {name:32} {p:5.2f} {r:5.2f}" for lang, name, p, r in rows]
    return "\n".join(lines)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_precision_recall_on_codebook_examples(default: Codebook, language: str) -> None:
    rows, total = [], [0, 0, 0]
    for narrative in default.ids:
        tp, fp, fn = _example_counts(default, language, narrative)
        p, r = _pr(tp, fp, fn)
        rows.append((language, narrative, p, r))
        if default.narrative(narrative).parent is None:
            total = [total[0] + tp, total[1] + fp, total[2] + fn]
            assert p >= 0.9 and r >= 0.9, (narrative, p, r)  # measured >= 0.97 / 0.97
        else:
            assert p >= 0.9 and r >= 0.75, (narrative, p, r)  # measured 1.00 / >= 0.86
    p, r = _pr(*total)
    rows.append((language, "ALL top-level (micro)", p, r))
    print("\n" + _table(f"lexicon on codebook examples ({language})", rows))
    assert p >= 0.95 and r >= 0.95  # measured 0.98 / 0.99 (en 1.00)


ORDINARY_NEWS = [
    "The embassy advised tourists not to visit alone.",
    "Volunteers knock on doors to register voters.",
    "He did not travel alone.",
    "Russian tourists should not travel alone at night.",
    "Police knocked on the door of a flat in Moscow at dawn.",
    "Microsoft announced a strategic partnership with a French start-up.",
    "These concerns cannot be ignored by the council.",
    "Investors fled the national currency after the election.",
]


@pytest.mark.parametrize("sentence", ORDINARY_NEWS)
def test_ordinary_news_phrases_do_not_fire(default: Codebook, sentence: str) -> None:
    """Real-news false positives of short cues ("not ... alone", "knock ... door", ...)."""
    assert _predicted(sentence, "en", default, LexiconDetector()) == set(), sentence


def test_tightened_cues_still_match_the_narrative(default: Codebook) -> None:
    det = LexiconDetector()
    cases = {
        "Russia is not alone: India and China stand by it.": "partners-beyond-west",
        "Sanctions have not isolated Moscow.": "partners-beyond-west",
        "India and Russia are strategic partners.": "partners-beyond-west",
        "Capitals keep knocking on the Kremlin's door.": "others-must-consult-moscow",
        "Russia is a power that cannot be ignored.": "indispensable-power",
        "BRICS members are moving to settlements in national currencies.": "multipolar-order",
    }
    for sentence, narrative in cases.items():
        assert narrative in _predicted(sentence, "en", default, det), sentence


def _heldout(language: str, batches: set[int]) -> tuple[int, int, int]:
    cb = load_codebook("crisis-diplomacy")
    det = LexiconDetector()
    tp = fp = fn = 0
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["language"] != language or row["batch"] not in batches:
            continue
        gold = {_root(cb, label) for label in row["labels"]}
        pred = {
            n
            for n in _predicted(row["text"], language, cb, det)
            if n in gold or not cb.ancestors(n)
        }
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    return tp, fp, fn


def test_heldout_file_is_large_enough() -> None:
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    assert sum(r["language"] == "en" for r in rows) >= 40
    assert sum(r["language"] == "ru" for r in rows) >= 30
    known = set(load_codebook("crisis-diplomacy").ids)
    assert all(set(r["labels"]) <= known for r in rows)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_precision_recall_on_heldout(language: str) -> None:
    """Held-out sentences, scored at the top-level narrative (a sub label counts for its root).

    Batch 3 was written after the last cue edit and never used to write cues; batches 1-2 were
    blind when written but cues were revised after seeing their misses (see the report).
    """
    rows = []
    for name, batches in (("blind (batch 3)", {3}), ("all batches", {1, 2, 3})):
        p, r = _pr(*_heldout(language, batches))
        rows.append((language, name, p, r))
    print("\n" + _table(f"lexicon on held-out sentences ({language})", rows))
    (_, _, blind_p, blind_r), (_, _, all_p, all_r) = rows
    assert blind_p >= 0.8 and blind_r >= 0.25  # measured 1.00 / 0.40 (en), 1.00 / 0.38 (ru)
    assert all_p >= 0.85 and all_r >= 0.5  # measured 0.96 / 0.73 (en), 1.00 / 0.67 (ru)


# ------------------------------------------------------- bounded matching (issue 16, item 19)


def _one_cue(*cues: str, language: str = "en") -> Codebook:
    quoted = ", ".join(f'"{c}"' for c in cues)
    return parse_codebook(
        f"id: t\nlabel: T\nlanguages: [{language}]\nnarratives:\n"
        f"  - id: a\n    label: A\n    {language}: {{cues: [{quoted}]}}\n"
    )


@pytest.mark.timeout(60)
def test_gapped_cue_matches_in_bounded_time() -> None:
    """12 terms ``a ~8 a ~8 ... zzz*`` on 300 "a" tokens: exponential before, instant now."""
    cb = _one_cue(" ~8 ".join(["a"] * 11 + ["zzz*"]))
    sentence = " ".join(["a"] * 300)
    assert LexiconDetector().explain(sentence, "en", cb) == []
    found = LexiconDetector().explain(sentence + " zzzz", "en", cb)
    assert found and all(m.text.endswith("zzzz") for m in found)


def _old_match_rest(rule: Any, k: int, tokens: list[Any], prev: int) -> int | None:
    """The plain backtracking matcher the memoised one replaced (reference semantics)."""
    from narrascope.detect.lexicon import _term_ok

    if k == len(rule.rest):
        return prev
    gap, term = rule.rest[k]
    for j in range(prev + 1, min(prev + 2 + gap, len(tokens))):
        if _term_ok(term, tokens[j]):
            end = _old_match_rest(rule, k + 1, tokens, j)
            if end is not None:
                return end
    return None


def test_memoised_matcher_agrees_with_plain_backtracking() -> None:
    import random

    from narrascope.detect import lexicon
    from narrascope.text.tokens import scan

    rng = random.Random(16)
    words = ["a", "b", "c", "=B", "a|c", "bbb*"]
    cues = set()
    while len(cues) < 60:
        terms = [rng.choice(words) for _ in range(rng.randint(1, 5))]
        gaps = [f"~{rng.randint(0, 3)} " if rng.random() < 0.6 else "" for _ in terms]
        cues.add(" ".join(f"{g}{t}" for g, t in zip(["", *gaps[1:]], terms, strict=True)))
    index = lexicon._compile(_one_cue(*sorted(cues)), "en")
    rules = {id(r): r for group in index.by_word.values() for r in group}
    rules |= {id(r): r for d in (index.by_prefix, index.by_exact) for g in d.values() for r in g}
    det = LexiconDetector(negation=False)
    for _ in range(300):
        tokens = scan(" ".join(rng.choice(["a", "b", "c", "B", "bbbb"]) for _ in range(25)), "en")
        new = {(r.pattern, i, last) for r, i, last, _ in det._matches(tokens, index)}
        old = set()
        for i, token in enumerate(tokens):
            for rule in rules.values():
                if lexicon._term_ok(rule.first_term, token):
                    last = _old_match_rest(rule, 0, tokens, i)
                    if last is not None:
                        old.add((rule.pattern, i, last))
        assert new == old


# ------------------------------------------------------------ look-alikes (issue 16, item 26)


@pytest.mark.parametrize(
    ("text", "language", "evidence"),
    [
        ("Critics saw a dоuble standard.", "en", "dоuble standard"),  # Cyrillic о
        ("A dou\u00adble stan\u200ddard again.", "en", "dou\u00adble stan\u200ddard"),
        ("The ＵＳ is hypocritical.", "en", "ＵＳ is hypocritical"),  # full-width
        ("Лавров осудил политику двойных cтaндapтoв.", "ru", "двойных cтaндapтoв"),  # Latin
        ("Политика двой\u200cных стан\u00adдартов.", "ru", "двой\u200cных стан\u00adдартов"),
    ],
)
def test_look_alike_letters_still_match(
    features: Codebook, text: str, language: str, evidence: str
) -> None:
    hits = _detect(text, features, language)
    assert [(h.narrative, h.evidence) for h in hits] == [("ds", evidence)]
    assert text[hits[0].char_start : hits[0].char_end] == evidence


def test_look_alikes_in_cues_and_negators() -> None:
    cb = _one_cue("dоuble standard", "=ＵＳ ~2 hypocri*")  # Cyrillic о, full-width US
    assert _found("A double standard.", cb) == [("a", "double standard")]
    assert _found("The US is hypocritical.", cb) == [("a", "US is hypocritical")]
    assert _found("It is nоt a double standard.", cb) == []  # Cyrillic о in the negator
    assert _found("They told us it is hypocrisy.", cb) == []  # exact stays case-sensitive
