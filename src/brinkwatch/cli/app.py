"""The Typer application and the options every command shares.

Command groups live in their own modules (``store_commands``, ``extract_commands``,
``analysis_commands``, ``serve_commands``) and register on :data:`app`; this
keeps the command line a thin layer over the Python API.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

app = typer.Typer(
    name="brinkwatch",
    help="Temporal knowledge graphs of proxy conflicts, from text and event datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    """Rich tables for people, JSON for scripts."""

    table = "table"
    json = "json"


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL or SQLite path (default: $BRINKWATCH_DB or ./brinkwatch.db).",
                 show_default=False),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
KnowledgeOption = Annotated[
    list[str] | None,
    typer.Option("--knowledge", help="A knowledge pack (a folder of gazetteer YAML) added to the built-in; "
                 "repeatable (default: $BRINKWATCH_KNOWLEDGE, else the config file's knowledge).",
                 show_default=False),
]


@app.callback()
def _root() -> None:
    """brinkwatch: who backs whom, what happened, and how close to the brink."""
