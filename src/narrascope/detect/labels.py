"""Article labels from sentence hits: the one documented aggregation rule.

An article carries narrative *N* for detector *D* when *D* emitted at least one hit for *N*
or for any sub-narrative of *N* in one of its sentences. Detectors emit a hit only above their
own (calibrated) threshold, so every article label is backed by evidence sentences. The
label's ``score`` is the highest hit score, ``n_hits`` the number of supporting hits and
``n_sentences`` the number of distinct sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from narrascope.records import ArticleLabel, Hit

if TYPE_CHECKING:
    from narrascope.codebook import Codebook


def aggregate_labels(hits: Iterable[Hit], codebook: Codebook) -> list[ArticleLabel]:
    """Article labels from sentence hits, propagating each hit to the narrative's ancestors."""
    groups: dict[tuple[str, str, str], list[Hit]] = defaultdict(list)
    for hit in hits:
        for narrative in (hit.narrative, *codebook.ancestors(hit.narrative)):
            groups[(hit.article_id, narrative, hit.detector)].append(hit)
    return [
        ArticleLabel(
            article_id=article_id,
            narrative=narrative,
            detector=detector,
            score=max(h.score for h in group),
            n_hits=len(group),
            n_sentences=len({h.sentence_index for h in group}),
        )
        for (article_id, narrative, detector), group in sorted(groups.items())
    ]
