"""Events: loading with validation, storage, and the event-window permutation test."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from scipy import stats
from tests.trends._fixtures import Doc, build_store

from narrascope.errors import InputError, UsageError
from narrascope.records import Event
from narrascope.trends import event_periods, event_window, permutation_p
from narrascope.trends.events import events_from_frame, load_events

EVENT_DAY = date(2018, 11, 9)

GOOD_YAML = """\
events:
  - name: moscow-format-2018
    date: 2018-11-09
    description: Moscow-format consultations on Afghanistan
    tags: [afghanistan, moscow-format]
  - name: g20-buenos-aires
    date: "2018-11-30"
    end_date: 2018-12-01
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- loading --------------------------------------------------------------------------------------
def test_load_yaml_and_csv(tmp_path: Path) -> None:
    events = load_events(_write(tmp_path, "e.yaml", GOOD_YAML))
    assert events[0] == Event(
        "moscow-format-2018",
        EVENT_DAY,
        None,
        "Moscow-format consultations on Afghanistan",
        ("afghanistan", "moscow-format"),
    )
    assert events[1].end_date == date(2018, 12, 1)
    csv = "name,date,end_date,description,tags\nmoscow,2018-11-09,,talks,afghanistan;taliban\n"
    (event,) = load_events(_write(tmp_path, "e.csv", csv))
    assert event.tags == ("afghanistan", "taliban") and event.end_date is None


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- name: a\n  date: 2018-11-09\n- name: b\n  date: 2018-13-40\n", 3, "'2018-13-40'"),
        ("- name: a\n  date: 2018-11-09\n- date: 2018-11-10\n", 3, "without a name"),
        ("- name: a\n  date: 2018-11-09\n- name: a\n  date: 2018-11-10\n", 3, "first on line 1"),
        ("- name: a\n  date: 2018-11-09\n  end_date: 2018-11-01\n", 1, "before date"),
        ("- name: a\n", 1, "has no date"),
        ("- name: a\n  date: 2018-11-09\n  colour: red\n", 1, "unknown event field"),
    ],
)
def test_yaml_errors_name_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    with pytest.raises(InputError) as info:
        load_events(path)
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(path) in str(info.value)


def test_csv_errors_name_the_line(tmp_path: Path) -> None:
    text = "name,date\nmoscow,2018-11-09\ng20,30/11/2018\n"
    with pytest.raises(InputError) as info:
        load_events(_write(tmp_path, "bad.csv", text))
    assert info.value.line == 3 and "30/11/2018" in info.value.message
    dup = "name,date\nmoscow,2018-11-09\nmoscow,2018-11-10\n"
    with pytest.raises(InputError, match="duplicate event name 'moscow'"):
        load_events(_write(tmp_path, "dup.csv", dup))
    with pytest.raises(InputError, match="no 'name' column"):
        load_events(_write(tmp_path, "noname.csv", "title,date\nx,2018-11-09\n"))


