"""``eventwire export --format acled``: one ACLED row per story event, in ACLED's 31 columns.

Why per story event and not per report: ACLED codes one row per real-world event, with every outlet that
reported it in ``source`` and the most conservative death toll in ``fatalities``; the store's story events
are exactly that (docs/stories.md). Each row's codes come from ``acled_codes``; this module gathers a story
event's reports, decides date, place and actors from them, and leaves out what ACLED could not code: events
with no ACLED counterpart always, and, unless ``lenient``, events not dated to a month or located to a town
or region (kept with ``--lenient``, flagged in ``tags``). docs/acled.md describes every column.
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import groupby
from pathlib import Path
from typing import Any

from . import acled_codes as codes
from .acled_codes import Coded, Party
from .errors import Export
from .store.story_rows import agreed_interval

log = logging.getLogger("eventwire")

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
#: ACLED's geo_precision by gazetteer kind; a country (or nothing) is not a location ACLED codes.
GEO_PRECISION = {"city": 1, "site": 1, "other": 2, "water": 2, "admin2": 3, "admin1": 3, "region": 3}
_FINE = {"city": 3, "site": 3, "other": 2, "water": 2, "admin2": 1, "admin1": 1, "region": 1}
NOTE_CHARS = 600

_SQL = """
SELECT m.story, e.doc_id, e.id, e.type, e.mode, e.trigger, e.status, e.date_start, e.date_end, e.date_precision,
       e.fatalities, e.sentence, p.name, p.kind, p.country, p.admin1, p.lat, p.lon,
       COALESCE(o.source, d.source), COALESCE(o.url, d.url), d.added_at,
       (SELECT json_group_array(json_array(a.name, a.country, a.sector, a.kind, ep.role))
          FROM event_participants ep JOIN actors a ON a.doc_id = ep.doc_id AND a.id = ep.actor
         WHERE ep.doc_id = e.doc_id AND ep.event = e.id)
  FROM story_events s
  JOIN story_members m ON m.story = s.id
  JOIN events e ON e.doc_id = m.doc_id AND e.id = m.event
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
  LEFT JOIN doc_copies c ON c.doc_id = e.doc_id
  LEFT JOIN documents o ON o.id = c.copy_of
 WHERE e.status IN ('reported', 'historical') {where}
 ORDER BY s.date_start, s.id, COALESCE(d.published_at, d.published), e.doc_id, e.key
"""
_CHOSEN = ("AND s.id IN (SELECT m2.story FROM story_members m2 JOIN events e ON e.doc_id = m2.doc_id "
           "AND e.id = m2.event WHERE {chosen})")


@dataclass(slots=True)
class Report:
    """One member event of a story event, with what its document says."""

    kind: tuple[str, str] | None
    span: tuple[str, str] | None  # the event's own date interval (None when it fell back to publication)
    place: tuple[str, str, str | None, str | None, float | None, float | None] | None
    fatalities: int | None
    sentence: str
    outlet: tuple[str, str | None]
    added_at: str | None
    doers: list[Party] = field(default_factory=list)
    targets: list[Party] = field(default_factory=list)


@dataclass(slots=True)
class Tally:
    """What was written and what was left out, and why (logged at the end)."""

    written: int = 0
    flagged: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


def write(conn: sqlite3.Connection, path: Path, chosen: tuple[str, list[Any]], *, lenient: bool = False) -> int:
    """Write ``acled.csv`` of the story events holding a chosen event; return rows written."""
    has_events = conn.execute("SELECT 1 FROM events LIMIT 1").fetchone()
    if has_events and not conn.execute("SELECT 1 FROM story_members LIMIT 1").fetchone():
        raise Export.NO_STORIES.error()
    clause, params = chosen
    sql = _SQL.format(where=_CHOSEN.format(chosen=clause) if params else "")
    tally = Tally()
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for sid, rows in groupby(conn.execute(sql, params), key=lambda r: r[0]):
            row = story_row(sid, [_report(r) for r in rows], lenient=lenient, tally=tally)
            if row is not None:
                writer.writerow(row)
    _log(tally, lenient)
    return tally.written


def _report(r: sqlite3.Row | tuple[Any, ...]) -> Report:
    (_sid, _doc, _eid, ptype, mode, trigger, _status, start, end, precision, fatalities, sentence,
     pname, pkind, pcountry, padmin1, lat, lon, source, url, added_at, parties) = tuple(r)
    doers: list[Party] = []
    targets: list[Party] = []
    for name, country, sector, kind, role in json.loads(parties or "[]"):
        (doers if role == "actor" else targets).append(Party(name, country, sector, kind))
    own = precision not in (None, "published") and start and end
    return Report(
        kind=codes.category(ptype, mode, trigger, targets, sentence or ""),
        span=(start, end) if own else None,
        place=(pname, pkind, pcountry, padmin1, lat, lon) if pname else None,
        fatalities=fatalities, sentence=" ".join((sentence or "").split()), outlet=codes.outlet(source, url),
        added_at=added_at, doers=doers, targets=targets)


def _majority(values: list[Any]) -> Any:
    """The most frequent value, the earliest report's on ties (``values`` come oldest report first)."""
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in values if counts[v] == top)


