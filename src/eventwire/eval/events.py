"""``eventwire eval events``: PLOVER event type and actor countries against the PLOVER gold standard.

The PLOVER GSR file (Open Event Data Alliance) is a JSON list of short news texts, each coded with
one event, its source and target actors and their CAMEO-style codes. Each record is scored as a
single-label classification: our chosen event's type (or "none") against the gold type. As in the
statements scorer, reading (:func:`read_plover`), choosing (:func:`choose`) and arithmetic
(:func:`score`) take plain data, so they are tested without the model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Eval
from . import EvalResult, Reference, task
from .spans import prf, ratio

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
NONE = "none"
# The GSR predates PLOVER's 16-type list; these are the renamings of CAMEO2PLOVER-2021.txt.
OLD_TYPES = {"DEMAND": ("REQUEST", None), "DISAPPROVE": ("ACCUSE", None),
             "INVESTIGATE": ("ACCUSE", "investigate"), "FIGHT": ("ASSAULT", None)}
# CAMEO country codes that are not ISO 3166 alpha-3 (what eventwire's `country` holds).
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
# Codes that name no country (NGOs, militant and religious groups): left out of country accuracy.
NON_COUNTRY = {"NGO", "IMG", "ISM", "MNC", "UNK"}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    text: str
    type: str  # one of TYPES after the renamings above
    mode: str | None
    source_codes: tuple[str, ...]  # country codes (ISO alpha-3 or IGO) of the gold source actors
    target_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PredEvent:
    """What the scorer needs of one eventwire event: its type, position and parties' countries."""

    type: str
    start: int  # trigger start offset
    actor_countries: tuple[str | None, ...]
    recipient_countries: tuple[str | None, ...]


def _codes(actors: Any) -> tuple[str, ...]:
    """Country codes of a gold ``source``/``target`` list (empty string or null means none)."""
    if not isinstance(actors, list):
        return ()
    out = []
    for a in actors:
        code = str((a or {}).get("code") or "").upper()[:3]
        code = CAMEO_TO_ISO.get(code, code)
        if len(code) == 3 and code not in NON_COUNTRY and code not in out:
            out.append(code)
    return tuple(out)


def read_plover(path: Path, limit: int | None = None) -> list[GoldEvent]:
    """Gold events from a PLOVER GSR JSON list (or every ``*.json``/``*.txt`` list in a folder).

    Documentation records (``DOCUMENT``) and records without text are skipped; older type names are
    mapped to the 16 PLOVER types; a type outside both lists is an error, not a silent skip.
    """
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.suffix in (".json", ".txt"))
    out: list[GoldEvent] = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            if path.is_file():
                raise Eval.NOT_PLOVER_JSON.error(path=f, error=exc) from exc
            continue  # a folder may hold readmes and mapping tables
        if not isinstance(data, list):
            continue
        for rec in data:
            etype = str(rec.get("event") or "").upper()
            if etype == "DOCUMENT" or not rec.get("text"):
                continue
            etype, mode = OLD_TYPES.get(etype, (etype, None))
            if etype not in TYPES:
                raise Eval.UNKNOWN_EVENT_TYPE.error(path=f, id=rec.get("id"), type=rec.get("event"))
            out.append(GoldEvent(str(rec.get("id") or len(out)), rec["text"], etype, rec.get("mode") or mode,
                                 _codes(rec.get("source")), _codes(rec.get("target"))))
            if limit is not None and len(out) >= limit:
                return out
    if not out:
        raise Eval.NO_PLOVER_RECORDS.error(path=path)
    return out


def choose(events: Sequence[PredEvent]) -> PredEvent | None:
    """The event that stands for the record: the one whose trigger comes first.

    Gold records code the text's lead event, which in news style opens the sentence ("X attacked Y
    on Monday, killing …, officials said"); later triggers are mostly consequences, reasons or
    reported background. The choice never looks at the gold, so it is a fair prediction.
    """
    return min(events, key=lambda e: e.start, default=None)


def _targets(event: PredEvent) -> tuple[str | None, ...]:
    """Recipients; for a reciprocal event (no recipients, several actors) every party, because
    PLOVER codes reciprocal events with the other party as target (GSR ``SRC/TAR``)."""
    if event.recipient_countries:
        return event.recipient_countries
    return event.actor_countries if len(event.actor_countries) > 1 else ()


