"""The local engine: analyse every stored article in this process, batch by batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from narrascope.analysis._worker import (
    RunSummary,
    add_counts,
    require_articles,
    run_id_for,
    run_manifest,
)
from narrascope.analysis.batch import analyze_batch
from narrascope.types import Detector, MentionExtractor, Progress, QuoteAttributor, model_info_of

if TYPE_CHECKING:
    from narrascope.codebook import Codebook
    from narrascope.store import Store

__all__ = ["analyze_local"]


def analyze_local(
    store: Store,
    codebook: Codebook,
    detectors: Sequence[Detector],
    *,
    batch_size: int = 500,
    actors: MentionExtractor | None = None,
    quotes: QuoteAttributor | None = None,
    options: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Analyse every stored article in batches and write the results.

    Re-running with the same codebook version, detectors and options replaces that run.
    """
    total = require_articles(store)
    names = [d.name for d in detectors]
    options = dict(options or {}, actors=actors is not None)
    summary = RunSummary(run_id_for(codebook, names, options))
    models = {d.name: model_info_of(d) for d in detectors}
    store.start_run(summary.run_id, run_manifest(codebook, names, models, options))
    for articles, sentences in store.iter_articles(batch_size):
        result = analyze_batch(
            articles, codebook, detectors, sentences=sentences, actors=actors, quotes=quotes
        )
        store.write_results(
            summary.run_id, result.hits, result.labels, result.mentions, result.quotes
        )
        add_counts(summary, len(articles), result)
        if progress:
            progress(summary.articles, total)
    store.finish_run(summary.run_id, summary.articles)
    return summary
