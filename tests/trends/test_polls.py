"""Poll import (real Levada files and bad-input fixtures), alignment, and linkage statistics."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.stattools import adfuller, grangercausalitytests, kpss
from tests.conftest import TEST_DATA
from tests.trends._fixtures import Doc, build_store

from narrascope.errors import DataError, InputError, UsageError
from narrascope.store import Store
from narrascope.trends import benjamini_hochberg
from narrascope.trends.linkage import (
    MIN_POINTS,
    align_monthly,
    align_windows,
    correlations,
    cross_correlation,
    granger,
    link_series,
    poll_alignment,
    stationarity_tests,
)
from narrascope.trends.polls import PollMapping, import_polls, link, read_polls

FIXTURES = TEST_DATA / "polls"
from narrascope.trends.polls import levada_path  # noqa: E402

LEVADA = levada_path("levada_attitude_usa.csv").parent


def _value(result, answer: str, day: str) -> float:
    found = [
        p.value
        for p in result.points
        if p.answer == answer and p.survey_date == date.fromisoformat(day)
    ]
    assert len(found) == 1, (answer, day, found)
    return found[0]


# -- real Levada files ----------------------------------------------------------------------------
def test_levada_approval_wide_reads_back_november_2018(tmp_path: Path) -> None:
    mapping = PollMapping(
        shape="wide",
        date_col="Date",
        series_id="putin-approval",
        question="Do you approve of Putin's performance?",
    )
    with Store(tmp_path / "s.duckdb") as store:
        result = import_polls(store, LEVADA / "levada_putin_approval_monthly.csv", mapping)
        stored = store.polls("putin-approval")
    assert result.shape == "wide"
    assert result.derived == ["Putin_Index"]
    assert not any("sum" in w for w in result.warnings)
    nov = stored[pd.to_datetime(stored["survey_date"]) == "2018-11-01"].set_index("answer")
    assert nov.loc["Approve", "value"] == 66
    assert nov.loc["Disapprove", "value"] == 33
    assert nov.loc["Approve", "question"] == "Do you approve of Putin's performance?"
    assert len(stored) == 4 * 301


def test_levada_usa_long_reads_back_november_2018() -> None:
    mapping = PollMapping(
        shape="long",
        date_col="date",
        answer_col="attitude",
        value_col="percentage",
        series_id="attitude-usa",
    )
    result = read_polls(LEVADA / "levada_attitude_usa.csv", mapping)
    assert _value(result, "Positive", "2018-11-01") == 31
    assert _value(result, "Negative", "2018-11-01") == 57
    # the real file has one empty cell (October 2007, "Difficult to answer"): skipped, reported
    assert result.skipped == ["Difficult to answer: missing value on lines 433"]
    assert any("2019-05-01 (90)" in w for w in result.warnings)
    assert poll_alignment([p.survey_date for p in result.points]) == "wave"


def test_levada_shapes_are_detected() -> None:
    approval = read_polls(LEVADA / "levada_putin_approval_monthly.csv")
    usa = read_polls(LEVADA / "levada_attitude_usa.csv")
    direction = read_polls(LEVADA / "levada_right_direction_monthly.csv")
    assert (approval.shape, usa.shape, direction.shape) == ("wide", "long", "wide")
    assert direction.derived == ["Net"]
    assert _value(usa, "Negative", "2018-11-01") == 57
    assert poll_alignment([p.survey_date for p in approval.points if p.answer == "Approve"]) == (
        "month"
    )


# -- bad input ------------------------------------------------------------------------------------
def test_duplicated_dates_are_an_error_listing_rows() -> None:
    with pytest.raises(InputError) as info:
        read_polls(FIXTURES / "wide_duplicate_dates.csv")
    assert "2018-10-01 on lines 3, 4" in info.value.message
    assert "wide_duplicate_dates.csv" in str(info.value)


@pytest.mark.parametrize(("policy", "expected"), [("mean", 65.0), ("first", 66.0)])
def test_duplicated_dates_can_be_merged(policy: str, expected: float) -> None:
    result = read_polls(FIXTURES / "wide_duplicate_dates.csv", PollMapping(on_duplicate=policy))
    assert _value(result, "Approve", "2018-10-01") == expected
    assert any(policy in w and "2018-10-01" in w for w in result.warnings)
    assert len(result.points) == 6


def test_long_duplicates_are_an_error() -> None:
    with pytest.raises(InputError, match="2018-07-01 on lines 2, 3"):
        read_polls(FIXTURES / "long_duplicate.csv")


def test_missing_values_are_skipped_and_reported() -> None:
    result = read_polls(FIXTURES / "wide_missing_values.csv")
    assert result.skipped == [
        "Approve: missing value on lines 3",
        "Disapprove: missing value on lines 4",
    ]
    assert len(result.points) == 10
    dates = {(p.answer, p.survey_date.isoformat()) for p in result.points}
    assert ("Approve", "2018-10-01") not in dates
    assert ("Disapprove", "2018-11-01") not in dates


def test_unparseable_dates_list_the_rows() -> None:
    with pytest.raises(InputError) as info:
        read_polls(FIXTURES / "wide_bad_dates.csv")
    assert "lines 3, 4" in info.value.message
    assert "'2018-13-01'" in info.value.message


def test_non_numeric_values_list_the_rows() -> None:
    with pytest.raises(InputError, match="non-numeric values on lines 3"):
        read_polls(FIXTURES / "wide_non_numeric.csv")


def test_absent_column_names_it_and_the_columns_present() -> None:
    with pytest.raises(InputError) as info:
        read_polls(FIXTURES / "wide_ok.csv", PollMapping(date_col="Datum"))
    message = info.value.message
    assert "'Datum'" in message
    assert "Date, Approve, Disapprove, No_answer, Index" in message
    with pytest.raises(InputError, match="'pct'"):
        read_polls(FIXTURES / "long_ok.csv", PollMapping(shape="long", value_col="pct"))


def test_sums_off_100_warn_with_dates_and_keep_values() -> None:
    result = read_polls(FIXTURES / "long_bad_sums.csv")
    warning = next(w for w in result.warnings if "sum" in w)
    assert "2018-09-01 (90)" in warning and "2018-11-01 (118)" in warning
    assert "2018-07-01" not in warning
    assert len(result.points) == 9


def test_missing_difficult_to_answer_warns_but_keeps() -> None:
    result = read_polls(FIXTURES / "long_no_dk.csv")
    assert any("2018-07-01 (82)" in w for w in result.warnings)
    assert _value(result, "Positive", "2018-07-01") == 42


def test_wide_fixture_detects_index_column_and_no_warnings() -> None:
    result = read_polls(FIXTURES / "wide_ok.csv", PollMapping(question="Approve?"))
    assert result.shape == "wide"
    assert result.derived == ["Index"]
    assert result.warnings == []
    assert result.series_id == "wide-ok"


def test_russian_dates_and_decimal_commas() -> None:
    result = read_polls(FIXTURES / "wide_russian_dates.csv", PollMapping(question="?"))
    assert _value(result, "Одобряют", "2018-10-01") == 66.0
    assert _value(result, "Не одобряют", "2018-10-01") == 33.0


def test_explicit_date_format() -> None:
    result = read_polls(
        FIXTURES / "wide_russian_dates.csv", PollMapping(date_col="Дата", date_format="%d.%m.%Y")
    )
    assert {p.survey_date for p in result.points} == {date(2018, 10, 1), date(2018, 11, 1)}


def test_ambiguous_shape_asks_for_flags(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("date,who,what,value\n2018-01-01,a,b,3\n", encoding="utf-8")
    with pytest.raises(UsageError, match="wide or long"):
        read_polls(path)


def test_mapping_from_pairs() -> None:
    spec = PollMapping.from_pairs(
        ["date-col=date", "answer_col=attitude", "value_cols=a,b"], shape="long", question=None
    )
    assert (spec.date_col, spec.answer_col, spec.shape) == ("date", "attitude", "long")
    assert spec.value_cols == ("a", "b")
    with pytest.raises(UsageError, match="bad --map"):
        PollMapping.from_pairs(["colour=red"])


# -- alignment ------------------------------------------------------------------------------------
def test_poll_alignment_detects_monthly_and_waves() -> None:
    monthly = pd.date_range("2018-01-01", periods=12, freq="MS")
    assert poll_alignment(monthly) == "month"
    assert poll_alignment(monthly[::2]) == "wave"


def test_align_monthly_joins_on_month_and_drops_empty_months() -> None:
    series = pd.DataFrame(
        {
            "period": pd.to_datetime(["2018-09-01", "2018-10-01", "2018-11-01"]),
            "n_articles": [10, 0, 4],
            "n_labelled": [5, 0, 1],
            "n_sentences": [100, 0, 40],
            "n_hits": [7, 0, 2],
        }
    )
    poll = pd.DataFrame(
        {
            "survey_date": [date(2018, 9, 20), date(2018, 10, 1), date(2018, 11, 5)],
            "value": [1, 2, 3],
        }
    )
    aligned = align_monthly(series, poll)
    assert aligned["narrative"].tolist() == [0.5, 0.25]
    assert aligned["poll"].tolist() == [1.0, 3.0]
    rate = align_monthly(series, poll, measure="hits_per_1000")
    assert rate["narrative"].tolist() == [70.0, 50.0]
    clash = poll.assign(survey_date=[date(2018, 9, 1), date(2018, 9, 15), date(2018, 11, 1)])
    with pytest.raises(DataError, match="2018-09"):
        align_monthly(series, clash)


def test_align_windows_pools_the_days_before_each_survey() -> None:
    days = pd.date_range("2018-10-01", "2018-11-30", freq="D")
    daily = pd.DataFrame(
        {
            "period": days,
            "n_articles": 2,
            "n_labelled": (days >= "2018-11-01").astype(int) * 2,
            "n_sentences": 10,
            "n_hits": 0,
        }
    )
    poll = pd.DataFrame({"survey_date": [date(2018, 11, 1), date(2018, 11, 11)], "value": [5, 6]})
    aligned = align_windows(daily, poll, days=20)
    # window before 1 Nov: 12–31 Oct (no labels); before 11 Nov: 22 Oct – 10 Nov (10 of 20 days)
    assert aligned["narrative"].tolist() == [0.0, 0.5]
    assert aligned["n_articles"].tolist() == [40, 40]


# -- linkage statistics ---------------------------------------------------------------------------
def _lagged(n: int = 120, seed: int = 1) -> tuple[pd.Series, pd.Series]:
    rng = np.random.default_rng(seed)
    narr = rng.normal(size=n + 2)
    poll = 0.8 * narr[:-2] + rng.normal(scale=0.5, size=n)
    index = pd.date_range("2010-01-01", periods=n, freq="MS")
    return pd.Series(narr[2:], index=index, name="narr"), pd.Series(poll, index=index, name="poll")


def test_link_recovers_a_lag_of_two() -> None:
    narr, poll = _lagged()
    result = link_series(narr, poll, max_lag=4)
    ccf = result.ccf.dropna(subset=["r"])
    assert int(ccf.loc[ccf["r"].abs().idxmax(), "lag"]) == 2
    granger_rows = result.granger.set_index("direction")
    assert granger_rows.loc["narrative → poll", "significant"]
    assert granger_rows.loc["narrative → poll", "p_bh"] < 0.001
    assert not granger_rows.loc["poll → narrative", "significant"]
    assert "lag +2" in result.summary and "narrative leads the poll by 2" in result.summary
    assert "not causation" in result.summary
    json.dumps(result.to_dict())


def test_independent_series_rarely_yield_findings_after_bh() -> None:
    clean = 0
    for draw in range(200):
        rng = np.random.default_rng(10_000 + draw)
        n = 40
        a, b = rng.normal(size=n), rng.normal(size=n)
        if draw % 2:  # half the draws are random walks: differenced before testing
            a, b = np.cumsum(a), np.cumsum(b)
        index = pd.date_range("2015-01-01", periods=n, freq="MS")
        result = link_series(
            pd.Series(a, index=index, name="a"),
            pd.Series(b, index=index, name="b"),
            max_lag=3,
            n_boot=0,
        )
        clean += not result.tests()["significant"].any()
    assert clean >= 180, clean


def test_statistics_match_scipy_and_statsmodels() -> None:
    narr, poll = _lagged(60, seed=3)
    x, y = narr.to_numpy(), poll.to_numpy()
    corr = correlations(x, y, n_boot=500, seed=1).set_index("method")
    assert corr.loc["pearson", "r"] == pytest.approx(stats.pearsonr(x, y)[0])
    assert corr.loc["pearson", "p"] == pytest.approx(stats.pearsonr(x, y)[1])
    assert corr.loc["spearman", "r"] == pytest.approx(stats.spearmanr(x, y)[0])
    assert corr.loc["pearson", "ci_lo"] <= corr.loc["pearson", "r"] <= corr.loc["pearson", "ci_hi"]
    ccf = cross_correlation(x, y, 3).set_index("lag")
    assert ccf.loc[2, "r"] == pytest.approx(stats.pearsonr(x[:-2], y[2:])[0])
    assert ccf.loc[-1, "r"] == pytest.approx(stats.pearsonr(x[1:], y[:-1])[0])
    tests = granger(x, y, 3).set_index("direction")
    lag = int(tests.loc["narrative → poll", "lag"])
    direct = grangercausalitytests(np.column_stack([y, x]), maxlag=[lag])[lag][0]["ssr_ftest"]
    assert tests.loc["narrative → poll", "f"] == pytest.approx(direct[0])
    assert tests.loc["narrative → poll", "p"] == pytest.approx(direct[1])
    adf_p, kpss_p = stationarity_tests(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert adf_p == pytest.approx(adfuller(x, autolag="AIC")[1])
        assert kpss_p == pytest.approx(kpss(x, regression="c", nlags="auto")[1])


def test_benjamini_hochberg_matches_statsmodels() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        p = rng.uniform(size=rng.integers(1, 30)) ** 2
        expected = multipletests(p, method="fdr_bh")[1]
        np.testing.assert_allclose(benjamini_hochberg(p), expected)
    with_nan = benjamini_hochberg([0.01, np.nan, 0.04])
    assert np.isnan(with_nan[1])
    np.testing.assert_allclose(with_nan[[0, 2]], multipletests([0.01, 0.04], method="fdr_bh")[1])


def test_bootstrap_is_reproducible() -> None:
    narr, poll = _lagged(40, seed=9)
    a = correlations(narr.to_numpy(), poll.to_numpy(), n_boot=300, seed=4)
    b = correlations(narr.to_numpy(), poll.to_numpy(), n_boot=300, seed=4)
    pd.testing.assert_frame_equal(a, b)


def test_random_walks_are_differenced_and_reported() -> None:
    rng = np.random.default_rng(2)
    index = pd.date_range("2010-01-01", periods=80, freq="MS")
    walk = pd.Series(np.cumsum(rng.normal(size=80)), index=index, name="walk")
    noise = pd.Series(rng.normal(size=80), index=index, name="noise")
    result = link_series(walk, noise, n_boot=0)
    table = result.stationarity.set_index("series")
    assert table.loc["narrative", "differences"] >= 1
    assert table.loc["poll", "differences"] == 0
    assert "first differences" in result.summary
    assert any("differenced" in c for c in result.caveats)


def test_too_few_points_is_a_clear_data_error() -> None:
    narr, poll = _lagged(MIN_POINTS - 3)
    with pytest.raises(DataError) as info:
        link_series(narr, poll)
    assert f"only {MIN_POINTS - 3} overlapping points" in info.value.message
    assert f"at least {MIN_POINTS}" in info.value.message


def test_short_series_reduce_the_lag_with_a_note() -> None:
    narr, poll = _lagged(MIN_POINTS + 2, seed=4)
    result = link_series(narr, poll, max_lag=6, n_boot=0)
    assert any("max lag reduced" in note for note in result.notes)
    assert result.ccf["lag"].abs().max() < 6
    assert any("Short series" in c for c in result.caveats)


# -- link on a store ------------------------------------------------------------------------------
def _monthly_docs(months: pd.DatetimeIndex, shares: np.ndarray) -> list[Doc]:
    docs = []
    for m, (month, share) in enumerate(zip(months, shares, strict=True)):
        labelled = round(20 * share)
        for k in range(20):
            hits = {"ds": 1} if k < labelled else {}
            docs.append(Doc(f"m{m}-{k}", "tass", (month + pd.Timedelta(days=k)).date(), 3, hits))
    return docs


def test_link_on_a_store_aligns_monthly_and_by_wave(tmp_path: Path) -> None:
    months = pd.date_range("2016-01-01", periods=36, freq="MS")
    rng = np.random.default_rng(0)
    shares = rng.uniform(0.1, 0.9, size=36)
    store = build_store(tmp_path / "s.duckdb", _monthly_docs(months, shares))
    values = 40 + 30 * np.r_[shares[0], shares[:-1]] + rng.normal(scale=1, size=36)
    csv = tmp_path / "poll.csv"
    pd.DataFrame({"Date": months.strftime("%Y-%m-%d"), "Yes": values}).to_csv(csv, index=False)
    import_polls(store, csv, PollMapping(series_id="yes", question="Yes?"))
    result = link(store, "ds", "yes", max_lag=2, n_boot=200)
    assert result.n == 36 and "calendar month" in result.alignment
    assert result.ccf.loc[result.ccf["r"].abs().idxmax(), "lag"] == 1
    waves = pd.DataFrame({"survey_date": [d.date() for d in months[1::2]], "value": values[1::2]})
    csv2 = tmp_path / "waves.csv"
    waves.rename(columns={"survey_date": "date", "value": "Yes"}).to_csv(csv2, index=False)
    import_polls(store, csv2, PollMapping(series_id="waves", question="Yes?"))
    by_wave = link(store, "ds", "waves", max_lag=1, n_boot=0)
    assert by_wave.n == 18 and "30 days before each survey" in by_wave.alignment
    few = tmp_path / "few.csv"
    waves.head(6).rename(columns={"survey_date": "date", "value": "Yes"}).to_csv(few, index=False)
    import_polls(store, few, PollMapping(series_id="few", question="Yes?"))
    with pytest.raises(DataError, match=f"only 6 overlapping points.*at least {MIN_POINTS}"):
        link(store, "ds", "few")
    with pytest.raises(UsageError, match="no poll series 'nope'"):
        link(store, "ds", "nope")
    store.close()
