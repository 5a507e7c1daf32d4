"""Every built-in detector passes the same contract checks (as scikit-learn's
``parametrize_with_checks`` does for estimators): what the engines and the store rely on.

The data are the shipped codebook's own examples and counter-examples (sentences we wrote),
one short article per sentence, in English and Russian.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection
from functools import cache
from typing import Any

import pytest

from narrascope.codebook import Codebook, load_codebook
from narrascope.detect import get_detector
from narrascope.detect._base import _BUILTIN
from narrascope.records import Hit, Sentence
from narrascope.text import segment
from narrascope.types import ArticleLearner, DescribesModel, Detector

Labelled = tuple[list[Sentence], list[set[str]]]
FAST = {"lexicon"}  # the others load sentence encoders or train models


@cache
def codebook() -> Codebook:
    return load_codebook("crisis-diplomacy")


@cache
def labelled() -> Labelled:
    """One article per codebook example (labelled) and counter-example (no label)."""
    sentences: list[Sentence] = []
    labels: list[set[str]] = []
    for narrative in codebook().narratives:
        for language in codebook().languages:
            block = narrative.block(language)
            rows = [(t, {narrative.id}) for t in block.examples]
            rows += [(t, set()) for t in block.counter_examples]
            for i, (text, label) in enumerate(rows):
                for sentence in segment(f"{narrative.id}-{language}-{i}", text, language):
                    sentences.append(sentence)
                    labels.append(label)
    return sentences, labels


@cache
def fitted(name: str) -> Detector:
    """The detector, fitted once on the labelled examples (a no-op for the lexicon)."""
    detector = get_detector(name)
    sentences, labels = labelled()
    docs: dict[str, set[str]] = {}
    for sentence, label in zip(sentences, labels, strict=True):
        docs.setdefault(sentence.article_id, set()).update(label)
    if isinstance(detector, ArticleLearner):
        detector.fit(sentences, labels, article_labels=docs)
    else:
        detector.fit(sentences, labels)
    return detector


def _hits(name: str, sentences: list[Sentence]) -> list[Hit]:
    return fitted(name).detect(sentences, codebook())


def check_is_a_detector(name: str) -> None:
    detector = fitted(name)
    assert isinstance(detector, Detector)
    assert detector.name == name


def check_nothing_in_nothing_out(name: str) -> None:
    assert _hits(name, []) == []


def check_hits_point_into_their_sentences(name: str) -> None:
    sentences, _ = labelled()
    by_key = {(s.article_id, s.index): s for s in sentences}
    hits = _hits(name, sentences)
    assert hits, f"{name} found nothing in the codebook's own examples"
    ids = set(codebook().ids)
    for hit in hits:
        sentence = by_key[(hit.article_id, hit.sentence_index)]
        assert sentence.start <= hit.char_start < hit.char_end <= sentence.end, hit
        assert hit.narrative in ids and hit.detector == name, hit
        assert math.isfinite(hit.score), hit


def check_finds_more_in_examples_than_in_counter_examples(name: str) -> None:
    sentences, labels = labelled()
    hit_keys = {(h.article_id, h.sentence_index) for h in _hits(name, sentences)}
    found = [(s.article_id, s.index) in hit_keys for s in sentences]
    positive = [hit for hit, lab in zip(found, labels, strict=True) if lab]
    negative = [hit for hit, lab in zip(found, labels, strict=True) if not lab]
    assert sum(positive) / len(positive) > sum(negative) / len(negative)


def check_deterministic(name: str) -> None:
    sentences, _ = labelled()
    assert _hits(name, sentences) == _hits(name, sentences)


def check_batches_do_not_change_hits(name: str) -> None:
    """Engines cut batches differently: an article's hits must not depend on its batch."""
    sentences, _ = labelled()
    together = _hits(name, sentences)
    half = len(sentences) // 2
    cut = next(i for i in range(half, len(sentences)) if i == 0 or _new_article(sentences, i))
    apart = _hits(name, sentences[:cut]) + _hits(name, sentences[cut:])
    together, apart = sorted(together, key=_key), sorted(apart, key=_key)
    assert [_key(h) for h in together] == [_key(h) for h in apart]
    # batched encoding may move a score in the last digits (padding), never more
    assert [h.score for h in together] == pytest.approx([h.score for h in apart], abs=1e-3)


def _new_article(sentences: list[Sentence], i: int) -> bool:
    return sentences[i].article_id != sentences[i - 1].article_id


def _key(hit: Hit) -> tuple[Any, ...]:
    return (hit.article_id, hit.sentence_index, hit.char_start, hit.char_end, hit.narrative)


def check_model_info_is_json(name: str) -> None:
    detector = fitted(name)
    if isinstance(detector, DescribesModel):
        json.dumps(detector.model_info(), default=str)


CHECKS: list[Callable[[str], None]] = [
    check_is_a_detector,
    check_nothing_in_nothing_out,
    check_hits_point_into_their_sentences,
    check_finds_more_in_examples_than_in_counter_examples,
    check_deterministic,
    check_batches_do_not_change_hits,
    check_model_info_is_json,
]


def _cases() -> list[Any]:
    marks: dict[str, Collection[Any]] = {
        n: () if n in FAST else (pytest.mark.slow,) for n in _BUILTIN
    }
    return [
        pytest.param(name, check, id=f"{name}-{check.__name__}", marks=marks[name])
        for name in _BUILTIN
        for check in CHECKS
    ]


@pytest.mark.parametrize(("name", "check"), _cases())
def test_detector_contract(name: str, check: Callable[[str], None]) -> None:
    check(name)
