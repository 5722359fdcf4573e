"""Readers: every story comes out, every problem is a one-line failure, nothing raises."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import Failure, RawStory, read_paths, read_text_story, split_header_signoff
from eventwire.ingest.readers import parse_published

ROAD = "Farmers blocked the ring road."
ROAD_AFP = "Farmers blocked the ring road near the AFP office."
STORY = "The harbour authority reopened the northern pier on Monday after repairs.\n\nShips queued overnight."


def _read(*paths: str | Path) -> list[RawStory | Failure]:
    return list(read_paths(paths))


def _only_story(items: list[RawStory | Failure]) -> RawStory:
    assert len(items) == 1 and isinstance(items[0], RawStory), items
    return items[0]


def _only_failure(items: list[RawStory | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


# --- .txt header and sign-off ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "date", "source"),
    [
        (
            " date 2024-05-02 Farmers blocked the ring road on Thursday.\n\nAFP",
            "Farmers blocked the ring road on Thursday.",
            dt.date(2024, 5, 2),
            "AFP",
        ),
        ("date 2024-05-02\n" + ROAD + "\n(Reuters)", ROAD, dt.date(2024, 5, 2), "Reuters"),
        (ROAD + "\n\n- VOA", ROAD, None, "VOA"),
        (ROAD + "\nAFP/Reuters", ROAD, None, "AFP/Reuters"),
        (ROAD + "\n REUTER", ROAD, None, "REUTER"),
        (ROAD + "\ndpa", ROAD, None, "dpa"),
        (ROAD + "\nXinhua", ROAD, None, "Xinhua"),
        (ROAD_AFP, ROAD_AFP, None, None),
        (ROAD + "\nAP officials later denied it.", ROAD + "\nAP officials later denied it.", None, None),
        (
            "  updated date 2024-05-02 is not a header  ",
            "updated date 2024-05-02 is not a header",
            None,
            None,
        ),
    ],
)
def test_split_header_signoff_strips_header_and_agency(
    text: str, body: str, date: dt.date | None, source: str | None
) -> None:
    assert split_header_signoff(text) == (body, date, source)


def test_read_text_story_warns_on_impossible_header_date() -> None:
    story = read_text_story("date 2024-02-31 Rain fell across the valley all week.")
    assert story.published is None and story.text == "Rain fell across the valley all week."
    assert [code for code, _ in story.warnings] == ["EW-W02"]


def test_read_text_story_rejects_empty_text() -> None:
    with pytest.raises(InputError):
        read_text_story("   \n date 2024-05-02 ")


def test_read_paths_txt_reads_header_and_signoff(tmp_path: Path) -> None:
    f = tmp_path / "pier.txt"
    f.write_text(f" date 2024-05-02 {STORY}\n\nAFP\n", encoding="utf-8")
    story = _only_story(_read(f))
    assert (story.text, story.published, story.source, story.origin) == (
        STORY,
        dt.date(2024, 5, 2),
        "AFP",
        str(f),
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf" + STORY.encode(), STORY),  # BOM stripped silently
        (STORY.replace("\n", "\r\n").encode(), STORY),  # CRLF normalised
    ],
)
def test_read_paths_txt_normalises_bom_and_crlf(tmp_path: Path, data: bytes, expected: str) -> None:
    f = tmp_path / "s.txt"
    f.write_bytes(data)
    story = _only_story(_read(f))
    assert story.text == expected and story.warnings == []


def test_read_paths_cp1252_is_decoded_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_bytes("Le café « Métro » a rouvert — enfin.".encode("cp1252"))
    story = _only_story(_read(f))
    assert story.text == "Le café « Métro » a rouvert — enfin."
    assert story.warnings[0][0] == "EW-W01" and "cp1252" in story.warnings[0][1]


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("empty.txt", b"", "EW-I03", "empty"),
        ("blank.txt", b"  \n\t \n", "EW-I03", "whitespace"),
        ("nul.txt", b"GIF89a\x00\x01\x02\x00\x00binary", "EW-I04", "binary"),
        ("ctrl.txt", bytes(range(1, 9)) * 50, "EW-I04", "binary"),
        ("empty.jsonl", b"", "EW-I03", "empty"),
        ("blank.jsonl", b"\n\n  \n", "EW-I03", "blank"),
    ],
)
def test_read_paths_bad_file_is_one_failure(
    tmp_path: Path, name: str, data: bytes, code: str, words: str
) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    failure = _only_failure(_read(f))
    assert failure.code == code and words in failure.reason and "\n" not in failure.reason


def test_read_paths_missing_path_and_empty_folder_fail(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not a story")
    items = _read(tmp_path / "nope.txt", tmp_path / "empty")
    assert [(type(i).__name__, i.code) for i in items] == [
        ("Failure", "EW-I01"),
        ("Failure", "EW-I02"),
    ]


def test_read_paths_device_and_unreadable_file_have_their_own_codes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert _only_failure(_read("/dev/null")).code == "EW-I11"   # exists, but not a regular file
    f = tmp_path / "locked.txt"
    f.write_text(STORY)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    failure = _only_failure(_read(f))
    assert (failure.code, failure.reason) == ("EW-I09", "permission denied; check the file's permissions")


def test_read_paths_folder_is_recursive_and_sorted(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "a.txt", "b/1.htm", "c/x.jsonl", ".hidden/z.txt", "skip.md"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if p.suffix == ".jsonl":
            p.write_text(json.dumps({"text": "A ferry line resumed service."}) + "\n")
        elif p.suffix == ".htm":
            p.write_text("<html><body><article><p>A bridge opened.</p></article></body></html>")
        else:
            p.write_text(f"Story from {rel}.")
    origins = [i.origin for i in _read(tmp_path)]
    assert origins == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b/1.htm"),
        str(tmp_path / "b/2.txt"),
        f"{tmp_path / 'c/x.jsonl'}:1",
    ]


def test_read_paths_large_story_is_read(tmp_path: Path) -> None:
    para = "The council debated the budget for many hours and adjourned late. " * 80
    text = "\n\n".join([para] * 1000)  # about 5 MB
    f = tmp_path / "big.txt"
    f.write_text(text, encoding="utf-8")
    story = _only_story(_read(f))
    assert len(story.text) == len(text.strip())


def test_read_paths_unknown_extension_read_as_text_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "story.dat"
    f.write_text(STORY)
    story = _only_story(_read(f))
    assert story.text == STORY and story.warnings[0][0] == "EW-W04"


# --- JSONL --------------------------------------------------------------------------------------------


def _jsonl(tmp_path: Path, lines: list[str], name: str = "s.jsonl") -> Path:
    f = tmp_path / name
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if name.endswith(".gz"):
        data = gzip.compress(data)
    f.write_bytes(data)
    return f


def test_read_paths_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    good = {
        "id": 7,
        "url": "https://example.org/a",
        "title": "Pier reopens",
        "published": "2024-05-02 08:15:00Z",
        "text": STORY,
        "section": "Europe",
    }
    f = _jsonl(
        tmp_path,
        [
            json.dumps(good),
            "",
            "{not json",
            "[1, 2]",
            json.dumps({"title": "no text"}),
            json.dumps({"text": "   "}),
            json.dumps({"text": 42}),
            json.dumps({"text": "A dam was inspected.", "source": "Wire", "url": "None"}),
        ],
    )
    items = _read(f)
    first, *failures, last = items
    assert isinstance(first, RawStory) and isinstance(last, RawStory)
    assert (first.id, first.title, first.url, first.section, first.source) == (
        "7",
        "Pier reopens",
        "https://example.org/a",
        "Europe",
        None,
    )
    assert (first.published, first.published_at, first.origin) == (
        dt.date(2024, 5, 2),
        "2024-05-02T08:15:00Z",
        f"{f}:1",
    )
    assert [(x.line, x.code) for x in failures] == [
        (3, "EW-I05"),
        (4, "EW-I05"),
        (5, "EW-I06"),
        (6, "EW-I06"),
        (7, "EW-I06"),
    ]
    assert (last.source, last.url) == ("Wire", None)


@pytest.mark.parametrize(
    ("value", "date", "stamp"),
    [
        ("2025-03-10 21:53:04Z", dt.date(2025, 3, 10), "2025-03-10T21:53:04Z"),
        ("2022-02-24T06:24:27Z", dt.date(2022, 2, 24), "2022-02-24T06:24:27Z"),
        ("1987-02-26T15:01:01", dt.date(1987, 2, 26), "1987-02-26T15:01:01"),
        ("2022-04-01", dt.date(2022, 4, 1), None),
        ("2024-07-01T10:00:00+0200", dt.date(2024, 7, 1), "2024-07-01T10:00:00+02:00"),
        ("Mon, 10 Mar 2025 21:53:04 GMT", dt.date(2025, 3, 10), "2025-03-10T21:53:04Z"),
        ("2025-13-40", None, None),
        ("last Tuesday", None, None),
    ],
)
def test_parse_published_accepts_common_forms(value: str, date: dt.date | None, stamp: str | None) -> None:
    assert parse_published(value) == (date, stamp)


def test_read_paths_jsonl_bad_date_is_a_warning(tmp_path: Path) -> None:
    story = _only_story(_read(_jsonl(tmp_path, [json.dumps({"text": STORY, "published": "soon"})])))
    assert story.published is None and story.warnings[0][0] == "EW-W02"


def test_read_paths_jsonl_strips_trailing_signoff(tmp_path: Path) -> None:
    story = _only_story(_read(_jsonl(tmp_path, [json.dumps({"text": "Wheat prices rose.\n REUTER"})])))
    assert (story.text, story.source) == ("Wheat prices rose.", "REUTER")


def test_read_paths_jsonl_gz_and_truncated_gz(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": str(i), "text": f"Story number {i} about a new tram line."}) for i in range(300)
    ]
    f = _jsonl(tmp_path, lines, "s.jsonl.gz")
    assert [s.id for s in _read(f)] == [str(i) for i in range(300)]
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])
    items = _read(cut)
    assert isinstance(items[-1], Failure) and items[-1].code == "EW-I07"
    assert all(isinstance(i, RawStory) for i in items[:-1])


def test_read_paths_jsonl_cp1252_line_warns(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_bytes(b'{"text": "Caf\xe9 owners protested the new tax on Friday."}\n')
    story = _only_story(_read(f))
    assert story.text.startswith("Café") and story.warnings[0][0] == "EW-W01"


def test_read_paths_stdin_jsonl_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (
        json.dumps({"text": "A museum reopened."}) + "\n" + json.dumps({"text": "A tunnel closed."})
    ).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert [s.origin for s in read_paths(["-"])] == ["<stdin>:1", "<stdin>:2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(STORY.encode()))))
    assert _only_story(list(read_paths(["-"]))).text == STORY


# --- HTML ---------------------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Pier reopens | Harbour Times</title>
<meta property="og:title" content="Pier reopens after repairs">
<meta property="article:published_time" content="2024-05-02T08:15:00+01:00">
<script>var tracking = "The harbour is closed";</script><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><h1>Pier reopens after repairs</h1></header>
<div class="sidebar"><p>Most read: a short teaser.</p></div>
<article><p>The harbour authority reopened the &ldquo;northern&rdquo; pier
on Monday.</p><figure><img src="x.jpg"><figcaption>The pier at dawn.</figcaption></figure>
<p>Ships queued overnight &amp; traders cheered.<br>One said it was overdue.</p>
<aside><p>Related: Another story</p></aside><form><p>Sign up</p></form></article>
<footer><p>Copyright Harbour Times</p></footer></body></html>"""


