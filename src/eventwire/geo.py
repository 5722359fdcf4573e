"""Geography helpers used in several places: great-circle distance (places resolve toponyms by it, story
events compare where two reports happened by it) and a country's name for exports that name countries."""

from __future__ import annotations

import math
from functools import cache

EARTH_KM = 6371.0


def distance_km(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float:
    """Haversine distance in km; ``inf`` when a coordinate is missing (unknown is never "near")."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return math.inf
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_KM * 2 * math.asin(min(1.0, math.sqrt(h)))


@cache
def country_name(iso3: str | None) -> str:
    """A country's common name for an ISO3 code (ACLED and PLOVER exports name countries; the store keeps
    codes); the code itself when pycountry does not know it, "" for none."""
    if not iso3:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return getattr(found, "common_name", None) or found.name if found else iso3
