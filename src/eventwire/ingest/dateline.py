"""The top of a news story: its dateline ("GENEVA, March 3 (Reuters) -") and its byline ("By Jane Doe").

A dateline says where the reporter filed from, and often which agency wrote the story; later stages
may use its place as a last resort for an event's place. It is part of the story's text and stays
there, so no offset moves: only its span, its place and its agency are read off. A byline line at the
top of the text is different: it names the reporters, who are not actors of the story, so the pipeline
takes it out of the text when it cleans (``take_byline``).

The shapes, the month names, the labels that look like datelines ("BREAKING —") and the lower-case
words of place names live in ``resources/en/ingest/datelines.tsv``; the agencies are the signoff rows
of ``boilerplate.tsv``, one list for both uses. Everything here is precision first: a line that only
looks like a dateline ("NATO — the alliance …", "Moscow — The talks …") gives no dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import bad_pattern, invalid, read_table
from .clean import signoff_names

RESOURCE = "ingest/datelines.tsv"
_PIECE = re.compile(r"\{([A-Z]+)\}")
_MAX_LINES = 3              # a dateline opens one of the first lines of the text …
_MAX_LEAD_CHARS = 160       # … after nothing longer than a title, byline or kicker line
_MAX_BYLINE_CHARS = 160


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline: ``text`` as written, ``span`` into the story text (None when it came from metadata),
    ``place`` title-cased (None for "ISLAMABAD/KABUL"), ``region``, ``agency`` as written, or None."""

    text: str
    place: str | None
    region: str | None
    agency: str | None
    span: tuple[int, int] | None
    agency_span: tuple[int, int] | None = None

    def part(self, start: int, end: int) -> str | None:
        """What a name at ``[start, end)`` of the story is in the dateline: "agency" inside the
        agency's brackets, "place" elsewhere in the dateline, None outside it."""
        if self.span is None or start < self.span[0] or end > self.span[1]:
            return None
        if self.agency_span is not None and start < self.agency_span[1] and self.agency_span[0] < end:
            return "agency"
        return "place"


@dataclass(frozen=True, slots=True)
class _Rules:
    shapes: tuple[re.Pattern[str], ...]
    byline: tuple[re.Pattern[str], ...]
    outlet: re.Pattern[str]
    kickers: frozenset[str]
    notnames: frozenset[str]
    particles: frozenset[str]


@cache
def _rules() -> _Rules:
    """Compile the file once; a piece that is not defined or a pattern that does not compile fails loudly."""
    table = read_table(RESOURCE)
    pieces: dict[str, str] = {"AGENCY": "|".join(f"(?:{n})" for n in signoff_names())}
    rows = table.numbered()
    for _where, (kind, name, pattern, *_) in rows:
        if kind == "piece":
            pieces[name] = pattern
    shapes: list[re.Pattern[str]] = []
    bylines: list[re.Pattern[str]] = []
    words: dict[str, set[str]] = {"kicker": set(), "notname": set(), "particle": set()}

    def fill(pattern: str, where: str, depth: int = 0) -> str:
        def one(m: re.Match[str]) -> str:
            if m.group(1) not in pieces:
                raise invalid(where, f"no piece named {m.group(1)!r}")
            return fill(pieces[m.group(1)], where, depth + 1) if depth < 4 else pieces[m.group(1)]
        return _PIECE.sub(one, pattern)

    for where, (kind, name, pattern, *_) in rows:
        if kind in ("shape", "byline"):
            if not pattern:
                raise invalid(where, f"a {kind} row needs a pattern")
            try:
                compiled = re.compile(fill(pattern, where))
            except re.error as exc:
                raise bad_pattern(where, f"the {kind} {name!r}", exc) from exc
            (shapes if kind == "shape" else bylines).append(compiled)
        elif kind in words:
            words[kind].add(name.lower() if kind == "particle" else name)
    outlet = re.compile(rf"(?:,\s*(?:{fill('{OUTLET}', RESOURCE)})|\s+(?:{pieces['AGENCY']}))$")
    return _Rules(tuple(shapes), tuple(bylines), outlet, frozenset(words["kicker"]), frozenset(words["notname"]),
                  frozenset(words["particle"]))


