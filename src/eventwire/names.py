"""Normalised keys for personal names, so that one person spelt several ways is one key.

Why one function for build and run time: the knowledge base (``resources/en/kb/people.tsv``) is
keyed by ``name_key`` at build time (``scripts/build_kb.py``) and looked up with the same function
at run time (``eventwire.kb``); any drift between the two would silently lose matches.

The key is a *match key*, not a display form; it deliberately conflates spellings that news
transliterations use for the same name. The rules, applied in order:

1. HTML entities are decoded, diacritics folded (``Érdoğan`` → ``erdogan``), text lower-cased;
   ``ß`` → ``ss``, ``ø`` → ``o``, ``ł`` → ``l``, ``đ`` → ``d``, ``æ`` → ``ae`` (letters NFKD does not split).
2. Apostrophes of every kind (``' ’ ʼ ʻ ` ‘``) are dropped (``Shia'`` = ``Shia``, ``Ta'al`` = ``Taal``);
   hyphens, dots and commas become word breaks (``Abd-al-Rahman`` = ``Abd al Rahman``).
3. Words that carry no identity are dropped: Arabic articles ``al``/``el`` (also glued:
   ``al-Asad``, ``Al Thani``), single letters (initials ``J.``), and generational suffixes
   ``jr``/``sr``.
4. Per word (regnal numbers such as ``iii`` excepted), Slavic and Arabic transliteration variants
   collapse (the romanisation systems differ on these points only, so collapsing them merges
   spellings, rarely distinct names):

   * ``x`` → ``ks`` (Alexander / Aleksandr);
   * ``kh`` → ``h`` (Kharkiv / Harkiv, Khamenei / Hamenei);
   * ``iya`` → ``ia`` (Yuliya / Yulia), ``ie`` → ``ye`` (Dmitriev / Dmitryev);
   * word-initial ``ye`` → ``e`` (Yevgeny / Evgeny, Yelena / Elena);
   * word-final ``yy``/``iy``/``yi``/``ii``/``ij`` → ``y`` (Zelenskyy / Zelensky / Zelenskiy / Zelenskyi);
   * word-final vowel + ``i`` → vowel + ``y`` (Sergei / Sergey, Nikolai / Nikolay, Alexei / Alexey);
   * doubled letters become one (Assad / Asad, Gaddafi / Gadafi, Mohammed / Mohamed).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_NOT_DECOMPOSED = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                                 "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ð": "d", "þ": "th"})
_APOSTROPHES = re.compile(r"['’ʼʻ`‘´]")
_BREAKS = re.compile(r"[^a-z0-9]+")
_DROPPED = frozenset({"al", "el", "jr", "sr"})
_GLUED_ARTICLE = re.compile(r"^(?:al|el)-(?=\w)")
_FINAL_Y = re.compile(r"(?:yy|iy|yi|ii|ij)$")
_FINAL_VOWEL_I = re.compile(r"(?<=[aeou])i$")
_ROMAN = re.compile(r"^[ivxl]+$")
_DOUBLE = re.compile(r"([a-z])\1+")


def fold(text: str) -> str:
    """``text`` decoded, diacritic-free and lower-case, but with its punctuation kept."""
    text = unicodedata.normalize("NFKD", html.unescape(text).translate(_NOT_DECOMPOSED))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def word_key(word: str) -> str:
    """One already folded, punctuation-free word with the transliteration rules (4.) applied."""
    if _ROMAN.match(word):
        return word  # "Charles III", "Leo XIV": a regnal number is not transliterated
    w = word.replace("x", "ks").replace("kh", "h").replace("iya", "ia").replace("ie", "ye")
    if w.startswith("ye"):
        w = "e" + w[2:]
    w = _FINAL_VOWEL_I.sub("y", _FINAL_Y.sub("y", w))
    return _DOUBLE.sub(r"\1", w)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The match key of a personal name (or of a surname): see the module docstring for the rules.

    >>> name_key("Volodymyr ZELENSKYY") == name_key("Volodymyr Zelenskiy") == name_key("Volodymyr Zelensky")
    True
    >>> name_key("Bashar al-ASAD") == name_key("Bashar Assad")
    True
    """
    words = []
    for raw in _APOSTROPHES.sub("", fold(name)).split():
        raw = _GLUED_ARTICLE.sub("", raw)
        for w in _BREAKS.split(raw):
            if len(w) > 1 and w not in _DROPPED:
                words.append(word_key(w))
    return " ".join(words)
