"""One exception tree for eventwire.

    EventwireError
    ├── InputError        unusable input: missing file, empty story, undecodable bytes (code EW-I…)
    ├── ResourceError     a lexicon/rule file under resources/ is malformed (code EW-R…)
    └── ModelError        the spaCy model cannot be loaded (code EW-M…)

Messages say what happened, the value involved and what to do next; the CLI prints them on one
line and exits non-zero, never with a traceback.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class; ``code`` is a short stable identifier users can search for."""

    code = "EW-000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.args[0]}"


class InputError(EventwireError):
    code = "EW-I00"


class ResourceError(EventwireError):
    code = "EW-R00"


class ModelError(EventwireError):
    code = "EW-M00"
