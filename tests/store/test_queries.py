"""The Store's result queries for the report and dashboard (``narrascope.store.queries``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from narrascope.records import ArticleLabel, Hit
from narrascope.store import Store
from narrascope.store.queries import EvidenceFilter


def _levels(frame: Any, level: str, key: str) -> dict[Any, int]:
    rows = frame[frame["level"] == level]
    return dict(zip(rows[key], rows["articles"], strict=True))


def test_labelled_counts_count_each_article_once_across_detectors(
    built: Any, builder: ModuleType
) -> None:
    first = built.articles[0]
    with Store(built.path) as store:
        store.start_run("two", {"detectors": ["lexicon", "embedding"]})
        hits = [
            Hit(first.id, 1, 0, 5, "double-standards", d, 0.9) for d in ("lexicon", "embedding")
        ]
        labels = [ArticleLabel(first.id, "double-standards", h.detector, 0.9, 1, 1) for h in hits]
        store.write_results("two", hits, labels)
        store.finish_run("two", 7)
        counts = store.labelled_counts("two")
    assert _levels(counts, "all", "narrative") == {"double-standards": 1}
    assert _levels(counts, "outlet", "outlet") == {"Sample State Wire": 1}


def test_article_totals_by_level(built: Any) -> None:
    with Store(built.path, read_only=True) as store:
        totals = store.article_totals()
    assert _levels(totals, "all", "level") == {"all": 7}
    assert sum(_levels(totals, "week", "week").values()) == 7
    assert _levels(totals, "outlet", "outlet")["Sample State Wire"] == 3


def test_evidence_filters_and_counts_agree(built: Any, builder: ModuleType) -> None:
    family = ("double-standards", "accuses-others")
    cases = [
        EvidenceFilter(family),
        EvidenceFilter(family, outlet="Sample State Wire"),
        EvidenceFilter(family, detector="lexicon", language="en"),
        EvidenceFilter(family, date_from=date(2018, 10, 2), date_to=date(2018, 11, 30)),
        EvidenceFilter(family, outlet="' OR 1=1 --"),
    ]
    with Store(built.path, read_only=True) as store:
        for where in cases:
            page = store.evidence(built.run_id, where, limit=50)
            assert len(page) == store.evidence_count(built.run_id, where), where
            assert page["sentence"].notna().all()
    assert page.empty  # the injection string is a value that matches no outlet


def test_evidence_pages_do_not_overlap(built: Any, tmp_path: Path) -> None:
    where = EvidenceFilter(("double-standards", "accuses-others", "indispensable-power"))
    with Store(built.path, read_only=True) as store:
        pages = [store.evidence(built.run_id, where, limit=2, offset=o) for o in (0, 2, 4)]
    keys = [(r.article_id, r.char_start) for p in pages for r in p.itertuples()]
    assert len(keys) == len(set(keys)) == 5
