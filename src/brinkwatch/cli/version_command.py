"""``brinkwatch version``: which brinkwatch, records contract and spaCy pipeline are in use."""

from __future__ import annotations

from brinkwatch import __version__, config
from brinkwatch.cli.app import app


@app.command()
def version() -> None:
    """Print the brinkwatch version, the records contract version and the configured spaCy model."""
    print(f"brinkwatch {__version__} (records v1, spaCy model {config.spacy_model()})")
