"""The trends, events, polls and link commands through Typer's CliRunner."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.conftest import TEST_DATA
from tests.trends._fixtures import Doc, build_family_store, build_store
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.trends.polls import levada_path

LEVADA = levada_path("levada_attitude_usa.csv").parent
FIXTURES = TEST_DATA / "polls"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Three years of daily articles from two outlets; 'ds' follows a slow cycle."""
    rng = np.random.default_rng(0)
    docs, day = [], date(2017, 1, 1)
    while day < date(2019, 12, 31):
        rate = 0.3 + 0.2 * np.sin(day.toordinal() / 60)
        for outlet in ("tass", "ria"):
            hits = {"ds": 2} if rng.random() < rate else {}
            docs.append(Doc(f"{outlet}{day}", outlet, day, 5, hits))
        day += timedelta(days=1)
    path = tmp_path / "s.duckdb"
    build_store(path, docs).close()
    return path


def _run(db: Path, *args: str) -> object:
    return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def test_trends_table_and_files(db: Path, tmp_path: Path) -> None:
    result = _run(db, "trends", "--narrative", "ds", "--by", "outlet", "--smooth", "3")
    assert result.exit_code == 0, result.output
    assert "2018-11" in result.output and "tass" in result.output and "%" in result.output
    out = tmp_path / "t.parquet"
    result = _run(db, "trends", "--freq", "week", "--out", str(out))
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert frame["n_articles"].sum() == 2 * (date(2019, 12, 31) - date(2017, 1, 1)).days
    csv = tmp_path / "t.csv"
    assert _run(db, "trends", "--out", str(csv)).exit_code == 0
    assert len(pd.read_csv(csv)) == 36


def test_trends_json_and_csv_carry_n_low_high(db: Path) -> None:
    import io
    import json

    result = _run(db, "trends", "--narrative", "ds", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 36  # every month, no cap
    for row in rows:
        assert row["n"] == row["n_articles"] > 0
        assert row["low"] <= row["share"] <= row["high"]
    text = _run(db, "trends", "--narrative", "ds", "--format", "csv").output
    frame = pd.read_csv(io.StringIO(text))
    assert {"n", "low", "high", "below_min_n"} <= set(frame.columns) and len(frame) == 36
    table = _run(
        db,
        "trends",
        "--narrative",
        "ds",
        "--freq",
        "day",
        "--from",
        "2018-01-01",
        "--to",
        "2018-01-03",
    ).output
    assert "low %" in table and "high %" in table and "°" in table  # 2 articles a day: marked


def test_trends_errors_exit_with_codes(db: Path) -> None:
    result = runner.invoke(app, ["--db", str(db), "trends", "--narrative", "nope"])
    assert result.exit_code == 2
    assert "narratives found: ds" in result.output


def test_trends_exact_counts_the_exact_label_only(tmp_path: Path) -> None:
    db = tmp_path / "f.duckdb"
    build_family_store(db).close()  # parent > child > grandchild, recorded with the run
    counts = {}
    for flag in ((), ("--exact",)):
        out = tmp_path / f"t{len(flag)}.csv"
        result = _run(db, "trends", "--narrative", "parent", *flag, "--out", str(out))
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(out)
        counts[flag] = (frame["n_labelled"].sum(), frame["n_hits"].sum(), frame["share"].max())
    assert counts[()] == (4, 8, 0.8)  # articles and hits of its sub-narratives, each once
    assert counts[("--exact",)] == (2, 2, 0.4)
    shown = _run(db, "trends", "--narrative", "child", "--exact")
    assert "exact labels only" in shown.output and "40.0" in shown.output


def test_trends_refuses_an_implausible_date_span(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    docs = [
        Doc("old", "tass", date(1, 1, 1), 2, {"x": 1}),
        Doc("a", "tass", date(2018, 11, 5), 2, {"x": 1}),
        Doc("new", "tass", date(9999, 12, 31), 2, {"x": 1}),
    ]
    build_store(db, docs).close()
    result = runner.invoke(app, ["--db", str(db), "trends", "--freq", "week"])
    assert result.exit_code == 9
    flat = " ".join(result.output.split())
    assert "0001-01-01" in flat and "9999-12-31" in flat and "--from" in flat
    out = tmp_path / "t.csv"
    kept = _run(
        db,
        "trends",
        "--freq",
        "week",
        "--from",
        "2018-01-01",
        "--to",
        "2018-12-31",
        "--out",
        str(out),
    )
    assert kept.exit_code == 0, kept.output
    assert pd.read_csv(out)["n_articles"].sum() == 1
    bad = runner.invoke(app, ["--db", str(db), "trends", "--from", "2018-02-30"])
    assert bad.exit_code == 2 and "--from" in bad.output


def test_events_import_list_window(db: Path, tmp_path: Path) -> None:
    events = tmp_path / "events.yaml"
    events.write_text(
        "- name: moscow-format-2018\n  date: 2018-11-09\n  tags: [afghanistan]\n",
        encoding="utf-8",
    )
    assert _run(db, "events", "import", str(events)).exit_code == 0
    listed = _run(db, "events", "list")
    assert "moscow-format-2018" in listed.output and "afghanistan" in listed.output
    window = _run(db, "events", "window", "moscow-format-2018", "--days", "7", "--n-perm", "500")
    assert window.exit_code == 0, window.output
    assert "tass" in window.output and "ria" in window.output
    as_json = _run(db, "events", "window", "moscow-format-2018", "--days", "7", "--json")
    rows = json.loads(as_json.output)
    assert {r["outlet"] for r in rows} == {"tass", "ria"}
    assert all(r["n_before"] == 7 and r["n_after"] == 8 for r in rows)
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: x\n  date: 2018-02-30\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "events", "import", str(bad)])
    assert result.exit_code == 3 and "bad.yaml:1" in result.output


