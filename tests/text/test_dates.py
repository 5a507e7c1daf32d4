"""Full dates written in a text, for articles without a date of their own."""

from __future__ import annotations

from datetime import date

from narrascope.text.dates import dates_in, latest_date_in


def test_russian_and_english_full_dates_are_read_in_order() -> None:
    text = (
        "29 апреля 2011 года Челентано написал письмо; 3 мая 2012 г. пришёл ответ. "
        "On July 3, 2024 and on 4 July 2023 nothing happened."
    )
    assert dates_in(text) == [
        date(2011, 4, 29),
        date(2012, 5, 3),
        date(2024, 7, 3),
        date(2023, 7, 4),
    ]


def test_impossible_dates_bare_years_and_numbers_are_not_dates() -> None:
    assert dates_in("31 февраля 2020 года, в 2019 году, закон № 12 марта") == []


def test_the_latest_date_not_after_the_limit_is_the_texts_day() -> None:
    text = "Выборы пройдут 15 марта 2030 года, сообщили 2 декабря 2026 года."
    assert latest_date_in(text, not_after=date(2026, 12, 4)) == date(2026, 12, 2)
    assert latest_date_in("Без дат.") is None
