"""Aligning a narrative series to a poll series, and the statistics linking the two.

Alignment (see :func:`align_monthly`, :func:`align_windows`): a monthly poll is joined on the
calendar month; for irregular waves the narrative is pooled over the ``WINDOW_DAYS`` (30) days
before each survey date.

:func:`link_series` takes two aligned series (same index, in time order) and runs:

1. stationarity checks per series — ADF (H0: unit root) and KPSS (H0: stationary); a series is
   differenced (at most twice) until ADF rejects and KPSS does not, at ``alpha``;
2. Pearson and Spearman correlations of the (possibly differenced) series — point estimates and
   p-values from scipy, 95% CIs from a moving-block bootstrap (fixed seed);
3. lagged cross-correlations for lags −k..k. **Sign convention: a positive lag k correlates the
   narrative at t with the poll at t + k, i.e. the narrative leads the poll by k steps**;
4. Granger causality in both directions (statsmodels F test at a lag chosen by AIC on a VAR);
5. Benjamini–Hochberg across every test run (Pearson, Spearman, each non-zero lag, both
   Granger directions) and a plain-language summary with its caveats.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.tsa.api import VAR
from statsmodels.tsa.stattools import adfuller, grangercausalitytests, kpss

from narrascope.errors import DataError, UsageError
from narrascope.trends import benjamini_hochberg

MIN_POINTS = 12
WINDOW_DAYS = 30
MAX_DIFFERENCES = 2


@dataclass
class LinkResult:
    """Everything :func:`link_series` found, with the numbers behind the summary."""

    narrative: str
    poll: str
    alignment: str
    n: int
    aligned: pd.DataFrame
    stationarity: pd.DataFrame
    correlations: pd.DataFrame
    ccf: pd.DataFrame
    granger: pd.DataFrame
    alpha: float
    notes: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    summary: str = ""

    def tests(self) -> pd.DataFrame:
        """Every hypothesis test in the BH family: ``test, p, p_bh, significant``."""
        rows = [
            self.correlations.assign(test=self.correlations["method"]),
            self.ccf[self.ccf["lag"] != 0].assign(test="lag " + self.ccf["lag"].astype(str)),
            self.granger.assign(test="granger " + self.granger["direction"]),
        ]
        frame = pd.concat([r[["test", "p", "p_bh", "significant"]] for r in rows])
        return frame.reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (NaN becomes None, dates ISO strings)."""
        tables = ("aligned", "stationarity", "correlations", "ccf", "granger")
        out: dict[str, Any] = {
            "narrative": self.narrative,
            "poll": self.poll,
            "alignment": self.alignment,
            "n": self.n,
            "alpha": self.alpha,
            "sign_convention": "positive lag = narrative leads the poll",
        }
        out.update({name: _records(getattr(self, name)) for name in tables})
        out.update(notes=self.notes, caveats=self.caveats, summary=self.summary)
        return out


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return [{str(k): _plain(v) for k, v in row.items()} for row in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# -- alignment ------------------------------------------------------------------------------------
def poll_alignment(dates: Sequence[Any] | pd.Series | pd.Index) -> str:
    """``"month"`` when the survey dates are monthly (one per month, mostly 1 month apart), else
    ``"wave"``.

    Example:
        >>> poll_alignment(pd.date_range("2018-01-01", periods=12, freq="MS"))
        'month'
    """
    months = pd.PeriodIndex(pd.to_datetime(pd.Series(dates)).sort_values(), freq="M")
    if len(months) < 2 or months.has_duplicates:
        return "wave"
    gaps = np.diff(months.asi8)
    return "month" if float(np.mean(gaps == 1)) >= 0.8 else "wave"


def _measure(frame: pd.DataFrame, measure: str) -> pd.Series:
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "share":
            values = frame["n_labelled"] / frame["n_articles"]
            return values.where(frame["n_articles"] > 0)
        values = 1000 * frame["n_hits"] / frame["n_sentences"]
        return values.where(frame["n_sentences"] > 0)


def align_monthly(series: pd.DataFrame, poll: pd.DataFrame, measure: str = "share") -> pd.DataFrame:
    """Join a monthly narrative series to poll figures on the calendar month.

    Args:
        series: ``prevalence(..., freq="month")`` rows of one narrative.
        poll: ``survey_date, value`` rows of one series and answer.
        measure: ``"share"`` or ``"hits_per_1000"``.

    Returns:
        ``period, n_articles, narrative, poll`` for months with articles and a poll figure.
    """
    months = pd.to_datetime(poll["survey_date"]).dt.to_period("M").dt.to_timestamp()
    if months.duplicated().any():
        dup = sorted({str(m.date())[:7] for m in months[months.duplicated()]})
        raise DataError(
            f"several poll figures in the same month ({', '.join(dup)}); cannot join on month",
            hint="use --freq wave",
        )
    left = series.assign(
        period=pd.to_datetime(series["period"]), narrative=_measure(series, measure)
    )
    right = pd.DataFrame({"period": months.to_numpy(), "poll": poll["value"].to_numpy(float)})
    joined = left.merge(right, on="period", how="inner")
    joined = joined[joined["narrative"].notna()]
    return joined[["period", "n_articles", "narrative", "poll"]].reset_index(drop=True)


def align_windows(
    daily: pd.DataFrame, poll: pd.DataFrame, days: int = WINDOW_DAYS, measure: str = "share"
) -> pd.DataFrame:
    """Pool a daily narrative series over the ``days`` days before each survey date.

    The window for a survey dated D is D − days .. D − 1 (the survey day itself is excluded).

    Returns:
        ``period`` (the survey date), ``n_articles, narrative, poll`` for waves with articles.
    """
    if days < 1:
        raise UsageError(f"--window-days must be at least 1 (got {days})")
    day = pd.to_datetime(daily["period"])
    cols = ["n_articles", "n_labelled", "n_sentences", "n_hits"]
    rows = []
    for survey, value in zip(pd.to_datetime(poll["survey_date"]), poll["value"], strict=True):
        inside = (day >= survey - timedelta(days=days)) & (day < survey)
        sums = daily.loc[inside, cols].sum()
        rows.append({"period": survey, **sums.to_dict(), "poll": float(value)})
    frame = pd.DataFrame(rows)
    frame["narrative"] = _measure(frame, measure)
    frame = frame[frame["narrative"].notna()]
    return frame[["period", "n_articles", "narrative", "poll"]].reset_index(drop=True)


# -- stationarity ---------------------------------------------------------------------------------
def _quiet(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a statsmodels test with its tuple result and without its interpolation warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn(*args, result_object=False, **kwargs)
        except TypeError:  # statsmodels < 0.15 has no result_object
            return fn(*args, **kwargs)


def stationarity_tests(values: np.ndarray) -> tuple[float, float]:
    """ADF and KPSS p-values of one series (KPSS p is bounded to [0.01, 0.1] by its table).

    Example:
        >>> adf_p, kpss_p = stationarity_tests(np.random.default_rng(0).normal(size=50))
    """
    adf_p = float(_quiet(adfuller, values, autolag="AIC")[1])
    kpss_p = float(_quiet(kpss, values, regression="c", nlags="auto")[1])
    return adf_p, kpss_p


def make_stationary(series: pd.Series, alpha: float = 0.05) -> tuple[pd.Series, dict[str, Any]]:
    """Difference ``series`` until ADF rejects a unit root and KPSS does not reject stationarity.

    Returns:
        The (possibly differenced) series, and a row for the stationarity table.
    """
    if series.nunique() < 2:
        raise DataError(f"the {series.name} series is constant; nothing to correlate")
    current, row = series, {"series": series.name}
    for step in range(MAX_DIFFERENCES + 1):
        adf_p, kpss_p = stationarity_tests(current.to_numpy(float))
        if step == 0:
            row.update(adf_p_levels=adf_p, kpss_p_levels=kpss_p)
        stationary = adf_p < alpha and kpss_p > alpha
        if stationary or step == MAX_DIFFERENCES or len(current) <= MIN_POINTS // 2:
            break
        differenced = current.diff().dropna()
        if differenced.nunique() < 2:  # a straight line: differencing would leave a constant
            break
        current = differenced
    row.update(differences=step, adf_p=adf_p, kpss_p=kpss_p, stationary=stationary)
    return current, row


# -- correlations ---------------------------------------------------------------------------------
def _block_indices(n: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Moving-block bootstrap indices, block length ≈ n^(1/3)."""
    block = max(1, round(n ** (1 / 3)))
    n_blocks = math.ceil(n / block)
    starts = rng.integers(0, n - block + 1, size=(n_boot, n_blocks))
    return (starts[:, :, None] + np.arange(block)).reshape(n_boot, -1)[:, :n]


def _row_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xc = x - x.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (xc * yc).sum(axis=1) / np.sqrt((xc**2).sum(axis=1) * (yc**2).sum(axis=1))


def correlations(
    x: np.ndarray, y: np.ndarray, *, n_boot: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """Pearson and Spearman (scipy) with moving-block bootstrap 95% CIs.

    Returns:
        Rows ``method, r, ci_lo, ci_hi, p, n``.

    Example:
        >>> correlations(np.arange(20.0), np.arange(20.0) ** 2)["r"].round(2).tolist()
        [0.97, 1.0]
    """
    pearson, spearman = stats.pearsonr(x, y), stats.spearmanr(x, y)
    boot = {"pearson": np.array([np.nan]), "spearman": np.array([np.nan])}
    if n_boot > 0:
        idx = _block_indices(len(x), n_boot, np.random.default_rng(seed))
        bx, by = x[idx], y[idx]
        boot["pearson"] = _row_pearson(bx, by)
        ranks = stats.rankdata(bx, axis=1), stats.rankdata(by, axis=1)
        boot["spearman"] = _row_pearson(*ranks)
    rows = []
    for method, result in (("pearson", pearson), ("spearman", spearman)):
        finite = boot[method][np.isfinite(boot[method])]
        lo, hi = np.percentile(finite, [2.5, 97.5]) if finite.size else (np.nan, np.nan)
        r, p = float(result[0]), float(result[1])
        rows.append({"method": method, "r": r, "ci_lo": lo, "ci_hi": hi, "p": p, "n": len(x)})
    return pd.DataFrame(rows)


def cross_correlation(x: np.ndarray, y: np.ndarray, max_lag: int) -> pd.DataFrame:
    """Pearson r (and scipy p) of ``x[t]`` with ``y[t + lag]`` for lag in −k..k.

    A positive lag means ``x`` (the narrative) leads ``y`` (the poll).

    Example:
        >>> cross_correlation(np.arange(10.0), np.arange(10.0), 1)["lag"].tolist()
        [-1, 0, 1]
    """
    rows = []
    n = len(x)
    for lag in range(-max_lag, max_lag + 1):
        a, b = (x[: n - lag], y[lag:]) if lag >= 0 else (x[-lag:], y[: n + lag])
        if len(a) < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
            rows.append({"lag": lag, "r": np.nan, "p": np.nan, "n": len(a)})
            continue
        r, p = stats.pearsonr(a, b)
        rows.append({"lag": lag, "r": float(r), "p": float(p), "n": len(a)})
    return pd.DataFrame(rows)


# -- Granger --------------------------------------------------------------------------------------
def _var_lag(data: np.ndarray, max_lag: int) -> int:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            chosen = VAR(data).select_order(max_lag).aic
    except (ValueError, np.linalg.LinAlgError):
        return max_lag
    return int(min(max(chosen or 1, 1), max_lag))


def granger(x: np.ndarray, y: np.ndarray, max_lag: int) -> pd.DataFrame:
    """Granger F tests ``x → y`` and ``y → x`` at a lag chosen by AIC (1..max_lag).

    Returns:
        Rows ``direction, lag, f, p`` with direction ``narrative → poll`` / ``poll → narrative``
        (x is the narrative).
    """
    lag = _var_lag(np.column_stack([y, x]), max_lag)
    rows = []
    for direction, cause, effect in (
        ("narrative → poll", x, y),
        ("poll → narrative", y, x),
    ):
        f, p = np.nan, np.nan
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = grangercausalitytests(np.column_stack([effect, cause]), maxlag=[lag])
            f, p = (float(v) for v in result[lag][0]["ssr_ftest"][:2])
        except (ValueError, np.linalg.LinAlgError):
            pass
        rows.append({"direction": direction, "lag": lag, "f": f, "p": p})
    return pd.DataFrame(rows)


# -- everything together --------------------------------------------------------------------------
def link_series(
    narrative: pd.Series,
    poll: pd.Series,
    *,
    max_lag: int = 3,
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
    alignment: str = "",
) -> LinkResult:
    """Correlate, cross-correlate and Granger-test a narrative series against a poll series.

    Args:
        narrative: narrative measure per period (index in time order; NaN rows are dropped).
        poll: poll value per period, same index.
        max_lag: k for lags −k..k and the largest Granger lag (reduced, with a note, when the
            series is too short).
        n_boot: bootstrap resamples for the correlation CIs.
        seed: random seed.
        alpha: level for stationarity decisions and BH-adjusted significance.
        alignment: how the two series were aligned (for the summary).

    Returns:
        A :class:`LinkResult`.

    Raises:
        DataError: fewer than ``MIN_POINTS`` overlapping points, or a constant series.

    Example:
        >>> result = link_series(narr, poll, max_lag=3)
        >>> print(result.summary)
    """
    frame = pd.DataFrame({"narrative": narrative, "poll": poll}).dropna()
    _check_length(len(frame), narrative.name, poll.name)
    notes: list[str] = []
    x_s, x_row = make_stationary(frame["narrative"].rename("narrative"), alpha)
    y_s, y_row = make_stationary(frame["poll"].rename("poll"), alpha)
    both = pd.concat([x_s, y_s], axis=1, join="inner")
    x, y = both["narrative"].to_numpy(float), both["poll"].to_numpy(float)
    lag = _usable_lag(len(both), max_lag, notes)
    corr = correlations(x, y, n_boot=n_boot, seed=seed)
    ccf = cross_correlation(x, y, lag)
    grang = granger(x, y, lag) if lag >= 1 else _no_granger(notes)
    _adjust(corr, ccf, grang, alpha)
    result = LinkResult(
        narrative=str(narrative.name),
        poll=str(poll.name),
        alignment=alignment,
        n=len(frame),
        aligned=frame.reset_index(),
        stationarity=pd.DataFrame([x_row, y_row]),
        correlations=corr,
        ccf=ccf,
        granger=grang,
        alpha=alpha,
        notes=notes,
    )
    result.caveats = caveats(result)
    result.summary = summarize(result)
    return result


def _check_length(n: int, narrative: Any, poll: Any) -> None:
    if n < MIN_POINTS:
        raise DataError(
            f"only {n} overlapping points between narrative {narrative!s} and poll {poll!s}; "
            f"these tests need at least {MIN_POINTS}",
            hint="cover more periods (more articles or poll waves), or align by month",
        )


def _usable_lag(n: int, max_lag: int, notes: list[str]) -> int:
    """Largest lag leaving ≥ 3 observations per Granger parameter (≈ (n − 2) / 3)."""
    limit = max(0, (n - 2) // 3 - 1)
    if max_lag > limit:
        notes.append(
            f"max lag reduced from {max_lag} to {limit}: only {n} points after differencing"
        )
        return limit
    return max_lag


def _no_granger(notes: list[str]) -> pd.DataFrame:
    notes.append("Granger tests skipped: the series is too short for any lag")
    return pd.DataFrame(columns=["direction", "lag", "f", "p"])


def _adjust(corr: pd.DataFrame, ccf: pd.DataFrame, grang: pd.DataFrame, alpha: float) -> None:
    """Benjamini–Hochberg across the whole family, in place (lag 0 duplicates Pearson: excluded)."""
    nonzero = ccf["lag"] != 0
    pvals = np.concatenate(
        [
            corr["p"].to_numpy(float),
            ccf.loc[nonzero, "p"].to_numpy(float),
            grang["p"].to_numpy(float),
        ]
    )
    adjusted = benjamini_hochberg(pvals)
    k, m = len(corr), int(nonzero.sum())
    corr["p_bh"] = adjusted[:k]
    ccf["p_bh"] = np.nan
    ccf.loc[nonzero, "p_bh"] = adjusted[k : k + m]
    grang["p_bh"] = adjusted[k + m :]
    for table in (corr, ccf, grang):
        table["significant"] = (table["p_bh"] < alpha).astype(bool)


# -- plain-language summary -----------------------------------------------------------------------
def _verdict(row: Any) -> str:
    return "significant" if row["significant"] else "not significant"


def _fmt(value: float, digits: int = 2) -> str:
    return "n/a" if value is None or not np.isfinite(value) else f"{value:.{digits}f}"


def _stationarity_text(table: pd.DataFrame) -> str:
    parts = []
    for row in table.to_dict(orient="records"):
        d = int(row["differences"])
        how = ("levels", "first differences", "second differences")[min(d, 2)]
        flag = "" if row["stationary"] else " (still not clearly stationary)"
        parts.append(f"{row['series']} used as {how}{flag}")
    return "Stationarity (ADF + KPSS): " + "; ".join(parts) + "."


def _ccf_text(ccf: pd.DataFrame) -> str:
    usable = ccf.dropna(subset=["r"])
    if usable.empty:
        return "No lagged correlation could be computed."
    top = usable.iloc[int(usable["r"].abs().argmax())]
    lag = int(top["lag"])
    lead = (
        f"the narrative leads the poll by {lag} step(s)"
        if lag > 0
        else (f"the poll leads the narrative by {-lag} step(s)" if lag < 0 else "no lead")
    )
    return (
        f"Strongest lagged correlation at lag {lag:+d} ({lead}): r = {_fmt(top['r'])}"
        f", BH-adjusted p = {_fmt(top['p_bh'], 3)}."
    )


def summarize(result: LinkResult) -> str:
    """A few plain sentences stating what was found and the caveats that apply."""
    lines = [
        f"{result.narrative} vs {result.poll}: {result.n} aligned points"
        + (f" ({result.alignment})." if result.alignment else "."),
        _stationarity_text(result.stationarity),
    ]
    for row in result.correlations.to_dict(orient="records"):
        symbol = "ρ" if row["method"] == "spearman" else "r"
        lines.append(
            f"{row['method'].title()} {symbol} = {_fmt(row['r'])} (95% CI {_fmt(row['ci_lo'])} to "
            f"{_fmt(row['ci_hi'])}), BH-adjusted p = {_fmt(row['p_bh'], 3)}: {_verdict(row)}."
        )
    lines.append(_ccf_text(result.ccf))
    for row in result.granger.to_dict(orient="records"):
        lines.append(
            f"Granger {row['direction']} (lag {row['lag']}): F = {_fmt(row['f'])}, "
            f"BH-adjusted p = {_fmt(row['p_bh'], 3)}: {_verdict(row)}."
        )
    n_sig = int(result.tests()["significant"].sum())
    lines.append(
        f"{n_sig} of {len(result.tests())} tests significant after Benjamini–Hochberg "
        f"at {result.alpha}."
    )
    lines += result.notes
    lines.append("Caveats: " + " ".join(result.caveats))
    return "\n".join(lines)


def caveats(result: LinkResult) -> list[str]:
    """The caveats that apply to this result, in plain language."""
    out = [
        "Correlation is not causation; Granger 'causality' only means one series helps predict "
        "the other, and both may follow a third factor (events, the news agenda).",
        f"{len(result.tests())} tests were run; p-values are Benjamini–Hochberg adjusted.",
    ]
    if result.n < 30:
        out.append(
            f"Short series ({result.n} points): low power and wide intervals; a non-significant "
            "result is not evidence of no relation."
        )
    if "wave" in result.alignment:
        out.append(
            "Irregular survey waves: lags count waves, not fixed time steps, and few waves limit "
            "every test."
        )
    if (result.stationarity["differences"] > 0).any():
        out.append(
            "At least one series was non-stationary and was differenced: the statistics describe "
            "changes between periods, not levels."
        )
    out.append("Bootstrap CIs use a moving-block bootstrap and are approximate for short series.")
    return out
