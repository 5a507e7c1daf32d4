"""Event windows: prevalence before and after a diplomatic event, with permutation tests and
bootstrap intervals (see ``docs/trends-and-opinion.md``)."""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from narrascope.errors import DataError, UsageError
from narrascope.records import Event
from narrascope.store import Store
from narrascope.trends.events import events_from_frame
from narrascope.trends.series import pick_detectors, pick_narratives
from narrascope.trends.stats import benjamini_hochberg


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
    run = store.run_id(run_id)
    labels = store.run_labels(run)
    det = pick_detectors(labels, detector, None, run)[0]
    rows = []
    for narr in pick_narratives(labels, narrative, [det], run):
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
    at = frame.columns.get_loc("p_value")
    assert isinstance(at, int)  # column names are unique
    frame.insert(at + 1, "p_bh", benjamini_hochberg(frame["p_value"].to_numpy()))
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
