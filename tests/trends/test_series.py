"""Prevalence series: shares, hits per 1,000 sentences, grouping, smoothing, CIs, errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint
from tests.trends._fixtures import Doc, build_family_store, build_store

from narrascope.errors import DataError, UsageError
from narrascope.trends import prevalence, wilson_interval, write_frame

NARRATIVES = ("double-standards", "partners-beyond-west")


def _docs(seed: int = 0, n: int = 300) -> list[Doc]:
    rng = np.random.default_rng(seed)
    outlets, languages = ("tass", "ria", "rt"), ("ru", "ru", "en")
    days = pd.date_range("2018-09-01", "2019-01-31", freq="D")
    docs = []
    for i in range(n):
        k = int(rng.integers(3))
        hits = {nar: int(rng.integers(0, 4)) if rng.random() < 0.3 else 0 for nar in NARRATIVES}
        docs.append(
            Doc(
                id=f"a{i}",
                outlet=outlets[k],
                language=languages[k],
                day=days[int(rng.integers(len(days)))].date(),
                n_sentences=int(rng.integers(1, 12)),
                hits=hits,
                dup_kind="exact" if rng.random() < 0.1 else None,
            )
        )
    return docs


def _expected(docs: list[Doc], by: str | None, freq: str = "MS") -> pd.DataFrame:
    """Shares and rates computed with pandas straight from the records (no store)."""
    rows = [
        {
            "period": pd.Timestamp(d.day).to_period(freq[0]).start_time,
            "outlet": d.outlet,
            "language": d.language,
            "narrative": nar,
            "labelled": d.hits.get(nar, 0) > 0,
            "hits": d.hits.get(nar, 0),
            "sentences": d.n_sentences,
        }
        for d in docs
        for nar in NARRATIVES
    ]
    frame = pd.DataFrame(rows)
    keys = ["period", *([by] if by else []), "narrative"]
    out = frame.groupby(keys).agg(
        n=("labelled", "size"), x=("labelled", "sum"), h=("hits", "sum"), s=("sentences", "sum")
    )
    out["share"] = out["x"] / out["n"]
    out["rate"] = 1000 * out["h"] / out["s"]
    return out.reset_index()


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return _docs()


@pytest.fixture
def store(tmp_path: Path, docs: list[Doc]):
    with build_store(tmp_path / "s.duckdb", docs) as s:
        yield s


def _check(actual: pd.DataFrame, expected: pd.DataFrame, keys: list[str]) -> None:
    merged = actual.merge(expected, on=keys, how="inner", suffixes=("", "_expected"))
    assert len(merged) == len(expected)
    np.testing.assert_array_equal(merged["n_articles"], merged["n"])
    np.testing.assert_array_equal(merged["n_labelled"], merged["x"])
    np.testing.assert_array_equal(merged["n_hits"], merged["h"])
    np.testing.assert_array_equal(merged["n_sentences"], merged["s"])
    np.testing.assert_allclose(merged["share"], merged["share_expected"])
    np.testing.assert_allclose(merged["hits_per_1000"], merged["rate"])


@pytest.mark.parametrize("by", [None, "outlet", "language"])
def test_monthly_shares_and_rates_match_pandas(store, docs: list[Doc], by: str | None) -> None:
    actual = prevalence(store, by=by)
    keys = ["period", *([by] if by else []), "narrative"]
    _check(actual, _expected(docs, by), keys)
    assert set(actual["detector"]) == {"lexicon"}


def test_weekly_and_daily_periods(store, docs: list[Doc]) -> None:
    weekly = prevalence(store, freq="week", narrative="double-standards")
    assert (weekly["period"].dt.dayofweek == 0).all()  # ISO weeks start on Monday
    expected = _expected(docs, None, "W-SUN")
    expected = expected[expected["narrative"] == "double-standards"]
    expected["period"] = expected["period"].dt.normalize()
    _check(weekly, expected, ["period", "narrative"])
    daily = prevalence(store, freq="day", narrative="double-standards")
    assert daily["n_articles"].sum() == len(docs)
    assert daily["period"].diff().dropna().eq(pd.Timedelta(days=1)).all()


def test_empty_periods_have_no_share(tmp_path: Path) -> None:
    docs = [Doc("a", "tass", date(2018, 9, 3), 2, {"x": 1}), Doc("b", "tass", date(2018, 11, 3))]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        frame = prevalence(store)
    assert frame["period"].dt.month.tolist() == [9, 10, 11]
    assert frame["n_articles"].tolist() == [1, 0, 1]
    assert frame["share"].iloc[0] == 1.0 and np.isnan(frame["share"].iloc[1])
    assert frame["share"].iloc[2] == 0.0
    assert frame["hits_per_1000"].iloc[0] == 500.0


def test_n_low_high_columns_and_the_min_n_flag(tmp_path: Path) -> None:
    docs = [Doc(f"a{i}", "tass", date(2018, 9, 3), 2, {"x": 1} if i < 2 else {}) for i in range(3)]
    docs += [
        Doc(f"b{i}", "tass", date(2018, 11, 3), 2, {"x": 1} if i < 3 else {}) for i in range(8)
    ]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        frame = prevalence(store)
    assert frame["n"].tolist() == [3, 0, 8]
    ref_lo, ref_hi = proportion_confint([2, 3], [3, 8], method="wilson")
    np.testing.assert_allclose(frame["low"].iloc[[0, 2]], ref_lo, atol=1e-12)
    np.testing.assert_allclose(frame["high"].iloc[[0, 2]], ref_hi, atol=1e-12)
    # the empty month: a gap (no share, no interval), not a 0 and not flagged as small
    assert frame[["share", "low", "high"]].iloc[1].isna().all()
    assert frame["below_min_n"].tolist() == [True, False, False]


def test_smoothing_says_how_many_articles_it_pooled(store) -> None:
    smooth = prevalence(store, narrative="double-standards", smooth=3)
    pooled = smooth["n"].rolling(3, min_periods=1).sum()
    np.testing.assert_array_equal(smooth["n_smooth"], pooled)
    inside = smooth.dropna(subset=["share_smooth"])
    assert (inside["low_smooth"] <= inside["share_smooth"]).all()
    assert (inside["share_smooth"] <= inside["high_smooth"]).all()


def test_excluding_duplicates(store, docs: list[Doc]) -> None:
    canonical = [d for d in docs if d.dup_kind is None]
    actual = prevalence(store, exclude_duplicates=True)
    _check(actual, _expected(canonical, None), ["period", "narrative"])
    assert prevalence(store)["n_articles"].sum() == 2 * len(docs)


def test_outlet_filter(store, docs: list[Doc]) -> None:
    actual = prevalence(store, outlets=["rt"], by="outlet")
    assert set(actual["outlet"]) == {"rt"}
    _check(
        actual,
        _expected([d for d in docs if d.outlet == "rt"], "outlet"),
        ["period", "outlet", "narrative"],
    )


def test_wilson_interval_matches_statsmodels() -> None:
    x = np.array([0, 1, 5, 17, 20, 3])
    n = np.array([10, 1, 20, 40, 20, 1000])
    lo, hi = wilson_interval(x, n)
    ref_lo, ref_hi = proportion_confint(x, n, alpha=0.05, method="wilson")
    np.testing.assert_allclose(lo, ref_lo, atol=1e-12)
    np.testing.assert_allclose(hi, ref_hi, atol=1e-12)
    empty_lo, _ = wilson_interval(0, 0)
    assert np.isnan(empty_lo)


def test_shares_carry_wilson_intervals(store) -> None:
    frame = prevalence(store, by="outlet").dropna(subset=["share"])
    ref_lo, ref_hi = proportion_confint(frame["n_labelled"], frame["n_articles"], method="wilson")
    np.testing.assert_allclose(frame["low"], ref_lo, atol=1e-12)
    np.testing.assert_allclose(frame["high"], ref_hi, atol=1e-12)
    assert (frame["low"] <= frame["share"]).all() and (frame["share"] <= frame["high"]).all()


def test_smoothing_pools_a_trailing_window(store) -> None:
    raw = prevalence(store, narrative="double-standards", by="outlet")
    smooth = prevalence(store, narrative="double-standards", by="outlet", smooth=2)
    for outlet, part in raw.groupby("outlet"):
        sm = smooth[smooth["outlet"] == outlet].reset_index(drop=True)
        part = part.reset_index(drop=True)
        x, n = part["n_labelled"], part["n_articles"]
        expected = (x + x.shift(1, fill_value=0)) / (n + n.shift(1, fill_value=0))
        np.testing.assert_allclose(sm["share_smooth"], expected)
        h, s = part["n_hits"], part["n_sentences"]
        rate = 1000 * (h + h.shift(1, fill_value=0)) / (s + s.shift(1, fill_value=0))
        np.testing.assert_allclose(sm["hits_per_1000_smooth"], rate)


def test_by_detector_and_the_several_detectors_rule(tmp_path: Path) -> None:
    docs = [
        Doc("a", "tass", date(2018, 11, 1), 4, {"x": 1}),
        Doc("b", "tass", date(2018, 11, 2), 4, {"x": 2}, detector="embedding"),
        Doc("c", "tass", date(2018, 11, 3), 4, {}),
    ]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        with pytest.raises(UsageError, match="several detectors"):
            prevalence(store)
        frame = prevalence(store, by="detector").set_index("detector")
        one = prevalence(store, detector="embedding")
        with pytest.raises(UsageError, match="no labels from detector 'ensemble'"):
            prevalence(store, detector="ensemble")
    # the denominator is every article of the period, whichever detector labelled it
    assert frame.loc["lexicon", "n_articles"] == 3 and frame.loc["lexicon", "n_labelled"] == 1
    assert frame.loc["embedding", "n_hits"] == 2
    assert one["share"].tolist() == [pytest.approx(1 / 3)]


def test_rollup_fills_a_hierarchy_the_run_did_not_record(tmp_path: Path) -> None:
    docs = [
        Doc("a", "tass", date(2018, 11, 1), 10, {"child": 3, "parent": 0}),
        Doc("b", "tass", date(2018, 11, 2), 10, {"parent": 1}),
    ]
    with build_store(tmp_path / "s.duckdb", docs) as store:  # no hierarchy recorded
        plain = prevalence(store, narrative="parent")
        with pytest.warns(DeprecationWarning, match="rollup"):
            rolled = prevalence(store, narrative="parent", rollup={"child": "parent"})
        with pytest.raises(UsageError, match="exact"):
            prevalence(store, narrative="parent", rollup={"child": "parent"}, exact=True)
    assert plain["n_hits"].tolist() == [1] and plain["n_labelled"].tolist() == [1]
    # both measures include the child: its 3 hits, and article a once
    assert rolled["n_hits"].tolist() == [4]
    assert rolled["n_labelled"].tolist() == [2]


# -- the sub-narrative rule: parent > child > grandchild, recorded with the run -----------------
@pytest.fixture
def family(tmp_path: Path):
    with build_family_store(tmp_path / "f.duckdb") as s:
        yield s


def _counts(frame: pd.DataFrame) -> dict[str, tuple[int, int]]:
    """``{narrative: (n_labelled, n_hits)}`` of a one-period frame."""
    return {r.narrative: (r.n_labelled, r.n_hits) for r in frame.itertuples(index=False)}


def test_counts_include_sub_narratives_once_in_both_measures(family) -> None:
    counts = _counts(prevalence(family))
    # parent: articles a, b, c, d (c carries parent and child: once); hits 3+1+1+2+1
    assert counts == {"parent": (4, 8), "child": (3, 6), "grandchild": (1, 1)}
    frame = prevalence(family, narrative="parent")
    assert frame["share"].tolist() == [pytest.approx(4 / 5)]
    assert frame["hits_per_1000"].tolist() == [pytest.approx(1000 * 8 / 50)]


def test_exact_counts_only_the_exact_label(family) -> None:
    counts = _counts(prevalence(family, exact=True))
    # parent: only b and c hold a hit of 'parent' itself; child: a and c
    assert counts == {"parent": (2, 2), "child": (2, 5), "grandchild": (1, 1)}
    one = prevalence(family, narrative="child", exact=True, freq="day").dropna(subset=["share"])
    assert one["n_labelled"].sum() == 2 and one["n_hits"].sum() == 5


def test_rollup_on_a_recorded_hierarchy_never_counts_twice(family) -> None:
    rollup = {"child": "parent", "grandchild": "child"}
    with pytest.warns(DeprecationWarning):
        rolled = prevalence(family, narrative="parent", rollup=rollup)
    assert _counts(rolled) == {"parent": (4, 8)}
    assert _counts(prevalence(family, narrative="parent", by="outlet")) == {"parent": (4, 8)}


# -- implausible dates ------------------------------------------------------------------------
@pytest.mark.timeout(60)
def test_implausible_dates_never_build_a_huge_grid(tmp_path: Path) -> None:
    docs = [
        Doc("old", "tass", date(1, 1, 1), 2, {"x": 1}),
        Doc("new", "tass", date(9999, 12, 31), 2, {"x": 1}),
    ]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        for freq in ("week", "day", "month"):
            with pytest.raises(DataError, match=r"0001-01-01 \(1 article\), 9999-12-31") as err:
                prevalence(store, freq=freq)
            assert "--from/--to" in str(err.value.hint)


@pytest.mark.timeout(60)
def test_a_date_range_keeps_the_plausible_articles(tmp_path: Path) -> None:
    docs = [
        Doc("old", "tass", date(1, 1, 1), 2, {"x": 1}),
        Doc("a", "tass", date(2018, 11, 5), 2, {"x": 1}),
        Doc("b", "tass", date(2018, 12, 20), 2),
        Doc("new", "tass", date(9999, 12, 31), 2, {"x": 1}),
    ]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        with pytest.raises(DataError, match="implausible") as err:
            prevalence(store, freq="week")
        assert "--from 2018-11-05 --to 2018-12-20" in str(err.value.hint)
        frame = prevalence(store, freq="week", date_from="2018-11-05", date_to=date(2018, 12, 20))
        assert frame["n_articles"].sum() == 2 and len(frame) == 7
        assert frame["n_hits"].sum() == 1
        with pytest.raises(DataError, match="no dated articles"):
            prevalence(store, date_from="2019-01-01", date_to="2019-02-01")
        with pytest.raises(UsageError, match="after --to"):
            prevalence(store, date_from="2019-01-01", date_to="2018-01-01")
        with pytest.raises(UsageError, match="not a valid date"):
            prevalence(store, date_from="2019-13-01")


def test_a_long_plausible_span_is_counted_and_a_longer_one_refused(tmp_path: Path) -> None:
    docs = [Doc("a", "tass", date(1950, 1, 2), 2, {"x": 1}), Doc("b", "tass", date(2024, 6, 3), 2)]
    with build_store(tmp_path / "s.duckdb", docs) as store:
        weekly = prevalence(store, freq="week")
    assert len(weekly) == (date(2024, 6, 3) - date(1950, 1, 2)).days // 7 + 1
    assert weekly["n_articles"].sum() == 2
    docs[0] = Doc("a", "tass", date(1905, 1, 2), 2, {"x": 1})
    with (
        build_store(tmp_path / "t.duckdb", docs) as store,
        pytest.raises(DataError, match="first and last dates: 1905-01-02, 2024-06-03"),
    ):
        prevalence(store, freq="month")


def test_bad_options_and_unknown_names(store) -> None:
    with pytest.raises(UsageError, match="unknown frequency"):
        prevalence(store, freq="year")
    with pytest.raises(UsageError, match="cannot group by"):
        prevalence(store, by="author")
    with pytest.raises(UsageError, match="narratives found: double-standards"):
        prevalence(store, narrative="dobule-standards")
    with pytest.raises(UsageError, match="no run 'nope'"):
        prevalence(store, run_id="nope")


def test_write_frame_csv_and_parquet(store, tmp_path: Path) -> None:
    frame = prevalence(store, by="outlet", smooth=3)
    back_csv = pd.read_csv(write_frame(frame, tmp_path / "t.csv"))
    back_pq = pd.read_parquet(write_frame(frame, tmp_path / "t.parquet"))
    assert len(back_csv) == len(back_pq) == len(frame)
    np.testing.assert_allclose(back_pq["share"], frame["share"])
    with pytest.raises(UsageError, match=r"\.csv or \.parquet"):
        write_frame(frame, tmp_path / "t.xlsx")
