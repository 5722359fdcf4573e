"""``eventwire eval coref``: the scorers on hand-computed examples, the ECB+ reader on an invented file,
the baselines, and the mentions built from a record. Offline: no model is loaded."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from eventwire import eval as evaluation
from eventwire.errors import EventwireError
from eventwire.eval import coref
from eventwire.eval.coref_metrics import b3, ceafe, clusters_of, conll, hungarian, muc
from eventwire.eval.coref_read import read_corpus
from eventwire.stories.mention import Mention

# Pradhan et al. (2014), figure 1: key {a b c} {d e f g}; response {a b} {c d} {f g h i}.
KEY = clusters_of({"a": "1", "b": "1", "c": "1", "d": "2", "e": "2", "f": "2", "g": "2"})
RESPONSE = clusters_of({"a": "1", "b": "1", "c": "2", "d": "2", "f": "3", "g": "3", "h": "3", "i": "3"})


def test_muc_b3_ceafe_match_the_published_worked_example() -> None:
    assert muc(KEY, RESPONSE)["r"] == pytest.approx(0.4) and muc(KEY, RESPONSE)["p"] == pytest.approx(0.4)
    assert b3(KEY, RESPONSE)["r"] == pytest.approx(35 / 84) and b3(KEY, RESPONSE)["p"] == pytest.approx(0.5)
    assert ceafe(KEY, RESPONSE)["r"] == pytest.approx(0.65) and ceafe(KEY, RESPONSE)["p"] == pytest.approx(1.3 / 3)


def test_a_perfect_response_scores_one_and_singletons_count_for_b3_and_ceafe() -> None:
    key = {"a": "1", "b": "1", "c": "2"}
    scores = conll(key, {"a": "x", "b": "x", "c": "y"})
    assert scores["conll_f1"] == pytest.approx(1.0)
    apart = conll(key, {"a": "x", "b": "y", "c": "z"})
    assert apart["muc"]["f1"] == 0.0 and apart["b3"]["p"] == pytest.approx(1.0)  # type: ignore[index]
    # φ4({a b}, {a}) = 2/3 and φ4({c}, {c}) = 1: R = (5/3) / 2 key clusters, P = (5/3) / 3 response clusters.
    assert apart["ceafe"]["r"] == pytest.approx(5 / 6) and apart["ceafe"]["p"] == pytest.approx(5 / 9)  # type: ignore[index]


def test_hungarian_finds_the_best_assignment_of_any_shape() -> None:
    rng = random.Random(7)
    for _ in range(100):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        w = [[rng.random() for _ in range(m)] for _ in range(n)]
        if n <= m:
            best = max(sum(w[i][p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
        else:
            best = max(sum(w[p[j]][j] for j in range(m)) for p in itertools.permutations(range(n), m))
        assert hungarian(w) == pytest.approx(best)


def _doc(name: str, sentences: list[list[str]], marks: str, relations: str) -> str:
    toks, t = [], 0
    for s, words in enumerate(sentences):
        for n, word in enumerate(words):
            t += 1
            toks.append(f'<token t_id="{t}" sentence="{s}" number="{n}">{word}</token>')
    return (f'<Document doc_name="{name}" doc_id="D">{"".join(toks)}<Markables>{marks}</Markables>'
            f"<Relations>{relations}</Relations></Document>")


@pytest.fixture()
def ecb(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "7").mkdir(parents=True)
    a = _doc("7_1ecb.xml", [["Floods", "hit", "Riverton", "."], ["Rescuers", "saved", "ten", "people", "."]],
             '<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>'
             '<LOC_GEO m_id="2"><token_anchor t_id="3"/></LOC_GEO>'
             '<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="6"/></ACTION_OCCURRENCE>'
             '<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t7_flood" instance_id="ACT1"/>',
             '<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>')
    b = _doc("7_2ecbplus.xml", [["The", "flood", "hit", "Riverton", ",", "officials", "said", "."]],
             '<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="3"/></ACTION_OCCURRENCE>'
             '<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="7"/></ACTION_OCCURRENCE>'
             '<ACTION_OCCURRENCE m_id="9" TAG_DESCRIPTOR="t7_flood" instance_id="ACT1"/>',
             '<CROSS_DOC_COREF r_id="2" note="ACT1"><source m_id="4"/><target m_id="9"/></CROSS_DOC_COREF>')
    (tmp_path / "docs" / "7" / "7_1ecb.xml").write_text(a, encoding="utf-8")
    (tmp_path / "docs" / "7" / "7_2ecbplus.xml").write_text(b, encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n7,1ecb,0\n7,2ecbplus,0\n", encoding="utf-8")
    return tmp_path


def test_reader_rebuilds_text_keeps_validated_sentences_and_links_instances(ecb: Path) -> None:
    docs = read_corpus(ecb)
    assert [d.id for d in docs] == ["7_1ecb", "7_2ecbplus"]
    first, second = docs
    assert first.text == "Floods hit Riverton.\nRescuers saved ten people."
    assert [(m.text, m.cluster) for m in first.mentions] == [("hit", "ACT1")]  # "saved": sentence 1 not validated
    assert first.text[first.mentions[0].start:first.mentions[0].end] == "hit"
    assert first.components["place"] == [(11, 19, 0)]
    assert [(m.text, m.cluster) for m in second.mentions] == [("hit", "ACT1"), ("said", "7_2ecbplus#5")]
    assert read_corpus(ecb, {"8"}) == []


def test_mentions_take_the_overlapping_event_and_the_sentence_participants(ecb: Path) -> None:
    doc = read_corpus(ecb)[0]
    record = {"document": {"id": doc.id, "text": doc.text},
              "actors": [{"id": "A1", "name": "Riverton", "mentions": [[11, 19]]}],
              "places": [], "times": [],
              "events": [{"id": "E1", "type": "ASSAULT", "mode": None, "actors": [], "recipients": [],
                          "trigger": {"text": "hit", "span": [7, 10]}, "sentence": [0, 20]}]}
    (m,) = coref.mentions_of(doc, record, group="g1", sources=frozenset({"event", "participants"}))
    assert (m.key, m.type, m.lemma, m.group, m.actors) == ("7_1ecb#1", "ASSAULT", "hit", "g1", frozenset({"riverton"}))
    (bare,) = coref.mentions_of(doc, record, sources=frozenset())
    assert bare.type is None and bare.actors == frozenset() and "flood" in bare.terms


def test_baselines_lemma_and_one_a_day() -> None:
    ms = [Mention("a", "d1", "1", lemma="hit", type="ASSAULT", actors=frozenset({"x"})),
          Mention("b", "d2", "2", lemma="hit", type="ASSAULT", actors=frozenset({"x"})),
          Mention("c", "d2", "3", lemma="say")]
    assert coref.lemma_baseline(ms) == {"a": "l:hit", "b": "l:hit", "c": "l:say"}
    day = coref.one_a_day(ms)
    assert day["a"] == day["b"] and day["c"] == "c"


def test_topics_option_parses_and_other_tasks_refuse_it(ecb: Path) -> None:
    assert coref.parse_topics("2, 5,12") == {"2", "5", "12"} and coref.parse_topics("") is None
    with pytest.raises(EventwireError, match="coref task only"):
        evaluation.run("times", ecb, topics="2")
    with pytest.raises(EventwireError, match="no ECB"):
        evaluation.run("coref", ecb, topics="99")


def test_result_carries_baselines_in_its_json() -> None:
    result = evaluation.EvalResult("coref", "x", {"conll_f1": 0.7}, baselines={"lemma": {"conll_f1": 0.6}})
    assert result.to_dict()["baselines"]["lemma"]["conll_f1"] == 0.6
    assert "baselines" not in evaluation.EvalResult("times", "x", {}).to_dict()


def test_cli_json_carries_the_metrics_and_baselines_the_issue_names(ecb: Path) -> None:
    import json

    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["eval", "coref", str(ecb), "--topics", "7", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"muc", "b3", "ceafe", "conll_f1"} <= set(data["metrics"])
    assert set(data["metrics"]["muc"]) == {"p", "r", "f1"}
    assert "conll_f1" in data["baselines"]["lemma"] and "conll_f1" in data["baselines"]["one_a_day"]
    assert "topics 7: 2 texts, 3 gold event mentions" in data["dataset"]
    # "hit" twice in one predicted story, "said" alone: the gold clusters exactly.
    assert data["metrics"]["conll_f1"] == 1.0
