"""Remove news-site boilerplate from a story's text, and nothing else.

Everything downstream (entities, events, character spans) works on the cleaned text, so the
rule is: drop what a reader would recognise as page furniture — related-link teasers, photo
credits, sign-up prompts, ad slots — and keep every other byte as it was. The patterns live in
``resources/en/boilerplate.tsv`` so they can be extended without touching code; they are
compiled once, on first use, and a bad line fails loudly with the file and line number.

Two shapes occur in real feeds: boilerplate on its own line (most Guardian-style texts), and
boilerplate flattened into a paragraph (VOA texts have no line breaks at all). Whole lines are
dropped; inline matches are cut out, with the spaces around the cut mended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import bad_pattern, read_table, subset

RESOURCE = "boilerplate.tsv"
KINDS = ("line", "inline", "teaser", "signoff", "title")

# Teaser-headline words from resources/en/headline_words.tsv: lower-case words allowed inside a
# title-cased teaser headline, and capitalised words that usually open prose (a headline ends before them).
MINOR_WORDS = frozenset(subset("headline_words.tsv", "role", "minor"))
PROSE_OPENERS = frozenset(subset("headline_words.tsv", "role", "opener"))
_TOKEN = re.compile(r"\S+")
_OPEN_QUOTE = "“\"‘'«(["
_MAX_TEASER_TOKENS = 25


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """The compiled patterns of ``boilerplate.tsv``, one combined regex per kind."""

    line: re.Pattern[str]
    inline: re.Pattern[str]
    teaser: re.Pattern[str]
    signoff: re.Pattern[str]
    title: re.Pattern[str]


def _scoped(pattern: str) -> str:
    """A leading ``(?i)`` becomes ``(?i:…)`` so patterns can be joined into one alternation."""
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else pattern


def _never() -> re.Pattern[str]:
    return re.compile(r"(?!x)x")


@cache
def boilerplate() -> Boilerplate:
    """Load and check the pattern file once; raise ``ResourceError`` on a malformed line."""
    table = read_table(RESOURCE)  # kind and pattern are checked on load (FORMAT)
    parts: dict[str, list[str]] = {k: [] for k in KINDS}
    for where, (kind, raw, _note) in table.numbered():
        pattern = _scoped(raw)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise bad_pattern(where, f"the pattern {pattern!r}", exc) from exc
        parts[kind].append(pattern)

    def combine(kind: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in parts[kind])) if parts[kind] else _never()

    signoff_names = "|".join(f"(?:{p})" for p in parts["signoff"]) or r"(?!x)x"
    name = rf"(?:{signoff_names})"
    signoff = re.compile(
        rf"[-–—\s]*[(\[]?\s*{name}(?:\s*(?:/|,|&|\band\b)\s*{name})*\s*[)\]]?[.\s]*"
    )
    return Boilerplate(combine("line"), combine("inline"), combine("teaser"), signoff, combine("title"))


@cache
def signoff_names() -> tuple[str, ...]:
    """The agency name patterns of the ``signoff`` rows ("AFP|Agence France[- ]Presse", …), for the
    datelines' ``(Reuters)``: one list of agencies for sign-offs and datelines."""
    return tuple(_scoped(raw) for kind, raw, _note in read_table(RESOURCE).rows if kind == "signoff")


def clean_title(title: str | None) -> str | None:
    """A story title without a site suffix ("Talks resume | The Guardian" -> "Talks resume").

    Only a suffix at the very end is cut, once; a title that would be left empty is kept as given.
    """
    if not title:
        return title
    m = boilerplate().title.search(title)
    if m is None:
        return title
    rest = title[: m.start()].rstrip()
    return rest if rest else title


def is_signoff(line: str) -> bool:
    """True when ``line`` is only an agency sign-off such as ``(Reuters)``, ``- VOA``, ``AFP/Reuters``."""
    stripped = line.strip()
    return 0 < len(stripped) <= 60 and boilerplate().signoff.fullmatch(stripped) is not None


def signoff_name(line: str) -> str:
    """The agency of a sign-off line, without brackets or dashes: ``"(Reuters)" -> "Reuters"``."""
    return line.strip().strip("-–—()[]. \t").strip()


def _is_cap(token: str) -> bool:
    word = token.lstrip(_OPEN_QUOTE)
    return bool(word) and (word[0].isupper() or word[0].isdigit() or word[0] in "$€£")


