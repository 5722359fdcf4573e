"""The entities scorer on a hand-made CoNLL file: IOB1 reading, the actor/place mapping, the arithmetic."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from eventwire.eval.entities import NerDoc, predictions, read_conll, score

CONLL = """-DOCSTART- -X- O O

Jane NNP I-NP I-PER
Roe NNP I-NP I-PER
met VBD I-VP O
John NNP I-NP I-PER
Doe NNP I-NP B-PER
in IN I-PP O
Paris NNP I-NP I-LOC
. . O O

Reuters NNP I-NP I-ORG
reported VBD I-VP O
German JJ I-NP I-MISC
talks NNS I-NP O

-DOCSTART- -X- O O

Oslo NNP I-NP I-LOC
"""


def test_eval_entities_reader_iob1(tmp_path: Path) -> None:
    (tmp_path / "eng.testa").write_text(CONLL, encoding="utf-8")
    docs = read_conll(tmp_path / "eng.testa")
    assert len(docs) == 2
    doc = docs[0]
    assert doc.text == "Jane Roe met John Doe in Paris .\nReuters reported German talks"
    spans = [(doc.text[s:e], lab) for s, e, lab in doc.entities]
    # B-PER splits two adjacent persons; MISC is dropped
    assert spans == [("Jane Roe", "PER"), ("John", "PER"), ("Doe", "PER"), ("Paris", "LOC"), ("Reuters", "ORG")]
    assert read_conll(tmp_path, limit=1) == docs[:1]


def test_eval_entities_predictions_map_kinds_and_skip_pronouns() -> None:
    text = "Jane Roe said Russia and the ministry met in Paris. She left."
    rec = SimpleNamespace(
        document=SimpleNamespace(text=text),
        actors=[SimpleNamespace(kind="person", mentions=[(0, 8), (52, 55)]),
                SimpleNamespace(kind="country", mentions=[(14, 20)]),
                SimpleNamespace(kind="organization", mentions=[(25, 37)])],
        places=[SimpleNamespace(mentions=[(44, 49), (14, 20)])],
    )
    assert predictions(rec) == [(0, 8, "PER"), (14, 20, "LOC"), (44, 49, "LOC")]


def test_eval_entities_score_hand_computed() -> None:
    doc = NerDoc("Jane Roe met John Doe in Paris", [(0, 8, "PER"), (13, 21, "PER"), (25, 30, "LOC")])
    pred = [(0, 8, "PER"), (13, 17, "PER"), (25, 30, "ORG"), (9, 12, "ORG")]
    m = score([doc], [pred])
    assert m["PER_strict"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "tp": 1, "system": 2, "gold": 2}
    assert m["PER_relaxed"]["f1"] == 1.0
    assert (m["LOC_strict"]["tp"], m["ORG_strict"]["system"], m["ORG_strict"]["gold"]) == (0, 2, 0)
    assert (m["micro_strict"]["p"], m["micro_strict"]["r"], m["micro_strict"]["f1"]) == (0.25, 0.333, 0.286)
    assert m["untyped_strict"]["tp"] == 2  # Paris found, under the wrong label
    assert m["untyped_relaxed"]["tp"] == 3
