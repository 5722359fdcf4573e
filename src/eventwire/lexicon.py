"""Read the TSV lexicons under ``resources/<lang>/``, once, checking every line on load.

Linguistic knowledge lives in those files, not in code; this module is the only place that
parses them, so a malformed line always fails the same way: a ``ResourceError`` that names the
file and the line.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .errors import Resource

LANG = "en"


def resource_text(relpath: str, lang: str = LANG) -> str:
    """The text of ``resources/<lang>/<relpath>`` from the installed package."""
    ref = resources.files("eventwire").joinpath("resources", lang, *relpath.split("/"))
    try:
        return ref.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise Resource.MISSING.error(name=f"resources/{lang}/{relpath}") from exc


@cache
def read_tsv(relpath: str, min_cols: int, max_cols: int | None = None,
             lang: str = LANG) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV resource; ``#`` lines and blank lines are comments.

    Missing trailing columns (up to ``max_cols``) are filled with ``""`` so optional columns
    can be left empty.
    """
    max_cols = max_cols or min_cols
    rows: list[tuple[str, ...]] = []
    for lineno, line in enumerate(resource_text(relpath, lang).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if not (min_cols <= len(cols) <= max_cols) or not cols[0]:
            expected = f"{min_cols}{'-' + str(max_cols) if max_cols != min_cols else ''}"
            raise Resource.TSV_COLUMNS.error(name=f"resources/{lang}/{relpath}", line=lineno, expected=expected,
                                             got=len(cols), raw=line)
        rows.append(tuple(cols + [""] * (max_cols - len(cols))))
    return tuple(rows)


@cache
def read_words(relpath: str, lang: str = LANG) -> frozenset[str]:
    """A one-word-or-phrase-per-line list, lower-cased."""
    return frozenset(row[0].lower() for row in read_tsv(relpath, 1, 1, lang))
