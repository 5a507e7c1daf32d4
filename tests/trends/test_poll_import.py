"""Poll files as users have them: a constant `source` column, bad rows, repeated rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.errors import InputError
from narrascope.store import Store
from narrascope.trends.polls import PollMapping, read_polls


def _csv(tmp_path: Path, text: str, name: str = "poll.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _figures(result) -> dict[tuple[str, str], float]:
    return {(p.answer, p.survey_date.isoformat()): p.value for p in result.points}


WIDE_WITH_SOURCE = (
    "Date,Approve,Disapprove,source\n"
    "2018-09-01,67,33,Levada\n"
    "2018-10-01,66,34,Levada\n"
    "2018-11-01,65,35,Levada\n"
)


def test_a_constant_text_column_is_metadata_and_the_shape_is_wide(tmp_path: Path) -> None:
    result = read_polls(_csv(tmp_path, WIDE_WITH_SOURCE))
    assert result.shape == "wide" and result.answers == ["Approve", "Disapprove"]
    assert len(result.points) == 6
    assert any("'source'" in n and "'Levada'" in n and "metadata" in n for n in result.notes)


def test_long_file_with_a_constant_source_column(tmp_path: Path) -> None:
    text = "attitude,date,percentage,source\n" + "".join(
        f"{a},2018-0{m}-01,{v},Levada\n"
        for m in (7, 8)
        for a, v in (("Positive", 40), ("Negative", 60))
    )
    result = read_polls(_csv(tmp_path, text))
    assert result.shape == "long" and result.answers == ["Negative", "Positive"]
    assert any("'source'" in n for n in result.notes)


def test_a_single_answer_long_file_keeps_its_answer(tmp_path: Path) -> None:
    text = "answer,date,value\nApprove,2018-07-01,60\nApprove,2018-08-01,61\n"
    result = read_polls(_csv(tmp_path, text))
    assert result.shape == "long" and result.answers == ["Approve"] and result.notes == []


BAD_ROWS = (
    "Date,Approve,Disapprove\n"
    "2018-09-01,67,33\n"
    "2018-13-01,66,34\n"
    "2018-10-01,6x,34\n"
    "2018-11-01,65,35\n"
)


def test_bad_rows_are_refused_unless_skipped(tmp_path: Path) -> None:
    path = _csv(tmp_path, BAD_ROWS)
    with pytest.raises(InputError) as info:
        read_polls(path)
    assert "line" in info.value.message and "--skip-bad-rows" in str(info.value)
    result = read_polls(path, PollMapping(skip_bad_rows=True))
    assert _figures(result) == {
        ("Approve", "2018-09-01"): 67.0,
        ("Disapprove", "2018-09-01"): 33.0,
        ("Approve", "2018-11-01"): 65.0,
        ("Disapprove", "2018-11-01"): 35.0,
    }
    assert "poll.csv:3: unparseable date '2018-13-01' in 'Date'" in result.skipped
    assert any(s.startswith("poll.csv:4: non-numeric value '6x'") for s in result.skipped)


def test_a_file_of_only_bad_rows_is_still_an_error(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Date,Approve\nsoon,3\nlater,4\n")
    with pytest.raises(InputError, match="no row is left"):
        read_polls(path, PollMapping(skip_bad_rows=True))


def test_exact_repeats_collapse_and_conflicts_follow_on_duplicate(tmp_path: Path) -> None:
    repeated = WIDE_WITH_SOURCE + "2018-10-01,66,34,Levada\n"
    result = read_polls(_csv(tmp_path, repeated, "repeated.csv"))
    assert len(result.points) == 6
    assert any("repeated exactly" in n and "line 5 = line 3" in n for n in result.notes)
    conflicting = WIDE_WITH_SOURCE + "2018-10-01,64,36,Levada\n"
    path = _csv(tmp_path, conflicting, "conflicting.csv")
    with pytest.raises(InputError, match="2018-10-01 on lines 3, 5"):
        read_polls(path)
    merged = read_polls(path, PollMapping(on_duplicate="mean"))
    assert _figures(merged)[("Approve", "2018-10-01")] == 65.0


def test_cli_skip_bad_rows_lists_them(tmp_path: Path) -> None:
    text = "Date,Approve,Disapprove,source\n" + "".join(
        f"{line},Levada\n" for line in BAD_ROWS.splitlines()[1:]
    )
    path = _csv(tmp_path, text)
    db = tmp_path / "polls.duckdb"
    base = ["--db", str(db), "polls", "import", str(path), "--series-id", "approval"]
    refused = CliRunner().invoke(app, base)
    assert refused.exit_code == InputError.exit_code
    result = CliRunner().invoke(app, [*base, "--skip-bad-rows"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "skipped poll.csv:3: unparseable date '2018-13-01'" in text
    assert "note: ignored as metadata" in text
    with Store(db, read_only=True) as store:
        stored = store.polls("approval")
    assert sorted(stored["survey_date"].astype(str).str[:10].unique()) == [
        "2018-09-01",
        "2018-11-01",
    ]
    assert date(2018, 10, 1) not in set(stored["survey_date"])