def score(gold: Sequence[GoldEvent], preds: Sequence[Sequence[PredEvent]]) -> dict[str, Any]:
    """Type accuracy, per-type and macro F1, and source/target country accuracy.

    Each record is one classification: predicted label = the chosen event's type, else "none"
    (always a miss). Macro F1 averages the 16 types' F1. Country accuracy counts the records whose
    gold side has a country code: right when any gold code is among our chosen event's actors' (or
    recipients') countries; a record without a prediction is wrong.
    """
    labels: list[str] = []
    any_hit = 0
    country = {"source": [0, 0, 0, 0], "target": [0, 0, 0, 0]}  # ok, n, ok given an event, n given an event
    for g, events in zip(gold, preds, strict=True):
        best = choose(events)
        labels.append(best.type if best else NONE)
        any_hit += any(e.type == g.type for e in events)
        for side, codes in (("source", g.source_codes), ("target", g.target_codes)):
            if not codes:
                continue
            c = country[side]
            c[1] += 1
            if best is None:
                continue
            ours = best.actor_countries if side == "source" else _targets(best)
            ok = any(code in ours for code in codes)
            c[0] += ok
            c[2] += ok
            c[3] += 1
    n = len(gold)
    correct = sum(lab == g.type for lab, g in zip(labels, gold, strict=True))
    per_type = {t: prf(sum(lab == t == g.type for lab, g in zip(labels, gold, strict=True)),
                       labels.count(t), sum(g.type == t for g in gold)) for t in TYPES}
    predicted = sum(lab != NONE for lab in labels)
    metrics: dict[str, Any] = {
        "records": n,
        "type_accuracy": ratio(correct, n),
        "macro_f1": ratio(sum(float(v["f1"]) for v in per_type.values()), len(TYPES)),
        "micro": prf(correct, predicted, n),
        "no_event": labels.count(NONE),
        "type_in_any_event": ratio(any_hit, n),
    }
    for side, (right, total, ok_ev, total_ev) in country.items():
        metrics[f"{side}_country"] = {"accuracy": ratio(right, total), "n": total,
                                      "accuracy_with_event": ratio(ok_ev, total_ev),
                                      "n_with_event": total_ev}
    for key in ("f1", "p", "r", "gold"):
        metrics[f"per_type_{key}"] = {t: v[key] for t, v in per_type.items()}
    return metrics


def predictions(rec: Any) -> list[PredEvent]:
    """The scorer's view of one ``Record``: events with their parties' countries looked up."""
    countries = {a.id: a.country for a in rec.actors}
    return [PredEvent(e.type, e.trigger.span[0], tuple(countries.get(a) for a in e.actors),
                      tuple(countries.get(a) for a in e.recipients)) for e in rec.events]


REFERENCES = [
    Reference("NGEC (2025)", "event-type macro F1 (16 types)", 0.52, "NGEC's own VOA stories"),
    Reference("NGEC (2025)", "ASSAULT F1", 0.75, "NGEC's own VOA stories"),
]


@task("events")
def run(path: Path, limit: int | None) -> EvalResult:
    """Run eventwire on each gold text (no publication date, ``clean=False``) and score the events."""
    from .. import extract_many
    from ..pipeline import Failure

    gold = read_plover(path, limit)
    preds: list[list[PredEvent]] = []
    failed = not_english = 0
    for rec in extract_many(({"id": g.id, "text": g.text} for g in gold), clean=False):
        if isinstance(rec, Failure):
            failed += 1
            preds.append([])
            continue
        not_english += rec.document.language != "en"
        preds.append(predictions(rec))
    notes = [
        "Gold types: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT (CAMEO2PLOVER-2021).",
        "Predicted type: the type of our event whose trigger comes first in the text; 'none' when we find no "
        "event (a miss). type_in_any_event: share of records where any of our events has the gold type "
        "(an upper bound for a better choice of event).",
        "Country accuracy: over records whose gold source (target) has a country code (CAMEO JAP/ITL/VTN read "
        "as JPN/ITA/VNM; NGO, IMG, ISM left out; IGO kept): right when a gold code is the country of one of "
        "the chosen event's actors (recipients; for a reciprocal event without recipients, its actors).",
        "References are NGEC on its own VOA benchmark, not this set: shown for scale only.",
    ]
    if failed or not_english:
        notes.append(f"{failed} record(s) failed extraction, {not_english} not detected as English (no events).")
    dataset = f"PLOVER GSR ({path.name}), {len(gold)} records"
    return EvalResult("events", dataset, score(gold, preds), list(REFERENCES), notes)
