"""The store's one exception type (kept apart so every store module can raise it without cycles)."""

from __future__ import annotations

from ..errors import EventwireError


class StoreError(EventwireError):
    """The store file is missing, unreadable, of a newer schema, or a query was refused or malformed."""

    code = "EW-S00"
