"""The statement resources (``resources/en/statements/``), read once and compiled.

Which verbs report speech, which words name a channel and which descriptions stand for which
roles is linguistic knowledge that changes with the news (new platforms appear), so it lives in
the TSV files; this module only turns them into lookup structures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import read_tsv, read_words
from ..regexfirst import guarded

RANKS = {"platform": 0, "medium": 1, "form": 2}


@dataclass(frozen=True, slots=True)
class CueVerb:
    lemma: str
    particle: str | None  # "out" for "point out"
    takes_object: bool  # kind "object": a direct object or infinitive is reported content too
    channel: str | None


@dataclass(frozen=True, slots=True)
class Channels:
    pattern: re.Pattern[str]  # one alternation; group name -> surface index
    surfaces: tuple[tuple[str, str, int], ...]  # (surface, channel, rank)


@cache
def cue_verbs() -> dict[str, tuple[CueVerb, ...]]:
    """Cue verbs by lemma (a lemma can have a plain and a phrasal entry: "call", "call for")."""
    verbs: dict[str, list[CueVerb]] = {}
    for lemma, kind, _speaker, _reporting, channel in read_tsv("speech_verbs.tsv"):
        if kind == "none":  # a speech verb that is no statement cue ("hope")
            continue
        words = lemma.lower().split()
        verb = CueVerb(words[0], words[1] if len(words) > 1 else None, kind == "object", channel or None)
        verbs.setdefault(verb.lemma, []).append(verb)
    # phrasal entries first: "call for" must win over a plain "call" when the particle is there
    return {k: tuple(sorted(v, key=lambda c: c.particle is None)) for k, v in verbs.items()}


@cache
def channels() -> Channels:
    """One compiled regex over every channel surface, longest first so "state TV" beats "TV"."""
    # rank is checked on load against the FORMAT's platform|medium|form
    surfaces: list[tuple[str, str, int]] = []
    for surface, channel, rank in read_tsv("statements/channels.tsv"):
        surfaces.append((surface, channel, RANKS[rank]))
    order = sorted(range(len(surfaces)), key=lambda i: -len(surfaces[i][0]))
    parts = []
    for i in order:
        surface = surfaces[i][0]
        body = r"\s+".join(re.escape(w) for w in surface.split())
        if re.search(r"\bX\b", surface):  # the platform X: exact case, never the letter in a word
            body = f"(?-i:{body})"
        parts.append(rf"(?P<s{i}>{body}(?![\w-]))")
    # The word-start look-behind is shared by every surface, so it is tested once per position, before
    # the alternatives: inside a word the scan fails at once (6× faster, same matches).
    return Channels(guarded(r"(?<![\w-])(?:" + "|".join(parts) + ")", re.IGNORECASE), tuple(surfaces))


@cache
def speaker_nouns() -> frozenset[str]:
    return read_words("statements/speaker_nouns.txt")


@cache
def description_classes() -> dict[str, tuple[str, ...]]:
    """Description head noun -> role words that fit it (the head itself always fits)."""
    classes: dict[str, tuple[str, ...]] = {}
    for head, words in read_tsv("statements/description_classes.tsv"):
        classes[head.lower()] = tuple(w.strip().lower() for w in words.split(",") if w.strip())
    return classes


@cache
def media_outlets() -> frozenset[str]:
    return read_words("statements/media_outlets.txt")
