"""The local engine: analyse every stored article in this process, batch by batch.

Results go to the run's staging id and replace the previous results only when the run is
complete, so an interrupted run keeps the last good ones. Each batch commits with a checkpoint:
the same command run again continues after the last committed batch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from narrascope.analysis._worker import (
    RunInterrupted,
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

_COUNTS = ("articles", "hits", "labels", "mentions", "quotes", "skipped_languages")


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

    Re-running with the same codebook version, detectors and options replaces that run; after
    an interruption it resumes from the last committed batch (``summary.resumed`` articles).

    Raises:
        RunInterrupted: on Ctrl-C (a ``KeyboardInterrupt``); the previous results are kept.
    """
    total = require_articles(store)
    names = [d.name for d in detectors]
    options = dict(options or {}, actors=actors is not None)
    summary = RunSummary(run_id_for(codebook, names, options))
    models = {d.name: model_info_of(d) for d in detectors}
    manifest = run_manifest(codebook, names, models, options)
    key = resume_key(manifest, total)
    checkpoint = store.stage_run(summary.run_id, manifest, key)
    _restore(summary, checkpoint)
    staged = store.staging_id(summary.run_id)
    try:
        for articles, sentences in store.iter_articles(batch_size, after=checkpoint.get("last")):
            result = analyze_batch(
                articles, codebook, detectors, sentences=sentences, actors=actors, quotes=quotes
            )
            add_counts(summary, len(articles), result)
            saved = {"key": key, "last": articles[-1].id, "summary": _counts(summary)}
            store.write_results(
                staged, result.hits, result.labels, result.mentions, result.quotes, checkpoint=saved
            )
            if progress:
                progress(summary.articles, total)
    except BaseException as exc:
        store.interrupt_run(summary.run_id)
        if isinstance(exc, KeyboardInterrupt):
            raise RunInterrupted.after(summary, total, store) from exc
        raise
    store.commit_run(summary.run_id, summary.articles)
    return summary


def resume_key(manifest: dict[str, Any], total: int) -> str:
    """What a checkpoint must match to be resumed: the manifest and the number of articles."""
    text = json.dumps({"manifest": manifest, "articles": total}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _counts(summary: RunSummary) -> dict[str, Any]:
    data = asdict(summary)
    return {name: data[name] for name in _COUNTS}


def _restore(summary: RunSummary, checkpoint: dict[str, Any]) -> None:
    """Counts of the batches committed before an interruption."""
    for name, value in checkpoint.get("summary", {}).items():
        if name in _COUNTS:
            setattr(summary, name, dict(value) if isinstance(value, dict) else int(value))
    summary.resumed = summary.articles
