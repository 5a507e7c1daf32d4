"""`narrascope ingest` through Typer's CliRunner, and crash safety in a real subprocess."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from tests.conftest import TEST_DATA
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.store import Store

DATA = TEST_DATA / "ingest"
NARRASCOPE = Path(sys.executable).parent / "narrascope"
runner = CliRunner()


def _run(db: Path, *args: str) -> object:
    return runner.invoke(app, ["--db", str(db), "--quiet", "ingest", *args])


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        totals = store.stats()["totals"].iloc[0].to_dict()
        return {k: int(v) for k, v in totals.items()} | {"minhashes": store.count("minhashes")}


def test_ingest_jsonl_with_outlet(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    result = _run(db, str(DATA / "articles.jsonl"), "--outlet", "Some Wire")
    assert result.exit_code == 0, result.output
    assert "ingested" in result.output and "articles.jsonl" in result.output
    with Store(db, read_only=True) as store:
        outlets = set(store.query("SELECT outlet FROM articles")["outlet"])
        assert "Some Wire" not in outlets  # every record names its own outlet, which wins
        assert store.count("articles") == 6


def test_rerun_is_idempotent_and_exits_zero(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert _run(db, str(DATA / "articles.jsonl")).exit_code == 0
    before = _counts(db)
    again = _run(db, str(DATA / "articles.jsonl"))
    assert again.exit_code == 0
    assert _counts(db) == before


def test_csv_mapping_flags(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    flags = ["--text-col", "body", "--title-col", "headline", "--date-col", "date"]
    flags += ["--url-col", "link", "--outlet-col", "source"]
    result = _run(db, str(DATA / "articles.csv"), *flags)
    assert result.exit_code == 0, result.output
    assert "rejected:" in result.output and "articles.csv:6: unparseable date" in result.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 3


def test_missing_column_fails_with_input_error_exit_code(tmp_path: Path) -> None:
    result = _run(tmp_path / "s.duckdb", str(DATA / "articles.csv"), "--text-col", "content")
    assert result.exit_code == 3
    assert "articles.csv:1: column 'content'" in result.output
    assert "nothing was ingested" in result.output


def test_every_source_failing_exits_nonzero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = _run(tmp_path / "s.duckdb", str(empty), str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 3
    assert f"{empty}: empty file" in result.output
    assert "missing.jsonl: no such file" in result.output


def test_folder_with_repeated_globs_and_language(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    texts = str(DATA / "texts")
    result = _run(db, texts, "--glob", "*.md", "--glob", "*.txt", "--language", "ru")
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        frame = store.query("SELECT source_path, language FROM articles ORDER BY 1")
    assert [Path(p).name for p in frame["source_path"]] == ["a.md", "b.txt"]
    assert set(frame["language"]) == {"ru"}


def test_stats_duplicates_and_export_after_ingest(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert _run(db, str(DATA / "articles.jsonl"), str(DATA / "malformed.jsonl")).exit_code == 0
    stats = runner.invoke(app, ["--db", str(db), "stats"])
    assert stats.exit_code == 0 and "rejected" in stats.output
    dups = runner.invoke(app, ["--db", str(db), "duplicates"])
    assert dups.exit_code == 0 and "exact" in dups.output and "near" in dups.output
    out = tmp_path / "a.parquet"
    exported = runner.invoke(app, ["--db", str(db), "export", "articles", "--out", str(out)])
    assert exported.exit_code == 0 and out.stat().st_size > 0


# -- crash safety ---------------------------------------------------------------------------------
WORDS = [
    "minister", "talks", "sanctions", "trade", "energy", "partner", "summit", "treaty",
    "grain", "corridor", "security", "india", "china", "russia", "moscow", "beijing",
    "geneva", "officials", "said", "tuesday", "agreed", "review", "expand", "pressure",
]  # fmt: skip


def _corpus(path: Path, n: int) -> None:
    rng = random.Random(3)
    texts: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            if texts and rng.random() < 0.05:
                text = rng.choice(texts)  # a wire copy
            else:
                sentences = [
                    " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
                    for _ in range(5)
                ]
                text = " ".join(sentences)
                texts.append(text)
            out.write(json.dumps({"text": text, "url": f"https://x.example/{i}"}) + "\n")


def _ingest_process(db: Path, corpus: Path, config: Path) -> subprocess.Popen[bytes]:
    args = [str(NARRASCOPE), "--db", str(db), "--config", str(config), "--quiet", "ingest"]
    return subprocess.Popen([*args, str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_commits(db: Path, process: subprocess.Popen[bytes]) -> None:
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            return
        time.sleep(0.05)
    raise AssertionError("the ingest finished or stalled before the test could kill it")


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_equals_a_clean_ingest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 30_000)
    config = tmp_path / "narrascope.toml"
    config.write_text("[ingest]\nbatch_size = 200\nworkers = 2\n", encoding="utf-8")
    crashed, clean = tmp_path / "crashed.duckdb", tmp_path / "clean.duckdb"

    process = _ingest_process(crashed, corpus, config)
    _wait_for_commits(crashed, process)
    workers = psutil.Process(process.pid).children(recursive=True)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    _, still_alive = psutil.wait_procs(workers, timeout=15)
    assert not still_alive, "worker processes outlived their killed parent"
    partial = _counts(crashed)["articles"]
    assert 0 < partial < 30_000

    for db in (crashed, clean):
        finished = _ingest_process(db, corpus, config)
        _, err = finished.communicate(timeout=600)
        assert finished.returncode == 0, err.decode()
    assert _counts(crashed) == _counts(clean)
    assert _counts(clean)["articles"] == 30_000


@pytest.mark.network
def test_unreachable_feed_url_exits_nonzero_naming_the_url(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/rss.xml"
    config = tmp_path / "narrascope.toml"
    config.write_text("[fetch]\nretries = 0\ntimeout = 2.0\n", encoding="utf-8")
    result = runner.invoke(
        app, ["--db", str(tmp_path / "s.duckdb"), "--config", str(config), "-q", "ingest", url]
    )
    assert result.exit_code == 3
    assert f"error: {url}: cannot fetch:" in result.output


def test_column_flags_name_the_config_section_they_override() -> None:
    result = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.output.count("(overrides [ingest.mapping])") == 6


def test_duplicates_finds_every_wire_copy_of_the_sample_with_its_similarity(
    tmp_path: Path,
) -> None:
    from narrascope.sample import sample_path

    db = tmp_path / "s.duckdb"
    assert _run(db, str(sample_path() / "articles.jsonl")).exit_code == 0
    wide = {"COLUMNS": "300"}
    found = runner.invoke(app, ["--db", str(db), "duplicates"], env=wide)
    assert found.exit_code == 0, found.output
    assert "6 duplicates" in found.output and "containment" in found.output
    strict = runner.invoke(app, ["--db", str(db), "duplicates", "--threshold", "0.99"], env=wide)
    assert strict.exit_code == 0 and "5 duplicates" in strict.output
    bad = runner.invoke(app, ["--db", str(db), "duplicates", "--threshold", "1.5"])
    assert bad.exit_code == 2


def test_csv_export_guards_formula_cells_unless_raw(tmp_path: Path) -> None:
    from tests.conftest import make_article

    from narrascope.text import segment

    db = tmp_path / "s.duckdb"
    articles = [
        make_article("=1+1 starts this text.", title="=HYPERLINK(1)"),
        make_article("Plain text.", title="\t=1+1", outlet="@SUM(A1)"),
        make_article("Third text.", title="-2+3", outlet="+cmd"),
    ]
    with Store(db) as store:
        store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "en")])
    out, raw = tmp_path / "a.csv", tmp_path / "raw.csv"
    args = ["--db", str(db), "export", "articles", "--format", "csv"]
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    assert runner.invoke(app, [*args, "--out", str(raw), "--raw-csv"]).exit_code == 0
    guarded = out.read_text(encoding="utf-8")
    for cell in ("=HYPERLINK(1)", "\t=1+1", "@SUM(A1)", "-2+3", "+cmd", "=1+1 starts"):
        assert f"'{cell}" in guarded and f"'{cell}" not in raw.read_text(encoding="utf-8")
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert all(r[k][:1] not in "=+-@\t" for r in rows for k in ("title", "outlet", "text"))


def test_ingest_telegram_export_with_channel_dates_and_state_media(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    export = str(DATA / "telegram" / "result.json")
    args = ("--channel-username", "MID_Russia", "--state-media", "--from", "2018-11-01")
    result = _run(db, export, *args, "--to", "2018-11-30")
    assert result.exit_code == 0, result.output
    assert "left out 1 record dated outside --from 2018-11-01 --to 2018-11-30" in result.output
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT outlet, url FROM articles ORDER BY url")
    assert set(rows["outlet"]) == {"Russian Foreign Ministry"} and len(rows) == 4
    assert rows["url"].iloc[0] == "https://t.me/MID_Russia/2"
    again = _run(db, export, *args, "--to", "2018-11-30")
    assert again.exit_code == 0 and _counts(db)["articles"] == 4
    bad = _run(db, export, "--from", "2018-12-01", "--to", "2018-11-01")
    assert bad.exit_code == 2 and "is after --to" in bad.output
    bad_list = _run(db, export, "--outlet-list", str(tmp_path / "missing.yaml"))
    assert bad_list.exit_code == 3 and "no such source list" in " ".join(bad_list.output.split())
