"""Reading stories in and cleaning them up: the first stage of the eventwire pipeline.

``read_paths`` turns files, folders and stdin into ``RawStory`` objects (or ``Failure``
records: it never raises), ``clean_text`` strips site boilerplate, ``detect_language`` tells
whether the English pipeline applies. Formats and rules: ``docs/input.md``.
"""

from __future__ import annotations

from ..errors import Failure
from .clean import clean_text
from .language import detect_language
from .readers import (
    RawStory,
    parse_jsonl_line,
    parse_published,
    read_paths,
    read_text_story,
    split_header_signoff,
)

__all__ = [
    "Failure",
    "RawStory",
    "clean_text",
    "detect_language",
    "parse_jsonl_line",
    "parse_published",
    "read_paths",
    "read_text_story",
    "split_header_signoff",
]
