"""Read stories from files, folders and stdin — every story out, never a traceback.

A batch run over thousands of stories must not stop at one bad line, and a user who points
eventwire at the wrong file must learn what is wrong in one line. So ``read_paths`` yields a
``RawStory`` for everything readable and a ``Failure`` (with a stable code and a reason that
says what to do) for everything else, and no exception escapes it. JSONL is streamed line by
line, so a corpus of any size is read in constant memory.

Codes and warnings: the ``Input`` and ``Warn`` groups of ``eventwire.errors`` (``docs/errors.md``).
"""

from __future__ import annotations

import datetime
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from ..errors import Failure, Input, Warn
from .clean import boilerplate, clean_title, is_signoff, signoff_name
from .dateline import normalise_byline
from .page import read_page

MAX_STORY_BYTES = 64 * 1024 * 1024      # a single .txt/.html story; JSONL files have no limit
SNIFF_BYTES = 8192
STDIN = "-"
KINDS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".jsonl.gz": "jsonl.gz"}
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean",
               type(None): "null"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_NULLS = {"", "none", "null", "nan", "n/a"}


@dataclass(slots=True)
class RawStory:
    """One story as read, before cleaning: text plus whatever metadata the input carried."""

    text: str
    id: str | None = None
    title: str | None = None
    source: str | None = None
    section: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    published_at: str | None = None
    byline: str | None = None       # from the page's metadata or a JSONL author/byline key
    dateline: str | None = None     # a JSONL dateline key, for text that comes without its dateline
    origin: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)


# --- dates -----------------------------------------------------------------------------------------

_ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<tz>Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?"
)


def parse_published(value: str) -> tuple[datetime.date | None, str | None]:
    """``(date, published_at)`` from an ISO 8601 or RFC 2822 string; ``(None, None)`` if unusable.

    ``published_at`` is the ISO form of the value as given (a space before the time becomes "T",
    the zone is kept as written) and only when the value carries a time of day.
    """
    value = value.strip()
    m = _ISO.fullmatch(value)
    if m:
        try:
            day = datetime.date.fromisoformat(m["date"])
            if not m["time"]:
                return day, None
            tz = m["tz"] or ""
            tz = "Z" if tz.upper() in ("Z", "UTC", "GMT") else tz
            if len(tz) == 5:                                   # +0200 -> +02:00
                tz = f"{tz[:3]}:{tz[3:]}"
            elif len(tz) == 3:                                 # +02 -> +02:00
                tz = f"{tz}:00"
            stamp = f"{m['date']}T{m['time'].replace(',', '.')}{tz}"
            datetime.datetime.fromisoformat(stamp)             # validates hour/minute ranges
            return day, stamp
        except ValueError:
            return None, None
    try:
        dt = parsedate_to_datetime(value)                      # "Mon, 10 Mar 2025 21:53:04 GMT"
    except (TypeError, ValueError, IndexError):
        return None, None
    return dt.date(), dt.isoformat().replace("+00:00", "Z")


# --- header and sign-off ---------------------------------------------------------------------------

_HEADER = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\n|\Z)", re.IGNORECASE)


def _split(text: str) -> tuple[str, datetime.date | None, str | None, list[tuple[str, str]]]:
    warnings: list[tuple[str, str]] = []
    day: datetime.date | None = None
    m = _HEADER.match(text)
    if m:
        try:
            day = datetime.date.fromisoformat(m.group(1))
        except ValueError:
            warnings.append(Warn.BAD_HEADER_DATE.warning(value=m.group(1)))
        text = text[m.end():]
    text = text.strip()
    source = None
    head, sep, last = text.rpartition("\n")
    if sep and head.strip() and is_signoff(last):
        source = signoff_name(last)
        text = head.rstrip()
    return text, day, source, warnings


def split_header_signoff(text: str) -> tuple[str, datetime.date | None, str | None]:
    """Strip a leading ``date YYYY-MM-DD`` header and a last-line agency sign-off.

    Returns ``(text, date, source)``; the text is trimmed. The header may be followed by the
    story's first words on the same line (as in wire exports) or by a line break.
    """
    text, day, source, _ = _split(text)
    return text, day, source


