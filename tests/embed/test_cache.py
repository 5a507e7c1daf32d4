"""The vector cache: one encode per distinct sentence, namespaced by embedder, persisted."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from narrascope.embed import VectorCache, namespace, sentence_key


class CountingEmbedder:
    """A stand-in that records what it was asked to encode (letters histogram)."""

    name = "count"
    version = "1"
    dim = 26
    device = "cpu"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.seen += list(texts)
        out = np.zeros((len(texts), 26), dtype=np.float32)
        for i, text in enumerate(texts):
            for ch in text.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_sentence_key_normalises_wire_copies() -> None:
    assert sentence_key("Moscow  Talks\u00a0Open.") == sentence_key("moscow talks open.")
    assert sentence_key("Moscow talks open.") != sentence_key("Moscow talks opened.")


def test_each_distinct_sentence_is_encoded_once_and_persists(tmp_path: Path) -> None:
    e = CountingEmbedder()
    cache = VectorCache(tmp_path)
    texts = ["Talks open in Moscow.", "TALKS  open in Moscow.", "A different sentence."]
    first = cache.vectors(e, texts)
    assert e.seen == ["Talks open in Moscow.", "A different sentence."]
    assert np.allclose(first[0], first[1])
    assert (cache.hits, cache.misses) == (1, 2)
    assert cache.flush() == 2
    assert (tmp_path / namespace(e)).is_dir()
    again, fresh = VectorCache(tmp_path), CountingEmbedder()
    assert np.allclose(again.vectors(fresh, texts[:1]), first[:1])
    assert fresh.seen == [] and again.hit_rate == 1.0


def test_embedders_have_separate_namespaces() -> None:
    a, b = CountingEmbedder(), CountingEmbedder()
    b.version = "2"
    cache = VectorCache()
    cache.vectors(a, ["same text"])
    cache.vectors(b, ["same text"])
    assert a.seen == ["same text"] and b.seen == ["same text"]
    assert namespace(a) != namespace(b)


def test_no_texts_gives_an_empty_matrix_of_the_right_width() -> None:
    assert VectorCache().vectors(CountingEmbedder(), []).shape == (0, 26)
