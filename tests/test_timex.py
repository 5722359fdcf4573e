"""TIMEX3 value → calendar interval and precision (``eventwire.timex``)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.store.rows import interval as store_interval
from eventwire.timex import Interval, Precision, interval


@pytest.mark.parametrize(("value", "first", "last", "precision"), [
    ("2025-12-02", "2025-12-02", "2025-12-02", "day"),
    ("2024-02-29", "2024-02-29", "2024-02-29", "day"),  # leap day
    ("2025-12-05T15:00", "2025-12-05", "2025-12-05", "day"),  # a clock time falls on its day
    ("2025-12-06TMO", "2025-12-06", "2025-12-06", "day"),  # so does a part of day
    ("2025-11", "2025-11-01", "2025-11-30", "month"),
    ("2025-12", "2025-12-01", "2025-12-31", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),  # leap year
    ("2025-02", "2025-02-01", "2025-02-28", "month"),
    ("1900-02", "1900-02-01", "1900-02-28", "month"),  # divisible by 100: not a leap year
    ("2000-02", "2000-02-01", "2000-02-29", "month"),  # divisible by 400: a leap year
    ("2025-W49", "2025-12-01", "2025-12-07", "week"),  # ISO week, Monday to Sunday
    ("2025-W01", "2024-12-30", "2025-01-05", "week"),  # week 1 starts in the previous year
    ("2020-W53", "2020-12-28", "2021-01-03", "week"),  # a year with 53 ISO weeks
    ("2026-W53", "2026-12-28", "2027-01-03", "week"),
    ("2025-W49-WE", "2025-12-06", "2025-12-07", "week"),  # the weekend: Saturday and Sunday
    ("2025-Q1", "2025-01-01", "2025-03-31", "quarter"),
    ("2025-Q4", "2025-10-01", "2025-12-31", "quarter"),
    ("2025-H1", "2025-01-01", "2025-06-30", "half"),
    ("2025-H2", "2025-07-01", "2025-12-31", "half"),
    ("2025-SP", "2025-03-01", "2025-05-31", "season"),
    ("2025-SU", "2025-06-01", "2025-08-31", "season"),
    ("2025-FA", "2025-09-01", "2025-11-30", "season"),
    ("2025-AU", "2025-09-01", "2025-11-30", "season"),
    ("2025-WI", "2025-12-01", "2026-02-28", "season"),  # winter runs into the next year
    ("2023-WI", "2023-12-01", "2024-02-29", "season"),  # ... and ends on a leap day when it is one
    ("2025", "2025-01-01", "2025-12-31", "year"),
    ("199", "1990-01-01", "1999-12-31", "decade"),
    ("202", "2020-01-01", "2029-12-31", "decade"),
    ("19", "1900-01-01", "1999-12-31", "century"),
    ("20", "2000-01-01", "2099-12-31", "century"),
    ("00", "0001-01-01", "0099-12-31", "century"),  # year 0 does not exist in datetime
])
def test_interval(value: str, first: str, last: str, precision: Precision) -> None:
    span = interval(value)
    assert span == Interval(dt.date.fromisoformat(first), dt.date.fromisoformat(last), precision)
    assert store_interval(value) == (first, last)


@pytest.mark.parametrize("value", [
    None, "",
    "PRESENT_REF", "PAST_REF", "FUTURE_REF",
    "P4Y", "PT5H", "PXW",  # durations name a length, not days
    "XXXX", "XXXX-XX", "XXXX-XX-XX", "XXXX-WXX-2", "XXXX-WXX-WE", "XXXX-Q1", "XXXX-01", "XXX", "XX",
    "XXXX-WXX-5T15:00",
    "2025-02-29", "2025-04-31", "2025-13", "2025-00", "2025-12-32",  # not real dates
    "2021-W53", "2025-W00",  # 2021 has 52 ISO weeks
    "2025-Q5", "2025-H3", "2025-XX",
    "199X", "19XX",  # not what the normaliser writes for a decade or century ("199", "19")
    "12025", "2025-1-2", "2025/12/02", "Tuesday",
])
def test_no_interval(value: str | None) -> None:
    assert interval(value) is None
    assert store_interval(value) is None


def test_past_the_last_representable_day_is_no_interval() -> None:
    assert interval("9999-12") == Interval(dt.date(9999, 12, 1), dt.date(9999, 12, 31), "month")
    assert interval("9999-WI") is None  # would end in February 10000
    assert interval("9999-W52") is None


def test_iso_strings_sort_as_the_dates_do() -> None:
    span = interval("2025-W01")
    assert span is not None
    assert span.iso() == ("2024-12-30", "2025-01-05")
    assert span.iso()[0] < span.iso()[1]