def test_other_file_problems(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such events file"):
        load_events(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="unknown events format"):
        load_events(_write(tmp_path, "e.json", "[]"))
    with pytest.raises(InputError, match="expected a list"):
        load_events(_write(tmp_path, "e.yaml", "name: a\n"))
    with pytest.raises(InputError, match="invalid YAML"):
        load_events(_write(tmp_path, "e2.yaml", "- name: [a\n"))


def test_events_round_trip_through_the_store(tmp_path: Path) -> None:
    events = load_events(_write(tmp_path, "e.yaml", GOOD_YAML))
    with build_store(tmp_path / "s.duckdb", [Doc("a", "tass", EVENT_DAY)]) as store:
        store.write_events(events)
        back = events_from_frame(store.events())
    assert back == events


# -- windows --------------------------------------------------------------------------------------
def test_event_periods() -> None:
    before, after = event_periods(Event("talks", EVENT_DAY), 7)
    assert before == (date(2018, 11, 2), date(2018, 11, 8))
    assert after == (EVENT_DAY, date(2018, 11, 16))
    _, after = event_periods(Event("summit", EVENT_DAY, date(2018, 11, 10)), 3)
    assert after == (EVENT_DAY, date(2018, 11, 13))
    with pytest.raises(UsageError):
        event_periods(Event("talks", EVENT_DAY), 0)


def _window_docs(seed: int, after_rate: float, base_rate: float = 0.2) -> list[Doc]:
    """Two outlets; 6 articles a day from Sept to Dec; 'tass' shifts after the event."""
    rng = np.random.default_rng(seed)
    docs = []
    day = date(2018, 9, 1)
    while day < date(2018, 12, 31):
        for outlet in ("tass", "ria"):
            shifted = outlet == "tass" and EVENT_DAY <= day <= EVENT_DAY + timedelta(days=7)
            rate = after_rate if shifted else base_rate
            for k in range(3):
                hits = {"pbw": 1} if rng.random() < rate else {}
                docs.append(Doc(f"{outlet}-{day}-{k}", outlet, day, 3, hits))
        day += timedelta(days=1)
    return docs


def _store_with_event(tmp_path: Path, docs: list[Doc]):
    store = build_store(tmp_path / "s.duckdb", docs)
    store.write_events([Event("moscow-format-2018", EVENT_DAY)])
    return store


def test_a_planted_shift_is_detected(tmp_path: Path) -> None:
    with _store_with_event(tmp_path, _window_docs(1, after_rate=0.7)) as store:
        frame = event_window(store, "moscow-format-2018", 7, narrative="pbw").set_index("outlet")
        again = event_window(store, "moscow-format-2018", 7, narrative="pbw").set_index("outlet")
    tass, ria = frame.loc["tass"], frame.loc["ria"]
    assert (tass["n_before"], tass["n_after"]) == (21, 24)
    assert tass["diff"] > 0.3 and tass["p_value"] < 0.01 and tass["p_baseline"] < 0.01
    assert tass["diff_lo"] > 0 and tass["diff_lo"] <= tass["diff"] <= tass["diff_hi"]
    assert ria["p_value"] > 0.05
    assert frame.equals(again)  # seeded


def test_no_shift_is_not_detected(tmp_path: Path) -> None:
    with _store_with_event(tmp_path, _window_docs(2, after_rate=0.2)) as store:
        frame = event_window(store, "moscow-format-2018", 7, narrative="pbw")
    assert (frame["p_bh"] > 0.05).all()
    assert (frame["diff_lo"] < 0).all() and (frame["diff_hi"] > 0).all()


def test_empty_window_gets_a_clear_note(tmp_path: Path) -> None:
    docs = [
        Doc("a", "tass", date(2018, 10, 1), 3, {"pbw": 1}),
        Doc("b", "tass", EVENT_DAY, 3, {"pbw": 1}),
        Doc("c", "ria", date(2018, 11, 5), 3, {}),
    ]
    with _store_with_event(tmp_path, docs) as store:
        frame = event_window(store, "moscow-format-2018", 7).set_index("outlet")
        with pytest.raises(UsageError, match="events: moscow-format-2018"):
            event_window(store, "moscow-2019", 7)
    assert frame.loc["tass", "note"] == "no articles in the 7 days before"
    assert np.isnan(frame.loc["tass", "p_value"])
    assert "event window (day 0 to +7) and the baseline" in frame.loc["ria", "note"]


def test_permutation_p_matches_explicit_shuffling() -> None:
    x1, n1, x2, n2 = 14, 30, 8, 40
    labels = np.array([1] * x1 + [0] * (n1 - x1) + [1] * x2 + [0] * (n2 - x2))
    observed = abs(x1 / n1 - x2 / n2)
    rng = np.random.default_rng(0)
    hits = 0
    for _ in range(4000):
        shuffled = rng.permutation(labels)
        hits += abs(shuffled[:n1].mean() - shuffled[n1:].mean()) >= observed - 1e-12
    explicit = (1 + hits) / 4001
    drawn = permutation_p(x1, n1, x2, n2, np.random.default_rng(1), 4000)
    assert drawn == pytest.approx(explicit, abs=0.02)
    fisher = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]])[1]
    assert drawn == pytest.approx(fisher, abs=0.03)
    assert np.isnan(permutation_p(1, 0, 1, 5, rng))
