"""The event vocabulary, read once from ``resources/en/events/``: triggers (with their type, mode and
frame), the argument words that set a mode, and the sentence words that add a context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..lexicon import read_tsv, subset


@cache
def speech_verbs() -> frozenset[str]:
    """Verbs of saying: a trigger they govern is reported speech, not an event (speech_verbs.tsv)."""
    return frozenset(subset("speech_verbs.tsv", "speaker"))


@dataclass(frozen=True, slots=True)
class TriggerSense:
    type: str
    mode: str | None
    reciprocal: bool




@cache
def triggers() -> tuple[dict[tuple[str, str], TriggerSense], dict[tuple[str, str, str], TriggerSense]]:
    """(lemma, POS) -> sense, and (first lemma, last lemma, POS) -> sense for phrases: a light verb
    and its object or particle ("slap sanction", "pull out"), or a noun compound ("drone strike").
    The first row of an ambiguous trigger is its default reading."""
    single: dict[tuple[str, str], TriggerSense] = {}
    phrases: dict[tuple[str, str, str], TriggerSense] = {}
    for trigger, pos, etype, mode, frame in read_tsv("events/triggers.tsv"):
        sense = TriggerSense(etype, mode or None, frame == "reciprocal")
        words = trigger.lower().split()
        if len(words) == 1:
            single.setdefault((words[0], pos), sense)
            alternates().setdefault((words[0], pos), []).append(sense)
        else:
            phrases.setdefault((words[0], words[-1], pos), sense)
    return single, phrases


@cache
def phrase_middles() -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(first lemma, last lemma, POS) -> the words between them ("call off strike" -> ("off",)): a
    phrase matches only when they stand between its first and last word ("called off a strike", not
    "called a strike")."""
    middles: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for trigger, pos, *_ in read_tsv("events/triggers.tsv"):
        words = trigger.lower().split()
        if len(words) > 1:
            middles.setdefault((words[0], words[-1], pos), tuple(words[1:-1]))
    return middles


@cache
def alternates() -> dict[tuple[str, str], list[TriggerSense]]:
    """Every reading of an ambiguous single-word trigger, default first (filled by _triggers)."""
    return {}


@cache
def mode_cues() -> dict[str, list[tuple[str, str]]]:
    """event type -> [(cue word, mode)], in file order (earlier rows win)."""
    table: dict[str, list[tuple[str, str]]] = {}
    for etype, cue, mode in read_tsv("events/modes.tsv"):
        table.setdefault(etype, []).append((cue.lower(), mode))
    return table


@cache
def context_cues() -> dict[str, str]:
    return {cue.lower(): ctx for cue, ctx in read_tsv("events/contexts.tsv")}

