"""Offline language identification: script first, then function-word counts.

The pipeline's models are English; a French or Russian story must be flagged, not silently
turned into nonsense events. This needs no model download, is deterministic and takes well
under a millisecond per story: non-Latin scripts decide by their letters (Ukrainian vs Russian
by the letters only one of them uses), Latin-script text by which language's closed-class
words ("the, of, and" / "le, de, et" / "der, die, und") it is made of. Function words are
lower-cased before lookup, so headline-cased English ("Talks In Miami End Without A Deal") is
still English.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..lexicon import invalid, read_table

RESOURCE = "stopwords.txt"
UNDETERMINED = "und"
MIN_WORDS = 5
SAMPLE_CHARS = 4000            # the opening of a story is plenty, and keeps long stories fast
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CODE = re.compile(r"[a-z]{2}")

# (first, last) code points of letters that identify a script
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("latin", 0x0041, 0x024F), ("cyrillic", 0x0400, 0x04FF), ("greek", 0x0370, 0x03FF),
    ("arabic", 0x0600, 0x06FF), ("hebrew", 0x0590, 0x05FF), ("devanagari", 0x0900, 0x097F),
    ("thai", 0x0E00, 0x0E7F), ("georgian", 0x10A0, 0x10FF), ("armenian", 0x0530, 0x058F),
    ("hangul", 0xAC00, 0xD7AF), ("kana", 0x3040, 0x30FF), ("han", 0x4E00, 0x9FFF),
)
_SCRIPT_LANG = {"greek": "el", "hebrew": "he", "devanagari": "hi", "thai": "th", "georgian": "ka",
                "armenian": "hy", "hangul": "ko"}
# Latin letters that only one of the listed languages uses: each one present is one more hit.
_LETTER_HINTS = {"ı": "tr", "ğ": "tr", "ß": "de", "ñ": "es", "ã": "pt", "õ": "pt", "ł": "pl", "ą": "pl",
                 "ę": "pl", "ő": "hu", "ű": "hu", "ă": "ro", "ț": "ro", "ș": "ro", "ř": "cs", "ů": "cs",
                 "ø": "da", "å": "sv", "ÿ": "fr", "œ": "fr"}
_UK_ONLY = set("іїєґІЇЄҐ")
_RU_ONLY = set("ыэёъЫЭЁЪ")
_FA_ONLY = set("پچژگکی")
_UR_ONLY = set("ٹڈڑںےہ")


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Per-language function-word sets from the resource file, checked once on load."""
    rows = read_table(RESOURCE)
    table: dict[str, frozenset[str]] = {}
    for where, (code, words) in rows.numbered():
        if not _CODE.fullmatch(code) or code in table:
            raise invalid(where, f"expected a new two-letter language code, got {code!r}")
        table[code] = frozenset(words.split())
    if "en" not in table:
        raise invalid(rows.label, "no 'en' line")
    return table


