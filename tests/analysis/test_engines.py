"""Parallel runners (Dask, local processes) give the local runner's answers, row for row;
Dask reruns skip finished partitions, failed partitions are retried and reported; Parquet
export and import of partitioned corpora."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import REPO_ROOT, make_article
from typer.testing import CliRunner

from narrascope.analysis import WorkerError, analyze, analyze_processes, build_detectors
from narrascope.codebook import Codebook, load_codebook
from narrascope.errors import InputError, MissingExtraError, UsageError
from narrascope.ingest.parquet import read_parquet
from narrascope.records import Article
from narrascope.store import Store
from narrascope.text import segment

SAMPLE = REPO_ROOT / "src" / "narrascope" / "sample" / "articles.jsonl"
TEST_DETECTORS = ("tests.analysis._dask_detectors",)
PARTITION = 10
RESULTS = ("hits", "article_labels", "mentions", "quotes")
FILLER = {
    "en": "Officials met on Tuesday to discuss the agenda. The talks lasted several hours.",
    "ru": "Чиновники встретились во вторник, чтобы обсудить повестку. Переговоры шли часами.",
}


# -- corpus and stores ------------------------------------------------------------------------
def _generated(codebook: Codebook) -> list[Article]:
    """~60 EN/RU articles from the codebook's example sentences plus filler."""
    articles = []
    for i in range(60):
        language = ("en", "ru")[i % 2]
        examples = [e for n in codebook.narratives for e in n.block(language).examples]
        example = examples[i % len(examples)] if examples else ""
        text = f"{FILLER[language]} {example} {FILLER[language]}"
        articles.append(make_article(text, language=language, title=f"Article {i}"))
    return articles


def _fill(store: Store, codebook: Codebook) -> None:
    if SAMPLE.is_file():
        from narrascope.ingest import IngestOptions, ingest

        ingest([SAMPLE], store, options=IngestOptions(workers=1))
        return
    articles = _generated(codebook)
    store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, a.language)])


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook("crisis-diplomacy")


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory, codebook: Codebook) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "base.duckdb"
    with Store(path) as store:
        _fill(store, codebook)
        assert store.count("articles") > 2 * PARTITION
    return path