def story_row(sid: str, reports: list[Report], *, lenient: bool, tally: Tally) -> list[Any] | None:
    """The ACLED row of one story event, or ``None`` when it is left out (counted in ``tally``)."""
    kind = _majority([r.kind for r in reports])  # most reports must say an ACLED kind of event
    if kind is None:
        tally.left_out["no ACLED counterpart"] += 1
        return None
    event_type, sub = kind
    coded = [r for r in reports if r.kind]
    disorder = codes.disorder_type(event_type, sub) if sub != codes.TERRITORY else "Political violence"
    flags: list[str] = []
    when = _when([r.span for r in coded if r.span])
    if when is None:
        flags.append("not dated to a month")
    place = _place([r.place for r in coded if r.place])
    if place is None or place[1] not in GEO_PRECISION or not place[2]:
        flags.append("not located to a town or region")
    country = place[2] if place else None
    doers = _coded([p for r in coded for p in r.doers], event_type, disorder, "actor", country)
    targets = _coded([p for r in coded for p in r.targets], event_type, disorder, "recipient", country)
    if not doers and "Political violence" in disorder:
        named = codes.forces_in([r.sentence for r in coded])
        doers = [named] if named else []
    first = doers[0] if doers else codes.unnamed_actor(event_type, disorder, country)
    if first is None:
        flags.append("no actor")
    if flags and not lenient:
        tally.left_out[flags[0]] += 1
        return None
    if sub == codes.TERRITORY:
        sub = codes.territory_sub_event(doers[0] if doers else None, country)
        disorder = codes.disorder_type(event_type, sub)
    labels = {c.label for c in doers}
    targets = [c for c in targets if c.label not in labels]  # an actor is not its own target
    second = targets[0] if targets else None
    inter1, inter2 = first.inter if first else 0, second.inter if second else 0
    civilians = "Political violence" in disorder and any(c.inter == codes.CIVILIANS for c in targets)
    fatalities = [r.fatalities for r in coded if r.fatalities is not None]
    outlets = sorted({r.outlet for r in coded})
    tally.written += 1
    tally.flagged += bool(flags)
    return [
        f"{codes_iso3(country)}{int(sid[1:], 16)}", when.day.isoformat() if when else "",
        when.day.year if when else "", when.precision if when else "", disorder, event_type, sub,
        first.label if first else "", "; ".join(c.label for c in doers[1:]), inter1 or "",
        second.label if second else "", "; ".join(c.label for c in targets[1:]), inter2,
        interaction(inter1, inter2), "Civilian targeting" if civilians else "",
        codes.iso_numeric(country) or "", codes.region(country), codes.acled_country(country),
        (place[3] or "") if place else "", codes.admin2(country, place[4], place[5]) if place else "", "",
        place[0] if place else "", _num(place[4]) if place else "", _num(place[5]) if place else "",
        GEO_PRECISION.get(place[1] or "", 3) if place else "",
        "; ".join(name for name, _ in outlets if name), codes.source_scale([home for _, home in outlets], country),
        _notes(when, place, coded[0].sentence), min(fatalities) if fatalities else 0,
        _tags(sid, len(reports), flags), _timestamp(max((r.added_at or "" for r in reports), default="")),
    ]