def test_polls_import_list_and_link(db: Path) -> None:
    approval = _run(
        db,
        "polls",
        "import",
        str(LEVADA / "levada_putin_approval_monthly.csv"),
        "--shape",
        "wide",
        "--date-col",
        "Date",
        "--series-id",
        "putin-approval",
        "--question",
        "Do you approve of Putin's performance?",
    )
    assert approval.exit_code == 0, approval.output
    assert "Putin_Index" in approval.output  # reported as an index column
    usa = _run(
        db,
        "polls",
        "import",
        str(LEVADA / "levada_attitude_usa.csv"),
        "--map",
        "shape=long",
        "--map",
        "date_col=date",
        "--answer-col",
        "attitude",
        "--value-col",
        "percentage",
        "--series-id",
        "attitude-usa",
    )
    assert "skipped" in usa.output and "433" in usa.output
    listed = _run(db, "polls", "list")
    assert "putin-approval" in listed.output and "attitude-usa" in listed.output
    linked = _run(
        db, "link", "ds", "putin-approval", "--answer", "Approve", "--json", "--n-boot", "200"
    )
    assert linked.exit_code == 0, linked.output
    payload = json.loads(linked.output)
    assert payload["n"] == 36
    assert payload["sign_convention"] == "positive lag = narrative leads the poll"
    assert {row["direction"] for row in payload["granger"]} == {
        "narrative → poll",
        "poll → narrative",
    }
    table = _run(db, "link", "ds", "attitude-usa", "--answer", "Negative", "--n-boot", "100")
    assert table.exit_code == 0, table.output
    assert "irregular waves" in table.output and "Caveats" in table.output
    several = runner.invoke(app, ["--db", str(db), "link", "ds", "attitude-usa"])
    assert several.exit_code == 2 and "Negative" in several.output


def test_poll_import_errors(db: Path) -> None:
    missing = runner.invoke(
        app,
        ["--db", str(db), "polls", "import", str(FIXTURES / "wide_ok.csv"), "--date-col", "Datum"],
    )
    assert missing.exit_code == 3
    assert "'Datum'" in missing.output and "Approve" in missing.output
    dup = runner.invoke(
        app, ["--db", str(db), "polls", "import", str(FIXTURES / "wide_duplicate_dates.csv")]
    )
    assert dup.exit_code == 3 and "lines 3, 4" in dup.output
    merged = _run(
        db, "polls", "import", str(FIXTURES / "wide_duplicate_dates.csv"), "--on-duplicate", "mean"
    )
    assert merged.exit_code == 0 and "resolved by mean" in merged.output


def test_link_with_too_few_points_exits_9(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "short.csv"
    csv.write_text(
        "Date,Yes\n" + "".join(f"2018-{m:02d}-01,{40 + m}\n" for m in range(1, 7)),
        encoding="utf-8",
    )
    assert _run(db, "polls", "import", str(csv), "--series-id", "short").exit_code == 0
    result = runner.invoke(app, ["--db", str(db), "link", "ds", "short"])
    assert result.exit_code == 9
    assert "only 6 overlapping points" in result.output


def test_trends_state_media_and_outlet_list_pick_listed_outlets(tmp_path: Path) -> None:
    docs = [
        Doc(f"{outlet}{k}", outlet, date(2018, 11, 1) + timedelta(days=k), 4, {"ds": 1})
        for outlet in ("tass", "rian_ru", "Meduza")
        for k in range(3)
    ]
    path = tmp_path / "s.duckdb"
    build_store(path, docs).close()

    def outlets(*args: str) -> set[str]:
        result = _run(path, "trends", "--by", "outlet", "--format", "csv", *args)
        assert result.exit_code == 0, result.output
        table = result.output[result.output.index("period,") :]  # after the note on stderr
        return set(pd.read_csv(io.StringIO(table))["outlet"])

    assert outlets("--state-media") == {"tass", "rian_ru"}  # an alias and a channel
    own = tmp_path / "own.yaml"
    own.write_text(
        "outlets:\n  - {name: Meduza, country: LV, languages: [ru], owner: Meduza Project,"
        " ownership: private, source: 'https://meduza.io/'}\n"
    )
    assert outlets("--outlet-list", str(own)) == {"Meduza"}
    assert outlets("--outlet-list", str(own), "--state-media") == {"tass", "rian_ru", "Meduza"}
    assert outlets("--state-media", "--outlet", "Meduza") == {"tass", "rian_ru", "Meduza"}
    none = tmp_path / "none.yaml"
    none.write_text(own.read_text().replace("Meduza,", "Nobody,"))
    result = runner.invoke(app, ["--db", str(path), "trends", "--outlet-list", str(none)])
    assert result.exit_code == 2 and "no stored outlet is in the source list" in result.output
