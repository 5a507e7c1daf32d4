"""Small hand-made stores for the trends, events, opinion and CLI tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from narrascope.records import Article, ArticleLabel, Hit, Sentence
from narrascope.store import Store

NOW = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass
class Doc:
    """One synthetic article: its outlet, day, sentence count and hits per narrative."""

    id: str
    outlet: str
    day: date
    n_sentences: int = 4
    hits: dict[str, int] = field(default_factory=dict)
    language: str = "ru"
    dup_kind: str | None = None
    detector: str = "lexicon"
    hour: int = 12


def _article(doc: Doc) -> tuple[Article, list[Sentence]]:
    text = " ".join(f"Sentence {i}." for i in range(doc.n_sentences))
    article = Article(
        id=doc.id,
        url=None,
        outlet=doc.outlet,
        language=doc.language,
        published_at=datetime.combine(doc.day, time(doc.hour), tzinfo=UTC),
        title=None,
        text=text,
        source_path=None,
        raw_sha256=doc.id,
        ingested_at=NOW,
        extractor="test",
        content_hash=doc.id,
        canonical_id="x" if doc.dup_kind else None,
        dup_kind=doc.dup_kind,  # type: ignore[arg-type]
    )
    sentences = [Sentence(doc.id, i, 0, 1, "S", doc.language) for i in range(doc.n_sentences)]
    return article, sentences


def _results(doc: Doc) -> tuple[list[Hit], list[ArticleLabel]]:
    hits, labels = [], []
    for narrative, count in doc.hits.items():
        for k in range(count):
            sentence = k % max(doc.n_sentences, 1)
            hits.append(Hit(doc.id, sentence, 0, 1, narrative, doc.detector, 1.0, "cue"))
        if count:
            labels.append(ArticleLabel(doc.id, narrative, doc.detector, 1.0, count, 1))
    return hits, labels


def build_store(path: Path, docs: list[Doc], run_id: str = "run-1") -> Store:
    """Write ``docs`` (articles, sentences, hits, labels) into a new store; one finished run."""
    store = Store(path)
    pairs = [_article(d) for d in docs]
    store.write_articles([a for a, _ in pairs], [s for _, ss in pairs for s in ss])
    store.start_run(run_id, {"detectors": sorted({d.detector for d in docs})})
    hits, labels = [], []
    for doc in docs:
        h, lab = _results(doc)
        hits += h
        labels += lab
    store.write_results(run_id, hits, labels)
    store.finish_run(run_id, len(docs))
    return store


# -- parent > child > grandchild, recorded with the run (the sub-narrative rule) --------------
PARENTS = {"parent": None, "child": "parent", "grandchild": "child"}
FAMILY = [
    Doc("a", "tass", date(2018, 11, 1), 10, {"child": 3}),
    Doc("b", "tass", date(2018, 11, 2), 10, {"parent": 1}),
    Doc("c", "tass", date(2018, 11, 3), 10, {"parent": 1, "child": 2}),
    Doc("d", "tass", date(2018, 11, 4), 10, {"grandchild": 1}),
    Doc("e", "tass", date(2018, 11, 5), 10),
]


def build_family_store(path: Path, docs: list[Doc] = FAMILY) -> Store:
    """A store as ``analyze`` leaves it: the hierarchy recorded with the run and every article
    label propagated to the narrative's ancestors (:func:`narrascope.detect.labels`)."""
    store = build_store(path, docs)
    store.save_run_narratives("run-1", PARENTS)
    extra = []
    for doc in docs:
        ancestors = set()
        for narrative, count in doc.hits.items():
            parent = PARENTS.get(narrative) if count else None
            while parent is not None:
                ancestors.add(parent)
                parent = PARENTS[parent]
        for name in sorted(ancestors - {n for n, k in doc.hits.items() if k}):
            extra.append(ArticleLabel(doc.id, name, doc.detector, 1.0, 1, 1))
    store.write_results("run-1", [], extra)
    return store
