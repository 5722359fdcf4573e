"""Turn a detected expression (rule name + named groups) into a TIMEX3 value.

Detection (:mod:`eventwire.times.detect`) only says *where* an expression is and which rule found it;
each function here says *what it means*, given the publication date and the tense around it. Keeping the
two apart lets a rule be added without touching arithmetic, and lets these functions be tested on groups
alone. Every normaliser returns a :class:`Norm` or None (None = "not a time after all", e.g. "a quarter of
the votes"). Without a publication date nothing relative is guessed: values keep ``X`` placeholders.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import anchor as cal
from .lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Norm:
    value: str
    kind: str
    precision: str | None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a normaliser may look at: the match, the words just before it, the anchor and the tense."""

    groups: dict[str, str | None]
    text: str
    before: str  # up to 30 characters of doc text before the match
    after: str  # up to 30 characters after it
    sentence: str  # the sentence around the match (for "a year ago" in a story about quarterly results)
    kind: str
    anchor: dt.date | None
    direction: str | None  # "past" | "future" | "present" | None
    lex: Lexicon

    def g(self, name: str) -> str | None:
        value = self.groups.get(name)
        return re.sub(r"\s+", " ", value.lower()) if value else None


def _month(ctx: Context) -> int | None:
    if ctx.groups.get("month_num"):
        return int(ctx.groups["month_num"] or 0)
    surface = ctx.groups.get("month")
    if not surface:
        return None
    lower = {k.lower(): v for k, v in ctx.lex.months.items()}
    return lower.get(surface.lower())


def _weekday(ctx: Context) -> int | None:
    surface = ctx.groups.get("weekday")
    if not surface:
        return None
    lower = {k.lower(): v for k, v in ctx.lex.weekdays.items()}
    return lower.get(surface.lower().rstrip("s") if surface.lower() not in lower else surface.lower())


def number(word: str | None, lex: Lexicon) -> str | None:
    """"24", "1.5" or "X" for a number word or numeral; compounds "twenty-four" add up."""
    if word is None:
        return "1"
    word = re.sub(r"\s+", " ", word.lower().strip())
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return word.rstrip("0").rstrip(".") if "." in word else str(int(word))
    if word in lex.numbers:
        return lex.numbers[word]
    parts = re.split(r"[- ]", word)
    values = [lex.numbers.get(p) for p in parts]
    if all(v and v.isdigit() for v in values):
        return str(sum(int(v or 0) for v in values))
    return None


def _day_of(anchor: dt.date | None, ctx: Context) -> dt.date | str | None:
    """The calendar day named by weekday/deictic/month+day groups (a string when no anchor is known)."""
    deictic = ctx.g("deictic")
    month, day = _month(ctx), ctx.groups.get("day")
    if month and day:  # "Saturday, April 25": the date decides, the weekday only confirms
        d = int(re.sub(r"\D", "", day))
        if anchor is None:
            return f"XXXX-{month:02d}-{d:02d}"
        try:
            return dt.date(cal.year_for(anchor, month, d, ctx.direction), month, d)
        except ValueError:
            return None
    if deictic:
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}.get(deictic, 0)
        return anchor + dt.timedelta(days=shift) if anchor else "XXXX-XX-XX"
    weekday = _weekday(ctx)
    if weekday:
        if anchor is None:
            return f"XXXX-WXX-{weekday}"
        return cal.weekday_date(anchor, weekday, ctx.direction, ctx.g("rel"))
    rel = ctx.g("rel")
    if rel:
        shift = {"last": -1, "next": 1, "the next": 1}.get(rel, 0)
        return anchor + dt.timedelta(days=shift) if anchor else "XXXX-XX-XX"
    return anchor if anchor else "XXXX-XX-XX"


