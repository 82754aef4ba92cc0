"""Command line entry point: ``brinkwatch COMMAND``.

Each command group lives in its own module and registers on :data:`app` when
imported; importing them here is what makes the commands exist.
"""

from __future__ import annotations

from brinkwatch.cli import (  # noqa: F401  (imported for their registrations)
    analysis_commands,
    event_commands,
    extract_commands,
    knowledge_commands,
    plugin_commands,
    serve_commands,
    store_commands,
    version_command,
)
from brinkwatch.cli.app import app


def main() -> None:
    """Run the command line."""
    app()


__all__ = ["app", "main"]
