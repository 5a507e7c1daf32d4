"""Opinion polls: import published figures, align them to narrative series, and link the two.

Two CSV shapes are accepted (``shape`` is detected when unambiguous):

* **wide** — one row per survey date, one column per answer (``Date,Approve,Disapprove,...``):
  one series per value column, the answer being the column name;
* **long** — one row per (answer, date) (``attitude,date,percentage``).

A text column with one value on every row (e.g. ``source``) is metadata: it is left out of the
shape detection and the answers, with a note.

Bad input never becomes a silent wrong number: unparseable dates, non-numeric values, absent
columns and duplicated dates are errors that list the rows (``skip_bad_rows`` instead skips the
rows with a bad date or value, listing file, line and value; duplicates may instead be merged
with ``on_duplicate="mean"|"first"``; rows repeated exactly are kept once, with a note);
missing values are skipped and reported with their rows;
answers that should add up to ~100 but do not (±5) are kept with a warning listing the dates
(some waves omit the "difficult to answer" share). A wide column equal to the difference of two
others (e.g. ``Putin_Index = Approve − Disapprove``) is an index: imported, but left out of the
sum check.

Alignment: a monthly poll is joined to the monthly narrative series on the calendar month; for
irregular waves, the narrative is pooled over the ``window_days`` (default 30) days *before*
each survey date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from narrascope.errors import InputError, UsageError
from narrascope.records import PollPoint
from narrascope.store import Store
from narrascope.trends import prevalence
from narrascope.trends._pollchecks import (
    derived_answers,
    lines_text,
    range_warnings,
    sum_warnings,
)
from narrascope.trends.linkage import (
    WINDOW_DAYS,
    LinkResult,
    align_monthly,
    align_windows,
    link_series,
    poll_alignment,
)

SHAPES = ("wide", "long")
ON_DUPLICATE = ("error", "mean", "first")
ALIGNMENTS = ("auto", "month", "wave")
MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "—", "–", ".."}
DATE_NAMES = ("date", "survey_date", "month", "wave", "period")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%d.%m.%Y", "%Y/%m/%d", "%m.%Y")


def levada_path(name: str) -> Path:
    """A Levada Center series shipped with narrascope (``trends/data/levada/``, see its README).

    Raises:
        UsageError: no such file (the message lists the shipped ones).
    """
    folder = Path(str(resources.files("narrascope.trends").joinpath("data", "levada")))
    path = folder / name
    if not path.is_file():
        shipped = sorted(p.name for p in folder.glob("*.csv"))
        raise UsageError(f"no shipped poll file {name!r}", hint=f"use one of {', '.join(shipped)}")
    return path


@dataclass(frozen=True)
class PollMapping:
    """How to read a poll file (every field optional; see the module docstring).

    Example:
        >>> PollMapping(shape="long", date_col="date", answer_col="attitude",
        ...             value_col="percentage", series_id="attitude-usa")
    """

    shape: str | None = None
    date_col: str | None = None
    answer_col: str | None = None
    value_col: str | None = None
    value_cols: tuple[str, ...] = ()
    n_col: str | None = None
    series_id: str | None = None
    question: str | None = None
    source: str | None = None
    date_format: str | None = None
    on_duplicate: str = "error"
    skip_bad_rows: bool = False

    @classmethod
    def from_pairs(cls, pairs: Sequence[str], **flags: Any) -> PollMapping:
        """Build from ``key=value`` strings (``--map date_col=Date``), then non-None ``flags``."""
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or key not in names:
                raise UsageError(
                    f"bad --map entry {pair!r}", hint=f"use KEY=VALUE, KEY one of {sorted(names)}"
                )
            values[key] = (
                tuple(v.strip() for v in value.split(",")) if key == "value_cols" else value
            )
        values.update({k: v for k, v in flags.items() if v not in (None, ())})
        return cls(**values)


@dataclass
class PollImport:
    """What :func:`read_polls` read: the points plus everything the user should know."""

    path: Path
    shape: str
    series_id: str
    question: str
    points: list[PollPoint]
    answers: list[str]
    derived: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- import ---------------------------------------------------------------------------------------
def read_polls(path: str | Path, mapping: PollMapping | None = None) -> PollImport:
    """Read a wide or long poll CSV into :class:`~narrascope.records.PollPoint` records.

    Args:
        path: CSV file with a header row.
        mapping: column mapping and options (default: detect everything).

    Returns:
        A :class:`PollImport` (points, skipped rows, warnings, index columns).

    Raises:
        InputError: absent column, unparseable dates or values, duplicated dates (by default).
        UsageError: shape or date column cannot be detected, or an unknown option.

    Example:
        >>> result = read_polls("levada_putin_approval_monthly.csv",
        ...                     PollMapping(series_id="putin-approval"))
        >>> len(result.points) > 0
        True
    """
    path, mapping = Path(path), mapping or PollMapping()
    _check_options(mapping)
    frame = _read_csv(path)
    mapping = _complete(frame, mapping, path)
    report = PollImport(path, mapping.shape or "", mapping.series_id or "", "", [], [])
    report.notes.extend(_ignored_columns(frame, mapping))
    frame = _collapse_repeats(frame, report)
    tidy = _tidy(frame, mapping, report)
    tidy = _drop_missing(tidy, report)
    tidy = _resolve_duplicates(tidy, mapping.on_duplicate, path, report)
    report.derived = derived_answers(tidy) if mapping.shape == "wide" else []
    report.warnings += sum_warnings(tidy, report.derived) + range_warnings(tidy, report.derived)
    report.question = mapping.question or f"(question not given; imported from {path.name})"
    if not mapping.question:
        report.warnings.append("no --question given; the question text is a placeholder")
    report.points = _points(tidy, mapping, report.question, path)
    report.answers = sorted(tidy["answer"].unique())
    return report


def import_polls(store: Store, path: str | Path, mapping: PollMapping | None = None) -> PollImport:
    """:func:`read_polls` and store the points (upsert by series, answer and date)."""
    result = read_polls(path, mapping)
    store.write_polls(result.points)
    return result


def _check_options(mapping: PollMapping) -> None:
    if mapping.shape is not None and mapping.shape not in SHAPES:
        raise UsageError(f"unknown shape {mapping.shape!r}", hint="use wide or long")
    if mapping.on_duplicate not in ON_DUPLICATE:
        raise UsageError(
            f"unknown --on-duplicate {mapping.on_duplicate!r}", hint="use error, mean or first"
        )


def _read_csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise InputError("no such poll file", path=path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"cannot read CSV: {str(exc).splitlines()[0]}", path=path) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.empty:
        raise InputError("the poll file has no data rows", path=path)
    frame.insert(0, "_line", np.arange(len(frame)) + 2)
    return frame


def _require(frame: pd.DataFrame, column: str | None, role: str, path: Path) -> None:
    if column is not None and column not in frame.columns:
        present = ", ".join(c for c in frame.columns if c != "_line")
        raise InputError(
            f"the {role} column {column!r} is not in the file (columns present: {present})",
            path=path,
            hint="fix the mapping flag",
        )


def _numeric_share(values: pd.Series) -> float:
    present = values[~values.str.strip().str.lower().isin(MISSING)]
    if present.empty:
        return 0.0
    return float(pd.to_numeric(_clean_numbers(present), errors="coerce").notna().mean())


def _complete(frame: pd.DataFrame, mapping: PollMapping, path: Path) -> PollMapping:
    """Fill in the shape, date column, answer/value columns and series id."""
    for column, role in (
        (mapping.date_col, "date"),
        (mapping.answer_col, "answer"),
        (mapping.value_col, "value"),
        (mapping.n_col, "sample size"),
        *((c, "value") for c in mapping.value_cols),
    ):
        _require(frame, column, role, path)
    date_col = mapping.date_col or _detect_date_column(frame, path)
    others = [c for c in frame.columns if c not in ("_line", date_col, mapping.n_col)]
    numeric = [c for c in others if _numeric_share(frame[c]) >= 0.5]  # bad cells reported later
    text = [c for c in others if c not in numeric]
    meta = [c for c in text if _constant(frame[c]) and c != mapping.answer_col]
    shape = mapping.shape or _detect_shape(frame, mapping, numeric, text, meta, path)
    updates: dict[str, Any] = {"date_col": date_col, "shape": shape}
    if shape == "long":
        answers = text if len(text) == 1 else [c for c in text if c not in meta]
        updates["answer_col"] = mapping.answer_col or _only(answers, "answer", path)
        updates["value_col"] = mapping.value_col or _only(numeric, "value", path)
    elif not mapping.value_cols:
        updates["value_cols"] = tuple(c for c in others if c not in meta)
    updates["series_id"] = mapping.series_id or _slug(path.stem)
    return replace(mapping, **updates)


def _detect_date_column(frame: pd.DataFrame, path: Path) -> str:
    named = [c for c in frame.columns if c.lower() in DATE_NAMES]
    if len(named) == 1:
        return named[0]
    parsed = [c for c in frame.columns[1:] if _parse_dates(frame[c], None).notna().mean() >= 0.9]
    if len(parsed) == 1:
        return parsed[0]
    raise UsageError(
        "cannot tell which column holds the survey date",
        path=path,
        hint=f"pass --date-col (columns: {', '.join(frame.columns[1:])})",
    )


def _constant(values: pd.Series) -> bool:
    """One value (the same text) on at least two rows and no other: a metadata column."""
    present = values.str.strip()
    present = present[~present.str.lower().isin(MISSING)]
    return len(present) >= 2 and present.nunique() == 1


def _detect_shape(
    frame: pd.DataFrame,
    mapping: PollMapping,
    numeric: list[str],
    text: list[str],
    meta: list[str],
    path: Path,
) -> str:
    rest = [c for c in text if c not in meta]  # constant text columns set aside as metadata
    shape = _shape_of(frame, mapping, numeric, text) or _shape_of(frame, mapping, numeric, rest)
    if shape:
        return shape
    raise UsageError(
        f"cannot tell whether the file is wide or long (numeric columns: {numeric}, "
        f"text columns: {text})",
        path=path,
        hint="pass --shape wide|long with --date-col and --answer-col/--value-col",
    )


def _shape_of(
    frame: pd.DataFrame, mapping: PollMapping, numeric: list[str], text: list[str]
) -> str | None:
    if mapping.answer_col or mapping.value_col:
        return "long"
    if mapping.value_cols or (numeric and not text):
        return "wide"
    if len(text) == 1 and len(numeric) == 1 and frame[text[0]].duplicated().any():
        return "long"  # a repeated category column next to one numeric column
    return None


def _only(columns: list[str], role: str, path: Path) -> str:
    if len(columns) != 1:
        raise UsageError(
            f"cannot tell which column holds the {role} (candidates: {columns})",
            path=path,
            hint=f"pass --{role}-col",
        )
    return columns[0]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "poll"


def _parse_dates(values: pd.Series, fmt: str | None) -> pd.Series:
    text = values.astype(str).str.strip()
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for candidate in (fmt,) if fmt else DATE_FORMATS:
        attempt = pd.to_datetime(text, format=candidate, errors="coerce")
        parsed = parsed.fillna(attempt)
    return parsed


def _clean_numbers(values: pd.Series) -> pd.Series:
    text = values.str.strip().str.replace("%", "", regex=False).str.replace(" ", "")
    return text.str.replace(",", ".", regex=False)


def _ignored_columns(frame: pd.DataFrame, mapping: PollMapping) -> list[str]:
    """A note on the columns read as metadata (neither date, answer, value nor sample size)."""
    used = {"_line", mapping.date_col, mapping.answer_col, mapping.value_col, mapping.n_col}
    unused = [c for c in frame.columns if c not in used and c not in mapping.value_cols]
    described = []
    for column in unused:
        values = frame[column].str.strip().unique()
        one = f" (always {values[0]!r})" if len(values) == 1 else ""
        described.append(f"{column!r}{one}")
    if not described:
        return []
    return [f"ignored as metadata, not an answer: column {', '.join(described)}"]


def _collapse_repeats(frame: pd.DataFrame, report: PollImport) -> pd.DataFrame:
    """Rows repeated exactly (every cell the same) kept once, with a note."""
    cells = [c for c in frame.columns if c != "_line"]
    repeat = frame.duplicated(cells, keep="first")
    if not repeat.any():
        return frame
    first = frame.groupby(cells, sort=False, dropna=False)["_line"].transform("first")
    pairs = [f"{a} = line {b}" for a, b in zip(frame["_line"][repeat], first[repeat], strict=True)]
    more = f" and {len(pairs) - 10} more" if len(pairs) > 10 else ""
    report.notes.append(
        f"rows repeated exactly, kept once: line {', line '.join(pairs[:10])}{more}"
    )
    return frame[~repeat].reset_index(drop=True)


def _skip_or_raise(bad: pd.Series, skip: bool, error: str, hint: str, path: Path) -> None:
    """Return when the ``bad`` rows may be skipped (``skip_bad_rows``), else raise ``error``."""
    if not skip:
        raise InputError(error, path=path, hint=f"{hint}, or pass --skip-bad-rows")
    if bool(bad.all()):
        raise InputError(f"{error}; no row is left to import", path=path, hint=hint)


def _tidy(frame: pd.DataFrame, mapping: PollMapping, report: PollImport) -> pd.DataFrame:
    """Long frame ``_line, date, answer, value, n`` (one row per figure)."""
    dates = _parse_dates(frame[mapping.date_col], mapping.date_format)
    if dates.isna().any():
        cells = frame.loc[dates.isna(), mapping.date_col]
        error = (
            f"unparseable dates in column {mapping.date_col!r} on lines "
            f"{lines_text(frame.loc[dates.isna(), '_line'].tolist())} (e.g. {cells.iloc[0]!r})"
        )
        hint = "use YYYY-MM-DD, or pass --date-format"
        _skip_or_raise(dates.isna(), mapping.skip_bad_rows, error, hint, report.path)
        for line, value in zip(frame.loc[dates.isna(), "_line"], cells, strict=True):
            report.skipped.append(
                f"{report.path.name}:{line}: unparseable date {value!r} in {mapping.date_col!r}"
            )
        frame, dates = frame[dates.notna()], dates[dates.notna()]
    base = pd.DataFrame({"_line": frame["_line"], "date": dates.dt.date})
    base["n"] = frame[mapping.n_col] if mapping.n_col else ""
    if mapping.shape == "long":
        answers = frame[mapping.answer_col].str.strip()
        tidy = base.assign(answer=answers, raw=frame[mapping.value_col])
    else:
        parts = [base.assign(answer=col, raw=frame[col]) for col in mapping.value_cols]
        tidy = pd.concat(parts, ignore_index=True)
    return _parse_values(tidy, report, mapping.skip_bad_rows)


def _parse_values(tidy: pd.DataFrame, report: PollImport, skip: bool) -> pd.DataFrame:
    raw = tidy["raw"].astype(str)
    missing = raw.str.strip().str.lower().isin(MISSING)
    values = pd.to_numeric(_clean_numbers(raw), errors="coerce")
    bad = tidy.loc[values.isna() & ~missing]
    if not bad.empty:
        error = (
            f"non-numeric values on lines {lines_text(sorted(set(bad['_line'])))} "
            f"(e.g. {bad['raw'].iloc[0]!r} for {bad['answer'].iloc[0]!r})"
        )
        rows = tidy["_line"].isin(bad["_line"])
        hint = "fix the cells, or leave them empty to skip them"
        _skip_or_raise(rows, skip, error, hint, report.path)
        for line, answer, value in zip(bad["_line"], bad["answer"], bad["raw"], strict=True):
            report.skipped.append(
                f"{report.path.name}:{line}: non-numeric value {value!r} for {answer!r}; "
                "row skipped"
            )
        tidy, values = tidy[~rows], values[~rows]
    return tidy.assign(value=values.astype(float)).drop(columns="raw").reset_index(drop=True)


def _drop_missing(tidy: pd.DataFrame, report: PollImport) -> pd.DataFrame:
    empty_answer = tidy["answer"].fillna("") == ""
    if empty_answer.any():
        raise InputError(
            "rows without an answer on lines "
            f"{lines_text(sorted(set(tidy.loc[empty_answer, '_line'])))}",
            path=report.path,
        )
    gone = tidy[tidy["value"].isna()]
    for answer, part in gone.groupby("answer", sort=True):
        report.skipped.append(
            f"{answer}: missing value on lines {lines_text(part['_line'].tolist())}"
        )
    return tidy[tidy["value"].notna()].reset_index(drop=True)


def _resolve_duplicates(
    tidy: pd.DataFrame, policy: str, path: Path, report: PollImport
) -> pd.DataFrame:
    dup = tidy.duplicated(["answer", "date"], keep=False)
    if not dup.any():
        return tidy
    clash = tidy[dup].groupby("date")["_line"].apply(lambda s: sorted(set(s)))
    listing = "; ".join(f"{d} on lines {lines_text(lines)}" for d, lines in clash.items())
    if policy == "error":
        raise InputError(
            f"duplicated survey dates: {listing}",
            path=path,
            hint="remove the extra rows, or pass --on-duplicate mean|first",
        )
    report.warnings.append(f"duplicated survey dates resolved by {policy}: {listing}")
    grouped = tidy.groupby(["answer", "date"], as_index=False, sort=False)
    if policy == "first":
        return grouped.first()
    merged = grouped.agg(
        _line=("_line", "min"), value=("value", "mean"), n=("n", "first"), rows=("_line", "size")
    )
    merged.loc[merged["rows"] > 1, "n"] = ""  # a mean of several rows has no single sample size
    return merged.drop(columns="rows")


def _points(tidy: pd.DataFrame, mapping: PollMapping, question: str, path: Path) -> list[PollPoint]:
    sizes = pd.to_numeric(_clean_numbers(tidy["n"].astype(str)), errors="coerce")
    source = mapping.source or path.name
    columns = (tidy["answer"], tidy["date"], tidy["value"], sizes)
    return [
        PollPoint(
            series_id=mapping.series_id or "",
            question=question,
            answer=str(answer),
            survey_date=day,
            value=float(value),
            n=None if pd.isna(size) else int(size),
            source=source,
        )
        for answer, day, value, size in zip(*columns, strict=True)
    ]


# -- link -----------------------------------------------------------------------------------------
def poll_values(store: Store, series_id: str, answer: str | None = None) -> pd.DataFrame:
    """``answer, survey_date, value`` of one series and answer (the only one if omitted)."""
    frame = store.polls(series_id)
    if frame.empty:
        known = store.poll_series()["series_id"].unique().tolist()
        raise UsageError(
            f"no poll series {series_id!r} in the store",
            hint=f"series: {', '.join(known)}" if known else "run `narrascope polls import`",
        )
    answers = sorted(frame["answer"].unique())
    if answer is None and len(answers) == 1:
        answer = answers[0]
    if answer not in answers:
        raise UsageError(
            f"series {series_id!r} has several answers"
            if answer is None
            else f"series {series_id!r} has no answer {answer!r}",
            hint=f"pass --answer, one of: {', '.join(answers)}",
        )
    chosen = frame[frame["answer"] == answer]
    return chosen[["answer", "survey_date", "value"]].reset_index(drop=True)


def link(
    store: Store,
    narrative: str,
    series_id: str,
    *,
    answer: str | None = None,
    max_lag: int = 3,
    freq: str = "auto",
    window_days: int = WINDOW_DAYS,
    measure: str = "share",
    run_id: str | None = None,
    detector: str | None = None,
    outlets: Sequence[str] | None = None,
    exclude_duplicates: bool = False,
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
) -> LinkResult:
    """Align a narrative's prevalence to a poll series and run the linkage statistics.

    Args:
        store: an open store.
        narrative: narrative id.
        series_id: stored poll series; ``answer`` picks one answer (needed when several).
        max_lag: k for lags −k..k (steps: months, or waves) and the Granger lag ceiling.
        freq: ``"month"`` (join on calendar month), ``"wave"`` (pool the ``window_days`` before
            each survey date) or ``"auto"`` (month when the poll is monthly).
        measure: ``"share"`` of articles or ``"hits_per_1000"`` sentences.
        run_id, detector, outlets, exclude_duplicates: as in :func:`~narrascope.trends.series`.
        n_boot, seed, alpha: bootstrap resamples, random seed, significance level.

    Returns:
        A :class:`~narrascope.trends.linkage.LinkResult`.

    Example:
        >>> result = link(store, "double-standards", "attitude-usa", answer="Negative")
        >>> print(result.summary)
    """
    if freq not in ALIGNMENTS or measure not in ("share", "hits_per_1000"):
        raise UsageError(
            f"bad --freq {freq!r} or measure {measure!r}",
            hint=f"--freq one of {ALIGNMENTS}; measure share or hits_per_1000",
        )
    poll = poll_values(store, series_id, answer)
    mode = poll_alignment(poll["survey_date"]) if freq == "auto" else freq
    series = prevalence(
        store,
        narrative=narrative,
        freq="month" if mode == "month" else "day",
        exclude_duplicates=exclude_duplicates,
        run_id=run_id,
        detector=detector,
        outlets=outlets,
    )
    if mode == "month":
        aligned, how = align_monthly(series, poll, measure), "monthly, joined on calendar month"
    else:
        aligned = align_windows(series, poll, window_days, measure)
        how = f"irregular waves, narrative pooled over the {window_days} days before each survey"
    index = pd.DatetimeIndex(aligned["period"], name="period")
    label = f"{series_id} / {poll['answer'].iloc[0]}"
    return link_series(
        pd.Series(aligned["narrative"].to_numpy(), index=index, name=f"{narrative} ({measure})"),
        pd.Series(aligned["poll"].to_numpy(), index=index, name=label),
        max_lag=max_lag,
        n_boot=n_boot,
        seed=seed,
        alpha=alpha,
        alignment=how,
    )