def calendar(ctx: Context) -> Norm | None:
    """Explicit calendar dates: "March 8, 2025", "Feb. 18", "February 2022", "2009", "the 1990s"."""
    if ctx.groups.get("century"):
        return Norm(f"{int(ctx.groups['century'] or 1) - 1:02d}", "date", "century")
    if ctx.groups.get("decade"):
        return Norm(ctx.groups["decade"] or "", "date", "decade")
    if ctx.groups.get("decade_word"):
        plural = ctx.g("decade_word") or ""  # "nineties" is the plural of the number word "ninety"
        tens = next((v for w, v in ctx.lex.numbers.items() if w.endswith("y") and w[:-1] + "ies" == plural),
                    None)
        return Norm(f"19{int(tens) // 10}", "date", "decade") if tens and tens.isdigit() else None
    if ctx.groups.get("decade2"):
        digit = ctx.groups["decade2"] or "0"
        century = "20" if ctx.anchor and int(digit) * 10 + 2000 <= ctx.anchor.year else "19"
        return Norm(century + digit, "date", "decade")
    year_text = ctx.groups.get("year")
    year = int(year_text) if year_text else None
    if year is not None and not 1000 <= year <= 2100:
        return None
    month, day = _month(ctx), ctx.groups.get("day")
    if month is None:
        return Norm(f"{year:04d}", "date", "year") if year is not None else None
    if day is None:
        if year is None:
            if ctx.anchor is None:
                return Norm(f"XXXX-{month:02d}", "date", "month")
            direction = {"last": "past", "this past": "past", "next": "future", "this coming": "future",
                         "this": "present"}.get(ctx.g("rel") or "", ctx.direction)
            year = cal.year_for(ctx.anchor, month, None, direction)
            if ctx.g("rel") in ("last", "next") and year == ctx.anchor.year and month == ctx.anchor.month:
                year += -1 if ctx.g("rel") == "last" else 1
        return Norm(f"{year:04d}-{month:02d}", "date", "month")
    d = int(re.sub(r"\D", "", day))
    if year is None:
        resolved = _day_of(ctx.anchor, ctx)
        if resolved is None:
            return None
        value = resolved if isinstance(resolved, str) else resolved.isoformat()
        return Norm(value, "date", "day")
    try:
        return Norm(dt.date(year, month, d).isoformat(), "date", "day")
    except ValueError:
        return None


def weekday(ctx: Context) -> Norm | None:
    """"Tuesday", "last Friday": direction from the tense (see anchor.weekday_date)."""
    resolved = _day_of(ctx.anchor, ctx)
    if resolved is None:
        return None
    return Norm(resolved if isinstance(resolved, str) else resolved.isoformat(), "date", "day")


def deictic(ctx: Context) -> Norm | None:
    """"today", "yesterday", "tomorrow"."""
    return weekday(ctx)


def part_of_day(ctx: Context) -> Norm | None:
    """"Friday morning", "last night", "tonight", "dawn this morning" -> date + T<part>."""
    resolved = _day_of(ctx.anchor, ctx)
    if resolved is None:
        return None
    base = resolved if isinstance(resolved, str) else resolved.isoformat()
    part = ctx.g("part") or ("night" if ctx.g("deictic") == "tonight" else None)
    code = ctx.lex.parts.get(part or "", "DT")
    return Norm(f"{base}T{code}", "time", "day")


def clock(ctx: Context) -> Norm | None:
    """"3 p.m. Friday", "19:30 GMT", "midnight Sunday" -> date + Thh:mm."""
    part = ctx.g("part")
    if part:
        hhmm = ctx.lex.parts.get(part)
        if hhmm is None or ":" not in hhmm:
            return None
    else:
        hour, minute = int(ctx.groups.get("hour") or 0), int(ctx.groups.get("minute") or 0)
        ampm = (ctx.g("ampm") or "").replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        hhmm = f"{hour:02d}:{minute:02d}"
    resolved = _day_of(ctx.anchor, ctx)
    if resolved is None:
        return None
    base = resolved if isinstance(resolved, str) else resolved.isoformat()
    return Norm(f"{base}T{hhmm}", "time", "day")


def season(ctx: Context) -> Norm | None:
    """"spring", "last winter", "the autumn of 2026" -> YYYY-SP/SU/FA/WI."""
    code = ctx.lex.seasons.get(ctx.g("season") or "")
    if code is None:
        return None
    year_text = ctx.groups.get("year") or ctx.groups.get("year2")
    rel = ctx.g("rel")
    if code == "FA" and not (year_text or rel) and not _FALL_CONTEXT.search(ctx.before):
        return None  # "prices fall" / "the fall of the city" are not autumn
    if year_text:
        return Norm(f"{year_text}-{code}", "date", "season")
    if ctx.anchor is None:
        return Norm(f"XXXX-{code}", "date", "season")
    return Norm(f"{cal.season_year(ctx.anchor, code, ctx.direction, rel)}-{code}", "date", "season")


