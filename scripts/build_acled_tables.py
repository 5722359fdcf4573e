"""Build the ACLED export's country and category tables from ACLED's published lists.

Reads ``../shared/reference/acled/`` (ACLED's codebook facts: country names and regions, event types with
their disorder flags) and writes two compact TSVs under ``src/eventwire/resources/en/export/``, so the
package never reads ``../shared`` at run time:

* ``acled_countries.tsv``: ISO3, ISO numeric, ACLED's spelling of the name, ACLED region;
* ``acled_categories.tsv``: event type, sub-event type, ACLED ``disorder_type``.

ACLED spells some countries its own way ("Turkey", "Democratic Republic of Congo"); pycountry finds most
of them, the rest by the table of common names below (general knowledge, not tuning).

Usage: python scripts/build_acled_tables.py [../shared/reference/acled]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/resources/en/export"
# ACLED names that pycountry's lookup does not know, with their ISO3 (Kosovo has no ISO code: XKX, numeric 0).
COMMON = {"Bailiwick of Guernsey": "GGY", "Bailiwick of Jersey": "JEY", "Brunei": "BRN", "Cape Verde": "CPV",
          "Caribbean Netherlands": "BES", "Curacao": "CUW", "Democratic Republic of Congo": "COD",
          "East Timor": "TLS", "Falkland Islands": "FLK", "Ivory Coast": "CIV", "Kosovo": "XKX",
          "Micronesia": "FSM", "Palestine": "PSE", "Republic of Congo": "COG", "Reunion": "REU", "Russia": "RUS",
          "Saint-Barthelemy": "BLM", "Saint-Martin": "MAF", "Sint Maarten": "SXM", "Turkey": "TUR",
          "Vatican City": "VAT"}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _disorder(row: dict[str, str]) -> str:
    """ACLED's disorder_type from the category flags: political violence, demonstrations or both."""
    kinds = [name for flag, name in (("political_violence", "Political violence"),
                                     ("demonstrations", "Demonstrations")) if row[flag] == "1"]
    return "; ".join(kinds) or "Strategic developments"


def _write(name: str, header: str, rows: list[tuple[object, ...]]) -> None:
    with (OUT / name).open("w", encoding="utf-8") as fh:
        fh.write(header)
        fh.writelines("\t".join(map(str, row)) + "\n" for row in rows)


def main(src: Path) -> None:
    countries = []
    for row in _read(src / "countries.tsv"):
        name = row["country"]
        iso3 = COMMON.get(name) or pycountry.countries.lookup(name).alpha_3
        found = pycountry.countries.get(alpha_3=iso3)
        numeric = int(found.numeric) if found is not None else 0
        countries.append((iso3, numeric, name, row["region"]))
    header = ("# FORMAT: iso3<TAB>iso_numeric:int<TAB>acled_country<TAB>acled_region\n"
              "# PURPOSE: ACLED's spelling of each country and its region, for 'eventwire export --format acled'. "
              "Built by scripts/build_acled_tables.py from ACLED's published country list; do not edit by hand.\n"
              "# EXAMPLE: TUR | 792 | Turkey | Middle East\n")
    _write("acled_countries.tsv", header, sorted(countries))
    header = ("# FORMAT: event_type<TAB>sub_event_type<TAB>disorder_type\n"
              "# PURPOSE: ACLED's 25 sub-event types and the disorder_type each belongs to. Built by "
              "scripts/build_acled_tables.py from ACLED's event categories; do not edit by hand.\n"
              "# EXAMPLE: Protests | Excessive force against protesters | Political violence; Demonstrations\n")
    _write("acled_categories.tsv", header, [(row["event_type"], row["sub_event_type"], _disorder(row))
                                            for row in _read(src / "event_categories.tsv")])
    print(f"{len(countries)} countries, categories written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/reference/acled"))
