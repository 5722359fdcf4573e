"""Story clustering: stems and terms, the pair score, the never-merge rules and the clusterer."""

from __future__ import annotations

import pytest

from eventwire.lexicon import read_table
from eventwire.stories.cluster import Clusterer, MemoryIdf, MemoryIndex, cluster_all, story_id
from eventwire.stories.mention import Mention, Place, from_record, source_of
from eventwire.stories.score import FEATURES, Weights, block_keys, never_merge, pair_score, window
from eventwire.stories.text import head, stem, terms

KYIV = Place("Kyiv", "UKR", 50.45, 30.52)
LVIV = Place("Lviv", "UKR", 49.84, 24.03)


def _m(key: str, doc: str | None = None, **kw: object) -> Mention:
    base: dict[str, object] = dict(
        doc=doc or key, event="E1", source="Wire", published="2025-03-04", type="ASSAULT",
        date_start="2025-03-03", date_end="2025-03-03", precision="day", place=KYIV,
        actors=frozenset({"russia"}), recipients=frozenset({"ukraine"}), countries=frozenset({"RUS", "UKR"}),
        lemma="shell", terms=terms("Russian forces shelled a power plant in Kyiv, cutting heat to thousands."))
    base.update(kw)
    return Mention(key=key, **base)  # type: ignore[arg-type]


@pytest.mark.parametrize("example", read_table("stories/stopwords.txt").examples, ids=lambda e: e.text[:40])
def test_stopword_examples_give_these_terms(example) -> None:
    sentence, expected = example.fields
    assert terms(sentence) == frozenset(expected.split())


def test_stem_joins_inflections() -> None:
    assert {stem(w) for w in ("attacks", "attacked", "attacking", "attack")} == {"attack"}
    assert stem("agreed") == stem("agree")
    assert stem("hostages") == stem("hostage")
    assert head("carry out attack") == "attack"
    assert head(None) is None


def test_source_is_outlet_then_host_then_unknown() -> None:
    assert source_of({"source": "The Wire"}) == "The Wire"
    assert source_of({"url": "https://www.example.org/a/b"}) == "example.org"
    assert source_of({}) == "unknown"


def test_two_reports_of_one_shelling_score_high_and_a_different_event_low() -> None:
    idf = MemoryIdf()
    a = _m("a#E1", "a")
    b = _m("b#E1", "b", source="Daily",
           terms=terms("A Russian strike on a Kyiv power plant left thousands without heat."))
    other = _m("c#E1", "c", date_start="2025-03-20", date_end="2025-03-20", place=LVIV, lemma="bomb",
               terms=terms("A bomb exploded at a market in Lviv."))
    for m in (a, b, other):
        idf.add(m)
    assert pair_score(a, b, idf) > 0.5
    assert pair_score(a, other, idf) < 0.5


def test_one_document_with_two_dates_or_two_places_never_merges() -> None:
    a = _m("d#E1", "d")
    assert never_merge(a, _m("d#E2", "d", date_start="2025-03-05", date_end="2025-03-05"))
    assert never_merge(a, _m("d#E3", "d", place=Place("Kharkiv", "UKR", 49.99, 36.23, "city")))
    assert not never_merge(a, _m("d#E4", "d"))
    assert not never_merge(a, _m("d#E5", "d", place=Place("Ukraine", "UKR", 49.0, 32.0, "country")))
    assert not never_merge(a, _m("e#E1", "e", place=LVIV))


def test_window_pads_day_dates_and_looks_back_from_publication() -> None:
    assert window(_m("a")) == ("2025-03-02", "2025-03-04")
    undated = _m("b", date_start=None, date_end=None, precision=None, published="2025-03-10")
    assert window(undated) == ("2025-03-07", "2025-03-10")
    assert window(_m("c", date_start=None, date_end=None, precision=None, published=None)) is None


def test_block_keys_name_participants_countries_trigger_and_place() -> None:
    assert block_keys(_m("a")) == {"a:russia", "a:ukraine", "c:RUS", "c:UKR", "l:shell", "p:kyiv",
                                   "d:4:2025-03-03"}


def test_cluster_all_groups_reports_and_keeps_other_events_apart() -> None:
    one = [_m(f"r{i}#E1", f"r{i}", source=s) for i, s in enumerate(("Wire", "Daily", "Post"))]
    far = _m("x#E1", "x", date_start="2025-05-01", date_end="2025-05-01", published="2025-05-02")
    out = cluster_all([*one, far])
    assert len({out[m.key] for m in one}) == 1
    assert out[far.key] != out[one[0].key]
    assert out[one[0].key] == story_id(one[0])


