"""Calendar arithmetic against the publication date (the anchor), kept apart from the rules.

Each helper answers one question ("which Tuesday?", "which January?") from the anchor and a direction.
Direction defaults to the past because news reports mostly look back; "future" comes from the syntax
(see :mod:`eventwire.times.tense`).
"""

from __future__ import annotations

import datetime as dt

_AHEAD_DAYS = 60
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3, 1: 3, 2: 3}


def iso_week(day: dt.date) -> str:
    """``YYYY-Www`` (ISO-8601 week, as TIMEX3 uses)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def weekday_date(anchor: dt.date, isoweekday: int, direction: str | None, rel: str | None) -> dt.date:
    """The date of the weekday meant, seen from ``anchor``.

    The anchor's own weekday is the anchor itself ("talks Saturday" in a Saturday paper) unless "last" or
    "next" insists otherwise. Without a tense we look back, as news mostly does.
    """
    back = (anchor.isoweekday() - isoweekday) % 7
    ahead = (isoweekday - anchor.isoweekday()) % 7
    if rel in ("last", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming", "coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if direction in ("future", "present"):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def year_for(anchor: dt.date, month: int, day: int | None, direction: str | None) -> int:
    """The year of a month (and day) given without one.

    Past tense (or no tense at all) looks back, the future looks ahead; the present tense ("the dividend is
    payable Dec. 15") takes whichever is nearer, as schedules in the present are mostly ahead.
    """
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day if day is not None else 0)
    if direction == "present":
        ahead = (there[0] - here[0]) % 12
        return anchor.year + 1 if there < here and ahead <= 6 else (
            anchor.year - 1 if there > here and ahead > 6 else anchor.year)
    if direction == "future":
        return anchor.year + 1 if there < here else anchor.year
    # News drops the year only for dates close by: a day up to two months ahead is this year's
    # ("payable Dec. 7"), whatever the tense of the clause it hangs from.
    if day is not None and there > here:
        ahead = (dt.date(anchor.year, month, min(day, 28)) - anchor).days
        if ahead <= _AHEAD_DAYS:
            return anchor.year
    return anchor.year - 1 if there > here else anchor.year


def season_year(anchor: dt.date, season: str, direction: str | None, rel: str | None) -> int:
    """The year of a season: winter belongs to the year it starts in (December)."""
    cur_year = anchor.year - 1 if anchor.month <= 2 else anchor.year
    cur = _SEASON_OF_MONTH[anchor.month]
    want = _SEASON_ORDER.index(season)
    if rel in ("last", "this past", "past"):
        return cur_year if want < cur else cur_year - 1
    if rel in ("next", "this coming"):
        return cur_year if want > cur else cur_year + 1
    if direction == "future":
        return cur_year if want >= cur else cur_year + 1
    return cur_year if want <= cur else cur_year - 1


def quarter_year(anchor: dt.date, quarter: int, direction: str | None) -> int:
    """The year of a quarter given without one: this year's, unless it has not started yet."""
    current = (anchor.month - 1) // 3 + 1
    if direction != "future" and quarter > current:
        return anchor.year - 1
    return anchor.year


def quarter_value(anchor: dt.date, amount: int) -> str:
    """The TIMEX3 value of the quarter ``amount`` quarters away from ``anchor``'s ("2025-Q3")."""
    year, month = shift_months(anchor, 3 * amount)
    return f"{year:04d}-Q{(month - 1) // 3 + 1}"


def offset_value(anchor: dt.date, unit: str, amount: int) -> tuple[str, str] | None:
    """(value, precision) of the calendar unit ``amount`` units away from ``anchor`` (negative = past)."""
    if unit == "D":
        return (anchor + dt.timedelta(days=amount)).isoformat(), "day"
    if unit == "W":
        return iso_week(anchor + dt.timedelta(weeks=amount)), "week"
    if unit == "M":
        year, month = shift_months(anchor, amount)
        return f"{year:04d}-{month:02d}", "month"
    if unit == "Q":
        return quarter_value(anchor, amount), "quarter"
    if unit == "Y":
        return f"{anchor.year + amount:04d}", "year"
    if unit == "DE":
        return f"{(anchor.year + 10 * amount) // 10:03d}", "decade"
    if unit == "CE":
        return f"{(anchor.year + 100 * amount) // 100:02d}", "century"
    return None
