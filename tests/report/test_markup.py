"""Marking spans in article text: same segments as the plain algorithm, in linear time."""

from __future__ import annotations

import itertools
import random

import pytest

from narrascope.report.markup import Segment, Span, segments


def _reference(text: str, spans: list[Span], offset: int = 0) -> list[Segment]:
    """The original quadratic algorithm, kept as the definition of the expected output."""
    n = len(text)
    clipped = []
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, n)
        if start < end:
            clipped.append((start, end, span))
    cuts = sorted({0, n, *(c for s, e, _ in clipped for c in (s, e))})
    out = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(sp for s, e, sp in clipped if s <= start and end <= e)
        anchor = next((sp.anchor for s, _, sp in clipped if s == start and sp.anchor), "")
        out.append(Segment(text[start:end], covering, anchor))
    return out


def _random_spans(rng: random.Random, n_text: int, count: int) -> list[Span]:
    spans = []
    for i in range(count):
        start = rng.randint(-3, n_text + 2)
        end = start + rng.randint(-1, 12)
        kind = rng.choice(["hit", "quote", "actor"])
        anchor = rng.choice(["", f"a{i}"])
        spans.append(Span(start, end, kind, f"t{i % 4}", anchor))
    return spans


@pytest.mark.parametrize("seed", range(200))
def test_segments_equal_the_reference_on_small_inputs(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice("ab c") for _ in range(rng.randint(0, 40)))
    spans = _random_spans(rng, len(text), rng.randint(0, 15))
    offset = rng.randint(0, 3)
    assert segments(text, spans, offset) == _reference(text, spans, offset)


@pytest.mark.timeout(20)
def test_segments_scale_to_twenty_thousand_hits() -> None:
    # 20k sentence-level hits, each overlapping its neighbours; the quadratic version needed
    # about a minute here (8k spans: 6 s).
    text = "word " * 50_000
    spans = [Span(10 * i, 10 * i + 15, "hit", f"n{i % 7}", f"hit-{10 * i}") for i in range(20_000)]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert sum(1 for s in segs if s.anchor) == 20_000
    assert max(len(s.spans) for s in segs) == 2
