"""Russian word vectors (natasha's navec news embeddings) mean-pooled over a sentence.

Kept for comparison only: on real Russian news it puts unrelated sentences close together
(see docs/benchmarks.md), so it is no longer any language's default. Russian only, CPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib.metadata import version as dist_version
from typing import Any

import numpy as np

from narrascope.embed._base import cpu_only, empty, l2_normalise, require
from narrascope.text.tokens import scan

__all__ = ["NAVEC", "NavecEmbedder"]

NAVEC = "navec"


@cache
def _navec() -> Any:
    require("natasha", "natasha (Russian navec word vectors)")
    from natasha import NewsEmbedding

    return NewsEmbedding()


class NavecEmbedder:
    """Mean of navec word vectors over the sentence's Russian words (CPU)."""

    name = NAVEC

    def __init__(self, device: str = "cpu") -> None:
        require("natasha", "natasha (Russian navec word vectors)")
        self.device = cpu_only(self.name, device)
        self.version = f"news-v1-natasha{dist_version('natasha')}"
        self.dim = int(_navec().pq.dim)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised (n, 300) vectors; a sentence with no known word is a zero row."""
        navec = _navec()
        ids, unknown = navec.vocab.word_ids, navec.vocab.unk_id
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            known = [w for w in (ids.get(t[3], unknown) for t in scan(text, "ru")) if w != unknown]
            if known:
                out[i] = (
                    navec.pq.codes[navec.pq.qdims, navec.pq.indexes[known]]
                    .reshape(len(known), -1)
                    .mean(axis=0)
                )
        return l2_normalise(out) if len(texts) else empty(self.dim)
