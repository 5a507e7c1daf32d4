"""Full calendar dates written in a text (EN and RU), for articles that come without a date.

Only dates with a day, a month name and a year count («3 июля 2024 года», "July 3, 2024",
"3 July 2024"); bare years and numeric dates are too often something else (a law's number, a
price). :func:`latest_date_in` gives the latest such date not after a limit: a news text reports
the most recent event it dates, so that date is the closest the text itself comes to the day it
was written.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["dates_in", "latest_date_in"]

_RU_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_RU_DATE = re.compile(
    r"\b(\d{1,2})\s+(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|"
    r"сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])\s+(\d{4})\b",
    re.IGNORECASE,
)
_EN_MONTH = "(" + "|".join(_EN_MONTHS) + ")"
_EN_MONTH_FIRST = re.compile(rf"\b{_EN_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_EN_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})\s+{_EN_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)


def dates_in(text: str) -> list[date]:
    """Every valid full date written in ``text``, in order of appearance."""
    found: list[tuple[int, date]] = []
    for match in _RU_DATE.finditer(text):
        day, month, year = match.group(1), _ru_month(match.group(2)), match.group(3)
        _add(found, match.start(), int(year), month, int(day))
    for match in _EN_MONTH_FIRST.finditer(text):
        month = _EN_MONTHS.index(match.group(1).lower()) + 1
        _add(found, match.start(), int(match.group(3)), month, int(match.group(2)))
    for match in _EN_DAY_FIRST.finditer(text):
        month = _EN_MONTHS.index(match.group(2).lower()) + 1
        _add(found, match.start(), int(match.group(3)), month, int(match.group(1)))
    return [d for _, d in sorted(found)]


def latest_date_in(text: str, *, not_after: date | None = None) -> date | None:
    """The latest full date written in ``text`` not after ``not_after`` (default today)."""
    limit = not_after or date.today()
    dates = [d for d in dates_in(text) if d <= limit]
    return max(dates) if dates else None


def _ru_month(word: str) -> int:
    """The month number of a Russian month name in the genitive («июля» -> 7)."""
    word = word.lower()
    if word.startswith("ма") and not word.startswith("мар"):
        return 5
    return next(k for k, stem in enumerate(_RU_MONTHS, start=1) if word.startswith(stem))


def _add(found: list[tuple[int, date]], at: int, year: int, month: int, day: int) -> None:
    try:
        found.append((at, date(year, month, day)))
    except ValueError:  # «31 февраля 2020»: not a date
        return
