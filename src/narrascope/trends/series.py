"""Narrative prevalence series by period and group.

Two measures per (period, group, detector, narrative):

* **share** — articles carrying the narrative or any of its sub-narratives (each article once)
  / all dated articles in the group and period (``n``), with a Wilson 95% interval
  (``low``, ``high``); a share of fewer than :data:`~narrascope.trends.stats.MIN_N` articles is
  flagged ``below_min_n``;
* **hits per 1,000 sentences** — hit rows recorded under the narrative or any of its
  sub-narratives (each hit once) / sentences of all dated articles in the group and period,
  times 1,000.

Both follow the sub-narrative rule (the hierarchy is the run's codebook); ``exact=True`` counts
only the exact label in both: articles with a hit of the narrative itself, and its own hits.

Duplicates (wire copies) count by default, because each copy is a publication a reader could
see; ``exclude_duplicates=True`` keeps only canonical articles. Periods are UTC calendar days,
ISO weeks (starting Monday) or calendar months; periods without articles have no share (NaN),
never 0. The period grid runs from the first to the last dated article and may span at most
:data:`MAX_SPAN_YEARS` years: a store holding implausible dates (year 1 or 9999) gets a
DataError naming them instead of a grid of millions of empty periods; ``date_from``/``date_to``
restrict the series. See ``docs/trends-and-opinion.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TypedDict

import numpy as np
import pandas as pd

from narrascope.errors import DataError, UsageError
from narrascope.store import Store, check_stances, neutralize_csv, parse_day
from narrascope.trends.stats import MIN_N, wilson_interval

FREQS = ("day", "week", "month")
GROUPS = ("outlet", "language", "detector")
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}
_KEYS = ["period", "grp", "detector", "narrative"]
MAX_SPAN_YEARS = 100
"""The longest span (first to last period) a series may have: beyond it the dates are wrong."""
_PLAUSIBLE_YEARS = (1900, date.today().year + 1)  # as ingest.min_year/max_year by default


class _ArticleFilter(TypedDict):
    """The article options shared by the store's period queries."""

    group: str | None
    outlets: Sequence[str] | None
    exclude_duplicates: bool
    date_from: date | None
    date_to: date | None


# -- detector and narrative resolution -------------------------------------------------------
def pick_detectors(
    labels: pd.DataFrame, detector: str | None, by: str | None, run: str
) -> list[str]:
    """The detectors to show: the one asked for, all (``by="detector"``) or the only one."""
    present = sorted(labels["detector"].unique().tolist())
    if not present:
        raise DataError(f"run {run!r} has no article labels", hint="run `narrascope analyze`")
    if detector is not None:
        if detector not in present:
            raise UsageError(
                f"run {run!r} has no labels from detector {detector!r}",
                hint=f"detectors in this run: {', '.join(present)}",
            )
        return [detector]
    if by == "detector" or len(present) == 1:
        return present
    raise UsageError(
        f"run {run!r} has labels from several detectors ({', '.join(present)})",
        hint="pick one with --detector, or compare them with --by detector",
    )


def pick_narratives(
    labels: pd.DataFrame, narrative: str | None, detectors: list[str], run: str
) -> list[str]:
    """The narratives to show: the one asked for (checked), else all the run's labels hold."""
    present = sorted(labels.loc[labels["detector"].isin(detectors), "narrative"].unique())
    if narrative is None:
        return present
    if narrative not in present:
        raise UsageError(
            f"no article in run {run!r} carries narrative {narrative!r}",
            hint=f"narratives found: {', '.join(present) or 'none'}",
        )
    return [narrative]


