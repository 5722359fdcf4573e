"""The events scorer on a hand-made 3-record PLOVER file: reader mappings and every metric by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.eval.events import GoldEvent, PredEvent, choose, read_plover, score

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "comment": "documentation only"},
    {"id": "R1", "event": "FIGHT", "text": "Israeli troops fought Palestinian gunmen.",
     "source": [{"actorText": "Israeli troops", "code": "ISR"}],
     "target": [{"actorText": "Palestinian gunmen", "code": "PSE"}]},
    {"id": "R2", "event": "DEMAND", "text": "Washington demanded that Iraq open its sites.",
     "source": [{"actorText": "Washington", "code": "USA"}, {"actorText": "a rights group", "code": "NGO"}],
     "target": [{"actorText": "Iraq", "code": "IRQ"}]},
    {"id": "R3", "event": "AGREE", "text": "Hungary and Romania agreed to cooperate.",
     "source": [{"actorText": "Hungary", "code": "HUN"}, {"actorText": "Romania", "code": "ROU"}],
     "target": ""},
]


@pytest.fixture
def gsr(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.txt"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    return path


def test_eval_events_reader_maps_old_types_and_codes(gsr: Path) -> None:
    gold = read_plover(gsr)
    assert [g.id for g in gold] == ["R1", "R2", "R3"]  # DOCUMENT skipped
    assert [g.type for g in gold] == ["ASSAULT", "REQUEST", "AGREE"]
    assert gold[1].source_codes == ("USA",)  # NGO names no country
    assert gold[2].target_codes == ()  # "" means no target
    assert read_plover(gsr, limit=1)[0].id == "R1"


def test_eval_events_reader_investigate_mode_and_cameo_codes(tmp_path: Path) -> None:
    rec = {"id": "X", "event": "INVESTIGATE", "text": "Japan probed Italy.",
           "source": [{"code": "JAP"}], "target": [{"code": "ITL"}]}
    (tmp_path / "x.json").write_text(json.dumps([rec]), encoding="utf-8")
    (tmp_path / "readme.txt").write_text("not json", encoding="utf-8")  # a folder's other files are skipped
    gold = read_plover(tmp_path)
    assert gold == [GoldEvent("X", "Japan probed Italy.", "ACCUSE", "investigate", ("JPN",), ("ITA",))]


def test_eval_events_reader_rejects_unknown_type(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps([{"id": "B", "event": "PARTY", "text": "x"}]), encoding="utf-8")
    with pytest.raises(InputError):
        read_plover(tmp_path / "bad.json")


def test_eval_events_choose_first_trigger() -> None:
    late, early = PredEvent("ASSAULT", 20, (), ()), PredEvent("ACCUSE", 3, (), ())
    assert choose([late, early]) is early
    assert choose([]) is None


def test_eval_events_score_hand_computed(gsr: Path) -> None:
    gold = read_plover(gsr)
    preds = [
        [PredEvent("REJECT", 30, ("PSE",), ()), PredEvent("ASSAULT", 5, ("ISR",), ("PSE",))],  # right type
        [],  # nothing found: label "none"
        [PredEvent("AGREE", 40, ("HUN", None), ()), PredEvent("REQUEST", 3, ("ROU",), ("HUN",))],  # first wins
    ]
    m = score(gold, preds)
    assert m["records"] == 3
    assert m["type_accuracy"] == 0.333
    assert m["type_in_any_event"] == 0.667  # R1 and R3
    assert m["no_event"] == 1
    assert m["micro"] == {"p": 0.5, "r": 0.333, "f1": 0.4, "tp": 1, "system": 2, "gold": 3}
    assert m["per_type_f1"]["ASSAULT"] == 1.0
    assert (m["per_type_p"]["REQUEST"], m["per_type_r"]["REQUEST"], m["per_type_gold"]["REQUEST"]) == (0.0, 0.0, 1)
    assert m["per_type_f1"]["AGREE"] == 0.0
    assert m["macro_f1"] == pytest.approx(1 / 16, abs=1e-3)  # one type of sixteen perfect
    # sources: R1 ISR ✓, R2 no event ✗, R3 ROU ✓; targets: R1 PSE ✓, R2 ✗, R3 has none
    assert m["source_country"] == {"accuracy": 0.667, "n": 3, "accuracy_with_event": 1.0, "n_with_event": 2}
    assert m["target_country"] == {"accuracy": 0.5, "n": 2, "accuracy_with_event": 1.0, "n_with_event": 1}


def test_eval_events_score_reciprocal_parties_are_targets() -> None:
    gold = [GoldEvent("G", "USA and JOR agreed.", "AGREE", None, ("USA",), ("JOR",))]
    m = score(gold, [[PredEvent("AGREE", 0, ("USA", "JOR"), ())]])
    assert m["target_country"]["accuracy"] == 1.0
    alone = score(gold, [[PredEvent("AGREE", 0, ("JOR",), ())]])  # one party is no reciprocal event
    assert alone["target_country"]["accuracy"] == 0.0
    assert alone["source_country"]["accuracy"] == 0.0
