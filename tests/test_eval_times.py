"""TimeML reader offsets and the times scorer's arithmetic, on tiny hand-made documents (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.eval import times
from eventwire.eval.times import Timex, read_path, read_timeml, score

DOC1 = """<?xml version="1.0" ?>
<TimeML>
<DOCID>DOC1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-06">Tuesday</TIMEX3> &amp; resume \
in <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT>
</TimeML>
"""
DOC2 = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-02T10:00" functionInDocument="CREATION_TIME">May 2</TIMEX3></DCT>
<TEXT>Prices rose <TIMEX3 tid="t1" type="SET" value="P1D" quant="EVERY">every day</TIMEX3>.\
<TIMEX3 tid="t9" type="DATE" value="2001" beginPoint="t1"/></TEXT>
</TimeML>
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.tml").write_text(DOC1, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.tml").write_text(DOC2, encoding="utf-8")
    return tmp_path


def test_eval_times_reader_offsets_index_the_tag_free_text(folder: Path) -> None:
    doc = read_timeml(folder / "a.tml")
    assert doc.id == "DOC1" and doc.published == "1998-01-08"
    assert doc.text == "\nTalks ended Tuesday & resume in two weeks.\n"  # tags gone, &amp; is one character
    assert [(doc.text[t.start:t.end], t.value, t.type) for t in doc.timexes] == [
        ("Tuesday", "1998-01-06", "DATE"), ("two weeks", "P2W", "DURATION")]


def test_eval_times_reader_reads_folders_recursively_and_skips_empty_timexes(folder: Path) -> None:
    docs = read_path(folder)
    assert [d.id for d in docs] == ["DOC1", "b"]
    doc2 = docs[1]
    assert doc2.published == "2001-05-02"  # the DCT's date part
    assert [(doc2.text[t.start:t.end], t.type) for t in doc2.timexes] == [("every day", "SET")]
    assert len(read_path(folder, limit=1)) == 1


def test_eval_times_reader_rejects_a_file_without_text(tmp_path: Path) -> None:
    (tmp_path / "x.tml").write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(InputError):
        read_path(tmp_path)


def test_eval_times_score_hand_counted_case(folder: Path) -> None:
    # gold: Tuesday(13-20)=1998-01-06, two weeks(33-42)=P2W. Ours: Tuesday exact and right, "weeks"
    # overlapping with a wrong value, and one spurious timex.
    doc = read_timeml(folder / "a.tml")
    ours = [Timex(13, 20, "1998-01-06", "DATE"), Timex(37, 42, "P1W", "DURATION"), Timex(1, 6, "PRESENT_REF", "DATE")]
    m = score([doc], [ours])
    assert m["span_strict"] == {"p": 0.333, "r": 0.5, "f1": 0.4, "tp": 1, "system": 3, "gold": 2}
    assert m["span_relaxed"] == {"p": 0.667, "r": 1.0, "f1": 0.8, "tp": 2, "system": 3, "gold": 2}
    assert m["value_accuracy"] == 0.5
    assert m["value_f1"] == {"p": 0.333, "r": 0.5, "f1": 0.4, "tp": 1, "system": 3, "gold": 2}
    assert m["type_accuracy"] == 1.0


def test_eval_times_score_micro_averages_documents(folder: Path) -> None:
    docs = read_path(folder)
    # doc 1 perfect; doc 2 nothing found: 2 of 3 gold, 2 of 2 ours
    ours = [[Timex(t.start, t.end, t.value, t.type) for t in docs[0].timexes], []]
    m = score(docs, ours)
    assert m["value_f1"] == {"p": 1.0, "r": 0.667, "f1": 0.8, "tp": 2, "system": 2, "gold": 3}
    assert m["docs"] == 2


def test_eval_times_run_reports_metrics_and_references(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_predict(docs: list[times.TimeDoc]) -> tuple[list[list[Timex]], int]:
        assert docs[0].published == "1998-01-08"  # the DCT is passed on as the publication date
        return [list(d.timexes) for d in docs], 0

    monkeypatch.setattr(times, "predict", fake_predict)
    result = times.run(folder, None)
    assert result.dataset.endswith("2 docs, 3 TIMEX3")
    assert result.metrics["value_f1"]["f1"] == 1.0
    assert {r.system for r in result.references} >= {"HeidelTime", "SUTime"}
