"""A saved news page -> its article: trafilatura first, the hand-written reader (``html.py``) as fallback.

trafilatura (pinned in pyproject) is a well-kept main-text extractor: it knows far more page layouts
than a stdlib reader can, and it reads the author from JSON-LD and meta tags. It runs offline here: it
is handed the HTML string (never a URL), its own fallbacks are off (``fast``: the fallback is ours),
and its extensive date search is off (a date guessed from any number on the page is no publication
date). Tables are left out: in news pages they are results and data, not the story.

Which text wins: trafilatura's, unless it found nothing or kept less than half of what the hand
reader found (both measured after ``clean_text``, so menus and captions the hand reader lets through
do not count for it): a short or odd page, where trafilatura dropped the story, is read by hand.
Metadata is merged whatever text wins: title and date from the page's own meta tags first (the hand
reader), then trafilatura's; byline from trafilatura (JSON-LD, bylines on the page), then meta tags.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .clean import clean_text
from .html import Page, extract_html

MIN_SHARE = 0.5      # trafilatura's cleaned text must be at least this share of the hand reader's
MIN_ALONE = 200      # … and this long when the hand reader found nothing (else it is a menu read as text)


@cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


_PARA = "\x00"     # a paragraph break inside one block (never in parsed HTML text)


def _block_texts(element: Any) -> list[str]:
    """The paragraphs of one block of trafilatura's XML body. ``<lb/>`` (a ``<br>``) is a line break;
    a newline inside a text node is a paragraph break, because trafilatura collapses the page's own
    whitespace and writes newlines only where it joined blocks (its baseline reading of small pages)."""

    def walk(el: Any) -> str:
        parts: list[str] = [(el.text or "").replace("\n", _PARA)]
        for child in el:
            parts.append("\n" if child.tag == "lb" else walk(child))
            parts.append((child.tail or "").replace("\n", _PARA))
        return "".join(parts)

    out = []
    for para in walk(element).split(_PARA):
        lines = (" ".join(line.split()) for line in para.split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            out.append(text)
    return out


def _paragraphs(body: Any, title: str | None) -> str:
    """trafilatura's blocks as paragraphs split by a blank line (as the hand reader writes them): one
    per ``<p>``, heading, quote or list item. A first block that is the headline goes, and so does a
    block repeated word for word (trafilatura sometimes emits an article's blocks twice)."""
    blocks: list[str] = []
    for element in body if body is not None else ():
        items = [c for c in element if c.tag == "item"] if element.tag == "list" else [element]
        for item in items:
            blocks.extend(_block_texts(item))
    out: list[str] = []
    seen: set[str] = set()
    for block in blocks:
        if block in seen:
            continue
        if not out and title and block == " ".join(title.split()):
            continue
        seen.add(block)
        out.append(block)
    return "\n\n".join(out)


def _trafilatura(markup: str) -> Page | None:
    """The article as trafilatura reads it, or None when it finds none (or fails on the markup)."""
    try:
        from trafilatura import bare_extraction

        doc: Any = bare_extraction(markup, fast=True, with_metadata=True, include_comments=False,
                              include_tables=False, include_images=False, include_links=False,
                              deduplicate=False, config=_config())
    except Exception:            # a page trafilatura cannot parse is read by hand
        return None
    if doc is None:
        return None
    text = _paragraphs(doc.body, doc.title)
    site = doc.sitename or None
    if site and " " not in site and "." in site:
        site = None              # a host name guessed from the URL ("example.com") is not the outlet's name
    return Page(text=text, title=doc.title or None, published=doc.date or None, site=site,
                url=doc.url or None, byline=doc.author or None, extractor="trafilatura")


def read_page(markup: str) -> Page:
    """The main article of a page: trafilatura's text unless it is missing or much shorter (module
    docstring), metadata from both. Never raises on malformed markup."""
    hand = extract_html(markup)
    main = _trafilatura(markup)
    if main is None:
        return hand
    kept = len(clean_text(main.text).strip())
    found = len(clean_text(hand.text).strip())
    use_main = kept > 0 and kept >= MIN_SHARE * found and (found > 0 or kept >= MIN_ALONE)
    return Page(
        text=main.text if use_main else hand.text,
        title=hand.title or main.title,
        published=hand.published or main.published,
        site=main.site if hand.site and main.site and hand.site.lower() == main.site.lower()
        else hand.site or main.site,
        url=hand.url or main.url,
        byline=main.byline or hand.byline,
        extractor=main.extractor if use_main else hand.extractor,
    )
