"""The article inside a saved news page: title, date and main text, with the stdlib parser.

A saved page is mostly navigation, ads and related links; feeding all of it to the extractor
would invent events from menus. So the text comes from ``<article>`` (else ``<main>``, else the
``<div>`` holding the most paragraph text), one paragraph per block element, and page furniture
(script, style, nav, header, footer, aside, figure, form, …) is dropped wholesale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

DROP = frozenset((
    "script", "style", "nav", "header", "footer", "aside", "figure", "figcaption", "form", "noscript",
    "template", "svg", "iframe", "button", "select", "textarea", "object", "canvas", "dialog", "menu",
))
VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
))
BLOCKS = frozenset((
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "tr",
    "div", "section", "article", "main", "ul", "ol", "table", "dl", "address", "center",
))
LEAF_BLOCKS = frozenset(("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th",
                         "address"))
CONTAINERS = frozenset(("p", "div", "ul", "ol", "table"))
# A new <p>/<li>/… implicitly closes an open one of the same kind (HTML's optional end tags).
AUTOCLOSE = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
             "td": {"td", "th"}, "th": {"td", "th"}}
DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
             "publishdate", "dc.date", "dc.date.issued", "dcterms.date", "sailthru.date", "parsely-pub-date")
AUTHOR_META = ("author", "byl", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator")
_BR = "\x00"                      # stands for <br> until whitespace is collapsed (NUL never survives parsing)
_WS = re.compile(r"[ \t\n\r\f\u200b]+")


@dataclass(slots=True)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    """What ``extract_html`` found; missing pieces are None, ``text`` may be empty."""

    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    byline: str | None = None
    extractor: str = "eventwire"      # which reader found the text: "trafilatura" or "eventwire" (this one)


class _TreeBuilder(HTMLParser):
    """A forgiving DOM: unknown end tags are ignored, unclosed tags close with their parent."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root
        self.meta: dict[str, str] = {}
        self.link_canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        amap = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (amap.get("property") or amap.get("name") or amap.get("itemprop") or "").lower()
            if key and "content" in amap and key not in self.meta:
                self.meta[key] = amap["content"]
            return
        if tag == "link" and "canonical" in amap.get("rel", "").lower().split():
            self.link_canonical = amap.get("href") or None
            return
        if tag in AUTOCLOSE:
            node: Node | None = self.cur
            while node is not None and node.tag not in ("#root", "div", "article", "main", "section", "body"):
                if node.tag in AUTOCLOSE[tag]:
                    self.cur = node.parent or self.root
                    break
                node = node.parent
        new = Node(tag, amap, self.cur)
        self.cur.children.append(new)
        if tag not in VOID:
            self.cur = new

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.cur.tag == tag:
            self.cur = self.cur.parent or self.root

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data: str) -> None:
        self.cur.children.append(data)


def _iter(node: Node) -> list[Node]:
    """All element nodes under ``node`` (pre-order), not descending into dropped elements."""
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(c for c in reversed(n.children) if isinstance(c, Node) and c.tag not in DROP)
    return out


def _inline_text(node: Node) -> str:
    """Text of a node with HTML whitespace collapsed; <br> becomes a line break."""
    parts: list[str] = []
    stack: list[Node | str] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, str):
            parts.append(n)
        elif n.tag == "br":
            parts.append(_BR)
        elif n.tag not in DROP:
            stack.extend(reversed(n.children))
    lines = ("".join(parts)).split(_BR)
    return "\n".join(s for s in (_WS.sub(" ", line).strip() for line in lines) if s)


def _paragraphs(node: Node) -> list[str]:
    """Block-level texts in document order; text directly inside a container counts as a block."""
    out: list[str] = []
    buf: list[Node | str] = []

    def flush() -> None:
        if buf:
            t = _inline_text(Node("span", {}, None, list(buf)))
            if t:
                out.append(t)
            buf.clear()

    for child in node.children:
        if isinstance(child, Node) and child.tag in DROP:
            continue
        if isinstance(child, Node) and child.tag in BLOCKS:
            flush()
            if child.tag == "h1":                 # the headline: it is the title, not body text
                continue
            nested = any(isinstance(c, Node) and c.tag in CONTAINERS for c in child.children)
            if child.tag in LEAF_BLOCKS and not nested:
                t = _inline_text(child)
                if t:
                    out.append(t)
            else:
                out.extend(_paragraphs(child))
        else:
            buf.append(child)
    flush()
    return out


def _p_text_len(node: Node) -> int:
    return sum(len(_inline_text(c)) for c in node.children if isinstance(c, Node) and c.tag == "p")


def _main_container(root: Node) -> Node:
    """<article> with most paragraph text, else <main>, else the <div> with most direct <p> text."""
    nodes = _iter(root)
    for tag in ("article", "main"):
        cands = [n for n in nodes if n.tag == tag]
        if cands:
            best = max(cands, key=lambda n: sum(_p_text_len(m) for m in _iter(n)))
            return best
    divs = [n for n in nodes if n.tag in ("div", "section", "td")]
    scored = [(d, _p_text_len(d)) for d in divs]
    scored = [(d, s) for d, s in scored if s > 0]
    if scored:
        return max(scored, key=lambda ds: ds[1])[0]
    bodies = [n for n in nodes if n.tag == "body"]
    return bodies[0] if bodies else root


def extract_html(markup: str) -> Page:
    """The main article of an HTML page as a ``Page``; never raises on malformed markup."""
    builder = _TreeBuilder()
    try:
        builder.feed(markup)
        builder.close()
    except (AssertionError, ValueError):   # html.parser is forgiving, but keep what was parsed
        pass
    root, meta = builder.root, builder.meta
    nodes = _iter(root)
    title = (meta.get("og:title") or meta.get("twitter:title") or "").strip() or None
    if title is None:
        h1 = next((n for n in nodes if n.tag == "h1"), None)
        title = _inline_text(h1) if h1 is not None else None
    if not title:
        t = next((n for n in _all_nodes(root) if n.tag == "title"), None)
        title = _inline_text(t) if t is not None else None
    published = next((meta[k].strip() for k in DATE_META if meta.get(k, "").strip()), None)
    container = _main_container(root)
    if published is None:
        times = [n for n in _iter(container) if n.tag == "time" and n.attrs.get("datetime")]
        times = times or [n for n in nodes if n.tag == "time" and n.attrs.get("datetime")]
        published = times[0].attrs["datetime"].strip() if times else None
    text = "\n\n".join(_paragraphs(container))
    site = (meta.get("og:site_name") or "").strip() or None
    url = (meta.get("og:url") or builder.link_canonical or "").strip() or None
    byline = next((meta[k].strip() for k in AUTHOR_META if meta.get(k, "").strip()
                   and "://" not in meta[k]), None)            # article:author is often a profile link
    return Page(text=text, title=title or None, published=published, site=site, url=url, byline=byline)


def _all_nodes(node: Node) -> list[Node]:
    """Every element, including dropped ones like <head>'s <title> (which is never in DROP anyway)."""
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(c for c in reversed(n.children) if isinstance(c, Node))
    return out
