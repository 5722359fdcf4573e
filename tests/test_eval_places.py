"""Geoparsing readers (LGL-like 0-based, GeoVirus-like 1-based) and the places scorer's arithmetic (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.eval import places
from eventwire.eval.places import (
    MAX_KM,
    Predictions,
    Toponym,
    auc,
    distance_metrics,
    km,
    read_path,
    score_end_to_end,
    score_resolution,
)

TEXT = "Floods hit Alexandria, Louisiana and Paris on Monday; Main Street closed."
LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="42">
    <title>t</title>
    <dltime>2009-03-20 12:24:52.002364-05</dltime>
    <text><![CDATA[{TEXT}]]></text>
    <toponyms count="3">
      <toponym><start>11</start><end>21</end><phrase>Alexandria</phrase>
        <gaztag geonameid="4314550"><name>Alexandria</name><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
      <toponym><start>23</start><end>32</end><phrase>Louisiana</phrase>
        <gaztag geonameid="4331987"><name>Louisiana</name><lat>31.0</lat><lon>-92.0</lon></gaztag></toponym>
      <toponym><start>54</start><end>65</end><phrase>Main Street</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""
GV_TEXT = "Cases rose in Pandi, Bulacan."
GEOVIRUS = f"""<articles>
  <article>
    <source>https://example.org/a</source>
    <text>{GV_TEXT}</text>
    <locations>
      <location>
        <location><name>Pandi</name><start>15</start><end>20</end><lat>14.87</lat><lon>120.95</lon></location>
        <name>Bulacan</name><start>22</start><end>29</end><lat>15</lat><lon>121.08</lon>
      </location>
    </locations>
  </article>
</articles>
"""


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_eval_places_lgl_reader_offsets_and_coordinates(tmp_path: Path) -> None:
    [art] = read_path(_write(tmp_path, "lgl.xml", LGL))
    assert art.id == "42" and art.published == "2009-03-20" and art.text == TEXT
    assert [art.text[t.start:t.end] for t in art.toponyms] == ["Alexandria", "Louisiana", "Main Street"]
    assert [t.located for t in art.toponyms] == [True, True, False]
    assert art.toponyms[0].geonameid == 4314550 and art.toponyms[0].lat == pytest.approx(31.3113)


def test_eval_places_geovirus_reader_shifts_one_based_offsets(tmp_path: Path) -> None:
    [art] = read_path(_write(tmp_path, "gv.xml", GEOVIRUS))
    assert [(art.text[t.start:t.end], t.name) for t in art.toponyms] == [("Bulacan", "Bulacan"), ("Pandi", "Pandi")]
    assert all(t.located and t.geonameid is None for t in art.toponyms)


def test_eval_places_reader_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_path(_write(tmp_path, "x.xml", "<articles><article><text>x</text></article></articles>"))


def test_eval_places_distance_and_auc_arithmetic() -> None:
    assert km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    assert auc([0.0]) == 0.0
    assert auc([0.0, MAX_KM]) == pytest.approx(0.5, abs=1e-5)  # a straight line from 0 to ln(20040)/ln(20039) ≈ 1
    assert distance_metrics([0.0, 100.0, 200.0, MAX_KM]) == {
        "acc_161km": 0.5, "median_km": 150.0, "auc": round(auc([0.0, 100.0, 200.0, MAX_KM]), 3), "n": 4}


def test_eval_places_end_to_end_hand_counted_case(tmp_path: Path) -> None:
    [art] = read_path(_write(tmp_path, "lgl.xml", LGL))
    ours = [Toponym(11, 21, "Alexandria", 31.3113, -92.4451),  # exact place: error 0
            Toponym(54, 58, "Main", 0.0, 0.0),  # overlaps the gold toponym without coordinates
            Toponym(37, 42, "Paris", 48.85, 2.35)]  # not in the gold: spurious
    m = score_end_to_end([art], [ours])
    assert m["toponyms"] == {"p": 0.667, "r": 0.667, "f1": 0.667, "tp": 2, "system": 3, "gold": 3}
    # distances only over matched gold toponyms with coordinates (Alexandria); Louisiana was missed
    assert m["e2e"] == {"acc_161km": 1.0, "median_km": 0.0, "auc": 0.0, "n": 1, "not_found": 0.5}


def test_eval_places_resolution_counts_unresolved_as_wrong(tmp_path: Path) -> None:
    [art] = read_path(_write(tmp_path, "lgl.xml", LGL))
    picks = {"Alexandria": Toponym(0, 0, "Alexandria", 31.2, 29.9, 361058),  # Alexandria, Egypt: ~10,800 km off
             "Louisiana": None, "Main Street": Toponym(0, 0, "Main Street", 1.0, 1.0)}
    m = score_resolution([art], [picks])
    assert m["n"] == 2 and m["acc_161km"] == 0.0  # Main Street has no gold coordinates
    assert m["median_km"] == pytest.approx((km(31.3113, -92.4451, 31.2, 29.9) + MAX_KM) / 2, abs=0.1)
    assert m["geonameid_acc"] == 0.0 and m["geonameid_missing"] == 0.0
    picks["Alexandria"] = Toponym(0, 0, "Alexandria", 31.3113, -92.4451, 4314550)
    picks["Louisiana"] = Toponym(0, 0, "Louisiana", 31.0, -92.0)  # right place, but our entry has no id
    m = score_resolution([art], [picks])
    assert m["geonameid_acc"] == 0.5 and m["geonameid_missing"] == 0.5 and m["acc_161km"] == 1.0


def test_eval_places_run_reports_both_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "lgl.xml", LGL)
    calls: list[list[str]] = []

    def fake_predict(articles: list[places.GeoArticle]) -> Predictions:
        gold = [list(a.toponyms) for a in articles]
        return Predictions(places=gold, states=gold, contexts=[["USA"]])

    def fake_resolve(names: list[str], *, context_countries: list[str] = ()) -> dict[str, None]:
        calls.append(list(context_countries))
        return dict.fromkeys(names)

    monkeypatch.setattr(places, "predict", fake_predict)
    monkeypatch.setattr("eventwire.places.resolve_places", fake_resolve)
    result = places.run(path, None)
    assert result.metrics["toponyms"]["f1"] == 1.0 and result.metrics["e2e"]["acc_161km"] == 1.0
    assert result.metrics["resolution"]["acc_161km"] == 0.0  # nothing resolved: every toponym wrong
    assert calls == [["USA"], []]  # with our countries as context, then without
    assert "3 toponyms (2 with coordinates)" in result.dataset
    assert any(r.system == "CamCoder" for r in result.references)
