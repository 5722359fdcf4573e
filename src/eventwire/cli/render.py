"""Human-readable rendering of records with rich: every row shows the text it rests on."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..record import Record
from .layout import make_console

console_out = make_console()


def _evidence(text: str, span: tuple[int, int] | list[int], width: int = 24) -> str:
    """The mention with a little context, on one line."""
    start, end = span
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"…{escape(left)}[bold]{escape(text[start:end])}[/bold]{escape(right)}…".replace("\n", " ")


def print_table(rec: Record, console: Console | None = None) -> None:
    """Print one record as a document header and one table per kind of field."""
    console = console or console_out
    doc = rec.document
    console.rule(f"[bold]{doc.title or doc.id}")
    console.print(f"id {doc.id} · published {doc.published or '—'} · source {doc.source or '—'} · "
                  f"language {doc.language} · {len(doc.text):,} chars")
    text = doc.text

    actors = Table(title="Actors", box=box.SIMPLE_HEAD, show_lines=False)
    for col in ("id", "name", "kind", "country", "sector", "roles", "aliases", "n", "first mention"):
        actors.add_column(col, overflow="fold")
    for a in rec.actors:
        actors.add_row(a.id, a.name, a.kind, a.country or "—", a.sector or "—",
                       escape("; ".join(r.text for r in a.roles)), escape("; ".join(a.aliases)), str(len(a.mentions)),
                       _evidence(text, a.mentions[0]))
    console.print(actors)

    places = Table(title="Places", box=box.SIMPLE_HEAD)
    for col in ("id", "name", "kind", "country", "admin1", "lat", "lon", "n", "first mention"):
        places.add_column(col, overflow="fold")
    for p in rec.places:
        places.add_row(p.id, p.name, p.kind, p.country or "—", p.admin1 or "—",
                       "—" if p.lat is None else f"{p.lat:.3f}", "—" if p.lon is None else f"{p.lon:.3f}",
                       str(len(p.mentions)), _evidence(text, p.mentions[0]))
    console.print(places)

    times = Table(title="Times", box=box.SIMPLE_HEAD)
    for col in ("id", "text", "value", "kind", "precision", "mod", "context"):
        times.add_column(col, overflow="fold")
    for t in rec.times:
        times.add_row(t.id, escape(t.text), t.value, t.kind, t.precision or "—", t.mod or "—", _evidence(text, t.span))
    console.print(times)

    names = {a.id: a.name for a in rec.actors}
    place_names = {p.id: p.name for p in rec.places}
    timeline = Table(title="Events (timeline)", box=box.SIMPLE_HEAD)
    for col in ("id", "date", "type", "mode", "who → whom", "where", "how many", "status", "evidence"):
        timeline.add_column(col, overflow="fold")
    for e in sorted(rec.events, key=lambda e: (e.date or "9999", e.id)):
        who = ", ".join(names[a] for a in e.actors) or "—"
        whom = ", ".join(names[a] for a in e.recipients)
        how_many = "; ".join(q.text for q in e.quantities)
        if e.fatalities is not None:
            killed = " ".join(filter(None, ["killed", e.fatalities.qualifier, str(e.fatalities.value)]))
            how_many = "; ".join(filter(None, [how_many, killed]))
        status = e.status + (f" (claimed by {e.claimed_by})" if e.claimed_by else "")
        timeline.add_row(e.id, e.date or "—", e.type, e.mode or "—", escape(who + (f" → {whom}" if whom else "")),
                         place_names.get(e.place or "", "—"), escape(how_many or "—"), status,
                         _evidence(text, e.trigger.span))
    console.print(timeline)

    said = Table(title="Statements", box=box.SIMPLE_HEAD)
    for col in ("id", "speaker", "channel", "date", "quoted", "content"):
        said.add_column(col, overflow="fold")
    for st in rec.statements:
        speaker = names.get(st.speaker or "", st.speaker_text or "—")
        content = st.content if len(st.content) <= 160 else st.content[:157] + "…"
        said.add_row(st.id, escape(speaker), st.channel or "—", st.date or "—", "yes" if st.direct else "no",
                     escape(content))
    console.print(said)

    for w in rec.warnings:
        console.print(f"[yellow]warning {w.code}[/yellow]: {w.message}")


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
