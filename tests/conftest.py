"""Shared fixtures: the spaCy model is loaded once per test session (it is an installed package, offline)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from eventwire import nlp as nlp_module

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_module.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder beside the repo; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: real-news tests need it beside the repo")
    return SHARED
