"""The exception classes and the one ``Failure`` record (no eventwire imports: every module may use them)."""

from __future__ import annotations

from dataclasses import dataclass


class EventwireError(Exception):
    """Base class; ``code`` is a short stable identifier users can search for (``docs/errors.md``)."""

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


class StoreError(EventwireError):
    """The store file is missing, unreadable, of another schema, or a query was refused or malformed."""

    code = "EW-S00"


class ExtractionError(EventwireError):
    code = "EW-E00"


class PipelineError(EventwireError):
    """A pipeline that cannot run: an unknown stage, or one that requires what no earlier stage assigns."""

    code = "EW-P00"


class ExportError(EventwireError):
    code = "EW-X00"


class BenchError(EventwireError):
    code = "EW-B00"


class ServeError(EventwireError):
    """``eventwire serve`` cannot start: the web extra is missing, the port is taken."""

    code = "EW-V00"


@dataclass(slots=True)
class Failure:
    """An input that yielded no record: where it came from (``origin``, and ``line`` in a JSONL
    file), a one-line ``reason`` saying what to do about it, and its ``code`` in the error table."""

    origin: str
    reason: str
    code: str = InputError.code
    line: int | None = None