_FALL_CONTEXT = re.compile(r"\b(?:in|since|by|until|this|last|next|during|through|the)\s*$", re.I)
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def quarter(ctx: Context) -> Norm | None:
    """"the first quarter", "Q3 2024", "the first half of 2023" -> YYYY-Qn / YYYY-Hn."""
    half = ctx.g("half")
    ordinal = ctx.g("ord")
    qref = ctx.g("qref") or ("this" if ctx.g("qunit") and not ordinal else None)
    if ctx.g("qunit") == "period" and qref in (None, "this", "same", "comparable"):
        return None  # "the period" alone is no quarter
    if ctx.g("yago") or (qref and qref.endswith(("year-ago", "year-earlier"))):
        if ctx.anchor is None:
            return Norm("XXXX-QX" if not ordinal else f"XXXX-Q{_ORD.get(ordinal, 4)}", "date", "quarter")
        if ordinal in _ORD:
            return Norm(f"{cal.quarter_year(ctx.anchor, _ORD[ordinal], None) - 1}-Q{_ORD[ordinal]}", "date",
                        "quarter")
        if ctx.g("qunit") or "quarter" in ctx.sentence.lower():
            return Norm(cal.quarter_value(ctx.anchor, -5), "date", "quarter")
        return Norm(f"{ctx.anchor.year - 1}", "date", "year")
    if qref is not None and not ordinal:
        if ctx.anchor is None:
            return Norm("XXXX-QX", "date", "quarter")
        shift = 0 if qref in ("current",) or ctx.text.lower().startswith("this") else -1
        return Norm(cal.quarter_value(ctx.anchor, shift), "date", "quarter")
    if ctx.groups.get("qnum"):
        n = int(ctx.groups["qnum"] or 1)
    elif half:
        n = 1 if half == "first" else 2
    elif ordinal in _ORD:
        n = _ORD[ordinal]
    else:  # "the last quarter": the one before the current
        if ctx.anchor is None:
            return Norm("XXXX-QX", "date", "quarter")
        value, _ = cal.offset_value(ctx.anchor, "Q", -1) or ("", "")
        return Norm(value, "date", "quarter")
    letter, precision = ("H", "half") if half else ("Q", "quarter")
    year_text = ctx.groups.get("year") or ctx.groups.get("year0")
    yrel = ctx.g("yrel") or ctx.g("yrel2")
    if year_text:
        return Norm(f"{year_text}-{letter}{n}", "date", precision)
    if ctx.anchor is None:
        return Norm(f"XXXX-{letter}{n}", "date", precision)
    if yrel:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(yrel, 0)
    elif half or "the year" in ctx.text.lower():
        year = ctx.anchor.year
    else:
        year = cal.quarter_year(ctx.anchor, n, ctx.direction)
    return Norm(f"{year}-{letter}{n}", "date", precision)


_UNIT_OF = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
_SHIFT = {"last": -1, "this past": -1, "the previous": -1, "the past": -1, "the last": -1, "next": 1,
          "this coming": 1, "the coming": 1, "the following": 1, "the next": 1}
_BLANK = {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX", "D": "XXXX-XX-XX",
          "Q": "XXXX-QX"}


def relative(ctx: Context) -> Norm | None:
    """"last month", "this week", "next year", "this weekend", "the past decade" (a duration)."""
    rel, unit_word = ctx.g("rel") or "this", ctx.g("unit") or ""
    unit = _UNIT_OF[unit_word]
    mod = "END" if ctx.g("end") else ctx.lex.modifiers.get(ctx.g("mod") or "")
    if rel == "the" and unit_word == "weekend":
        if ctx.anchor is None:
            return Norm("XXXX-WXX-WE", "date", "week")
        back = ctx.direction not in ("future", "present") and ctx.anchor.isoweekday() < 6
        return Norm(cal.iso_week(ctx.anchor - dt.timedelta(weeks=1 if back else 0)) + "-WE", "date", "week")
    shift = _SHIFT.get(rel, 0)
    if ctx.anchor is None:
        return Norm(_BLANK[unit] + ("-WE" if unit_word == "weekend" else ""), "date",
                    "week" if unit == "W" else _precision(unit), mod)
    value, precision = cal.offset_value(ctx.anchor, unit, shift) or ("", "")
    if unit_word == "weekend":
        value += "-WE"
    return Norm(value, "date", precision, mod)


