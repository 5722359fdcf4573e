"""Human-readable rendering of records with rich: every row shows the text it rests on."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..record import Record
from .layout import Column, make_console, show

console_out = make_console()


def _evidence(text: str, span: tuple[int, int] | list[int], width: int = 24) -> str:
    """The mention with a little context, on one line."""
    start, end = span
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{escape(left)}[bold]{escape(text[start:end])}[/bold]{escape(right)}…".replace("\n", " ")


def _cols(*names: str) -> tuple[Column, ...]:
    """Extract's columns: ``id`` whole (never wrapped), the evidence/context/content text wider."""
    return tuple(Column(n, ident=n == "id", ratio=3 if n in ("first mention", "context", "evidence", "content")
                        else 1) for n in names)


def print_table(rec: Record, console: Console | None = None, layout: str = "auto") -> None:
    """Print one record as a document header and one table per kind of field (``layout.show``: ids whole,
    words unbroken, one ``field | value`` block per row when the terminal is narrow)."""
    console = console or make_console()  # made now: $COLUMNS is read at print time
    doc = rec.document
    console.rule(f"[bold]{escape(doc.title or doc.id)}")
    console.print(escape(f"id {doc.id} · published {doc.published or '—'} · source {doc.source or '—'} · "
                         f"language {doc.language} · {len(doc.text):,} chars"))
    text = doc.text

    def table(title: str, columns: tuple[Column, ...], rows: list[list[str]]) -> None:
        show(columns, rows, layout, title=title, console=console, markup=True)

    table("Actors", _cols("id", "name", "kind", "country", "sector", "roles", "aliases", "n", "first mention"),
          [[escape(v) for v in (a.id, a.name, a.kind, a.country or "—", a.sector or "—",
                                "; ".join(r.text for r in a.roles), "; ".join(a.aliases), str(len(a.mentions)))]
           + [_evidence(text, a.mentions[0])] for a in rec.actors])
    table("Places", _cols("id", "name", "kind", "country", "admin1", "lat", "lon", "n", "first mention"),
          [[escape(v) for v in (p.id, p.name, p.kind, p.country or "—", p.admin1 or "—",
                                "—" if p.lat is None else f"{p.lat:.3f}", "—" if p.lon is None else f"{p.lon:.3f}",
                                str(len(p.mentions)))] + [_evidence(text, p.mentions[0])] for p in rec.places])
    table("Times", _cols("id", "text", "value", "kind", "precision", "mod", "context"),
          [[escape(v) for v in (t.id, t.text, t.value, t.kind, t.precision or "—", t.mod or "—")]
           + [_evidence(text, t.span)] for t in rec.times])

    names = {a.id: a.name for a in rec.actors}
    place_names = {p.id: p.name for p in rec.places}
    events = []
    for e in sorted(rec.events, key=lambda e: (e.date or "9999", e.id)):
        who = ", ".join(names[a] for a in e.actors) or "—"
        whom = ", ".join(names[a] for a in e.recipients)
        how_many = "; ".join(q.text for q in e.quantities)
        if e.fatalities is not None:
            killed = " ".join(filter(None, ["killed", e.fatalities.qualifier, str(e.fatalities.value)]))
            how_many = "; ".join(filter(None, [how_many, killed]))
        status = e.status + (f" (claimed by {e.claimed_by})" if e.claimed_by else "")
        events.append([escape(v) for v in (e.id, e.date or "—", e.type, e.mode or "—",
                                           who + (f" → {whom}" if whom else ""), place_names.get(e.place or "", "—"),
                                           how_many or "—", status)] + [_evidence(text, e.trigger.span)])
    table("Events (timeline)", _cols("id", "date", "type", "mode", "who → whom", "where", "how many", "status",
                                     "evidence"), events)

    said = []
    for st in rec.statements:
        speaker = names.get(st.speaker or "", st.speaker_text or "—")
        content = st.content if len(st.content) <= 160 else st.content[:157] + "…"
        said.append([escape(v) for v in (st.id, speaker, st.channel or "—", st.date or "—",
                                         "yes" if st.direct else "no", content)])
    table("Statements", _cols("id", "speaker", "channel", "date", "quoted", "content"), said)

    for w in rec.warnings:
        console.print(f"[yellow]warning {w.code}[/yellow]: {escape(w.message)}")


def explain_mentions(rec: Record, model: str) -> None:
    """Each name of the record's text, the type the mentions stage gives it and the evidence for and
    against (``extract --explain``), on standard error so that the records on standard output stay as
    they are. The text is parsed again: typing is deterministic, so these are the pipeline's mentions."""
    import click

    from ..mentions import find_mentions
    from ..nlp import load, parse

    text = rec.document.text
    click.echo(f"# mentions of {rec.document.id}", err=True)
    for m in find_mentions(parse(load(model), text)):
        click.echo(f"{m.start}-{m.end}\t{m.text}\t{m.type}\t" + "; ".join(m.evidence), err=True)
