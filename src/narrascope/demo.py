"""The bundled demo: the sample corpus, end to end, in one call (what ``make demo`` runs).

Ingests the shipped sample corpus (JSONL, an RSS feed and three saved HTML pages), imports the
sample events and the two-coder gold labels, analyses with the default ``crisis-diplomacy``
codebook (lexicon detector; actors and quotes too when the ``nlp`` extra is installed) and
writes the HTML report. Everything it reads ships inside the package; nothing goes online.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from narrascope.codebook import load_codebook
from narrascope.errors import MissingExtraError
from narrascope.pipeline import actor_quote_extractors
from narrascope.store import Store

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


def sample_path(*parts: str) -> Path:
    """Path of a file shipped in ``narrascope/sample``."""
    return Path(str(resources.files("narrascope").joinpath("sample", *parts)))


def sample_sources() -> list[Path]:
    """The sample corpus files, one per ingest path (JSONL, RSS, HTML pages)."""
    return [sample_path("articles.jsonl"), sample_path("feed.xml"), sample_path("pages")]


def optional_actor_extractors(notes: list[str]) -> tuple[Any, Any]:
    """Actor and quote extractors, or ``(None, None)`` with a note without the ``nlp`` extra."""
    try:
        return actor_quote_extractors()
    except (ImportError, MissingExtraError) as exc:
        notes.append(f"actors and quotes skipped ({exc}); install narrascope[nlp]")
        return None, None


def run_demo(
    db: str | Path,
    out: str | Path,
    *,
    quiet: bool = True,
    actors: bool = True,
    progress: Callable[[int, int | None], None] | None = None,
) -> DemoResult:
    """Ingest, annotate, analyse and report the sample corpus into ``db`` and ``out``."""
    from narrascope.annotations import import_annotations
    from narrascope.events import load_events
    from narrascope.ingest import IngestOptions, ingest
    from narrascope.pipeline import analyze, build_detectors
    from narrascope.report import write_report

    notes: list[str] = []
    codebook = load_codebook(DEFAULT_CODEBOOK)
    with ExitStack() as stack:
        store = stack.enter_context(Store(db))
        summary = ingest(sample_sources(), store, options=IngestOptions(quiet=quiet))
        store.write_events(load_events(sample_path("events.yaml")))
        import_annotations(store, sample_path("gold.jsonl"), codebook)
        extractors = optional_actor_extractors(notes) if actors else (None, None)
        run = analyze(
            store,
            codebook,
            build_detectors(["lexicon"]),
            actors=extractors[0],
            quotes=extractors[1],
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
