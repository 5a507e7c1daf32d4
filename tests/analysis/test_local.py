"""An interrupted local run keeps the previous results and resumes from its last batch."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.conftest import make_article
from typer.testing import CliRunner

from narrascope.analysis import RunInterrupted, analyze, build_detectors
from narrascope.cli import app
from narrascope.codebook import Codebook, load_codebook
from narrascope.errors import NarrascopeError
from narrascope.records import Hit, Sentence
from narrascope.store import Store
from narrascope.text import segment

TABLES = ("hits", "article_labels")
BATCH = 4
FILLER = "Officials met on Tuesday to discuss the agenda."


class Flaky:
    """The lexicon detector (same name, so the same run id), failing on batch ``fail_at``."""

    name = "lexicon"

    def __init__(self, fail_at: int | None = None, error: type[BaseException] = RuntimeError):
        self.inner = build_detectors(["lexicon"])[0]
        self.fail_at, self.error, self.calls = fail_at, error, 0

    def fit(self, sentences: Sequence[Sentence], labels: Sequence[Any]) -> None:
        """Nothing to learn."""

    def detect(self, sentences: Sequence[Sentence], codebook: Codebook) -> list[Hit]:
        self.calls += 1
        if self.calls == self.fail_at:
            raise self.error("detector failed")
        return self.inner.detect(sentences, codebook)


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook("crisis-diplomacy")


@pytest.fixture
def db(tmp_path: Path, codebook: Codebook) -> Path:
    """22 English articles, most with a lexicon hit (6 batches of 4)."""
    examples = [e for n in codebook.narratives for e in n.block("en").examples]
    articles = [
        make_article(
            f"{FILLER} {examples[i % len(examples)]} {FILLER}",
            title=f"a{i}",
            published_at=datetime(2018, 11, 1 + i, tzinfo=UTC),
        )
        for i in range(22)
    ]
    path = tmp_path / "runs.duckdb"
    with Store(path) as store:
        store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
    return path


def _rows(store: Store, run_id: str) -> dict[str, pd.DataFrame]:
    return {
        t: store.query(
            f"SELECT * EXCLUDE (run_id) FROM {t} WHERE run_id = ? ORDER BY ALL", [run_id]
        )
        for t in TABLES
    }


def _same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(a[table], b[table], check_dtype=False)


def _status(store: Store) -> dict[str, str]:
    return dict(store.query("SELECT run_id, status FROM runs").itertuples(index=False))


def test_failed_rerun_keeps_results_and_the_next_run_resumes(db: Path, codebook: Codebook) -> None:
    with Store(db) as store:
        first = analyze(store, codebook, [Flaky()], batch_size=BATCH)
        good = _rows(store, first.run_id)
        assert len(good["hits"]) > 5
        flaky = Flaky(fail_at=4)
        with pytest.raises(RuntimeError, match="detector failed"):
            analyze(store, codebook, [flaky], batch_size=BATCH)
        _same(_rows(store, first.run_id), good)  # the last good results are still there
        assert _status(store)[first.run_id] == "done"
        assert _status(store)[store.staging_id(first.run_id)] == "interrupted"
        assert store.latest_run() == first.run_id

        resumed = Flaky()
        again = analyze(store, codebook, [resumed], batch_size=BATCH)
        assert again.run_id == first.run_id and again.resumed == 3 * BATCH
        assert resumed.calls == 3  # only the 10 articles after the 3 committed batches
        assert (again.articles, again.hits, again.labels) == (22, first.hits, first.labels)
        _same(_rows(store, first.run_id), good)
        assert _status(store) == {first.run_id: "done"}  # the staging run is gone
        assert store.count("hits") == len(good["hits"])


def test_ctrl_c_says_what_was_kept_and_how_to_resume(db: Path, codebook: Codebook) -> None:
    with Store(db) as store:
        with pytest.raises(KeyboardInterrupt) as info:
            analyze(store, codebook, [Flaky(fail_at=2, error=KeyboardInterrupt)], batch_size=BATCH)
        assert isinstance(info.value, RunInterrupted) and isinstance(info.value, NarrascopeError)
        message = info.value.one_line()
        assert "after 4 of 22 articles" in message and "kept" in message and "resume" in message
        resumed = Flaky()
        summary = analyze(store, codebook, [resumed], batch_size=BATCH)
        assert summary.resumed == BATCH and resumed.calls == 5


def test_a_changed_corpus_starts_the_run_afresh(db: Path, codebook: Codebook) -> None:
    with Store(db) as store:
        with pytest.raises(RuntimeError):
            analyze(store, codebook, [Flaky(fail_at=3)], batch_size=BATCH)
        extra = make_article(f"{FILLER} Nothing else.", title="new")
        store.write_articles([extra], segment(extra.id, extra.text, "en"))
        fresh = Flaky()
        summary = analyze(store, codebook, [fresh], batch_size=BATCH)
        assert summary.resumed == 0 and summary.articles == 23 and fresh.calls == 6


def test_cli_interrupted_analyze_exits_130_with_a_resume_hint(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from narrascope.analysis import local

    real, calls = local.analyze_batch, []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(local, "analyze_batch", interrupted)
    command = ["--db", str(db), "-q", "analyze", "--detectors", "lexicon", "--batch-size", "4"]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 130, result.output
    text = " ".join(result.output.split())
    assert "interrupted after 4 of 22 articles" in text and "run the same command again" in text
    monkeypatch.setattr(local, "analyze_batch", real)
    assert CliRunner().invoke(app, command).exit_code == 0
