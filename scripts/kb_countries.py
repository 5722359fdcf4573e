"""Countries of CIA World Factbook profiles for ``scripts/build_kb.py``: ISO3 codes and sovereigns.

Why apart from the people parsers: the country of a profile (and of a dependency's sovereign) is found
from the profile's names and the Factbook's own wording, with ``pycountry`` and the package's
``places/countries.tsv`` and ``demonyms.tsv``; none of it is about people.
"""

from __future__ import annotations

import html
import json
import re

import pycountry

from eventwire.lexicon import read_tsv
from eventwire.names import fold


def clean(text: str) -> str:
    """Decode entities; ``<br>`` is a field break ("; "), other tags vanish without a space ("V</em>ladimir")."""
    text = re.sub(r"<br\s*/?>", "; ", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text).replace("\xa0", " ").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[ \t]+", " ", text)


def _country_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                names.setdefault(fold(getattr(c, attr)), c.alpha_3)
    for iso3, name, *_rest in read_tsv("places/countries.tsv"):
        names.setdefault(fold(name), iso3)
        for alias in _rest[-1].split("|"):
            if alias:
                names.setdefault(fold(alias), iso3)
    for demonym, iso3 in read_tsv("demonyms.tsv"):
        names.setdefault(fold(demonym), iso3)
    return names


COUNTRY_NAMES = _country_names()
# words that end a name: title words, and one-word country names and demonyms ("President of China XI Jinping")
def iso3_for(name: str | None) -> str | None:
    """The ISO3 code of a country named ``name`` (``the US``, ``Kingdom of the Netherlands``), else None."""
    if not name:
        return None
    key = re.sub(r"\s+", " ", fold(name)).strip(" .")
    for cand in (key, re.sub(r"^the ", "", key), re.sub(r"\s*\(.*\)", "", key), key.split(",")[0].strip()):
        if cand in COUNTRY_NAMES:
            return COUNTRY_NAMES[cand]
    return None



SOVEREIGN_CUE = re.compile(r"(?:territory|collectivity|lands|dependency|division|association|represented|"
                           r"administered|Region) (?:of|with|by) (?:the )?"
                           r"([A-Z][A-Za-z]+(?: (?:of the )?[A-Z][A-Za-z]+)*)")
CROWN_CUE = re.compile(r"\b([A-Z][a-z]+) [Cc]rown dependency")


def profile_names(profile: dict) -> list[str]:
    """The profile's names, most specific first: conventional short and long, local short and long forms."""
    names = profile.get("Country name", {})
    out = []
    for form in ("conventional short form", "conventional long form", "local short form", "local long form"):
        text = clean((names.get(form) or {}).get("text") or "").strip()
        if text and text.lower() not in ("none", "null"):
            out.append(text)
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", fold(text))) - {"and", "the", "of"}


def profile_iso3(profile: dict) -> str | None:
    """The ISO3 of a profile by its names; None for oceans, the EU, unclaimed or uncoded places.

    Exact names first; then an ISO entry whose name holds every word of the profile's short name
    ("Sint Maarten" → "Sint Maarten (Dutch part)"), if only one does — or only one that is a subdivision
    of the profile's sovereign ("Virgin Islands" of the US → "Virgin Islands, U.S.").
    """
    names = profile_names(profile)
    for name in names:
        code = iso3_for(name)
        if code:
            return code
    if not names:
        return None
    wanted = _words(re.sub(r"\(.*\)", "", names[0]))
    found = [c for c in pycountry.countries
             if wanted and any(wanted <= _words(getattr(c, a, "") or "") for a in ("name", "official_name"))]
    if len(found) > 1:
        sovereign = sovereign_iso3(profile, None)
        parent = pycountry.countries.get(alpha_3=sovereign) if sovereign else None
        found = [c for c in found if parent and pycountry.subdivisions.get(code=f"{parent.alpha_2}-{c.alpha_2}")]
    return found[0].alpha_3 if len(found) == 1 else None


def sovereign_iso3(profile: dict, own: str | None) -> str | None:
    """The state a dependency belongs to (its chief of state's), from the Factbook's own words or pycountry."""
    dip = profile.get("Diplomatic representation in the US") or {}
    if isinstance(dip, dict) and "chief of mission" in dip:
        return None  # a state with its own chief of mission in Washington is sovereign
    text = clean(json.dumps(dip))
    if re.search(r'"none|^none', text):
        for rx in (SOVEREIGN_CUE, CROWN_CUE):
            for m in rx.finditer(text):
                code = iso3_for(m.group(1))
                if code and code != own:
                    return code
    if own:
        names = {fold(n) for n in profile_names(profile)}
        for sub in pycountry.subdivisions:
            if fold(sub.name) in names:
                parent = pycountry.countries.get(alpha_2=sub.country_code)
                if parent and parent.alpha_3 != own:
                    return parent.alpha_3
    return None
