"""A TIMEX3 value → the calendar days it covers and how precise it is.

Why one module: the store filters events by date (``since=2025-12-15`` must match an event dated only
``2025-12``: it may have happened on the 20th), export leaves out events dated no closer than a decade,
the events stage calls an event "historical" when it ended more than a month before publication, and
eval reads a document's creation time. All four need the same reading of a value such as ``2025-W49``
or ``199``, and a second copy had already started to disagree with the first.

The values are the ones ``eventwire.times`` emits (docs/times.md): ``2025-12-02``, ``2025-12-05T15:00``,
``2025-12-06TMO``, ``2025-11``, ``2025-W49``, ``2025-W49-WE``, ``2025-Q1``, ``2025-H1``, ``2025-SU``,
``2025``, ``199`` (a decade, as TIMEX3 writes it), ``19`` (a century). Durations (``P4Y``), sets,
``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` and underspecified values (``XXXX-WXX-2``) name no days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Interval", "Precision", "interval"]

Precision = Literal["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]

# Months a season spans; winter runs into the next year (month 14 is February of year + 1).
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_DATE = re.compile(
    r"^(?P<y>\d{2,4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])"
    r"|(?P<s>SP|SU|FA|AU|WI)))?(?:T.*)?$"
)


@dataclass(frozen=True, slots=True)
class Interval:
    """The days ``first`` to ``last`` (both included) a value covers, and the unit it names."""

    first: dt.date
    last: dt.date
    precision: Precision

    def iso(self) -> tuple[str, str]:
        """``(first, last)`` as ``YYYY-MM-DD`` strings: the store compares them as text."""
        return self.first.isoformat(), self.last.isoformat()


def interval(value: str | None) -> Interval | None:
    """The calendar interval of a TIMEX3 date value, or ``None`` when it names no days.

    ``2025-12-02`` → that day (a clock or part-of-day suffix ``T…`` is dropped: the time falls on the
    day); ``2025-12`` → the month; ``2025-W49`` → the ISO week Monday to Sunday, ``-WE`` its Saturday
    and Sunday; ``2025-Q4``, ``2025-H1`` → the months they span; ``2025-WI`` → December to the end of
    February of the next year; ``202`` → 2020-2029; ``20`` → 2000-2099. A value that is not a real
    date (``2025-02-30``, ``2021-W53``, month ``13``) names no days. The century and decade of year 0
    (``00``, ``000``) start on 0001-01-01, the first day a ``datetime.date`` can hold.
    """
    if not value:
        return None
    match = _DATE.match(value)
    if not match:
        return None
    g = match.groupdict()
    year_text = g["y"]
    try:
        if len(year_text) == 2:
            first_year = int(year_text) * 100
            return Interval(_jan1(first_year), dt.date(first_year + 99, 12, 31), "century")
        if len(year_text) == 3:
            first_year = int(year_text) * 10
            return Interval(_jan1(first_year), dt.date(first_year + 9, 12, 31), "decade")
        year = int(year_text)
        if g["d"]:
            day = dt.date(year, int(g["m"]), int(g["d"]))
            return Interval(day, day, "day")
        if g["m"]:
            return _months(year, int(g["m"]), int(g["m"]), "month")
        if g["w"]:
            monday = dt.date.fromisocalendar(year, int(g["w"]), 1)
            first = monday + dt.timedelta(days=5) if g["we"] else monday
            return Interval(first, monday + dt.timedelta(days=6), "week")
        if g["q"]:
            q = int(g["q"])
            return _months(year, 3 * q - 2, 3 * q, "quarter")
        if g["h"]:
            h = int(g["h"])
            return _months(year, 6 * h - 5, 6 * h, "half")
        if g["s"]:
            first_month, last_month = _SEASONS[g["s"]]
            return _months(year, first_month, last_month, "season")
        return _months(year, 1, 12, "year")
    except (ValueError, OverflowError):  # not a real date, or past 9999-12-31
        return None


def _jan1(year: int) -> dt.date:
    return dt.date(max(year, dt.MINYEAR), 1, 1)


def _months(year: int, first: int, last: int, precision: Precision) -> Interval:
    """From the first day of month ``first`` to the last day of month ``last`` (which may pass 12)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end_day = calendar.monthrange(end_year, end_month)[1]
    return Interval(dt.date(year, first, 1), dt.date(end_year, end_month, end_day), precision)