def test_read_paths_html_extracts_article(tmp_path: Path) -> None:
    f = tmp_path / "pier.html"
    f.write_text(PAGE, encoding="utf-8")
    story = _only_story(_read(f))
    assert story.title == "Pier reopens after repairs"
    assert (story.published, story.published_at) == (dt.date(2024, 5, 2), "2024-05-02T08:15:00+01:00")
    assert story.text == (
        "The harbour authority reopened the “northern” pier on Monday.\n\n"
        "Ships queued overnight & traders cheered.\nOne said it was overdue."
    )


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (
            "<html><body><main><p>A road was resurfaced.</p><p>Drivers were relieved.</p></main></body>",
            "A road was resurfaced.\n\nDrivers were relieved.",
        ),
        (
            "<body><div><p>Menu</p></div><div id=c><p>A long story about the new library opening.</p>"
            "<p>Readers queued.</p></div></body>",
            "A long story about the new library opening.\n\nReaders queued.",
        ),
        (
            "<article><time datetime='2023-09-09'>9 Sept</time><p>A fair opened.<p>Crowds came.</article>",
            "9 Sept\n\nA fair opened.\n\nCrowds came.",
        ),
    ],
)
def test_read_paths_html_falls_back_to_main_or_div(tmp_path: Path, markup: str, text: str) -> None:
    f = tmp_path / "p.htm"
    f.write_text(markup)
    assert _only_story(_read(f)).text == text


def test_read_paths_html_without_text_fails(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_text("<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>")
    assert _only_failure(_read(f)).code == "EW-I06"


def test_read_paths_shared_corpus_yields_every_story(shared: Path) -> None:
    corpus = shared / "corpus"
    items = list(read_paths([corpus]))
    assert not [i for i in items if isinstance(i, Failure)]
    assert len(items) == 6000 + 407 + 89 + 1


def test_read_paths_jsonl_lone_surrogate_is_replaced(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"text": "A broken \\ud800 character in a report on rail fares."}\n')
    story = _only_story(_read(f))
    assert "\ufffd" in story.text and story.warnings[0][0] == "EW-W05"
    story.text.encode("utf-8")


def test_read_paths_gzip_name_on_plain_file_fails_clearly(tmp_path: Path) -> None:
    f = tmp_path / "s.jsonl.gz"
    f.write_text('{"text": "A plain file with a gzip name."}\n')
    failure = _only_failure(_read(f))
    assert failure.code == "EW-I07" and "not a readable gzip" in failure.reason
