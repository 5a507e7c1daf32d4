"""Consistency checks of imported poll figures: index columns, sums to 100, ranges."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

SUM_TOLERANCE = 5.0


def lines_text(lines: Sequence[int], limit: int = 10) -> str:
    """``3, 4, 7`` (the first ``limit`` line numbers, then how many more)."""
    shown = ", ".join(str(n) for n in list(lines)[:limit])
    extra = len(lines) - limit
    return f"{shown} and {extra} more" if extra > 0 else shown


def derived_answers(tidy: pd.DataFrame) -> list[str]:
    """Index columns: equal (±1) to the difference of two other answers on ≥ 90% of dates.

    In ``I = A − D`` each of ``I`` and ``D`` is a difference of the other two, so the column
    whose removal brings the remaining answers' sums closest to 100 is taken (then: one with
    negative values, then the rightmost); repeated until no such relation is left.
    """
    wide = tidy.pivot_table(index="date", columns="answer", values="value", aggfunc="first")
    wide = wide[list(dict.fromkeys(tidy["answer"]))]
    derived: list[str] = []
    while candidates := _difference_columns(wide.drop(columns=derived)):
        rest = wide.drop(columns=derived)
        derived.append(min(candidates, key=lambda c: _derived_rank(rest, c)))
    return derived


def _difference_columns(wide: pd.DataFrame) -> list[str]:
    cols = list(wide.columns)
    return [
        target
        for target in cols
        if any(
            _close(wide[target], wide[a] - wide[b])
            for a in cols
            for b in cols
            if len({a, b, target}) == 3
        )
    ]


def _derived_rank(wide: pd.DataFrame, column: str) -> tuple[float, bool, int]:
    sums = wide.drop(columns=column).sum(axis=1, min_count=1)
    gap = float((sums - 100).abs().median())
    return gap, not bool((wide[column] < 0).any()), -list(wide.columns).index(column)


def _close(left: pd.Series, right: pd.Series) -> bool:
    both = pd.concat([left, right], axis=1).dropna()
    return len(both) > 0 and float(((both.iloc[:, 0] - both.iloc[:, 1]).abs() <= 1).mean()) >= 0.9


def sum_warnings(tidy: pd.DataFrame, derived: list[str]) -> list[str]:
    """A warning when the answers (less the index columns) do not sum to ~100 on some dates."""
    shares = tidy[~tidy["answer"].isin(derived)]
    answers = shares["answer"].nunique()
    if answers < 2:
        return []
    per_date = shares.groupby("date")["value"].agg(["sum", "count"])
    complete = per_date[per_date["count"] == answers]
    off = complete[(complete["sum"] - 100).abs() > SUM_TOLERANCE]
    if off.empty:
        return []
    listing = ", ".join(f"{d} ({s:g})" for d, s in off["sum"].head(10).items())
    more = f" and {len(off) - 10} more" if len(off) > 10 else ""
    return [
        f"answers do not sum to 100 ± {SUM_TOLERANCE:g} on {len(off)} date(s): "
        f"{listing}{more}; kept (a 'difficult to answer' share may be missing)"
    ]


def range_warnings(tidy: pd.DataFrame, derived: list[str]) -> list[str]:
    """A warning when shares (not index columns) fall outside 0–100."""
    shares = tidy[~tidy["answer"].isin(derived)]
    out = shares[(shares["value"] < 0) | (shares["value"] > 100)]
    if out.empty:
        return []
    return [
        f"values outside 0–100 on lines {lines_text(sorted(set(out['_line'])))}; kept — "
        "are these percentages?"
    ]
