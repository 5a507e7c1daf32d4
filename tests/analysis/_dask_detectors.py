"""Detectors that fail on purpose, for the parallel-runner tests.

Worker processes import this module (``imports=("tests.analysis._dask_detectors",)``),
which registers the detectors there as it does in the test process.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from narrascope.detect import register_detector
from narrascope.detect.lexicon import LexiconDetector
from narrascope.records import Hit, Sentence


@register_detector("flaky-lexicon")
class FlakyLexicon:
    """The lexicon, except that each instance (one per worker) fails on its first call."""

    name = "flaky-lexicon"

    def __init__(self) -> None:
        self.calls = 0
        self.inner = LexiconDetector()

    def fit(self, sentences: Sequence[Sentence], labels: Sequence[Collection[str]]) -> None:
        return None

    def detect(self, sentences: Sequence[Sentence], codebook: Any) -> list[Hit]:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("injected failure on this worker's first call")
        return self.inner.detect(sentences, codebook)


@register_detector("always-broken")
class AlwaysBroken:
    """Fails on every call."""

    name = "always-broken"

    def fit(self, sentences: Sequence[Sentence], labels: Sequence[Collection[str]]) -> None:
        return None

    def detect(self, sentences: Sequence[Sentence], codebook: Any) -> list[Hit]:
        raise RuntimeError("this detector always fails")
