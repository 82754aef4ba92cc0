"""Errors the store raises about the records it is given (not about the database).

Each names the record (kind and id), the field, and the record's position in
the ``add_records`` stream, so the command line can point at the input; the
whole call is rolled back, so nothing of a bad import is stored.
"""

from __future__ import annotations

from collections.abc import Mapping


class StoreInputError(ValueError):
    """A record the store cannot keep as given."""

    def __init__(self, kind: str, record_id: str, field: str, problem: str, position: int = 0) -> None:
        self.kind, self.record_id, self.field, self.problem = kind, record_id, field, problem
        self.position = position  # 1-based ordinal of the record in the add_records stream (0: unknown)
        where = f"record {position}: " if position else ""
        super().__init__(f"{where}{kind} '{record_id}': field '{field}': {problem}")


class UnknownActorError(StoreInputError):
    """A relation or event names an actor that is neither stored nor earlier in the same stream.

    The store does not invent a minimal actor for the missing id: that would hide
    a typo or an importer that forgot to emit its actors, and the graph would
    fill with nameless nodes.
    """

    def __init__(self, kind: str, record_id: str, field: str, actor_id: str, position: int = 0) -> None:
        self.actor_id = actor_id
        problem = (
            f"unknown actor '{actor_id}' (not in the store and not given earlier in this input; "
            "actors must come before the relations and events that name them)"
        )
        super().__init__(kind, record_id, field, problem, position)


def check_no_nul(
    kind: str, record_id: str, values: Mapping[str, object], position: int, prefix: str = ""
) -> None:
    """Refuse text with NUL characters: PostgreSQL cannot store them, and SQLite must not differ."""
    for name, value in values.items():
        if isinstance(value, str) and "\x00" in value:
            problem = "contains a NUL character (U+0000), which text in the store cannot hold"
            raise StoreInputError(kind, record_id, f"{prefix}{name}", problem, position)
