"""``eventwire bench``: behaviour only. Speed is measured by the command, never asserted by a timed test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import bench
from eventwire.cli.bench import bench_command
from eventwire.errors import InputError

STORIES = [
    ("b1", "2025-12-06", "Officials met in Geneva on Tuesday. The minister said talks would go on."),
    ("b2", "2025-12-05", "Protesters marched in Paris on Friday against the new pension law."),
    ("b3", "2025-12-04", "Russian forces shelled Kharkiv overnight, killing two people, officials said."),
]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    lines = (json.dumps({"id": i, "published": d, "text": t}) + "\n" for i, d, t in STORIES)
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_run_reports_counts_shares_and_ratio(tiny: Path) -> None:
    result = bench.run(tiny, workers=(1,))
    data = result.to_dict()
    for key in ("stories", "words", "ratio", "cpu_ratio", "spacy_seconds", "pipeline_seconds", "runs",
                "stage_seconds", "stage_shares", "load_seconds", "machine", "words_per_second"):
        assert key in data
    assert result.stories == 3 and result.words > 20
    assert set(result.stage_shares) == set(bench.STAGES)
    assert sum(result.stage_shares.values()) == pytest.approx(1.0, abs=0.01)
    assert result.ratio > 0 and result.cpu_ratio > 0
    (run,) = result.runs
    assert run.workers == 1 and run.stories == 3 and run.failures == 0
    assert run.stories_per_second > 0 and run.peak_rss_main_mb > 0
    json.dumps(data)  # the --format json output is plain JSON


def test_limit_takes_the_first_stories(tiny: Path) -> None:
    assert [s.id for s in bench.load_stories(tiny, 2)] == ["b1", "b2"]


def test_missing_and_empty_inputs_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        bench.load_stories(tmp_path / "absent.jsonl", None)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(bench_command, [str(empty)])
    assert result.exit_code != 0 and "no readable stories" in result.output


def test_cli_prints_json(tiny: Path) -> None:
    result = CliRunner().invoke(bench_command, [str(tiny), "--format", "json", "--workers", "1", "--limit", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["stories"] == 3 and [r["workers"] for r in data["runs"]] == [1]


def test_cli_rejects_bad_worker_lists(tiny: Path) -> None:
    result = CliRunner().invoke(bench_command, [str(tiny), "--workers", "one"])
    assert result.exit_code == 2 and "comma-separated integers" in result.output


def test_cli_table_names_the_ratio_and_the_stages(tiny: Path) -> None:
    result = CliRunner().invoke(bench_command, [str(tiny), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "spaCy-only" in result.output and "statements" in result.output
