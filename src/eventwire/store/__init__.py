"""The embedded eventwire store: SQLite tables of actors, places, times, statements and events.

``Store`` writes records (``add``) and answers the filters of ``eventwire query`` and
``eventwire statements``; ``schema`` holds the DDL and its migrations. See ``docs/store.md``.
"""

from ..errors import StoreError
from .core import Store
from .schema import SCHEMA_VERSION, TABLES

__all__ = ["SCHEMA_VERSION", "TABLES", "Store", "StoreError"]