@pytest.fixture
def store(base_db: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the corpus store."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(base_db, path)
    with Store(path) as s:
        yield s


@pytest.fixture(scope="module")
def expected(base_db: Path, tmp_path_factory: pytest.TempPathFactory, codebook: Codebook) -> dict:
    """The local runner's rows (without run_id) and run id on the corpus."""
    path = tmp_path_factory.mktemp("local") / "local.duckdb"
    shutil.copy(base_db, path)
    with Store(path) as store:
        summary = analyze(store, codebook, build_detectors(["lexicon"]), batch_size=7)
        assert summary.hits > 0, "the corpus should give lexicon hits"
        return {"summary": summary, **_rows(store, summary.run_id, RESULTS[:2])}


def _rows(store: Store, run_id: str, tables: tuple[str, ...] = RESULTS) -> dict[str, pd.DataFrame]:
    return {
        table: store.query(
            f"SELECT * EXCLUDE (run_id) FROM {table} WHERE run_id = ? ORDER BY ALL", [run_id]
        )
        for table in tables
    }


def _assert_same_rows(store: Store, run_id: str, expected: dict) -> None:
    for table, frame in _rows(store, run_id, tuple(t for t in RESULTS if t in expected)).items():
        pd.testing.assert_frame_equal(frame, expected[table], check_dtype=False)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A shared LocalCluster: 2 single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


# -- same answers -----------------------------------------------------------------------------
@pytest.mark.slow
def test_dask_on_its_own_local_cluster_matches_the_local_runner(store, codebook, expected) -> None:  # type: ignore[no-untyped-def]
    summary = analyze(store, codebook, ["lexicon"], engine="dask", workers=2, batch_size=PARTITION)
    assert summary.run_id == expected["summary"].run_id
    assert (summary.articles, summary.hits, summary.labels) == (
        expected["summary"].articles,
        expected["summary"].hits,
        expected["summary"].labels,
    )
    assert summary.workers == 2 and summary.partitions == -(-summary.articles // PARTITION)
    _assert_same_rows(store, summary.run_id, expected)
    runs = store.runs()
    assert len(runs) == 1 and runs.loc[0, "status"] == "done"
    assert runs.loc[0, "n_articles"] == summary.articles
    assert json.loads(runs.loc[0, "models"])["options"]["engine"] == "dask"


@pytest.mark.slow
def test_dask_with_actors_and_quotes_matches_the_local_runner(  # type: ignore[no-untyped-def]
    store, codebook, scheduler, tmp_path
) -> None:
    from narrascope.actors import ActorExtractor
    from narrascope.actors.quotes import QuoteExtractor
    from narrascope.analysis.dask import analyze_dask

    articles, sentences = next(store.iter_articles(2 * PARTITION))  # NER is slow: a subset
    with Store(tmp_path / "subset.duckdb") as subset:
        subset.write_articles(articles, sentences)
        detectors = build_detectors(["lexicon"])
        extractors = {"actors": ActorExtractor(), "quotes": QuoteExtractor()}
        local = analyze(subset, codebook, detectors, **extractors)
        assert local.mentions > 0 and local.quotes > 0
        expected = _rows(subset, local.run_id)
        summary = analyze_dask(
            subset,
            codebook,
            ["lexicon"],
            actors=True,
            scheduler=scheduler,
            partition_dir=tmp_path,
            partition_size=PARTITION,
        )
        assert summary.run_id == local.run_id
        assert (summary.mentions, summary.quotes) == (local.mentions, local.quotes)
        _assert_same_rows(subset, summary.run_id, expected)


@pytest.mark.slow
def test_processes_engine_matches_the_local_runner(store, codebook, expected) -> None:  # type: ignore[no-untyped-def]
    summary = analyze_processes(store, codebook, ["lexicon"], workers=2, batch_size=PARTITION)
    assert summary.run_id == expected["summary"].run_id
    assert summary.hits == expected["summary"].hits
    _assert_same_rows(store, summary.run_id, expected)


# -- reruns, retries, failures ------------------------------------------------------------------
@pytest.mark.slow
def test_rerun_skips_finished_partitions(  # type: ignore[no-untyped-def]
    store, codebook, expected, scheduler, tmp_path, monkeypatch
) -> None:
    from narrascope.analysis import dask as distributed
    from narrascope.analysis.dask import analyze_dask

    monkeypatch.setattr(distributed, "EXPORT_ARTICLES", 2 * PARTITION)  # export in groups

    parts = tmp_path / "parts"
    run = {"scheduler": scheduler, "partition_dir": parts, "partition_size": PARTITION}
    first = analyze_dask(store, codebook, ["lexicon"], **run)
    results = parts / "results" / first.run_id
    assert first.reused == 0 and len(list(results.iterdir())) == first.partitions
    shutil.rmtree(results / "part-00001")  # lost
    (results / "part-00002" / "_SUCCESS.json").write_text('{"fingerprint": "stale"}')
    (results / ".part-00003.tmp-dead").mkdir()  # an interrupted write is ignored
    second = analyze_dask(store, codebook, ["lexicon"], **run)
    assert second.reused == first.partitions - 2
    _assert_same_rows(store, second.run_id, expected)
    third = analyze_dask(store, codebook, ["lexicon"], **run)
    assert third.reused == third.partitions and "compute" not in third.timings
    assert third.hits == expected["summary"].hits
    _assert_same_rows(store, third.run_id, expected)


@pytest.mark.slow
def test_a_partition_that_fails_once_is_retried(
    store, codebook, expected, scheduler, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from narrascope.analysis.dask import analyze_dask

    summary = analyze_dask(
        store,
        codebook,
        ["flaky-lexicon"],
        scheduler=scheduler,
        partition_dir=tmp_path / "parts",
        partition_size=PARTITION,
        imports=TEST_DETECTORS,
    )
    # each worker fails its first call once; one partition may meet both failures
    failures = [error for errors in summary.retried.values() for error in errors]
    assert 1 <= len(failures) <= 2
    assert set(failures) == {"RuntimeError: injected failure on this worker's first call"}
    _assert_same_rows(store, summary.run_id, expected)


@pytest.mark.slow
def test_partitions_failing_every_retry_are_reported(store, codebook, scheduler, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from narrascope.analysis.dask import analyze_dask

    with pytest.raises(WorkerError) as info:
        analyze_dask(
            store,
            codebook,
            ["always-broken"],
            scheduler=scheduler,
            partition_dir=tmp_path / "parts",
            partition_size=PARTITION,
            retries=1,
            imports=TEST_DETECTORS,
        )
    message = info.value.one_line()
    assert "partitions failed after 1 retries" in message and "part-00000" in message
    assert "this detector always fails" in message and "rerun" in message
    assert store.count("runs") == 0 and store.count("hits") == 0


@pytest.mark.slow
def test_worker_setup_errors_reach_the_parent(store, codebook, scheduler, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from narrascope.analysis.dask import analyze_dask

    with pytest.raises(WorkerError, match="unknown detector 'no-such-detector'") as info:
        analyze_dask(
            store, codebook, ["no-such-detector"], scheduler=scheduler, partition_dir=tmp_path
        )
    assert info.value.exit_code == UsageError.exit_code
    assert not list(tmp_path.glob("inputs-*")), "exported inputs are cleaned up"


def test_missing_dask_is_a_missing_extra_error(store, codebook, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import narrascope.analysis.dask as real

    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)
    spec = importlib.util.spec_from_file_location("_distributed_without_dask", real.__file__)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)  # imports fine without dask
    for run in (module.analyze_dask, real.analyze_dask):
        with pytest.raises(MissingExtraError, match=r"narrascope\[dask\]"):
            run(store, codebook, ["lexicon"])
    with pytest.raises(MissingExtraError):
        analyze(store, codebook, ["lexicon"], engine="dask")


def test_unknown_engine_is_a_usage_error(store, codebook) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        analyze(store, codebook, ["lexicon"], engine="spark")


@pytest.mark.slow
def test_cli_engines(store, scheduler) -> None:  # type: ignore[no-untyped-def]
    from narrascope.cli import app

    path = str(store.path)
    store.close()
    base = ["--db", path, "-q", "analyze", "--batch-size", str(PARTITION), "--workers", "2"]
    result = CliRunner().invoke(app, [*base, "--engine", "processes"])
    assert result.exit_code == 0, result.output
    assert "engine processes: 2 workers" in result.output
    result = CliRunner().invoke(app, [*base, "--engine", "dask", "--scheduler", scheduler])
    assert result.exit_code == 0, result.output
    assert "partitions (0 reused" in result.output
    result = CliRunner().invoke(app, [*base, "--engine", "nope"])
    assert result.exit_code == UsageError.exit_code


def test_chunked_reading_gives_the_same_batches(store) -> None:  # type: ignore[no-untyped-def]
    assert list(store.iter_articles(7, chunk=20)) == list(store.iter_articles(7, chunk=10**6))


# -- Parquet export and import --------------------------------------------------------------------
def test_partitioned_export_covers_each_row_once(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from narrascope.cli import app

    path = str(store.path)
    n_articles, n_sentences = store.count("articles"), store.count("sentences")
    store.close()
    for table, size in (("articles", PARTITION), ("sentences", 7)):
        out = tmp_path / table
        args = ["--db", path, "export", table, "--out", str(out), "--partition-size", str(size)]
        result = CliRunner().invoke(app, [*args, "--format", "parquet"])
        assert result.exit_code == 0, result.output
        files = sorted(out.glob("part-*.parquet"))
        total = n_articles if table == "articles" else n_sentences
        assert len(files) == -(-total // size)
        frame = pd.concat(pd.read_parquet(f) for f in files)
        keys = ["id"] if table == "articles" else ["article_id", "sentence_index"]
        assert len(frame) == total and not frame.duplicated(keys).any()


def test_read_parquet_streams_a_file_or_a_folder(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = store.export("articles", tmp_path / "corpus", partition_size=PARTITION)
    single = store.export("articles", tmp_path / "all.parquet")
    stored = {a.id: a for batch, _ in store.iter_articles(1000) for a in batch}
    from_folder = list(read_parquet(folder))
    assert [a.id for a in from_folder] == sorted(stored)
    assert from_folder == [stored[a.id] for a in from_folder]
    assert sorted(a.id for a in read_parquet(single, batch_rows=3)) == sorted(stored)


def test_read_parquet_errors_and_bad_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame({"id": ["a", "b", None], "language": ["en", "ru", "en"]})
    frame["text"] = ["Some text.", None, "More text."]
    frame.to_parquet(tmp_path / "part-00000.parquet")
    assert [a.id for a in read_parquet(tmp_path)] == ["a"]  # rows without id/text skipped
    frame.drop(columns=["language"]).to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(InputError, match="missing column"):
        list(read_parquet(tmp_path / "bad.parquet"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no Parquet files"):
        list(read_parquet(empty))


def test_ingesting_an_exported_corpus_keeps_ids_and_sentences(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ingest_module = pytest.importorskip("narrascope.ingest")
    if ".parquet" not in getattr(ingest_module, "READERS", {}) or not SAMPLE.is_file():
        pytest.skip("needs the ingest runner's .parquet reader and an ingested corpus")
    folder = store.export("articles", tmp_path / "corpus", partition_size=PARTITION)
    with Store(tmp_path / "again.duckdb") as again:
        ingest_module.ingest([folder], again, options=ingest_module.IngestOptions())
        query = "SELECT id, text, language FROM articles ORDER BY id"
        pd.testing.assert_frame_equal(again.query(query), store.query(query))
        query = "SELECT * FROM sentences ORDER BY ALL"
        pd.testing.assert_frame_equal(again.query(query), store.query(query))