def read_text_story(text: str, origin: str = "<text>") -> RawStory:
    """A ``RawStory`` from plain text, applying the header and sign-off rules.

    Raises ``InputError`` (``Input.EMPTY_TEXT``) when no story text is left, since a caller passing a string
    has nothing else to fall back on.
    """
    text = _normalise_newlines(text.removeprefix("\ufeff"))
    body, day, source, warnings = _split(text)
    if not body:
        raise Input.EMPTY_TEXT.error(origin=origin)
    return RawStory(text=body, source=source, published=day, origin=origin, warnings=warnings)


# --- decoding --------------------------------------------------------------------------------------

def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes, or more than 10% control characters: not a text file."""
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) // 10


def decode(data: bytes, what: str) -> tuple[str, list[tuple[str, str]]]:
    """UTF-8 (BOM stripped), else UTF-16 with BOM, else cp1252, else latin-1 — with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise_newlines(data.decode("utf-16")), []
        except UnicodeDecodeError:
            pass
    try:
        return _normalise_newlines(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return _normalise_newlines(text), [Warn.NOT_UTF8.warning(what=what, where=where, encoding=enc)]
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


# --- file kinds and discovery ----------------------------------------------------------------------

def kind_of(path: Path) -> str | None:
    """'txt', 'html', 'jsonl' or 'jsonl.gz' from the file name; None for anything else."""
    name = path.name.lower()
    if name.endswith(".jsonl.gz"):
        return "jsonl.gz"
    return KINDS.get(Path(name).suffix)


def _walk(folder: Path) -> Iterator[Path | Failure]:
    """Story files under ``folder``, recursively, sorted; hidden files and folders are skipped."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = Path(root, name)
            if not name.startswith(".") and kind_of(p):
                yield p
    for err in errors:
        yield Input.CANNOT_LIST.failure(origin=str(err.filename or folder), error=err.strerror)


def read_paths(paths: Iterable[str | Path]) -> Iterator[RawStory | Failure]:
    """Stories from files, folders (recursively .txt, .html/.htm, .jsonl, .jsonl.gz) or "-" (stdin).

    Paths are read in the order given, each folder's files in sorted order, so output order is
    stable. A file given explicitly with another extension is read as plain text, with a warning.
    Nothing raises for any input: every problem becomes a ``Failure`` or a warning on the
    story. (A malformed resource file of the package itself raises ``ResourceError`` at the
    first ``next()``, before any input is read: that is a broken install, not bad input.)
    """
    boilerplate()
    try:
        for raw in paths:
            yield from _guard(lambda raw=raw: _read_one(raw), str(raw))
    except Exception as exc:                 # a broken ``paths`` iterable
        yield Input.PATHS_NOT_ITERABLE.failure(origin="<paths>", error=exc)


def _guard(make: Any, origin: str) -> Iterator[RawStory | Failure]:
    """Turn any unexpected exception of one input into a failure, so the next input still runs."""
    try:
        yield from make()
    except Exception as exc:
        yield Input.UNEXPECTED_READ.failure(origin=origin, type=type(exc).__name__, error=exc)


def _read_one(raw: str | Path) -> Iterator[RawStory | Failure]:
    if str(raw) == STDIN:
        yield from _read_stdin()
        return
    path = Path(raw)
    if path.is_dir():
        found = False
        for item in _walk(path):
            if isinstance(item, Failure):
                yield item
                continue
            found = True
            yield from _guard(lambda item=item: _read_file(item, kind_of(item) or "txt"), str(item))
        if not found:
            yield Input.EMPTY_FOLDER.failure(origin=str(path))
        return
    if not path.exists():
        yield Input.MISSING_PATH.failure(origin=str(path))
        return
    if not path.is_file():
        yield Input.NOT_A_FILE.failure(origin=str(path))
        return
    kind = kind_of(path)
    if kind is None:
        yield from _read_file(path, "txt", [Warn.UNKNOWN_EXTENSION.warning(suffix=path.suffix or "(none)")])
    else:
        yield from _read_file(path, kind)


def _read_file(path: Path, kind: str, warnings: list[tuple[str, str]] | None = None,
               ) -> Iterator[RawStory | Failure]:
    origin = str(path)
    try:
        if kind in ("jsonl", "jsonl.gz"):
            opener = gzip.open if kind == "jsonl.gz" else open
            with opener(path, "rb") as fh:
                yield from _read_jsonl(fh, origin, gz=kind == "jsonl.gz")
            return
        size = path.stat().st_size
        if size > MAX_STORY_BYTES:
            limit = MAX_STORY_BYTES // 2**20
            yield Input.TOO_LARGE.failure(origin=origin, size=size // 2**20, limit=limit)
            return
        data = path.read_bytes()
    except PermissionError:
        yield Input.PERMISSION_DENIED.failure(origin=origin)
        return
    except OSError as exc:
        yield Input.CANNOT_READ.failure(origin=origin, error=exc.strerror or exc)
        return
    yield from _story_from_bytes(data, origin, kind, list(warnings or []))


def _story_from_bytes(data: bytes, origin: str, kind: str,
                      warnings: list[tuple[str, str]]) -> Iterator[RawStory | Failure]:
    if not data:
        yield Input.EMPTY_FILE.failure(origin=origin)
        return
    if _looks_binary(data[:SNIFF_BYTES]):
        yield Input.BINARY_FILE.failure(origin=origin)
        return
    text, dec_warnings = decode(data, "file")
    warnings.extend(dec_warnings)
    if not text.strip():
        yield Input.WHITESPACE_FILE.failure(origin=origin)
        return
    if kind == "html":
        page = read_page(text)
        story = RawStory(text=page.text, title=clean_title(page.title), source=page.site, url=page.url,
                         byline=normalise_byline(page.byline), origin=origin, warnings=warnings)
        if page.published:
            story.published, story.published_at = parse_published(page.published)
            if story.published is None:
                warnings.append(Warn.BAD_PAGE_DATE.warning(value=page.published))
        if not story.text.strip():
            yield Input.NO_ARTICLE.failure(origin=origin)
            return
        yield story
        return
    body, day, source, hdr_warnings = _split(text)
    if not body:
        yield Input.HEADER_ONLY.failure(origin=origin)
        return
    yield RawStory(text=body, source=source, published=day, origin=origin,
                   warnings=warnings + hdr_warnings)


# --- JSONL -----------------------------------------------------------------------------------------

def _read_jsonl(fh: Iterable[bytes], origin: str, gz: bool = False) -> Iterator[RawStory | Failure]:
    """One story per line, streamed; bad lines become failures and reading goes on."""
    lineno = 0
    nonblank = 0
    try:
        first = True
        for raw in fh:
            lineno += 1
            if first:
                first = False
                if _looks_binary(raw[:SNIFF_BYTES]) and not raw.lstrip().startswith(b"{"):
                    hint = " (is it gzip without the .gz name?)" if raw[:2] == b"\x1f\x8b" else ""
                    yield Input.BINARY_JSONL.failure(origin=origin, hint=hint)
                    return
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            nonblank += 1
            yield _jsonl_line(raw, f"{origin}:{lineno}", lineno)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        if lineno == 0:
            yield Input.NOT_GZIP.failure(origin=origin, error=exc)
            return
        what = "truncated" if isinstance(exc, EOFError) else "corrupt"
        yield Input.GZIP_DAMAGED.failure(origin=origin, line=lineno, what=what, after=lineno, error=exc,
                                             read=nonblank)
        return
    if lineno == 0:
        yield Input.EMPTY_FILE.failure(origin=origin)
    elif nonblank == 0:
        yield Input.BLANK_LINES_FILE.failure(origin=origin)


def parse_jsonl_line(raw: bytes, origin: str, lineno: int) -> RawStory | Failure:
    """One JSONL line (raw bytes, as read) → a story, or the failure a local ``read_paths`` would give it.

    Why public: an engine that splits files itself (Ray Data's reader) parses each line here, so its
    stories — ids, metadata, warnings, failures — are exactly the local reader's. ``origin`` is
    ``path:line``.
    """
    return _jsonl_line(raw, origin, lineno)


def _jsonl_line(raw: bytes, origin: str, lineno: int) -> RawStory | Failure:
    if b"\x00" in raw:
        return Input.NUL_LINE.failure(origin=origin, line=lineno)
    line, warnings = decode(raw, f"line {lineno}")
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        msg = getattr(exc, "msg", str(exc))
        col = getattr(exc, "colno", None)
        at = f" at column {col}" if col else ""
        return Input.NOT_JSON.failure(origin=origin, line=lineno, error=msg, at=at)
    if not isinstance(obj, dict):
        kind = _JSON_TYPES.get(type(obj), "?")
        return Input.NOT_OBJECT.failure(origin=origin, line=lineno, kind=kind)
    text = obj.get("text")
    if text is None:
        return Input.NO_TEXT_FIELD.failure(origin=origin, line=lineno)
    if not isinstance(text, str):
        kind = _JSON_TYPES.get(type(text), "?")
        return Input.TEXT_NOT_STRING.failure(origin=origin, line=lineno, kind=kind)
    if _SURROGATE.search(text):             # "\ud800" escapes: not encodable, would break hashing
        text = _SURROGATE.sub("\ufffd", text)
        warnings.append(Warn.SURROGATES.warning())
    body, day, signoff, hdr_warnings = _split(_normalise_newlines(text.removeprefix("\ufeff")))
    if not body:
        return Input.TEXT_EMPTY.failure(origin=origin, line=lineno)
    warnings.extend(hdr_warnings)
    story = RawStory(text=body, origin=origin, warnings=warnings)
    raw_id = obj.get("id")
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
        story.id = str(raw_id).strip()
    elif raw_id is not None:
        warnings.append(Warn.BAD_ID.warning(value=raw_id))
    story.title = clean_title(_opt_str(obj, "title", warnings))
    story.url = _opt_str(obj, "url", warnings)
    story.section = _opt_str(obj, "section", warnings)
    story.source = _opt_str(obj, "source", warnings) or signoff
    story.byline = _byline(obj, warnings)
    story.dateline = _opt_str(obj, "dateline", warnings)
    published = obj.get("published", obj.get("date"))
    if isinstance(published, str) and published.strip().lower() not in _NULLS:
        story.published, story.published_at = parse_published(published)
        if story.published is None:
            warnings.append(Warn.BAD_ISO_DATE.warning(value=published))
    elif published is not None and not isinstance(published, str):
        warnings.append(Warn.DATE_NOT_STRING.warning(value=published))
    if story.published is None and day is not None:
        story.published = day
    return story


def _byline(obj: dict[str, Any], warnings: list[tuple[str, str]]) -> str | None:
    """The ``byline`` or ``author`` key (a string, or a list of names) as one byline string."""
    for key in ("byline", "author"):
        value = obj.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return normalise_byline([_SURROGATE.sub("\ufffd", v) for v in value])
        if value is not None:
            return normalise_byline(_opt_str(obj, key, warnings))
    return None


def _opt_str(obj: dict[str, Any], key: str, warnings: list[tuple[str, str]]) -> str | None:
    """An optional string field; null-like strings ("", "None", "null") count as absent."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        warnings.append(Warn.FIELD_NOT_STRING.warning(key=key, type=type(value).__name__))
        return None
    value = value.strip()
    value = _SURROGATE.sub("\ufffd", value)
    return None if value.lower() in _NULLS else value


# --- stdin -----------------------------------------------------------------------------------------

def _read_stdin() -> Iterator[RawStory | Failure]:
    """Standard input: JSON Lines if it starts with "{", HTML if it starts with "<", else one story."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:                                   # replaced by a text stream (tests, notebooks)
        stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream)
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        yield from _read_jsonl(stream, "<stdin>")
        return
    kind = "html" if head[:1] == b"<" else "txt"
    yield from _story_from_bytes(stream.read(), "<stdin>", kind, [])
