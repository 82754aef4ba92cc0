"""Building HTML and SVG so that text from the store can only ever be text.

Every string that is not :class:`Safe` is escaped when it goes into an element
or an attribute; only markup built by :func:`el` is :class:`Safe`. A report
section therefore cannot forget to escape a document's sentence, an actor's
name or an event summary: forgetting is the escaped case.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


class Safe(str):
    """Markup made by this module, already escaped; inserted as is."""


def esc(value: object) -> Safe:
    """Any value as escaped text (``None`` as nothing)."""
    return Safe("" if value is None else html.escape(str(value), quote=True))


def _child(value: object) -> str:
    if isinstance(value, Safe):
        return value
    if isinstance(value, (list, tuple)):
        return "".join(_child(v) for v in value)
    return esc(value)


def el(tag: str, *children: object, **attrs: object) -> Safe:
    """``<tag attrs>children</tag>``; attribute names may end in ``_`` (``class_``) to dodge keywords.

    An attribute set to None or False is left out, True writes it bare;
    underscores inside names become hyphens (``stroke_width`` -> ``stroke-width``).
    """
    parts = [tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    inner = "".join(_child(c) for c in children)
    return Safe(f"<{' '.join(parts)}>{inner}</{tag}>")


def head(*cells: str | Safe) -> Safe:
    """A table header row: plain names become ``<th>`` cells, ready-made cells go in as they are."""
    return el("thead", el("tr", *(c if isinstance(c, Safe) else el("th", c) for c in cells)))


def num(value: object, tag: str = "td") -> Safe:
    """A right-aligned numeric cell."""
    return el(tag, value, class_="num")


def join(parts: Iterable[Safe], sep: str = "") -> Safe:
    """Concatenate markup pieces."""
    return Safe(sep.join(parts))
