"""``regexfirst.guarded``: a first-character guard that never changes what a pattern matches."""

from __future__ import annotations

import re

import pytest

from eventwire.regexfirst import guarded

TEXT = ("On Tuesday the 3rd of March, 2021, officials said at 10:30 a.m. that talks resumed "
        "tomorrow; TV and radio ran it. Three weeks ago X posted: 'today, not Today'.")

PATTERNS = [
    r"(?<![\w-])(?:today|tomorrow)(?!\w)",
    r"(?:(?P<rel>last|this)\s+)?(?P<day>Tuesday|Monday)",
    r"(?:the\s+)?(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+of\s+(?P<m>March|May)",
    r"(?P<h>\d{1,2}):(?P<m>[0-5]\d)\s*[ap]\.m\.",
    r"(?<![\w-])(?:(?P<a>(?-i:X))|(?P<b>TV)|(?P<c>radio))(?![\w-])",
    r"(?P<n>\w+)\s+weeks\s+ago",
]


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_guarded_finds_exactly_the_same_matches(pattern: str, flags: int) -> None:
    plain, fast = re.compile(pattern, flags), guarded(pattern, flags)
    assert fast.pattern.startswith("(?=[")
    assert [(m.span(), m.groupdict()) for m in fast.finditer(TEXT)] == \
        [(m.span(), m.groupdict()) for m in plain.finditer(TEXT)]
    assert [m.group() for m in plain.finditer(TEXT)]  # each pattern does match the sentence


@pytest.mark.parametrize("pattern, flags", [
    (r"(?:today)?", re.IGNORECASE),          # may match the empty string: every position is a start
    (r"(?i:today)", 0),                      # case folded inside a case-sensitive pattern
    (r"(?i)today", 0),                       # a global inline flag the guard would not carry
    (r"[^a]bc", 0),                          # a negated class: not worked out, left alone
    (r".bc", 0),                             # any character can start it
])
def test_guarded_leaves_what_it_cannot_bound_unchanged(pattern: str, flags: int) -> None:
    assert guarded(pattern, flags).pattern == pattern
