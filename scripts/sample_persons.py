"""Draw persons with a country from extracted records, for a hand check of their precision.

Usage::

    python scripts/sample_persons.py OUT.jsonl N SEED RECORDS.jsonl [RECORDS.jsonl ...]

Every person actor with a ``country`` in the record files (``eventwire extract … --format jsonl``) is a
candidate; candidates are sorted by (story id, name) and shuffled with ``SEED``, so the same records and
seed give the same sample. Each line of OUT holds the story id and title, the name, the country, the
roles, the chosen evidence (rule, value, text) and up to three contexts of the person's mentions, which
is what a reader needs to say right or wrong without opening the story.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sample_records import write_sample


def candidates(paths: list[str]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text = record["document"]["text"]
                for actor in record["actors"]:
                    if actor["kind"] != "person" or not actor.get("country"):
                        continue
                    evidence = [(e["source"], e["value"], text[e["span"][0]:e["span"][1]] if e.get("span") else None)
                                for e in actor.get("evidence", []) if e["field"] == "country" and e["chosen"]]
                    contexts = [text[max(0, s - 250):e + 150].replace("\n", " ") for s, e in actor["mentions"][:3]]
                    yield {"doc": record["document"]["id"], "title": record["document"].get("title"),
                           "name": actor["name"], "country": actor["country"],
                           "roles": [r["text"] for r in actor["roles"]], "evidence": evidence, "contexts": contexts}


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out, n, seed, paths = argv[0], int(argv[1]), int(argv[2]), argv[3:]
    total = write_sample(sorted(candidates(paths), key=lambda r: (r["doc"], r["name"])), out, n, seed)
    print(f"{total} persons with a country; wrote {min(n, total)} to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
