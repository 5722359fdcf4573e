"""One exception tree, one ``Failure`` type and one table of error and warning codes.

    EventwireError        (EW-000)
    ├── InputError        unusable input: a story, a date, a gold file, an ingest destination (EW-I…, EW-D…)
    ├── ResourceError     a lexicon/rule file under resources/ is missing or malformed (EW-R…)
    ├── ModelError        the spaCy model cannot be loaded (EW-M…)
    ├── StoreError        a store that cannot be opened, or a query it refused (EW-S…)
    ├── ExtractionError   extraction itself failed on a story (EW-E…)
    ├── PipelineError     an unknown stage, or stages in an order that cannot run (EW-P…)
    ├── ExportError       a store cannot be exported as asked (EW-X…)
    └── BenchError        a benchmark run failed (EW-B…)

Every code is defined once, in :mod:`eventwire.errors.table`, with its meaning, what to do about
it, the CLI exit status it ends a command with, and the message templates that use it. Raise
through the table so code and text cannot drift apart::

    >>> from eventwire.errors import Input
    >>> raise Input.MISSING_PATH_NAMED.error(path="news/")
    InputError: EW-I01: no such file or folder: news/

Messages say what happened, the value involved and what to do next; the CLI prints them on one
line and exits non-zero, never with a traceback. The documented table is ``docs/errors.md``.
"""

from __future__ import annotations

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
from .table import (
    CODES,
    GROUPS,
    Bench,
    Code,
    Destination,
    Eval,
    Export,
    Extraction,
    Input,
    Message,
    Model,
    Pipeline,
    Resource,
    Serve,
    Store,
    Warn,
    exit_status,
)

__all__ = [
    "CODES",
    "GROUPS",
    "Bench",
    "BenchError",
    "Code",
    "Destination",
    "Eval",
    "EventwireError",
    "Export",
    "ExportError",
    "Extraction",
    "ExtractionError",
    "Failure",
    "Input",
    "InputError",
    "Message",
    "Model",
    "ModelError",
    "Pipeline",
    "PipelineError",
    "Resource",
    "ResourceError",
    "Serve",
    "ServeError",
    "Store",
    "StoreError",
    "Warn",
    "exit_status",
]
