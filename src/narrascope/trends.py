"""Narrative prevalence series by period and group, and event windows.

Two measures per (period, group, detector, narrative):

* **share** — articles carrying the narrative / all dated articles in the group and period
  (article labels include parent narratives), with a Wilson 95% interval;
* **hits per 1,000 sentences** — hit rows recorded under the narrative / sentences of all dated
  articles in the group and period, times 1,000.

Duplicates (wire copies) count by default, because each copy is a publication a reader could
see; ``exclude_duplicates=True`` keeps only canonical articles. Periods are UTC calendar days,
ISO weeks (starting Monday) or calendar months; periods without articles have no share (NaN),
never 0. See ``docs/trends-and-opinion.md``.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from narrascope.errors import DataError, UsageError
from narrascope.events import events_from_frame
from narrascope.records import Event
from narrascope.store import Store

FREQS = ("day", "week", "month")
GROUPS = ("outlet", "language", "detector")
Z95 = 1.959963984540054
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}
_KEYS = ["period", "grp", "detector", "narrative"]


# -- small statistics helpers -------------------------------------------------------------------
def wilson_interval(successes: Any, trials: Any, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for binomial proportions (NaN where ``trials`` is 0).

    Args:
        successes: counts (scalar or array).
        trials: totals, same shape.
        z: normal quantile (1.96 for 95%).

    Returns:
        ``(low, high)`` arrays.

    Example:
        >>> lo, hi = wilson_interval(5, 20)
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    lo = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
    hi = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    return lo, hi


def benjamini_hochberg(pvalues: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (NaN inputs stay NaN and are not counted).

    Example:
        >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
        [0.03, 0.04, 0.04]
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    order = np.argsort(p[ok])
    ranked = p[ok][order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    values = np.empty(m)
    values[order] = adjusted
    out[ok] = values
    return out


# -- run, detector and narrative resolution ------------------------------------------------------
def resolve_run(store: Store, run_id: str | None) -> str:
    """``run_id`` when it exists in the store, else the latest finished run."""
    if run_id is None:
        return store.latest_run()
    known = store.runs()["run_id"].astype(str).tolist()
    if run_id not in known:
        raise UsageError(
            f"no run {run_id!r} in the store",
            path=store.path,
            hint=f"runs: {', '.join(known) or 'none (run `narrascope analyze`)'}",
        )
    return run_id


def _pick_detectors(labels: pd.DataFrame, detector: str | None, by: str | None, run: str) -> list:
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


def _pick_narratives(
    labels: pd.DataFrame, narrative: str | None, detectors: list[str], run: str
) -> list[str]:
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
) -> pd.DataFrame:
    """Prevalence series of narratives: share of articles and hits per 1,000 sentences.

    Args:
        store: an open store.
        narrative: one narrative id (default: every narrative labelled in the run).
        by: ``"outlet"``, ``"language"`` or ``"detector"`` (default: all articles together).
        freq: ``"day"``, ``"week"`` (ISO, Monday) or ``"month"``.
        run_id: analysis run (default: the latest finished one).
        detector: detector whose labels count (needed when a run has several).
        smooth: trailing window of K periods; adds pooled ``share_smooth``/``hits_per_1000_smooth``.
        exclude_duplicates: count canonical articles only (default: wire copies count).
        outlets: restrict to these outlets.
        rollup: ``{child: parent}``; a child's hits also count for its ancestors (use only when
            the detector records hits on sub-narratives alone).

    Returns:
        One row per period, group, detector and narrative (missing periods filled):
        ``period, [outlet|language], detector, narrative, n_articles, n_labelled, share,
        share_lo, share_hi, n_sentences, n_hits, hits_per_1000`` (+ smoothed columns).

    Example:
        >>> with Store("narrascope.duckdb", read_only=True) as store:
        ...     frame = prevalence(store, narrative="double-standards", by="outlet")
    """
    _check_options(by, freq, smooth)
    run = resolve_run(store, run_id)
    labels = store.run_labels(run)
    detectors = _pick_detectors(labels, detector, by, run)
    narratives = _pick_narratives(labels, narrative, detectors, run)
    group = by if by in ("outlet", "language") else None
    common = {"group": group, "outlets": outlets, "exclude_duplicates": exclude_duplicates}
    totals = store.period_totals(freq, **common)
    if totals.empty:
        raise DataError(
            "no dated articles to count" + (f" in outlets {list(outlets)}" if outlets else ""),
            path=store.path,
            hint="check the ingest (dates) or the --outlet names",
        )
    wanted = _with_descendants(narratives, rollup or {})
    counts = store.period_narrative_counts(
        run, freq, narratives=wanted, detectors=detectors, **common
    )
    counts = _roll_up(counts, rollup or {}, narratives)
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


def _ancestors(child: str, rollup: Mapping[str, str]) -> list[str]:
    chain, seen = [], {child}
    while child in rollup and rollup[child] not in seen:
        child = rollup[child]
        seen.add(child)
        chain.append(child)
    return chain


def _with_descendants(narratives: list[str], rollup: Mapping[str, str]) -> list[str]:
    extra = [c for c in rollup if set(_ancestors(c, rollup)) & set(narratives)]
    return sorted(set(narratives) | set(extra))


def _roll_up(counts: pd.DataFrame, rollup: Mapping[str, str], keep: list[str]) -> pd.DataFrame:
    if not rollup:
        return counts
    parts = [counts]
    for child in counts["narrative"].unique():
        for parent in _ancestors(child, rollup):
            moved = counts[counts["narrative"] == child].assign(narrative=parent, n_labelled=0)
            parts.append(moved)
    merged = pd.concat(parts, ignore_index=True)
    merged = merged.groupby(_KEYS, as_index=False)[["n_labelled", "n_hits"]].sum()
    return merged[merged["narrative"].isin(keep)]


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
    frame["share_lo"], frame["share_hi"] = wilson_interval(x, n)
    return frame


def _smooth(frame: pd.DataFrame, window: int) -> pd.DataFrame:
    frame = frame.sort_values([*_KEYS[1:], "period"]).reset_index(drop=True)
    cols = ["n_labelled", "n_articles", "n_hits", "n_sentences"]
    rolled = (
        frame.groupby(_KEYS[1:], sort=False)[cols]
        .rolling(window, min_periods=1)
        .sum()
        .reset_index(level=[0, 1, 2], drop=True)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = rolled["n_labelled"] / rolled["n_articles"]
        rate = 1000 * rolled["n_hits"] / rolled["n_sentences"]
    frame["share_smooth"] = share.where(rolled["n_articles"] > 0)
    frame["hits_per_1000_smooth"] = rate.where(rolled["n_sentences"] > 0)
    return frame


def _finish(frame: pd.DataFrame, group: str | None) -> pd.DataFrame:
    order = ["period", "grp", "detector", "narrative", "n_articles", "n_labelled", "share"]
    order += ["share_lo", "share_hi", "n_sentences", "n_hits", "hits_per_1000"]
    order += [c for c in ("share_smooth", "hits_per_1000_smooth") if c in frame]
    frame = frame[order].sort_values(["period", "grp", "detector", "narrative"])
    frame = frame.reset_index(drop=True)
    if group is None:
        return frame.drop(columns="grp")
    return frame.rename(columns={"grp": group})


def write_frame(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table to ``.csv`` or ``.parquet`` (chosen by the suffix); returns the path.

    Example:
        >>> write_frame(prevalence(store), "trends.parquet")
    """
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".parquet"):
        raise UsageError(f"cannot write {path.name!r}", hint="use a .csv or .parquet file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False)
    return path


# -- event windows ------------------------------------------------------------------------------
def event_periods(event: Event, days: int) -> tuple[tuple[date, date], tuple[date, date]]:
    """The ``before`` and ``after`` windows (inclusive day ranges) of an event.

    ``before`` is days −K..−1 relative to the event's first day; ``after`` is day 0 (the first
    day) through K days after the event's last day (``end_date``, else ``date``).

    Example:
        >>> event_periods(Event("talks", date(2018, 11, 9)), 3)[0]
        (datetime.date(2018, 11, 6), datetime.date(2018, 11, 8))
    """
    if days < 1:
        raise UsageError(f"--days must be at least 1 (got {days})")
    last = event.end_date or event.date
    before = (event.date - timedelta(days=days), event.date - timedelta(days=1))
    return before, (event.date, last + timedelta(days=days))


def event_window(
    store: Store,
    event_name: str,
    days: int,
    *,
    narrative: str | None = None,
    run_id: str | None = None,
    detector: str | None = None,
    n_perm: int = 2000,
    n_boot: int = 2000,
    seed: int = 0,
    exclude_duplicates: bool = False,
) -> pd.DataFrame:
    """Per outlet: prevalence before vs after an event vs the outlet's baseline.

    Args:
        store: an open store.
        event_name: a stored event (``narrascope events import``).
        days: K, the window length on each side (see :func:`event_periods`).
        narrative: one narrative (default: every narrative in the run).
        run_id, detector: as in :func:`prevalence`.
        n_perm: label shuffles for the permutation tests.
        n_boot: bootstrap resamples for the CI of after − before.
        seed: random seed (results are reproducible per outlet and narrative).
        exclude_duplicates: count canonical articles only.

    Returns:
        One row per narrative and outlet: article counts and shares in each window, ``diff``
        (after − before) with ``diff_lo``/``diff_hi``, ``p_value`` and its BH-adjusted ``p_bh``
        (across the rows), ``diff_baseline`` (after − baseline) with ``p_baseline``, and a
        ``note`` when a window has no articles.

    Example:
        >>> event_window(store, "moscow-format-2018", 7, narrative="partners-beyond-west")
    """
    event = _stored_event(store, event_name)
    before, after = event_periods(event, days)
    run = resolve_run(store, run_id)
    labels = store.run_labels(run)
    det = _pick_detectors(labels, detector, None, run)[0]
    rows = []
    for narr in _pick_narratives(labels, narrative, [det], run):
        flags = store.article_flags(run, narr, det, exclude_duplicates=exclude_duplicates)
        codes = _window_codes(flags["day"], before, after)
        for outlet, idx in flags.groupby("outlet", sort=True).indices.items():
            rng = np.random.default_rng([seed, zlib.crc32(f"{narr}\x00{outlet}".encode())])
            labelled = flags["labelled"].to_numpy(bool)[idx]
            stats = _outlet_window(labelled, codes[idx], rng, n_perm, n_boot, days)
            rows.append({"event": event.name, "narrative": narr, "outlet": outlet, **stats})
    frame = pd.DataFrame(rows)
    if frame.empty:
        raise DataError("no dated articles in the store", path=store.path)
    frame.insert(frame.columns.get_loc("p_value") + 1, "p_bh", benjamini_hochberg(frame.p_value))
    return frame


def _stored_event(store: Store, name: str) -> Event:
    found = events_from_frame(store.events(name))
    if not found:
        known = store.events()["name"].tolist()
        raise UsageError(
            f"no event {name!r} in the store",
            path=store.path,
            hint=f"events: {', '.join(known)}" if known else "run `narrascope events import`",
        )
    return found[0]


def _window_codes(days: pd.Series, before: tuple[date, date], after: tuple[date, date]) -> Any:
    """0 = baseline, 1 = before, 2 = after."""
    values = pd.to_datetime(days).to_numpy().astype("datetime64[D]")
    bounds = [np.datetime64(d, "D") for d in (*before, *after)]
    codes = np.zeros(len(values), dtype=np.int8)
    codes[(values >= bounds[0]) & (values <= bounds[1])] = 1
    codes[(values >= bounds[2]) & (values <= bounds[3])] = 2
    return codes


def _outlet_window(
    labelled: np.ndarray,
    codes: np.ndarray,
    rng: np.random.Generator,
    n_perm: int,
    n_boot: int,
    days: int,
) -> dict[str, Any]:
    n = [int((codes == c).sum()) for c in (1, 2, 0)]
    x = [int(labelled[codes == c].sum()) for c in (1, 2, 0)]
    share = [xi / ni if ni else np.nan for xi, ni in zip(x, n, strict=True)]
    lo, hi = _bootstrap_diff(x[1], n[1], x[0], n[0], rng, n_boot)
    return {
        "n_before": n[0],
        "n_after": n[1],
        "n_baseline": n[2],
        "share_before": share[0],
        "share_after": share[1],
        "share_baseline": share[2],
        "diff": share[1] - share[0],
        "diff_lo": lo,
        "diff_hi": hi,
        "p_value": permutation_p(x[1], n[1], x[0], n[0], rng, n_perm),
        "diff_baseline": share[1] - share[2],
        "p_baseline": permutation_p(x[1], n[1], x[2], n[2], rng, n_perm),
        "note": _window_note(n, days),
    }


def _window_note(n: list[int], days: int) -> str:
    names = [f"the {days} days before", f"the event window (day 0 to +{days})", "the baseline"]
    empty = [name for name, count in zip(names, n, strict=True) if count == 0]
    return f"no articles in {' and '.join(empty)}" if empty else ""


def permutation_p(
    x1: int, n1: int, x2: int, n2: int, rng: np.random.Generator, n_perm: int = 2000
) -> float:
    """Two-sided permutation p-value for a difference of two proportions.

    Shuffling the article labels between the two groups puts a hypergeometric number of
    labelled articles in group 1, so the shuffles are drawn from that distribution directly
    (identical in law to shuffling, and O(n_perm)). ``p = (1 + #{|d*| ≥ |d|}) / (1 + n_perm)``.

    Example:
        >>> permutation_p(30, 50, 10, 50, np.random.default_rng(0))  # doctest: +SKIP
        0.0005
    """
    if n1 == 0 or n2 == 0:
        return float("nan")
    labelled, total = x1 + x2, n1 + n2
    observed = abs(x1 / n1 - x2 / n2)
    draws = rng.hypergeometric(labelled, total - labelled, n1, size=n_perm)
    simulated = np.abs(draws / n1 - (labelled - draws) / n2)
    return float((1 + np.sum(simulated >= observed - 1e-12)) / (1 + n_perm))


def _bootstrap_diff(
    x1: int, n1: int, x2: int, n2: int, rng: np.random.Generator, n_boot: int
) -> tuple[float, float]:
    """Percentile 95% CI of p1 − p2, resampling articles within each window.

    Resampling n binary labels with replacement gives a Binomial(n, p̂) count, drawn directly.
    """
    if n1 == 0 or n2 == 0 or n_boot < 1:
        return float("nan"), float("nan")
    diffs = rng.binomial(n1, x1 / n1, n_boot) / n1 - rng.binomial(n2, x2 / n2, n_boot) / n2
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return float(lo), float(hi)
