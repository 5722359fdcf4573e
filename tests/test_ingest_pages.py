"""Saved news pages in the shape of real sites (tests/data/pages, invented stories and people): only the
article reaches the record, with title, byline, dateline and source read off the page."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire
from eventwire import record
from eventwire.ingest import RawStory, read_paths
from eventwire.ingest import page as page_mod
from eventwire.ingest.html import Page
from eventwire.ingest.page import read_page

PAGES = Path(__file__).parent / "data" / "pages"

GUARDIAN_CLUTTER = [
    "Skip to main content", "Skip to navigation", "We use cookies", "Accept all cookies", "Manage cookies",
    "Support us", "Sign in", "Photograph:", "Luc Arnaud", "Sign up to This is Europe", "newsletter promotion",
    "Privacy Notice", "Related:", "Go-Slow Convoys", "Explore more on these topics", "Reuse this content",
    "Most viewed", "Storm brings snow", "More on this story", "Diesel prices hit", "Cookie policy",
    "All rights reserved", "The Guardian", "Tue 11 Mar 2025",
]
WIRE_CLUTTER = [
    "Skip to main content", "Breakingviews", "Sign In", "Register", "Item 1 of 5", "Item 2 of 5",
    "REUTERS/Hannah Colby", "Read more", "Red Sea route", "Rotterdam", "Reporting by", "Editing by",
    "Kate Dunmore", "Our Standards", "Trust Principles", "Read Next", "Airline pilots", "Follow us",
    "quotes delayed", "Updated 2 hours ago", "By Tom Ashworth", "11:52 AM",
]


def _story(name: str) -> RawStory:
    items = list(read_paths([PAGES / name]))
    assert len(items) == 1 and isinstance(items[0], RawStory), items
    return items[0]


@pytest.fixture(scope="module")
def records(nlp: object) -> dict[str, record.Record]:
    out = {}
    for name in ("guardian_like.html", "wire_like.html"):
        rec = next(eventwire.extract_many([_story(name)]))
        assert isinstance(rec, record.Record), rec
        out[name] = rec
    return out


@pytest.mark.parametrize(("name", "clutter"), [("guardian_like.html", GUARDIAN_CLUTTER),
                                               ("wire_like.html", WIRE_CLUTTER)])
def test_page_text_has_no_clutter(records: dict[str, record.Record], name: str, clutter: list[str]) -> None:
    text = records[name].document.text
    assert [c for c in clutter if c in text] == []


def test_guardian_like_page_document(records: dict[str, record.Record]) -> None:
    doc = records["guardian_like.html"].document
    assert doc.title == "Farmers block motorways around Lyon as fuel protest spreads"
    assert doc.byline == "Claire Fenwick"
    assert doc.dateline is None                    # the Guardian writes no dateline
    assert doc.source == "The Guardian"
    assert (doc.published, doc.published_at) == ("2025-03-11", "2025-03-11T17:42:00.000Z")
    assert doc.text.startswith("Hundreds of farmers blocked the main motorways around Lyon on Tuesday")
    assert doc.text.endswith("there will be more of us.”")
    assert doc.text.count("\n\n") == 6             # seven paragraphs, one each


def test_wire_like_page_document(records: dict[str, record.Record]) -> None:
    doc = records["wire_like.html"].document
    assert doc.title == "Dock workers at Felixstowe begin 48-hour strike over pay"
    assert doc.byline == "Tom Ashworth and Priya Madan"
    assert doc.dateline == record.Dateline("LONDON, March 3 (Reuters) -", "London")
    assert doc.text.startswith("LONDON, March 3 (Reuters) - Dock workers at Felixstowe")   # kept in the text
    assert doc.source == "Reuters"
    assert doc.text.endswith("if no improved offer is made.")
    rec = records["wire_like.html"]
    assert "Reuters" not in {a.name for a in rec.actors}          # the dateline's agency is the source
    assert any(p.name == "London" and (0, 6) in p.mentions for p in rec.places)


def test_wire_like_page_source_comes_from_the_dateline_without_site_name(tmp_path: Path, nlp: object) -> None:
    page = (PAGES / "wire_like.html").read_text(encoding="utf-8")
    f = tmp_path / "no_site.html"
    f.write_text(page.replace('<meta property="og:site_name" content="Reuters">', ""), encoding="utf-8")
    story = next(iter(read_paths([f])))
    assert isinstance(story, RawStory) and story.source is None
    rec = next(eventwire.extract_many([story]))
    assert isinstance(rec, record.Record) and rec.document.source == "Reuters"


@pytest.mark.parametrize("name", ["guardian_like.html", "wire_like.html"])
def test_page_events_and_statements_come_from_the_article(records: dict[str, record.Record], name: str) -> None:
    rec = records[name]
    text = rec.document.text
    assert rec.events and rec.statements
    for ev in rec.events:
        assert text[ev.trigger.span[0]:ev.trigger.span[1]] == ev.trigger.text
    quoted = " ".join(s.content for s in rec.statements)
    assert not any(c in quoted for c in ("Sign up", "cookies", "Read more", "Editing by", "Photograph"))
    names = {a.name for a in rec.actors}
    assert not names & {"Luc Arnaud", "Hannah Colby", "Kate Dunmore", "Claire Fenwick", "Tom Ashworth"}


def test_guardian_like_page_statements_and_events(records: dict[str, record.Record]) -> None:
    rec = records["guardian_like.html"]
    speakers = {s.speaker_text for s in rec.statements}
    assert "Mathilde Garnier" in speakers
    assert any(e.type == "PROTEST" for e in rec.events)


def test_wire_like_page_statements(records: dict[str, record.Record]) -> None:
    rec = records["wire_like.html"]
    assert any("Gareth Holloway" in (s.speaker_text or "") and s.direct for s in rec.statements)
    assert {"2025-03-03", "2025-03-17"} <= {t.value for t in rec.times}


def test_trafilatura_reads_the_page_and_the_hand_reader_stays_the_fallback() -> None:
    page = read_page((PAGES / "guardian_like.html").read_text(encoding="utf-8"))
    assert page.extractor == "trafilatura"
    small = read_page("<html><body><main><p>A road was resurfaced.</p><p>Drivers were relieved.</p></main>")
    assert small.text == "A road was resurfaced.\n\nDrivers were relieved."
    only_nav = read_page("<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>")
    assert only_nav.text == ""


def test_trafilatura_text_much_shorter_than_the_hand_readers_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(f"<p>Paragraph {i} of the council report on the new bridge, read in full to the "
                   f"members of the committee on Monday.</p>" for i in range(6))
    markup = f"<html><head><meta name='author' content='Ana Ruiz'></head><body><article>{body}</article></body></html>"
    short = Page(text="Paragraph 0 of the council report.", title="Bridge", byline="Ana Ruiz; Joe Kay",
                 extractor="trafilatura")
    monkeypatch.setattr(page_mod, "_trafilatura", lambda markup: short)
    page = read_page(markup)
    assert page.extractor == "eventwire" and page.text.count("Paragraph") == 6
    assert page.byline == "Ana Ruiz; Joe Kay"          # metadata is still merged (normalised by the reader)
    long = Page(text=page.text.replace("Monday", "Tuesday"), extractor="trafilatura")
    monkeypatch.setattr(page_mod, "_trafilatura", lambda markup: long)
    assert read_page(markup).extractor == "trafilatura"