# -- prevalence series --------------------------------------------------------------------------
def prevalence(
    store: Store,
    *,
    narrative: str | None = None,
    by: str | None = None,
    freq: str = "month",
    run_id: str | None = None,
    detector: str | None = None,
    smooth: int | None = None,
    exclude_duplicates: bool = False,
    outlets: Sequence[str] | None = None,
    rollup: Mapping[str, str] | None = None,
    exact: bool = False,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    stances: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Prevalence series of narratives: share of articles and hits per 1,000 sentences.

    A narrative's counts include its sub-narratives (each article and each hit once), in both
    measures; ``exact=True`` counts the exact label only.

    Args:
        store: an open store.
        narrative: one narrative id (default: every narrative labelled in the run).
        by: ``"outlet"``, ``"language"`` or ``"detector"`` (default: all articles together).
        freq: ``"day"``, ``"week"`` (ISO, Monday) or ``"month"``.
        run_id: analysis run (default: the latest finished one).
        detector: detector whose labels count (needed when a run has several).
        smooth: trailing window of K periods; adds ``share_smooth`` (labelled / articles summed
            over the window: a pooled share, not a mean of shares), its window size ``n_smooth``
            and Wilson interval ``low_smooth``/``high_smooth``, and ``hits_per_1000_smooth``.
        exclude_duplicates: count canonical articles only (default: wire copies count).
        outlets: restrict to these outlets.
        rollup: deprecated, ``{child: parent}``. Sub-narratives are counted by default from
            the hierarchy the run recorded; ``rollup`` only adds links missing from it (runs
            recorded before narrascope kept the hierarchy), never counting anything twice.
            Not allowed with ``exact``.
        exact: count only labels and hits of the exact narrative, not its sub-narratives'.
        date_from, date_to: only articles of these UTC days (``YYYY-MM-DD``, inclusive).
        stances: count only hits of these stances (asserted, attributed, rejected,
            undecided; see :mod:`narrascope.actors.stance`), and as labelled only articles
            with such a hit; None (default) counts all stances and the article labels.

    Returns:
        One row per period, group, detector and narrative (missing periods filled):
        ``period, [outlet|language], detector, narrative, n, n_labelled, share, low, high,
        below_min_n, n_articles, n_sentences, n_hits, hits_per_1000`` (+ smoothed columns).
        ``n`` (= ``n_articles``) is the number of articles behind the share; ``low``/``high``
        its Wilson 95% interval (NaN, like the share, in periods without articles).

    Raises:
        DataError: no dated articles, or dates spanning more than :data:`MAX_SPAN_YEARS`
            years (the message names the implausible dates and the range to keep).

    Example:
        >>> with Store("narrascope.duckdb", read_only=True) as store:
        ...     frame = prevalence(store, narrative="double-standards", by="outlet")
    """
    _check_options(by, freq, smooth)
    start, end = parse_day(date_from, "--from"), parse_day(date_to, "--to")
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    run = store.run_id(run_id)
    parents = _rollup_parents(store, run, rollup, exact)
    labels = store.run_labels(run)
    detectors = pick_detectors(labels, detector, by, run)
    narratives = pick_narratives(labels, narrative, detectors, run)
    group = by if by in ("outlet", "language") else None
    common = _ArticleFilter(
        group=group,
        outlets=outlets,
        exclude_duplicates=exclude_duplicates,
        date_from=start,
        date_to=end,
    )
    totals = store.period_totals(freq, **common)
    if totals.empty:
        where = f" in outlets {list(outlets)}" if outlets else ""
        if start or end:
            where += f" between {start or 'the first'} and {end or 'the last'} day"
        raise DataError(
            "no dated articles to count" + where,
            path=store.path,
            hint="check the ingest (dates), the --outlet names or --from/--to",
        )
    _check_span(store, totals, freq, common)
    counts = store.period_narrative_counts(
        run,
        freq,
        narratives=narratives,
        detectors=detectors,
        exact=exact,
        parents=parents,
        stances=check_stances(stances),
        **common,
    )
    frame = _measures(_grid(totals, counts, detectors, narratives, freq))
    if smooth and smooth > 1:
        frame = _smooth(frame, smooth)
    return _finish(frame, group)


def _check_options(by: str | None, freq: str, smooth: int | None) -> None:
    if by is not None and by not in GROUPS:
        raise UsageError(f"cannot group by {by!r}", hint=f"use one of {', '.join(GROUPS)}")
    if freq not in FREQS:
        raise UsageError(f"unknown frequency {freq!r}", hint=f"use one of {', '.join(FREQS)}")
    if smooth is not None and smooth < 1:
        raise UsageError(f"--smooth must be at least 1 (got {smooth})")


def _rollup_parents(
    store: Store, run: str, rollup: Mapping[str, str] | None, exact: bool
) -> dict[str, str | None] | None:
    """The hierarchy to count with when ``rollup`` is given (None: the run's own)."""
    if not rollup:
        return None
    if exact:
        raise UsageError(
            "rollup= adds sub-narratives to their parents; exact=True counts the exact label only",
            hint="drop rollup= (sub-narratives are counted by default) or exact=True",
        )
    warnings.warn(
        "prevalence(rollup=...) is deprecated: sub-narratives are counted by default from the "
        "hierarchy the run recorded; rollup= only adds links missing from it",
        DeprecationWarning,
        stacklevel=3,
    )
    parents: dict[str, str | None] = dict(store.run_parents(run))
    for child, parent in rollup.items():
        if parents.get(child) is None:
            parents[child] = parent
    return parents


def _n_periods(first: pd.Timestamp, last: pd.Timestamp, freq: str) -> int:
    """Periods from ``first`` to ``last`` inclusive (both period starts), without building them."""
    if freq == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return (last - first).days // (7 if freq == "week" else 1) + 1


def _iso(day: pd.Timestamp) -> str:
    """``YYYY-MM-DD`` with a four-digit year (strftime writes year 1 as ``1``)."""
    return str(day.date().isoformat())


def _check_span(store: Store, totals: pd.DataFrame, freq: str, common: _ArticleFilter) -> None:
    """DataError when the period grid would span more than :data:`MAX_SPAN_YEARS` years."""
    first, last = pd.Timestamp(totals["period"].min()), pd.Timestamp(totals["period"].max())
    limit = {"day": 366, "week": 53, "month": 12}[freq] * MAX_SPAN_YEARS
    n = _n_periods(first, last, freq)
    if n <= limit:
        return
    whole = common.copy()
    whole["group"] = None
    days = store.period_totals("day", **whole)
    day = pd.to_datetime(days["period"])
    lo, hi = _PLAUSIBLE_YEARS
    odd = (day.dt.year < lo) | (day.dt.year > hi)
    if odd.any():
        listed = [
            f"{_iso(d)} ({k} article{'s' if k != 1 else ''})"
            for d, k in zip(day[odd], days.loc[odd, "n_articles"], strict=True)
        ]
        shown = ", ".join(listed[:8]) + (
            f", … ({len(listed)} days in all)" if len(listed) > 8 else ""
        )
        which = f"implausible dates (outside {lo}..{hi}): {shown}"
    else:
        which = f"first and last dates: {_iso(day.iloc[0])}, {_iso(day.iloc[-1])}"
    kept = day[~odd]
    keep = (
        f"e.g. --from {_iso(kept.iloc[0])} --to {_iso(kept.iloc[-1])}, "
        if not kept.empty and odd.any()
        else ""
    )
    raise DataError(
        f"the dated articles span {_iso(day.iloc[0])} to {_iso(day.iloc[-1])}: "
        f"{n:,} {freq}s, more than the {limit:,} ({MAX_SPAN_YEARS} years) a series may have; "
        f"{which}",
        path=store.path,
        hint=f"restrict the series with --from/--to (date_from=/date_to=), {keep}"
        "or fix those articles' dates (re-ingest them with the right date mapping)",
    )


def _grid(
    totals: pd.DataFrame,
    counts: pd.DataFrame,
    detectors: list[str],
    narratives: list[str],
    freq: str,
) -> pd.DataFrame:
    periods = pd.date_range(totals["period"].min(), totals["period"].max(), freq=_PANDAS_FREQ[freq])
    index = pd.MultiIndex.from_product(
        [periods, sorted(totals["grp"].unique()), detectors, narratives], names=_KEYS
    )
    frame = index.to_frame(index=False)
    frame = frame.merge(totals, on=["period", "grp"], how="left")
    frame = frame.merge(counts, on=_KEYS, how="left")
    count_cols = ["n_articles", "n_sentences", "n_labelled", "n_hits"]
    frame[count_cols] = frame[count_cols].fillna(0).astype("int64")
    return frame


def _measures(frame: pd.DataFrame) -> pd.DataFrame:
    n, x = frame["n_articles"].to_numpy(float), frame["n_labelled"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["share"] = np.where(n > 0, x / n, np.nan)
        sentences = frame["n_sentences"].to_numpy(float)
        rate = 1000 * frame["n_hits"].to_numpy(float) / sentences
        frame["hits_per_1000"] = np.where(sentences > 0, rate, np.nan)
    frame["low"], frame["high"] = wilson_interval(x, n)
    frame["n"] = frame["n_articles"]
    frame["below_min_n"] = (n > 0) & (n < MIN_N)
    return frame


def _smooth(frame: pd.DataFrame, window: int) -> pd.DataFrame:
    frame = frame.sort_values([*_KEYS[1:], "period"]).reset_index(drop=True)
    cols = ["n_labelled", "n_articles", "n_hits", "n_sentences"]
    rolled = (
        frame.groupby(_KEYS[1:], sort=False)[cols]
        .rolling(window, min_periods=1)
        .sum()
        .reset_index(level=[0, 1, 2], drop=True)
        .reindex(frame.index)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = rolled["n_labelled"] / rolled["n_articles"]
        rate = 1000 * rolled["n_hits"] / rolled["n_sentences"]
    frame["share_smooth"] = share.where(rolled["n_articles"] > 0)
    frame["n_smooth"] = rolled["n_articles"].astype("int64")
    frame["low_smooth"], frame["high_smooth"] = wilson_interval(
        rolled["n_labelled"], rolled["n_articles"]
    )
    frame["hits_per_1000_smooth"] = rate.where(rolled["n_sentences"] > 0)
    return frame


def _finish(frame: pd.DataFrame, group: str | None) -> pd.DataFrame:
    order = ["period", "grp", "detector", "narrative", "n", "n_labelled", "share", "low", "high"]
    order += ["below_min_n", "n_articles", "n_sentences", "n_hits", "hits_per_1000"]
    smoothed = ("share_smooth", "n_smooth", "low_smooth", "high_smooth", "hits_per_1000_smooth")
    order += [c for c in smoothed if c in frame]
    frame = frame[order].sort_values(["period", "grp", "detector", "narrative"])
    frame = frame.reset_index(drop=True)
    if group is None:
        return frame.drop(columns="grp")
    return frame.rename(columns={"grp": group})


def write_frame(frame: pd.DataFrame, path: str | Path, *, raw_csv: bool = False) -> Path:
    """Write a table to ``.csv`` or ``.parquet`` (chosen by the suffix); returns the path.

    CSV text cells a spreadsheet would run as a formula are guarded unless ``raw_csv``
    (see :func:`narrascope.store.neutralize_csv`).

    Example:
        >>> write_frame(prevalence(store), "trends.parquet")
    """
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".parquet"):
        raise UsageError(f"cannot write {path.name!r}", hint="use a .csv or .parquet file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        (frame if raw_csv else neutralize_csv(frame)).to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False)
    return path
