"""What every command module shares: the consoles, the one error exit, the one store opener.

Each command reports a user's mistake the same way (``error: ...`` on stderr,
status 2) and a store it cannot open the same way (status 1), so these live
here once rather than in each module.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from alembic.util import CommandError
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from brinkwatch import config, dates
from brinkwatch.store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code`` (2: bad input, 1: the store failed)."""
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(code)


def open_store(db: str | None) -> Store:
    """The store at ``--db`` (or the configured one), or exit 1 saying why it cannot be opened."""
    try:
        return Store.open(db)
    except (SQLAlchemyError, CommandError) as exc:  # unreachable server, bad path or URL, failed migration
        fail(f"cannot open the store: {exc}", code=1)


def check_date(value: str | None, option: str) -> str | None:
    """A partial ISO date option as given, or exit 2 naming the option."""
    if value is None:
        return None
    try:
        return dates.check(value)
    except dates.DateError as exc:
        fail(f"{option}: {exc}")


def print_json(data: Any) -> None:
    """JSON on stdout, written plainly: rich would wrap long lines and break it for scripts."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def knowledge_packs(given: list[str] | None) -> list[str]:
    """The knowledge packs in force (``--knowledge``, env, config file), checked, or exit 2 saying why."""
    from brinkwatch.knowledge import GazetteerError, load_knowledge

    try:
        packs = config.knowledge_paths(given or [])
        load_knowledge(packs)  # validated once here, so a bad pack is one clear message, not a traceback
    except (config.ConfigError, GazetteerError) as exc:
        fail(str(exc))
    return packs
