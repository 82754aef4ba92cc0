"""Checking query parameters once, so every endpoint answers bad input the same way.

A date that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` is a 400 naming the
parameter; an actor the store does not know is a 404 naming what was asked
for. Handlers receive values already known to be good, so a malformed query
can never reach the store and surface as a 500.
"""

from __future__ import annotations

from brinkwatch import dates
from brinkwatch.api.problems import Problem
from brinkwatch.store import Store

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def check_date(name: str, value: str | None) -> str | None:
    """``value`` if it is a partial ISO date (or absent), else a 400 problem naming ``name``."""
    if value is None or value == "":
        return None
    try:
        return dates.check(value.strip())
    except dates.DateError as exc:
        raise Problem(400, "bad-date", f"query parameter '{name}': {exc}") from None


def check_range(since: str | None, until: str | None) -> None:
    """A 400 problem when ``until`` ends before ``since`` begins (an always-empty query is a mistake)."""
    if since and until and dates.bounds(until)[1] < dates.bounds(since)[0]:
        raise Problem(400, "bad-range", f"'until' ({until}) is before 'since' ({since})")


def resolve_actor(store: Store, name: str, value: str) -> str:
    """The canonical id of the actor ``value`` names (an id, merged id or any alias), or a 404 problem."""
    found = store.resolve_actor(value.strip())
    if found is None:
        raise Problem(404, "unknown-actor", f"parameter '{name}': no actor with id or name {value!r}")
    return found


def optional_actor(store: Store, name: str, value: str | None) -> str | None:
    """Like :func:`resolve_actor`, but an absent or empty parameter means "any actor"."""
    if value is None or not value.strip():
        return None
    return resolve_actor(store, name, value)