def _teaser_end(line: str, start: int) -> int | None:
    """Where prose resumes after a teaser headline that begins at ``start``, or None if unsure.

    A headline is a run of capitalised words (lower-case only for short function words). Prose
    resumes at the capitalised word just before the first ordinary lower-case word ("... Here
    The president said" -> at "The"), stepping back over sentence openers like "The". If the run
    reaches the end of the line, the whole rest of the line is the teaser. Anything else —
    sentence-case headlines, quotes that cannot be placed — is left alone: never delete prose.
    """
    tokens = list(_TOKEN.finditer(line, start))
    for j, tok in enumerate(tokens):
        word = tok.group()
        if j >= _MAX_TEASER_TOKENS:
            return None
        if word[0] in "“\"«" and j >= 2:          # a quotation opens the prose
            return tok.start()
        if _is_cap(word) or word.lower() in MINOR_WORDS:
            if word[-1] in "?!" and j >= 1:        # "Is Peace Near? Officials said ..."
                return tokens[j + 1].start() if j + 1 < len(tokens) else len(line)
            continue
        # first ordinary lower-case word: the sentence it belongs to started one word earlier
        s = j - 1
        if s < 2 or not _is_cap(tokens[s].group()):
            return None
        while s - 1 >= 2 and tokens[s - 1].group() in PROSE_OPENERS:
            s -= 1
        return tokens[s].start()
    return len(line) if len(tokens) >= 1 else None


def _cut(line: str, start: int, end: int) -> str:
    """Remove ``line[start:end]`` and mend the spaces around the cut, touching nothing else."""
    before, after = line[:start], line[end:]
    if not before.strip():                       # cut at the line start: keep the indentation
        return before + after.lstrip(" \t")
    if not after.strip():                        # cut to the line end
        return before.rstrip(" \t")
    if before[-1] in " \t" and after[0] in " \t":
        return before + after.lstrip(" \t")
    if before[-1] in " \t" and after[0] in ".,;:!?":
        return before.rstrip(" \t") + after
    return before + after


def _clean_line(line: str, bp: Boilerplate) -> tuple[str, bool]:
    """Cut inline boilerplate out of one line; report whether anything was cut."""
    changed = False
    while True:
        m = bp.inline.search(line)
        if m is None or m.end() == m.start():
            break
        line, changed = _cut(line, m.start(), m.end()), True
    pos = 0
    while True:
        m = bp.teaser.search(line, pos)
        if m is None:
            break
        at_start = not line[: m.start()].strip()
        after_sentence = m.start() >= 2 and line[m.start() - 2] in ".!?”\"’" and line[m.start() - 1] == " "
        if not (at_start or after_sentence):
            pos = m.end()
            continue
        end = _teaser_end(line, m.end())
        if end is None:
            pos = m.end()
            continue
        line, changed = _cut(line, m.start(), end), True
        pos = m.start()
    return line, changed


def clean_text(text: str) -> str:
    """Remove boilerplate lines and inline boilerplate; otherwise return ``text`` unchanged.

    After a removal, the blank lines around it collapse to at most one (a paragraph break) and
    the spaces it leaves are mended; blank lines and spacing elsewhere are not touched, so a
    text without boilerplate comes back byte-identical.
    """
    if not text:
        return text
    bp = boilerplate()
    lines = text.split("\n")
    kept: list[str | None] = []          # None marks a dropped line
    any_change = False
    for line in lines:
        stripped = line.strip()
        if stripped and (bp.line.fullmatch(stripped) or _is_lone_teaser(stripped, bp)):
            kept.append(None)
            any_change = True
            continue
        new, changed = _clean_line(line, bp) if stripped else (line, False)
        if changed:
            any_change = True
            if not new.strip():
                kept.append(None)
                continue
        kept.append(new)
    if not any_change:
        return text
    return _join(kept)


def _is_lone_teaser(stripped: str, bp: Boilerplate) -> bool:
    """A line that is a teaser marker plus a headline: capitalised, short, not a full sentence."""
    m = bp.teaser.match(stripped)
    if m is None:
        return False
    rest = stripped[m.end():].strip()
    if not rest:
        return True
    if _teaser_end(stripped, m.end()) == len(stripped):      # a title-cased headline to the end
        return True
    return (rest[0].isupper() or rest[0] in _OPEN_QUOTE) and len(rest.split()) <= 16 \
        and not rest.endswith(".") and not re.search(r"[.!?][”\"’]?\s+[A-Z]", rest)


def _join(kept: list[str | None]) -> str:
    """Rebuild the text; a gap that contained a dropped line keeps at most one blank line."""
    out: list[str] = []
    gap: list[str | None] = []            # blank or dropped lines since the last kept text line

    def flush(at_edge: bool) -> None:
        if any(g is None for g in gap):
            blanks = sum(1 for g in gap if g is not None)
            if not at_edge and blanks:
                out.append("")
        else:
            out.extend(g for g in gap if g is not None)
        gap.clear()

    for line in kept:
        if line is None or not line.strip():
            gap.append(line)
            continue
        flush(at_edge=not out)
        out.append(line)
    flush(at_edge=True)
    return "\n".join(out)