def _precision(unit: str) -> str:
    return {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade",
            "CE": "century"}.get(unit, "day")


def ago(ctx: Context) -> Norm | None:
    """"five years ago", "three days from now" -> the calendar unit that far from publication."""
    n = number(ctx.g("num"), ctx.lex)
    unit = ctx.lex.units.get(ctx.g("unit") or "")
    if n is None or unit is None:
        return None
    back = ctx.g("dir") in ("ago", "earlier")
    if n == "X" or "." in n:
        return Norm("PAST_REF" if back else "FUTURE_REF", "date", None)
    if unit in ("H", "MIN", "S"):
        unit, amount = "D", 0
    else:
        amount = int(n) * (-1 if back else 1)
    if ctx.anchor is None:
        return Norm(_BLANK[unit], "date", _precision(unit))
    if unit == "Y" and back and re.search(r"quarter", ctx.sentence, re.I):
        unit, amount = "Q", 4 * amount - 1  # results "a year ago": the latest quarter, a year before
    found = cal.offset_value(ctx.anchor, unit, amount)
    return Norm(found[0], "date", found[1]) if found else None


def _duration_value(n: str, unit: str) -> str:
    if unit == "DE":
        return f"P{int(n) * 10}Y" if n.isdigit() else "PXDE"
    if unit == "CE":
        return f"P{int(n) * 100}Y" if n.isdigit() else "PXCE"
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{unit[0]}"
    return f"P{n}{unit}"


def duration(ctx: Context) -> Norm | None:
    """"18 hours", "five-hour", "42-year-old", "the past two years", "recent weeks" -> PnU."""
    num_word = ctx.g("num")
    unit = ctx.lex.units.get(ctx.g("unit") or "")
    n = number(num_word, ctx.lex) if num_word else "X"
    if unit is None or n is None:
        return None
    if not num_word and ctx.g("dir") in ("recent", "past") and not ctx.text.lower().startswith("the"):
        return Norm("PAST_REF", "date", None)  # "in recent weeks": a stretch of the past, not a length
    if not num_word and ctx.g("dir") == "coming":
        return Norm("FUTURE_REF", "date", None)
    if unit == "Q" and (num_word in ("a", "an", "one") or re.match(r"\s*of\b", ctx.after)):
        return None  # "a quarter of the votes"
    mod = "APPROX" if num_word and "couple" in num_word else None
    if num_word in ("a", "an") and re.search(r"(?:\d|\bper|\btimes|\bonce|\btwice)\s*$", ctx.before, re.I):
        return Norm(_duration_value("1", unit), "set", None)  # "$50 a day", "three times a week"
    return Norm(_duration_value(n, unit), "duration", None, mod)


def set_(ctx: Context) -> Norm | None:
    """"every Monday", "Sundays", "every two weeks", "once a month" -> a TIMEX3 SET value."""
    weekday_no = _weekday(ctx)
    if weekday_no:
        return Norm(f"XXXX-WXX-{weekday_no}", "set", None)
    month = _month(ctx)
    if month:
        return Norm(f"XXXX-{month:02d}", "set", None)
    unit = ctx.lex.units.get(ctx.g("unit") or "")
    n = number(ctx.g("num"), ctx.lex)
    if unit is None or n is None:
        return None
    return Norm(_duration_value(n, unit), "set", None)


def ref(ctx: Context) -> Norm | None:
    """Fixed words: "now" -> PRESENT_REF, "daily" -> P1D (set)."""
    found = ctx.lex.refs.get(ctx.g("ref") or "")
    return Norm(found[1], found[0], None) if found else None


NORMALISERS: dict[str, Callable[[Context], Norm | None]] = {
    "calendar": calendar,
    "weekday": weekday,
    "deictic": deictic,
    "part_of_day": part_of_day,
    "clock": clock,
    "season": season,
    "quarter": quarter,
    "relative": relative,
    "ago": ago,
    "duration": duration,
    "set": set_,
    "ref": ref,
}
