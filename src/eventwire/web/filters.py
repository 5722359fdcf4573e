"""The filters every page shares, read from the query string and checked once.

Why one place: the events table, the timeline, the map, the actors and the story events all filter by the
same names as the CLI (``type``, ``country``, ``actor``, ``place``, ``source``, ``status``, ``since``,
``until``), and a link on one page (a facet, a map point, a timeline range) must mean the same on the next.
A bad value raises ``Serve.BAD_FILTER``, which the app turns into a 400 page, not a traceback.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode

from ..errors import EventwireError, Serve
from ..store import queries

#: The tables ``Filters.where()`` speaks of: every page that lists or counts events reads them through this.
EVENTS_FROM = """
  FROM events e
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN places p ON p.doc_id = e.doc_id AND p.id = e.place
"""
#: Event statuses the records use (``docs/schema.md``).
STATUSES = ("reported", "historical", "future", "hypothetical", "negated")


@dataclass(frozen=True, slots=True)
class Filters:
    type: str | None = None
    country: str | None = None
    actor: str | None = None
    place: str | None = None
    source: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None

    @classmethod
    def parse(cls, params: Any) -> Filters:
        """The filters of a query string (``request.query_params``); empty values are no filter."""
        values = {f.name: (params.get(f.name) or "").strip() or None for f in fields(cls)}
        found = cls(**values)
        found.check()
        return found

    def check(self) -> None:
        """Raise ``Serve.BAD_FILTER`` naming the first value the store's filters refuse."""
        checks = (("type", queries.event_type), ("country", queries.country_code))
        for name, check in checks:
            value = getattr(self, name)
            if value:
                try:
                    check(value)
                except EventwireError as exc:
                    raise Serve.BAD_FILTER.error(name=name, value=value, problem=_plain(exc)) from exc
        if self.status and self.status not in STATUSES:
            raise Serve.BAD_FILTER.error(name="status", value=self.status,
                                         problem=f"not a status; use one of {', '.join(STATUSES)}")
        try:
            queries.bounds(self.since, self.until)
        except EventwireError as exc:
            raise Serve.BAD_FILTER.error(name="since/until", value=f"{self.since}..{self.until}",
                                         problem=_plain(exc)) from exc

    def where(self) -> tuple[list[str], list[Any]]:
        """WHERE terms over ``events e`` (left-joined to ``places p``, joined to ``documents d``)."""
        where, params = queries.event_filters(type=self.type, actor=self.actor, country=self.country,
                                              since=self.since, until=self.until, place=self.place)
        if self.source:
            where.append("(d.source LIKE ? ESCAPE '\\' OR d.url LIKE ? ESCAPE '\\')")
            params += [queries.like(self.source)] * 2
        if self.status:
            where.append("e.status = ?")
            params.append(self.status)
        return where, params

    def given(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    def link(self, path: str, **changes: str | None) -> str:
        """``path`` with these filters, some changed (``None`` removes one): the href of a facet."""
        values = {**self.given(), **{k: v for k, v in changes.items() if v is not None}}
        for k, v in changes.items():
            if v is None:
                values.pop(k, None)
        return f"{path}?{urlencode(values)}" if values else path

    def without(self, name: str) -> Filters:
        return replace(self, **{name: None})


def _plain(exc: EventwireError) -> str:
    """An error's message without its code prefix (the page shows the code apart)."""
    return str(exc.args[0]) if exc.args else str(exc)