def interaction(inter1: int, inter2: int) -> int | str:
    return codes.interaction(inter1, inter2) if inter1 else ""


def codes_iso3(country: str | None) -> str:
    """The event id's country acronym (ACLED's ``event_id_cnty`` starts with it); XXX when unlocated."""
    return country or "XXX"


@dataclass(frozen=True, slots=True)
class When:
    day: date
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month
    start: date
    end: date


def _when(spans: list[tuple[str, str]]) -> When | None:
    """The reports' agreed interval, as ACLED dates it: the day; the middle of a week or of a month."""
    if not spans:
        return None
    lo, hi = agreed_interval(spans)
    try:
        start, end = date.fromisoformat(lo[:10]), date.fromisoformat(hi[:10])
    except ValueError:
        return None
    days = (end - start).days + 1
    precision = 1 if days == 1 else 2 if days <= 7 else 3 if days <= 31 else 0
    if not precision:
        return None
    return When(start + timedelta(days=(days - 1) // 2), precision, start, end)


def _place(places: list[Any]) -> Any:
    """The place most reports name; the finer one (a town before a province, a province before a country)
    on ties."""
    if not places:
        return None
    counts = Counter(p[0] for p in places)
    return max(places, key=lambda p: (counts[p[0]], _FINE.get(p[1] or "", 0)))


def _coded(parties: list[Party], event_type: str, disorder: str, role: str, country: str | None) -> list[Coded]:
    """The distinct ACLED actors of a role, the most often named first."""
    found = (codes.code_actor(p, event_type=event_type, disorder=disorder, role=role, event_country=country)
             for p in parties)
    counted = Counter(c for c in found if c is not None)
    order = {c: i for i, c in reversed(list(enumerate(counted)))}
    best: dict[str, Coded] = {}
    for c in sorted(counted, key=lambda c: (-counted[c], order[c])):
        best.setdefault(c.label, c)
    return list(best.values())


def _notes(when: When | None, place: Any, sentence: str) -> str:
    """ACLED's note: "On <date>, in <location> (<admin1>): " and the first report's sentence."""
    if when is None:
        day = "an unknown date"
    elif when.precision == 1:
        day = f"{when.day.day} {when.day:%B %Y}"
    elif when.precision == 2:
        day = f"the week of {when.start.day} {when.start:%B %Y}"
    else:
        day = f"{when.start:%B %Y}" if when.start.month == when.end.month else f"{when.start} to {when.end}"
    where = ""
    if place:
        where = f", in {place[0]}" + (f" ({place[3]})" if place[3] and place[3] != place[0] else "")
    text = sentence if len(sentence) <= NOTE_CHARS else sentence[:NOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return f"On {day}{where}: {text}"


def _tags(sid: str, n_reports: int, flags: list[str]) -> str:
    """ACLED's key=value tags: the story event behind the row, and why a --lenient row falls short."""
    tags = [f"eventwire story={sid}", f"reports={n_reports}"]
    tags += [f"eventwire flag={flag}" for flag in flags]
    return "; ".join(tags)


def _timestamp(added_at: str) -> int | str:
    try:
        return int(datetime.fromisoformat(added_at.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return ""


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _log(tally: Tally, lenient: bool) -> None:
    gone = ", ".join(f"{n} {why}" for why, n in tally.left_out.most_common())
    line = f"acled: {tally.written} story events written"
    if tally.flagged:
        line += f" ({tally.flagged} flagged in tags)"
    if gone:
        line += f"; left out: {gone}"
        if not lenient and set(tally.left_out) - {"no ACLED counterpart"}:
            line += " (--lenient keeps those with an ACLED counterpart, flagged)"
    log.info(line)

