"""Tables at 80-120 columns: ids and refs whole, words unbroken, every column named; the vertical layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import eventwire
from eventwire.cli import main
from eventwire.cli.layout import Column, fit, needed_width
from eventwire.cli.render import print_table
from eventwire.store import Store

# Invented reports: long names and long sentences, so a naive table would have to cut or break them.
TEXTS = [
    ("Soldiers of the Northern Highlands Liberation Brigade attacked the garrison town of Velmoravska on "
     "Tuesday, killing 12 people, the regional administration of Eastern Dravonia said in a statement.",
     "2025-03-05", "Wire One"),
    ("\"We will never accept this occupation of our territory,\" the foreign minister of Dravonia told "
     "reporters in the capital on Wednesday, according to the Consolidated Broadcasting Corporation.",
     "2025-03-06", "Daily Two"),
    ("Thousands of agricultural cooperative members protested in Karvelinsk on Friday against the new "
     "fertiliser import regulations announced by the ministry of agriculture.", "2025-03-08", "Post Three"),
]
HEADERS = {"query": ("when", "type", "mode", "actors", "recipients", "place", "killed", "sentence", "ref"),
           "statements": ("when", "speaker", "direct", "channel", "content", "ref"),
           "stories": ("date", "type", "who → whom", "where", "how many", "sources", "reports", "id")}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("layout") / "news.db"
    with Store(path) as store:
        for text, day, source in TEXTS:
            store.add(eventwire.extract(text, published=day, source=source))
    return str(path)


def _run(command: str, db: str, columns: int, *args: str) -> str:
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(main, [command, "--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.output


def _refs_and_texts(command: str, db: str) -> tuple[list[str], list[str]]:
    rows = json.loads(_run(command, db, 120, "--format", "json"))
    if command == "stories":
        return [r["id"] for r in rows], [" ".join(a["name"] for a in r["actors"]) for r in rows]
    key, text = ("event_id", "sentence") if command == "query" else ("statement_id", "content")
    return [f"{r['doc_id']}/{r[key]}" for r in rows], [r[text] for r in rows]


@pytest.mark.parametrize("command", sorted(HEADERS))
@pytest.mark.parametrize("columns", [80, 100, 120])
@pytest.mark.parametrize("layout", ["auto", "table", "vertical"])
def test_layout_refs_whole_words_unbroken_headers_named(db: str, command: str, columns: int, layout: str) -> None:
    refs, texts = _refs_and_texts(command, db)
    assert refs, f"the invented reports give no {command} rows"
    out = _run(command, db, columns, "--layout", layout)
    tokens = set(out.split())
    for ref in refs:
        assert ref in tokens, f"{ref} not whole in:\n{out}"
    for text in texts:  # wrapped on word boundaries: every word of the text is a whole token of the output
        assert set(text.split()) <= tokens, f"a word of {text!r} is broken in:\n{out}"
    vertical = "-[ 1 ]" in out
    if layout == "vertical" or (layout == "auto" and columns < 100):
        assert vertical
    if layout == "table":
        assert not vertical
    if vertical:
        fields = [line.partition(" |")[0].rstrip() for line in out.splitlines() if " |" in line]
        assert fields and all(fields) and set(fields) == set(HEADERS[command])
    else:
        header = next(line for line in out.splitlines() if line.strip())
        assert all(word in out for h in HEADERS[command] for word in h.split())
        assert header.strip()
        if layout == "auto":  # auto prints a table only when it fits the terminal
            assert max(len(line.rstrip()) for line in out.splitlines()) <= columns


def test_layout_vertical_is_field_value_blocks(db: str) -> None:
    refs, _ = _refs_and_texts("query", db)
    out = _run("query", db, 80, "--layout", "vertical")
    assert out.count("-[ ") == len(refs) and f"ref        | {refs[0]}" in out
    assert out.rstrip().endswith(f"{len(refs)} row(s)")


def test_layout_auto_is_vertical_when_narrow_and_a_table_when_wide(db: str) -> None:
    assert "-[ 1 ]" in _run("statements", db, 80)
    wide = _run("statements", db, 160)
    assert "-[ 1 ]" not in wide and "content" in wide.splitlines()[1]


def test_fit_keeps_ids_whole_and_gives_up_when_floors_do_not_fit() -> None:
    columns = [Column("name"), Column("sentence", ratio=4), Column("ref", ident=True)]
    rows = [["Northern Highlands Brigade", "word " * 60, "abcdef0123456789/E12"]]
    widths = fit(columns, rows, 80)
    assert widths is not None and widths[2] == len("abcdef0123456789/E12") and widths[0] >= len("Highlands")
    assert needed_width(widths) == 80 and widths[1] < len("word " * 60)  # the sentence wraps to fit
    assert fit(columns, rows, 30) is None  # the id alone takes 20 cells: vertical, or a wider table, never cut


def test_extract_table_labels_every_column() -> None:
    rec = eventwire.extract(TEXTS[1][0], published=TEXTS[1][1])
    console = Console(record=True, width=120)
    print_table(rec, console)
    out = console.export_text()
    assert "quoted" in out and "“”" not in out.replace("“We", "").replace("territory,”", "")


def test_extract_table_at_80_columns_keeps_words_whole(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(TEXTS[0][0], encoding="utf-8")
    for layout in ("auto", "table"):
        result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["extract", str(story), "--format", "table",
                                                                "--layout", layout])
        assert result.exit_code == 0, result.output
        tokens = set(result.output.split())
        assert {"Northern", "Highlands", "Liberation", "Brigade", "E1", "A1"} <= tokens
        assert ("-[ 1 ]" in result.output) == (layout == "auto")
