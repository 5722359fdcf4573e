"""The statements scorer on a hand-made brat article: reader rules and every metric, computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval.statements import (
    GoldAttribution,
    GoldDoc,
    PredStatement,
    is_direct,
    normalise_content,
    read_brat,
    score,
)

TEXT = "Doe said that “taxes will fall.” “We agree,” Roe added, “it works.” Critics claim the plan fails.\n"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``word`` in TEXT (keeps the hand-made gold readable)."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def t_line(tid: str, label: str, *spans: tuple[int, int]) -> str:
    frags = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {frags}\t{' '.join(TEXT[s:e] for s, e in spans)}"


def gold_doc() -> GoldDoc:
    return GoldDoc("art", TEXT, None, None, [
        GoldAttribution(at("said"), at("Doe"), (at("that “taxes will fall.”"),)),
        GoldAttribution(at("added"), at("Roe"), ((at("“We agree,”")[0], at("“it works.”")[1]),)),
        GoldAttribution(at("claim"), None, (at("the plan fails."),)),
    ])


@pytest.fixture
def brat(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "art.txt").write_text(TEXT, encoding="utf-8")
    gold = [
        t_line("T1", "Source", at("Doe")), t_line("T2", "Cue", at("said")),
        t_line("T3", "Content", at("that “taxes will fall.”")), t_line("T4", "Attribution", at("said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        t_line("T5", "Source", at("Roe")), t_line("T6", "Cue", at("added")),
        t_line("T7", "Content", at("“We agree,”"), at("“it works.”")), t_line("T8", "Attribution", at("added")),
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
        t_line("T9", "Cue", at("claim")), t_line("T10", "Content", at("the plan fails.")),
        t_line("T11", "Attribution-no-source", at("claim")),
        "E3\tAttribution-no-source:T11 Content:T10 Cue:T9",
        t_line("T12", "Discard", at("Critics")),
    ]
    other = [t_line("T1", "Cue", at("Critics")), t_line("T2", "Content", at("plan")),
             "E1\tAttribution-no-source:T1 Content:T2"]
    (tmp_path / "attributions" / "art_4b22.ann").write_text("\n".join(gold) + "\n", encoding="utf-8")
    (tmp_path / "attributions" / "art_9e07.ann").write_text("\n".join(other) + "\n", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("filename\tpublication_date\nart\t2016-09-12\n", encoding="utf-8")
    return tmp_path


def test_eval_statements_reader_takes_lowest_annotator_and_covering_spans(brat: Path) -> None:
    docs = read_brat(brat)
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.name, doc.annotator, doc.published) == ("art", "4b22", "2016-09-12")
    assert doc.attributions == gold_doc().attributions  # discontinuous T7 → its cover, E3 without source


def test_eval_statements_reader_single_ann_file(brat: Path) -> None:
    docs = read_brat(brat / "attributions" / "art_9e07.ann")
    assert docs[0].annotator == "9e07"
    assert docs[0].attributions == [GoldAttribution(None, None, (at("plan"),))]


def test_eval_statements_normalise_strips_that_quotes_and_final_period() -> None:
    assert TEXT[slice(*normalise_content(TEXT, at("that “taxes will fall.”")))] == "taxes will fall"
    assert TEXT[slice(*normalise_content(TEXT, at("the plan fails.")))] == "the plan fails"


def test_eval_statements_direct_means_opening_quote() -> None:
    assert is_direct(TEXT, at("that “taxes will fall.”"))
    assert is_direct(TEXT, at("We agree"))  # marks left outside the span
    assert not is_direct(TEXT, at("the plan fails."))
    mixed = "He said he wanted to “keep it quiet.”"
    assert not is_direct(mixed, (8, len(mixed)))


def test_eval_statements_score_hand_computed() -> None:
    preds = [
        PredStatement(at("taxes will fall"), at("said"), at("Doe"), True),  # exact after normalising
        PredStatement(at("We agree"), at("added"), at("Roe added"), True),  # overlap only; speaker overlaps
        PredStatement(at("the plan"), at("claim"), at("Critics"), False),  # gold has no source here
        PredStatement(at("Critics"), None, None, False),  # spurious
    ]
    m = score([gold_doc()], [preds])
    assert m["cue_exact"] == m["cue_overlap"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 3, "system": 3, "gold": 3}
    assert (m["source_exact"]["tp"], m["source_exact"]["system"], m["source_exact"]["gold"]) == (1, 3, 2)
    assert m["source_exact"]["f1"] == 0.4  # P 1/3, R 1/2
    assert (m["source_overlap"]["p"], m["source_overlap"]["r"], m["source_overlap"]["f1"]) == (0.667, 1.0, 0.8)
    assert (m["content_exact"]["tp"], m["content_exact"]["f1"]) == (1, 0.286)  # P 1/4, R 1/3
    assert (m["content_overlap"]["p"], m["content_overlap"]["r"], m["content_overlap"]["f1"]) == (0.75, 1.0, 0.857)
    assert m["speaker_accuracy"] == {"value": 1.0, "n": 2}  # the sourceless attribution is not counted
    assert m["direct_overlap"]["f1"] == 1.0
    assert (m["indirect_overlap"]["p"], m["indirect_overlap"]["r"], m["indirect_overlap"]["f1"]) == (0.5, 1.0, 0.667)
    assert m["direct_label_accuracy"] == {"value": 1.0, "n": 3}


def test_eval_statements_score_wrong_or_missing_speaker() -> None:
    preds = [PredStatement(at("taxes will fall"), at("said"), None, False),
             PredStatement(at("We agree"), None, at("Critics"), True)]
    m = score([gold_doc()], [preds])
    assert m["speaker_accuracy"] == {"value": 0.0, "n": 2}
    assert m["direct_label_accuracy"] == {"value": 0.5, "n": 2}
    assert m["cue_exact"]["system"] == 1  # a statement without cue adds no cue


def test_eval_statements_score_empty_predictions() -> None:
    m = score([gold_doc()], [[]])
    assert m["content_overlap"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "system": 0, "gold": 3}
    assert m["speaker_accuracy"] == {"value": 0.0, "n": 0}


def test_eval_statements_reader_suffix_belongs_to_article_name(tmp_path: Path) -> None:
    (tmp_path / "news_beef.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "news_beef.ann").write_text(
        t_line("T1", "Cue", at("said")) + "\n" + t_line("T2", "Content", at("taxes will fall")) + "\n"
        "E1\tAttribution-no-source:T1 Cue:T1 Content:T2\n", encoding="utf-8")
    doc = read_brat(tmp_path)[0]
    assert (doc.name, doc.annotator, doc.published) == ("news_beef", None, None)
    assert doc.attributions == [GoldAttribution(at("said"), None, (at("taxes will fall"),))]
