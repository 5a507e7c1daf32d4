"""SemEval-2025 Task 10 subtask 2: import of our small fixture and prediction export."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.codebook import load_codebook
from narrascope.errors import InputError, UsageError
from narrascope.records import ArticleLabel
from narrascope.validation.annotations import load_gold
from narrascope.validation.semeval import (
    format_labels,
    ingest_semeval,
    language_dirs,
    read_annotations,
    write_predictions,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "semeval"


def test_taxonomy_codebooks_load_and_know_the_labels() -> None:
    urw, cc, both = (load_codebook(n) for n in ("urw", "cc", "semeval"))
    assert len(urw.top_level()) == 12 and len(cc.top_level()) == 11
    assert len(both.ids) == len(urw.ids) + len(cc.ids) - 1  # one shared "Other"
    peace = [n for n in urw.narratives if n.label.endswith("guarantor of peace and prosperity")]
    assert peace[0].parent == "urw-praise-russia"
    assert urw.narrative("urw-praise-russia").label == "URW: Praise of Russia"


def test_reads_the_annotation_file() -> None:
    labels = read_annotations(DATA / "RU" / "subtask-2-annotations.txt")
    narratives, subs = labels["RU-URW-1002.txt"]
    assert narratives == ["URW: Discrediting Ukraine", "URW: Made-up narrative"]
    assert subs[0].endswith("Discrediting Ukrainian government and officials and policies")


def test_ingest_stores_articles_and_annotations(store) -> None:  # type: ignore[no-untyped-def]
    report = ingest_semeval(store, DATA)
    assert report.languages == {"en": 4, "ru": 2}
    assert report.missing_documents == ["EN/EN_UA_999.txt"]
    assert report.unknown_labels == {"URW: Made-up narrative": 1}
    assert any("EN_UA_999" in w for w in report.warnings())
    arts = store.article_index().set_index("id")
    assert sorted(arts["language"].unique()) == ["en", "ru"]
    articles, sentences = store.load_articles(list(arts.index))
    first = next(a for a in articles if a.source_path.endswith("EN_UA_001.txt"))
    assert first.title == "Sanctions are hurting Europe more than Moscow, analysts say"
    assert first.text.startswith(first.title)
    assert any(s.article_id == first.id for s in sentences)
    gold = load_gold(store, load_codebook("semeval"))
    assert gold.articles["semeval"][first.id] == {
        "urw-consequences-west",
        "urw-consequences-west-sanctions-backfire",
    }
    assert gold.unknown == {"URW: Made-up narrative": 1}
    again = ingest_semeval(store, DATA)
    assert again.articles == 6
    assert store.count("articles") == 6 and store.count("annotations") == report.annotations


def test_language_folder_can_be_given_directly(store) -> None:  # type: ignore[no-untyped-def]
    assert language_dirs(DATA / "RU") == [DATA / "RU"]
    with pytest.raises(InputError, match="raw-documents"):
        language_dirs(DATA.parent / "codebooks")


def test_format_labels_follows_the_task_conventions() -> None:
    urw = load_codebook("urw")
    assert format_labels(urw, set()) == (["Other"], ["Other"])
    coarse_only = format_labels(urw, {"urw-praise-russia"})
    assert coarse_only == (["URW: Praise of Russia"], ["URW: Praise of Russia: Other"])
    fine = format_labels(urw, {"urw-praise-russia", "urw-praise-russia-putin", "other"})
    assert fine == (
        ["URW: Praise of Russia"],
        ["URW: Praise of Russia: Praise of Russian President Vladimir Putin"],
    )


def test_write_predictions_round_trips_the_format(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ingest_semeval(store, DATA)
    cb = load_codebook("semeval")
    ids = store.article_index().set_index("source_path")["id"]
    target = next(i for p, i in ids.items() if p.endswith("EN_UA_002.txt"))
    store.start_run(
        "r1", {"codebook_id": cb.id, "codebook_hash": cb.version, "detectors": ["lexicon"]}
    )
    labels = [
        ArticleLabel(target, n, "lexicon", 0.9, 1, 1)
        for n in ("urw-distrust-media", "urw-distrust-media-western-media")
    ]
    store.write_results("r1", [], labels)
    store.finish_run("r1", 6)
    out = write_predictions(store, cb, tmp_path / "pred.txt")
    lines = dict(
        (parts[0], parts[1:])
        for parts in (line.split("\t") for line in out.read_text(encoding="utf-8").splitlines())
    )
    assert len(lines) == 6
    assert lines["EN_UA_002.txt"] == [
        "URW: Distrust towards Media",
        "URW: Distrust towards Media: Western media is an instrument of propaganda",
    ]
    assert lines["RU-URW-1001.txt"] == ["Other", "Other"]
    parsed = read_annotations(out)
    assert parsed["EN_UA_002.txt"][0] == ["URW: Distrust towards Media"]
    with pytest.raises(UsageError, match="codebook"):
        write_predictions(store, load_codebook("urw"), tmp_path / "x.txt")


def test_write_predictions_keeps_the_annotation_files_order(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The official scorer pairs rows by position: prediction rows follow the gold file."""
    ingest_semeval(store, DATA)
    cb = load_codebook("semeval")
    store.start_run(
        "r1", {"codebook_id": cb.id, "codebook_hash": cb.version, "detectors": ["lexicon"]}
    )
    store.finish_run("r1", 6)
    out = write_predictions(store, cb, tmp_path / "pred.txt")
    written = [line.split("\t")[0] for line in out.read_text(encoding="utf-8").splitlines()]
    gold = [
        file_id
        for language in ("EN", "RU")
        for file_id in read_annotations(DATA / language / "subtask-2-annotations.txt")
    ]
    stored = set(written)
    assert written == [f for f in gold if f in stored]
    assert written != sorted(written)  # the fixture's gold order is not alphabetical