def _title(place: str, particles: frozenset[str]) -> str:
    """ "PORT-AU-PRINCE" -> "Port-au-Prince", "ST. PETERSBURG" -> "St. Petersburg"; other case as written."""
    if not place.isupper():
        return place
    out: list[str] = []
    for i, word in enumerate(place.split(" ")):
        parts = word.split("-")
        done = []
        for j, part in enumerate(parts):
            low = part.lower()
            if (i or j) and low in particles:
                done.append(low)
            elif len(part) > 2 and part[1] in "'’":          # N'DJAMENA -> N'Djamena
                done.append(part[:2] + part[2:].capitalize())
            else:
                done.append(part.capitalize())
        out.append("-".join(done))
    return " ".join(out)


def parse_dateline(line: str, offset: int = 0) -> Dateline | None:
    """The dateline opening ``line`` (``offset``: where the line starts in the story), or None."""
    rules = _rules()
    for shape in rules.shapes:
        m = shape.match(line)
        if m is None:
            continue
        raw_place = m.group("place")
        groups = m.groupdict()
        qualified = any(groups.get(k) for k in ("region", "date", "agency"))
        if raw_place in rules.kickers or any(w in rules.kickers for w in raw_place.split()):
            return None
        if not qualified and "/" not in raw_place and len(raw_place.replace(".", "")) <= 3:
            return None              # "UN —", "US —": an acronym, not a place, unless a date or agency follows
        place = None if "/" in raw_place else _title(raw_place, rules.particles)
        agency_span = (offset + m.start("agency"), offset + m.end("agency")) if groups.get("agency") else None
        return Dateline(text=m.group(0), place=place, region=groups.get("region"), agency=groups.get("agency"),
                        span=(offset + m.start(), offset + m.end()), agency_span=agency_span)
    return None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the story: on its first line, or on one of the first three lines
    when the lines before it are short and no sentences (a title, a byline, a kicker), never in the body."""
    pos = 0
    lines_seen = 0
    while pos < len(text) and lines_seen < _MAX_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        stripped = line.lstrip()
        if stripped:
            found = parse_dateline(stripped, pos + len(line) - len(stripped))
            if found is not None:
                return found
            if len(stripped) > _MAX_LEAD_CHARS or stripped.rstrip()[-1] in ".!?”\"":
                return None          # a sentence: the body has begun
            lines_seen += 1
        pos = end + 1
    return None


def dateline_of(value: str) -> Dateline | None:
    """A dateline given apart from the text (a JSONL ``dateline`` key: "NEW YORK, March 5 -"); no span.

    Such a key is a dateline by name, so a place in ordinary case is read too ("New York, March 12 -"),
    through its capitalised form; the text stays as given."""
    value = value.strip()
    found = parse_dateline(value + " X") or parse_dateline(value.upper() + " X")
    if found is None or len(found.text) != len(value):
        return None
    return Dateline(value, found.place, found.region, found.agency, None)


def parse_byline(line: str) -> str | None:
    """The names of a byline line: "By Jane Doe and John Roe in Kyiv" -> "Jane Doe and John Roe"."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_BYLINE_CHARS:
        return None
    rules = _rules()
    for pattern in rules.byline:
        m = pattern.fullmatch(stripped)
        if m is None:
            continue
        names = rules.outlet.sub("", m.group("names"))     # "Jane Doe, Associated Press", "JANE DOE AP"
        if any(w.strip(",.") in rules.notnames for w in names.split()):
            return None
        return names
    return None


def take_byline(text: str) -> tuple[str | None, str]:
    """``(byline, text)``: a "By …" first line read and removed with the blank lines after it, else
    ``(None, text)`` unchanged. A byline that is the whole text stays (it is then the story)."""
    stripped = text.lstrip()
    first, _sep, rest = stripped.partition("\n")
    names = parse_byline(first)
    if names is None or not rest.strip():
        return None, text
    return names, rest.lstrip("\n")


def normalise_byline(value: str | list[str] | None) -> str | None:
    """A byline from metadata as one string: "By Jane Doe; John Roe" -> "Jane Doe and John Roe".

    Lists and ``;``/``|`` separated names are joined "A, B and C"; a leading "By" goes; a value that is
    a link or has no letters is no byline.
    """
    if value is None:
        return None
    parts = value if isinstance(value, list) else re.split(r"\s*[;|]\s*", value)
    names: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            continue
        part = re.sub(r"^(?:by|BY|By)\s+", "", part.strip()).strip(" ,")
        if not part or "://" in part or part.startswith("www.") or not any(c.isalpha() for c in part):
            continue
        if part not in names:
            names.append(part)
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