def test_a_bridging_report_merges_two_clusters_and_the_older_id_survives() -> None:
    # Only sentence similarity counts here: the two first reports share no term, the third shares both.
    weights = Weights(bias=-1.5, threshold=0.5, weights=tuple(5.0 if f == "terms" else 0.0 for f in FEATURES))
    index = MemoryIndex()
    clusterer = Clusterer(index, lambda term: 1.0, weights)
    first = _m("a#E1", "a", terms=frozenset({"drone", "grid"}))
    second = _m("b#E1", "b", terms=frozenset({"artillery", "plant"}))
    bridge = _m("c#E1", "c", terms=frozenset({"drone", "grid", "artillery", "plant"}))
    ids = [clusterer.add(m).cluster for m in (first, second)]
    assert ids[0] != ids[1]
    decision = clusterer.add(bridge)
    assert decision.merged == (ids[1],)
    assert decision.cluster == ids[0]
    assert index.merged_into == {ids[1]: ids[0]}
    assert set(index.assignments().values()) == {ids[0]}


def test_evict_before_drops_closed_clusters_only() -> None:
    index = MemoryIndex()
    clusterer = Clusterer(index, MemoryIdf())
    old = clusterer.add(_m("a#E1", "a")).cluster
    new = clusterer.add(_m("b#E1", "b", date_start="2025-04-01", date_end="2025-04-01", published="2025-04-01")).cluster
    gone = index.evict_before("2025-03-20")
    assert [c.id for c in gone] == [old]
    assert set(index.clusters) == {new}
    assert "c:RUS" in index.by_key and index.by_key["c:RUS"] == {new}


def test_mentions_from_a_record() -> None:
    text = "Russian forces shelled Kyiv on Monday."
    rec = {"document": {"id": "doc1", "text": text, "published": "2025-03-04T10:00:00Z", "source": "Wire"},
           "actors": [{"id": "A1", "name": "Russia", "country": "RUS"}],
           "places": [{"id": "P1", "name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52}],
           "times": [{"id": "T1", "precision": "day", "value": "2025-03-03"}],
           "events": [{"id": "E1", "type": "ASSAULT", "actors": ["A1"], "recipients": [], "time": "T1",
                       "date": "2025-03-03", "place": "P1", "trigger": {"text": "shelled", "span": [15, 22]},
                       "sentence": [0, len(text)], "status": "reported"}]}
    (m,) = from_record(rec)
    assert (m.key, m.published, m.date_start, m.precision, m.lemma) == ("doc1#E1", "2025-03-04", "2025-03-03", "day",
                                                                        "shell")
    assert m.actors == {"russia"} and m.countries == {"RUS", "UKR"}
    assert Mention.from_json(m.to_json()) == m


@pytest.mark.parametrize("example", read_table("stories/forms.tsv").examples, ids=lambda e: e.text)
def test_forms_examples_have_one_base(example) -> None:
    from eventwire.stories.text import base

    word, root = example.fields
    assert base(word) == base(root)


def test_irregular_and_derived_forms_meet_in_the_base_but_not_in_the_stem() -> None:
    from eventwire.stories.text import base, head_base

    assert len({base(w) for w in ("died", "dies", "dying", "death", "die")}) == 1
    assert base("murdered") == base("murders") == base("murder")
    assert base("stopped") == base("stop") and base("playoffs") == base("playoff")
    assert head_base("was shot") == head_base("shooting") == "shoot"
    assert stem("struck") != stem("strikes")  # the store's stem is unchanged (docs/accuracy.md)


def test_mentions_of_two_document_groups_never_merge_and_one_group_is_a_block_key() -> None:
    a, b = _m("a", group="g1"), _m("b", group="g2")
    assert never_merge(a, b) and pair_score(a, b, lambda t: 1.0) == 0.0
    assert "g:g1" in block_keys(a)
    assert not never_merge(a, _m("c", group="g1")) and not never_merge(a, _m("d"))


def test_group_features_are_zero_without_groups_so_the_store_scores_as_before() -> None:
    from eventwire.stories.score import GROUP_FEATURES, features

    idf = lambda t: 1.0  # noqa: E731
    plain = features(_m("a"), _m("b"), idf)
    grouped = features(_m("a", group="g"), _m("b", group="g"), idf)
    where = [FEATURES.index(f) for f in GROUP_FEATURES]
    assert all(plain[i] == 0.0 for i in where)
    assert grouped[FEATURES.index("group_same")] == 1.0 and grouped[FEATURES.index("group_lemma")] == 1.0
    assert plain[: where[0]] == grouped[: where[0]]


def test_document_groups_join_reports_of_one_story_and_keep_another_apart() -> None:
    from eventwire.stories.documents import document_groups

    texts = {
        "d1": "A strong earthquake struck the coastal province of Marenta, collapsing houses and a bridge.",
        "d2": "Rescuers in Marenta searched collapsed houses after the earthquake destroyed a bridge.",
        "d3": "The central bank raised interest rates again to curb inflation, the governor announced.",
    }
    groups = document_groups(texts, threshold=0.1)
    assert groups["d1"] == groups["d2"] == "d1" and groups["d3"] == "d3"
    assert document_groups({}) == {}
