"""eventwire: news stories in, structured and sourced event data out.

Example::

    >>> import eventwire
    >>> rec = eventwire.extract("Russian President Jane Doe met officials in Geneva on Tuesday.",
    ...                         published="2025-12-06")
    >>> [(a.name, a.country) for a in rec.actors]

The extraction API (``extract``, ``extract_many``, ``Failure``) is imported on first use: it pulls
in spaCy (about 1.5 s), which commands that only read a store (``eventwire query``, ``sql``,
``export``) never need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import EventwireError, InputError, ModelError, ResourceError
from .record import Record

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Failure, extract, extract_many

_LAZY = {"Failure", "extract", "extract_many"}

__all__ = [
    "EventwireError",
    "Failure",
    "InputError",
    "ModelError",
    "Record",
    "ResourceError",
    "__version__",
    "extract",
    "extract_many",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
