"""Model-free word normalisation for story clustering: a crude stem and a sentence's content terms.

Why not spaCy lemmas: clustering runs in the store, on records, where no spaCy doc exists (a store
re-clusters millions of events without re-parsing them). A suffix-stripping stem is enough to make
"attacked", "attacks" and "attacking" one key, and the same function runs in the ECB+ eval, so the
figures measure what the store does.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import read_words

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
# Longest first; a stem keeps at least three letters.
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")
_REPLACE = {"ations": "at", "ation": "at", "ies": "y", "ied": "y"}


@cache
def _stopwords() -> frozenset[str]:
    return read_words("stories/stopwords.txt")


def stem(word: str) -> str:
    """Lower-case ``word`` and strip one inflection suffix: attacks/attacked/attacking → attack,
    negotiations/negotiate → negotiat (a key, not a word)."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        return w[:-1]  # agree/agreed, hostage/hostages, force/forces meet on agre, hostag, forc
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + _REPLACE.get(suffix, "")
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]  # stopped → stopp → stop
            break
    return w


def head(trigger: str | None) -> str | None:
    """The stem of a trigger's head: the last word of a noun or the first of a verb phrase is ambiguous
    in text alone, so take the longest word that is not a stopword ("carry out attack" → attack)."""
    if not trigger:
        return None
    words = [w for w in _WORD.findall(trigger) if w.lower() not in _stopwords()]
    if not words:
        return None
    return stem(max(words, key=len))


def terms(sentence: str | None) -> frozenset[str]:
    """The stems of the sentence's content words (no stopwords, no single letters, no numbers)."""
    if not sentence:
        return frozenset()
    stops = _stopwords()
    return frozenset(stem(w) for w in _WORD.findall(sentence) if len(w) > 1 and w.lower() not in stops)
