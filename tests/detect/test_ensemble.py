"""The ensemble: quorum fallback, fitted stackers, evidence (stub member for speed)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

import numpy as np
import pytest

from narrascope.codebook import Codebook, parse_codebook
from narrascope.detect import get_detector, register_detector
from narrascope.detect.ensemble import _fallback
from narrascope.records import Hit, Sentence
from narrascope.text import segment

CODEBOOK = parse_codebook(
    """
id: mini
label: Mini
languages: [en]
narratives:
  - id: hypocrisy
    label: Western hypocrisy
    en:
      cues: ["double standard*"]
  - id: partners
    label: Partners in Asia
    en:
      cues: ["reliable partner*"]
"""
)


@register_detector("stub-words")
class StubDetector:
    """Hits a narrative wherever one of its words occurs (score 0.9)."""

    name = "stub-words"
    words: ClassVar[dict[str, tuple[str, ...]]] = {
        "hypocrisy": ("hypocrites", "standards"),
        "partners": ("india", "partner"),
    }

    def fit(self, sentences: Sequence[Sentence], labels: Sequence[Collection[str]]) -> None:
        return None

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]:
        hits = []
        for s in sentences:
            for nid, words in self.words.items():
                if any(w in s.text.lower() for w in words):
                    hits.append(
                        Hit(s.article_id, s.index, s.start, s.end, nid, self.name, 0.9, s.text)
                    )
        return hits


def _ensemble(**options: object):  # type: ignore[no-untyped-def]
    return get_detector("ensemble", members=["lexicon", "stub-words"], **options)


def test_fallback_quorum_rule() -> None:
    two = np.array([[0.9, 0.0], [0.3, 0.4]])
    score, found = _fallback(two)
    assert found.tolist() == [True, False] and score.tolist() == [0.9, 0.4]
    three = np.array([[0.9, 0.2, 0.0], [0.9, 0.6, 0.0], [0.6, 0.3, 0.3]])
    # quorum 2: means of the best two are 0.55, 0.75, 0.45
    assert _fallback(three)[1].tolist() == [True, True, False]


def test_without_labels_either_of_two_members_suffices() -> None:
    det = _ensemble()
    text = (
        "The weather was mild. They apply double standards to us. "
        "Some call them hypocrites. India sent a delegation."
    )
    hits = det.detect(segment("a", text, "en"), CODEBOOK)
    by_label: dict[str, list[int]] = {}
    for h in hits:
        by_label.setdefault(h.narrative, []).append(h.sentence_index)
    # hypocrisy: lexicon and stub agree on sentence 1, stub alone on 2; partners: stub alone
    assert by_label == {"hypocrisy": [1, 2], "partners": [3]}
    assert all(h.detector == "ensemble" and h.evidence for h in hits)
    assert det.model_info()["rule"] == "quorum-fallback"


def _labelled() -> tuple[list[Sentence], list[set[str]]]:
    sentences: list[Sentence] = []
    labels: list[set[str]] = []
    texts = [
        ("India is a reliable partner of Moscow.", {"partners"}),
        ("Delhi remains a reliable partner.", {"partners"}),
        ("India signed an energy deal.", {"partners"}),
        ("India and Russia met again.", {"partners"}),
        ("Our partner India agreed.", {"partners"}),
        ("The weather was mild.", set()),
        ("Prices went up.", set()),
        ("A reliable partner in business is rare, the bank said.", set()),
        ("The museum opened.", set()),
        ("Trains were late.", set()),
    ]
    for i, (text, tag) in enumerate(texts):
        for s in segment(f"d{i}", text, "en"):
            sentences.append(s)
            labels.append(tag)
    return sentences, labels


def test_fit_builds_stackers_for_narratives_with_enough_examples() -> None:
    det = _ensemble(min_examples=3, inner_folds=2)
    sentences, labels = _labelled()
    det.fit(sentences, labels)
    det.detect(segment("new", "India is a reliable partner.", "en"), CODEBOOK)
    info = det.model_info()
    assert info["stacked_narratives"] == ["partners"]
    assert info["rule"] == "stacker"
    ids, combined, decided, _ = det.article_scores(
        segment("n2", "India is a reliable partner.", "en") + segment("n3", "Rain.", "en"),
        CODEBOOK,
    )
    j = list(CODEBOOK.ids).index("partners")
    assert combined[ids.index("n2"), j] > combined[ids.index("n3"), j]
    assert decided[ids.index("n2"), j] and not decided[ids.index("n3"), j]


@pytest.mark.slow
def test_default_members_with_real_embeddings() -> None:
    det = get_detector("ensemble")
    assert det.member_names == ["lexicon", "embedding"]
    hits = det.detect(segment("a", "Washington applies double standards.", "en"), CODEBOOK)
    assert all(h.detector == "ensemble" for h in hits)
