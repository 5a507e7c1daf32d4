"""Duplicate review for ``narrascope duplicates``: the copies linked at ingest plus the pairs
of other stored articles whose similarity reaches a threshold.

Candidate pairs come from the stored MinHash signatures (banded, see
:func:`narrascope.ingest.fingerprint.band_pairs`), never from all pairs; each candidate is then
scored exactly on its texts: the Jaccard index of the word shingles and the containment of the
shorter text in the longer. A pair is a ``near`` copy when its Jaccard index reaches the
threshold, ``contained`` when only its containment does.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from narrascope.ingest.fingerprint import band_pairs, overlap
from narrascope.store import Store, clip

__all__ = ["similar_pairs"]

TITLE_CHARS = 60


def similar_pairs(store: Store, threshold: float = 0.8) -> pd.DataFrame:
    """Stored copies plus candidate pairs whose exact similarity reaches ``threshold``.

    Returns:
        One row per pair: canonical and duplicate id and outlet, ``kind`` (``exact``,
        ``near`` or ``contained``), ``similarity`` (the larger of ``jaccard`` and
        ``containment``) and the canonical article's title.
    """
    linked = store.duplicate_clusters()
    pairs: list[tuple[str, str, str | None]] = [
        (str(r.canonical_id), str(r.duplicate_id), str(r.dup_kind)) for r in linked.itertuples()
    ]
    ids, matrix = store.minhash_matrix()
    pairs += [(str(a), str(b), None) for a, b in sorted(band_pairs(ids, matrix))]
    texts = store.articles_for_review(sorted({x for a, b, _ in pairs for x in (a, b)}))
    texts = texts.set_index("id")
    rows = [_row(texts, pair, threshold) for pair in pairs]
    return pd.DataFrame([row for row in rows if row is not None])


def _row(texts: pd.DataFrame, pair: tuple[str, str, str | None], threshold: float) -> Any:
    first, second, kind = pair
    one, two = texts.loc[first], texts.loc[second]
    jaccard, contained = overlap(one.text.casefold().split(), two.text.casefold().split())
    if kind is None:
        if max(jaccard, contained) < threshold:
            return None
        kind = "near" if jaccard >= threshold else "contained"
        if (two.published_at, second) < (one.published_at, first):
            first, second, one, two = second, first, two, one
    return {
        "canonical_id": first,
        "canonical_outlet": one.outlet,
        "duplicate_id": second,
        "duplicate_outlet": two.outlet,
        "kind": kind,
        "similarity": round(max(jaccard, contained), 3),
        "jaccard": round(jaccard, 3),
        "containment": round(contained, 3),
        "title": clip(one.title, TITLE_CHARS),
    }
