"""Reading gazetteer YAML with line numbers, and the error that points into it.

An analyst who mistypes a date in a 700-line actors file needs to be told the
file, the line and the entry, not just "invalid date". PyYAML drops positions
once a document is turned into dicts, so mappings are built as
:class:`LineDict`, a dict that remembers the line it started on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class GazetteerError(ValueError):
    """Bad gazetteer data, located by file, line, entry and field."""

    def __init__(self, file: str, line: int, entry: str, field: str, problem: str) -> None:
        self.file, self.line, self.entry, self.field, self.problem = file, line, entry, field, problem
        where = f"{file}:{line}" if line else file
        if entry:
            where += f": entry {entry!r}"
        if field:
            where += f": field {field!r}"
        super().__init__(f"{where}: {problem}")


class LineDict(dict[str, Any]):
    """A mapping from a YAML file that knows the (1-based) line it starts on."""

    line: int = 0


# libyaml's parser when PyYAML was built with it: the pure-Python one is most of the gazetteer's load
# time. Both give nodes with start marks, so line numbers are the same either way.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """The safe loader whose mappings are :class:`LineDict`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, label: str) -> LineDict:
    """Parse one data file into a top-level mapping, or raise :class:`GazetteerError` saying why not."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(label, 0, "", "", f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise GazetteerError(label, 0, "", "", f"not valid UTF-8 ({exc.reason})") from None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise GazetteerError(label, line, "", "", f"not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise GazetteerError(label, 0, "", "", f"not valid YAML: {exc}") from None
    if data is None:
        return LineDict()
    if not isinstance(data, LineDict):
        got = type(data).__name__
        raise GazetteerError(label, 1, "", "", f"expected a mapping of sections at the top, got {got}")
    return data
