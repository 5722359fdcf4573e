"""Model-free word normalisation for story clustering: a crude stem and a sentence's content terms.

Why not spaCy lemmas: clustering runs in the store, on records, where no spaCy doc exists (a store
re-clusters millions of events without re-parsing them). A suffix-stripping stem is enough to make
"attacked", "attacks" and "attacking" one key, and the same function runs in the ECB+ eval, so the
figures measure what the store does.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import read_tsv, read_words

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
# Longest first; a stem keeps at least three letters.
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")
_REPLACE = {"ations": "at", "ation": "at", "ies": "y", "ied": "y"}
# The base form (``base``) strips no "-er" ("murder" would become "murd" while "murdered" keeps
# "murder") and undoubles a final consonant only after -ed/-ing (stopped → stop; not playoffs).
_BASE_SUFFIXES = tuple(s for s in _SUFFIXES if s not in ("ers", "er"))
_UNDOUBLE = frozenset({"ings", "ing", "ed"})


@cache
def _stopwords() -> frozenset[str]:
    return read_words("stories/stopwords.txt")


@cache
def _forms() -> dict[str, str]:
    return {row[0].lower(): row[1].lower() for row in read_tsv("stories/forms.tsv")}


def _strip(w: str, suffixes: tuple[str, ...], undouble: frozenset[str] | None) -> str:
    if len(w) > 3 and w.endswith("e"):
        return w[:-1]  # agree/agreed, hostage/hostages, force/forces meet on agre, hostag, forc
    for suffix in suffixes:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + _REPLACE.get(suffix, "")
            if (undouble is None or suffix in undouble) and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                w = w[:-1]  # stopped → stopp → stop
            break
    return w


def _lower(word: str) -> str:
    w = word.lower().replace("’", "'")
    return w[:-2] if w.endswith("'s") else w


def stem(word: str) -> str:
    """Lower-case ``word`` and strip one inflection suffix: attacks/attacked/attacking → attack,
    negotiations/negotiate → negotiat (a key, not a word)."""
    return _strip(_lower(word), _SUFFIXES, None)


def base(word: str) -> str:
    """A finer key than ``stem``: irregular and derived forms joined to their base (died, death → die;
    struck → strike: ``resources/en/stories/forms.tsv``), no "-er" cut (murder, murdered → murder).

    Why apart from ``stem``: the store's hand-set score treats one trigger stem as strong evidence, and
    joining "struck" to "strikes" there merged different strikes of one week (docs/accuracy.md); the
    base is compared only inside one predicted document cluster (``score.GROUP_FEATURES``).
    """
    w = _lower(word)
    return _strip(_forms().get(w, w), _BASE_SUFFIXES, _UNDOUBLE)


def head(trigger: str | None) -> str | None:
    """The stem of a trigger's head: the last word of a noun or the first of a verb phrase is ambiguous
    in text alone, so take the longest word that is not a stopword ("carry out attack" → attack)."""
    if not trigger:
        return None
    found = [w for w in _WORD.findall(trigger) if w.lower() not in _stopwords()]
    if not found:
        return None
    return stem(max(found, key=len))


def head_base(trigger: str | None) -> str | None:
    """``base`` of the trigger's head word (the word ``head`` picks)."""
    if not trigger:
        return None
    found = [w for w in _WORD.findall(trigger) if w.lower() not in _stopwords()]
    return base(max(found, key=len)) if found else None


def words(text: str | None) -> list[str]:
    """The stems of a text's content words in order, repeats kept (term frequencies for TF-IDF)."""
    if not text:
        return []
    stops = _stopwords()
    return [stem(w) for w in _WORD.findall(text) if len(w) > 1 and w.lower() not in stops]


def terms(sentence: str | None) -> frozenset[str]:
    """The stems of the sentence's content words (no stopwords, no single letters, no numbers)."""
    return frozenset(words(sentence))
