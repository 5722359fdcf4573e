"""The stage registry: order, requires/assigns checks, replacing and adding stages, version pins."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import eventwire
from eventwire import stages
from eventwire.pipeline import Options, process_batch

HISTORY = Path(__file__).with_name("stage_versions.tsv")


def test_stages_default_pipeline_is_registered_in_order_and_checks():
    resolved = stages.resolve()
    assert [s.name for s in resolved] == list(stages.DEFAULT_STAGES)
    assert [s.short for s in resolved] == ["mentions", "actors", "places", "times", "statements", "events"]
    stages.check(resolved)  # no error


def test_stages_record_names_them_in_pipeline_order():
    rec = eventwire.extract("Officials met in Geneva on Tuesday.", published="2025-12-06")
    assert rec.producer.stages == list(stages.DEFAULT_STAGES)
    assert rec.to_dict()["producer"]["stages"] == list(stages.DEFAULT_STAGES)


def test_stages_check_names_the_stage_and_the_missing_field():
    names = stages.without_stage("eventwire.actors.v3")
    with pytest.raises(stages.PipelineError) as err:
        stages.resolve(names)
    message = str(err.value)
    assert "eventwire.statements.v3" in message and "'actors'" in message
    assert "eventwire.actors.v3" in message  # the hint names the stage that assigns it
    assert err.value.code == "EW-P02"


def test_stages_unknown_name_is_one_clear_error():
    with pytest.raises(stages.PipelineError) as err:
        stages.get("eventwire.nothing.v1")
    assert err.value.code == "EW-P01" and "eventwire.times.v2" in str(err.value)


def test_stages_names_must_be_versioned_and_fields_known():
    with pytest.raises(stages.PipelineError):
        stages.register("unversioned", requires=(), assigns=())
    with pytest.raises(stages.PipelineError):
        stages.register("x.bad.v1", requires=("nonsense",), assigns=())


def test_stages_a_stage_is_added_by_name_without_editing_the_pipeline():
    seen: list[int] = []

    @stages.register("tests.count_events.v1", requires=("events",), assigns=("events",))
    def count_events(story):
        seen.append(len(story.events))
        story.events = story.events[:1]

    names = stages.with_stage("tests.count_events.v1", after="eventwire.events.v3")
    assert names[-1] == "tests.count_events.v1"
    rec = eventwire.extract("Troops fired 12 shells at the town. Officials met in Geneva on Tuesday.",
                            published="2025-12-06", stages=names)
    assert seen and seen[0] >= 2 and len(rec.events) == 1
    assert rec.producer.stages[-1] == "tests.count_events.v1"


def test_stages_a_stage_is_replaced_and_an_early_one_cannot_need_a_late_field():
    @stages.register("tests.no_times.v1", requires=("doc",), assigns=("times",))
    def no_times(story):
        story.times = []

    names = tuple("tests.no_times.v1" if n == "eventwire.times.v2" else n for n in stages.DEFAULT_STAGES)
    rec = eventwire.extract("Officials met in Geneva on Tuesday.", published="2025-12-06", stages=names)
    assert rec.times == [] and rec.places
    with pytest.raises(stages.PipelineError):
        stages.resolve(stages.with_stage("tests.title_events.v1", before="eventwire.mentions.v3"))


def test_stages_options_carry_the_module_of_a_custom_stage_for_spawned_workers():
    @stages.register("tests.noop.v1", requires=("doc",), assigns=())
    def noop(story):
        pass

    options = Options.build(stages=stages.with_stage("tests.noop.v1"))
    assert ("tests.noop.v1", __name__) in options.stage_modules
    assert not any(name.startswith("eventwire.") for name, _ in options.stage_modules)


def test_stages_process_batch_keeps_order_and_isolates_bad_input():
    out = process_batch(["Officials met in Geneva on Tuesday.", {"title": "no text"}, "Troops fired."], Options())
    assert [type(r).__name__ for r in out] == ["Record", "Failure", "Record"]


@stages.register("tests.title_events.v1", requires=("events",), assigns=("events",))
def title_events(story):
    """A stage registered at import of this module: a spawned worker must find it through the module."""
    for event in story.events:
        event.confidence = 0.5


def test_stages_a_custom_stage_runs_in_spawned_workers(monkeypatch):
    import multiprocessing

    from eventwire.pipeline import run_batches

    texts = [f"Officials met in Geneva on Tuesday. Troops fired {n} shells at Kharkiv." for n in range(3, 7)]
    names = stages.with_stage("tests.title_events.v1")
    one = [r.to_json() for r in eventwire.extract_many(texts, published="2025-12-06", batch_size=2, stages=names)]
    options = Options.build(published="2025-12-06", batch_size=2, stages=names)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "spawn")
    pooled = [r for rs in run_batches([texts[:2], texts[2:]], options, n_process=2) for r in rs]
    assert [r.to_json() for r in pooled] == one
    assert all(e.confidence == 0.5 for r in pooled for e in r.events) and pooled[0].events


def _history() -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    with HISTORY.open(encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            if row:
                seen.setdefault(row[0], set()).add(row[1])
    return seen


@pytest.mark.parametrize("name", stages.DEFAULT_STAGES)
def test_stages_resources_are_pinned_to_the_version(name):
    """A stage's resource files changed without a version bump fail here: bump ``vN`` in its name,
    set ``resources_hash`` to the new value and add the new name and hash to tests/stage_versions.tsv."""
    stage = stages.get(name)
    current = stages.resources_hash(stage.resources)
    assert stage.resources, f"{name} declares no resource files"
    assert stage.resources_hash == current, (
        f"resources of {name} changed ({stage.resources_hash} -> {current}): if its output can change, "
        f"bump its version; then set resources_hash={current!r} and record it in {HISTORY.name}")
    assert _history().get(name) == {current}, (
        f"{HISTORY.name} must list {name} with hash {current} (and only that): a name is one version of "
        "the stage's knowledge — new resources need a new version")
