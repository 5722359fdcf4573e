"""eventwire: news stories in, structured and sourced event data out.

Example::

    >>> import eventwire
    >>> rec = eventwire.extract("Russian President Jane Doe met officials in Geneva on Tuesday.",
    ...                         published="2025-12-06")
    >>> [(a.name, a.country) for a in rec.actors]
"""

__version__ = "0.1.0"

from .errors import EventwireError, InputError, ModelError, ResourceError
from .pipeline import Failure, extract, extract_many
from .record import Record

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