@cache
def _weights() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((lang, weight), …): a word shared by k languages is worth 1/k to each."""
    owners: dict[str, list[str]] = {}
    for lang, words in function_words().items():
        for w in words:
            owners.setdefault(w, []).append(lang)
    return {w: tuple((lang, 1.0 / len(langs)) for lang in langs) for w, langs in owners.items()}


def _script_counts(text: str) -> Counter[str]:
    """Letters per script, counted with one regex per script (C speed, not a Python loop)."""
    counts: Counter[str] = Counter()
    for name, pattern in _script_patterns():
        n = len(pattern.findall(text))
        if n:
            counts[name] = n
    return counts


@cache
def _script_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for name, lo, hi in _SCRIPTS:
        cls = "A-Za-z\u00C0-\u024F" if name == "latin" else f"\\u{lo:04X}-\\u{hi:04X}"
        out.append((name, re.compile(f"[{cls}]")))
    return tuple(out)


# Another Latin-script language must outscore English by this factor before a story is skipped:
# a wrongly skipped English story loses every record, a wrongly parsed foreign one yields few.
EN_MARGIN = 1.5


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("en", "fr", "ru", "zh", …) or "und" when it cannot tell.

    Fewer than five words, or too few function words (a results table, a list of names), gives
    "und": guessing on such text would be noise. Ties go to the language listed first in the
    resource file (English).
    """
    sample = text[:SAMPLE_CHARS]
    # A letter split off an apostrophe ("FRIDAY 'S", "Jones ' s") is English possessive residue in tokenised
    # text, not the Czech or Slovak preposition "s".
    words = [m.group() for m in _WORD.finditer(sample)
             if not (len(m.group()) == 1 and sample[max(0, m.start() - 1)] in "'’")]
    scripts = _script_counts(sample)
    if not scripts:
        return UNDETERMINED
    script, n = scripts.most_common(1)[0]
    cjk = scripts["han"] + scripts["kana"]
    if cjk and cjk >= n // 2:                       # CJK has no spaces: count characters, not words
        if cjk < MIN_WORDS:
            return UNDETERMINED
        if scripts["kana"] * 5 >= cjk:
            return "ja"
        return "zh"
    if len(words) < MIN_WORDS:
        return UNDETERMINED
    if script in _SCRIPT_LANG:
        return _SCRIPT_LANG[script]
    if script == "arabic":
        letters = set(sample)
        if letters & _UR_ONLY:
            return "ur"
        return "fa" if letters & _FA_ONLY and "ة" not in letters else "ar"
    candidates = None
    if script == "cyrillic":
        letters = set(sample)
        uk, ru = bool(letters & _UK_ONLY), bool(letters & _RU_ONLY)
        if uk != ru:
            return "uk" if uk else "ru"
        candidates = {"ru", "uk", "bg", "sr"}
    elif script != "latin":
        return UNDETERMINED
    weights = _weights()
    scores: dict[str, float] = {}
    hits: dict[str, int] = {}
    for w in words:
        for lang, weight in weights.get(w.lower().replace("’", "'"), ()):
            scores[lang] = scores.get(lang, 0.0) + weight
            hits[lang] = hits.get(lang, 0) + 1
    word_hits = dict(hits)
    if candidates is None:
        lowered = sample.lower()
        for letter, lang in _LETTER_HINTS.items():
            if letter in lowered:
                scores[lang] = scores.get(lang, 0.0) + 0.4     # less than a word: names carry them too
                hits[lang] = hits.get(lang, 0) + 1
    if candidates is not None:
        scores = {k: v for k, v in scores.items() if k in candidates}
        if not scores:
            return "ru"                              # Cyrillic without known function words
    else:
        scores = {k: v for k, v in scores.items() if k not in ("ru", "uk", "bg", "sr")}
    if not scores:
        return UNDETERMINED
    order = list(function_words())
    best = max(scores, key=lambda lang: (scores[lang], -order.index(lang)))
    if best != "en" and "en" in scores and scores[best] < EN_MARGIN * scores["en"] + 1.0:
        best = "en"  # "met", "in", "die" are words of several languages: English input is the norm
    ratio = hits[best] / len(words)
    if candidates is None and not ((hits[best] >= 2 and ratio >= 0.05) or ratio >= 0.15):
        return UNDETERMINED                          # a table or a list of names: too little evidence
    if candidates is None and best != "en" and word_hits.get(best, 0) < 2 and not _common_words_show(words, best):
        return UNDETERMINED                          # only letters of names ("Nedvěd", "Šmicer"): no language
    return best


def _common_words_show(words: list[str], lang: str) -> bool:
    """Whether at least two lower-case words carry ``lang``'s letters: prose does, a table of names
    ("Nedvěd 23, Šmicer 45") carries them only in capitalised words."""
    letters = {letter for letter, hinted in _LETTER_HINTS.items() if hinted == lang}
    return sum(1 for w in words if w[:1].islower() and letters & set(w)) >= 2
