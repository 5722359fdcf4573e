"""Draw events or statements from extracted records, for a hand check of what they fill.

Usage::

    python scripts/sample_records.py events|statements OUT.jsonl N SEED RECORDS.jsonl [RECORDS.jsonl ...]

Every event (or statement) of the record files (``eventwire extract … --format jsonl``) is a candidate,
filled or not, so that the sample measures both how often a field is filled and how often a filled field
is right. Candidates are sorted by (story id, item id) and shuffled with ``SEED``: the same records and
seed give the same sample. Each line of OUT holds what a reader needs to say right or wrong without
opening the story: the publication date, the story's lead, the sentence before and the item's own
sentence, and every filled field with its source and evidence text.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LEAD_CHARS = 400


def _names(record: dict[str, Any], ids: list[str]) -> list[str]:
    actors = {a["id"]: a for a in record["actors"]}
    return [f"{actors[i]['name']} ({actors[i]['kind']}, {actors[i].get('country') or '-'})" for i in ids if i in actors]


def _previous_sentence(text: str, start: int) -> str:
    """The text from the sentence end before ``start`` back to the one before it (roughly a sentence)."""
    cut = max(text.rfind(". ", 0, max(0, start - 2)), text.rfind("\n", 0, max(0, start - 1)))
    return text[max(0, cut - 300) : start].replace("\n", " ")[-300:]


def _event(record: dict[str, Any], e: dict[str, Any]) -> dict[str, Any]:
    text = record["document"]["text"]
    places = {p["id"]: p for p in record["places"]}
    times = {t["id"]: t for t in record["times"]}
    place = places.get(e.get("place") or "")
    time = times.get(e.get("time") or "")
    s, t = e["sentence"]
    return {
        "type": e["type"], "mode": e.get("mode"), "status": e.get("status"), "trigger": e["trigger"]["text"],
        "actors": _names(record, e["actors"]), "recipients": _names(record, e["recipients"]),
        "date": e.get("date"), "date_source": e.get("date_source"), "date_text": time["text"] if time else None,
        "place": f"{place['name']} ({place['kind']}, {place.get('country')})" if place else None,
        "place_source": e.get("place_source"),
        "previous": _previous_sentence(text, s), "sentence": text[s:t].replace("\n", " "),
    }


def _statement(record: dict[str, Any], st: dict[str, Any]) -> dict[str, Any]:
    text = record["document"]["text"]
    s, t = st["sentence"]
    return {
        "speaker": _names(record, [st["speaker"]]) if st.get("speaker") else None,
        "speaker_text": st.get("speaker_text"), "cue": (st.get("cue") or {}).get("text"),
        "channel": st.get("channel"), "date": st.get("date"), "content": st["content"], "direct": st.get("direct"),
        "previous": _previous_sentence(text, s), "sentence": text[s:t].replace("\n", " "),
    }


def candidates(kind: str, paths: list[str]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                doc = record["document"]
                head = {"doc": doc["id"], "published": doc.get("published"), "title": doc.get("title"),
                        "lead": doc["text"][:LEAD_CHARS].replace("\n", " ")}
                for item in record[kind]:
                    body = _event(record, item) if kind == "events" else _statement(record, item)
                    yield {**head, "id": item["id"], **body}


def write_sample(rows: list[dict[str, Any]], out: str, n: int, seed: int) -> int:
    """Shuffle ``rows`` (already in a stable order) with ``seed`` and write the first ``n``, numbered from 1,
    as JSON lines: the same rows and seed give the same sample. Returns the number of candidates."""
    random.Random(seed).shuffle(rows)
    with Path(out).open("w", encoding="utf-8") as fh:
        for i, row in enumerate(rows[:n], 1):
            fh.write(json.dumps({"i": i, **row}, ensure_ascii=False) + "\n")
    return len(rows)


def main(argv: list[str]) -> int:
    if len(argv) < 5 or argv[0] not in {"events", "statements"}:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    kind, out, n, seed, paths = argv[0], argv[1], int(argv[2]), int(argv[3]), argv[4:]
    total = write_sample(sorted(candidates(kind, paths), key=lambda r: (r["doc"], int(r["id"][1:]))), out, n, seed)
    print(f"{total} {kind}; wrote {min(n, total)} to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
