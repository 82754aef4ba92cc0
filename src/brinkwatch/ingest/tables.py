"""Delimited exports: numbered rows, the header below any preamble lines, missing-value markers.

Exports reach users through R, pandas, Excel and database dumps: a title or
"(Sample)" line above the header, columns in another case or under an older name,
"NA" for an empty cell, a row-name column, semicolons for commas. :func:`read_table`
finds the header and indexes it so that an importer reads every one the same way.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from brinkwatch.records import RecordError


def numbered_rows(fh: Iterable[str], label: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each record of a delimited file; quoted fields may span lines.

    The line number is where the record starts, which is what a user looks for.
    Bad UTF-8 is reported with the line it is on.
    """
    reader = csv.reader(
        fh, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    )
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise RecordError(label, reader.line_num + 1, "", f"not valid UTF-8 ({exc.reason})") from None
        except csv.Error as exc:
            raise RecordError(label, reader.line_num, "", f"not valid CSV ({exc})") from None
        yield start, cells
        start = reader.line_num + 1


MISSING = frozenset({"", "NA", "N/A", "n/a", "#N/A", "NULL", "null", "NaN", "nan", "None", "<NA>"})
"""How R, pandas, Excel and database dumps write an empty cell; all read as missing."""


def present(text: str) -> str:
    """A cell's text, or '' when the cell is a missing-value marker ("NA", "N/A", "NULL" ...).

    A whole number written as a float ("7.0", pandas' way with a column that has gaps)
    is read as the integer it is, so codes, ids and counts match their plain spelling.
    """
    s = text.strip()
    if s in MISSING:
        return ""
    if s.endswith(".0") and s[:-2].isdigit():
        return s[:-2]
    return s


def column_key(name: str) -> str:
    """A header cell folded for matching: 'EVENT_ID_CNTY' -> 'event_id_cnty', 'Event ID' -> 'event_id'."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lstrip("\ufeff").lower()).strip("_")


@dataclass
class Table:
    """A delimited file's header (found below any preamble lines) and its data rows.

    ``col`` maps canonical column names (after ``aliases``) to cell positions. A header one
    cell shorter than the data rows (R's ``write.table`` with row names) is recognised on the
    first data row, which then starts with a row number, and every position shifts by one.
    """

    label: str
    col: dict[str, int]
    names: list[str]
    width: int
    line: int
    preamble: list[str]
    delimiter: str
    _rows: Iterator[tuple[int, list[str]]]
    row_names: bool = False

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of each data row; blank rows are passed over, other widths are left to the caller."""
        first = True
        for n, cells in self._rows:
            if not any(c.strip() for c in cells):
                continue
            if first:
                first = False
                row_name = cells[0].strip()
                if len(cells) == self.width + 1 and self.names[0].strip() and row_name.isdigit():
                    self.row_names = True
                    self.width += 1
                    for name in self.col:
                        self.col[name] += 1
            yield n, cells

    def cell(self, cells: list[str], name: str) -> str:
        """The cell of canonical column ``name`` in a row, stripped; "" when the file has no such column."""
        i = self.col.get(name)
        return present(cells[i]) if i is not None else ""

    def width_error(self, n: int, cells: list[str]) -> RecordError:
        """The error for a row of the wrong width (a damaged or truncated row)."""
        sep = {",": "comma", "\t": "tab", ";": "semicolon"}.get(self.delimiter, repr(self.delimiter))
        return RecordError(
            self.label, n, "", f"expected {self.width} {sep}-separated columns, found {len(cells)}"
        )

    def text(self, cells: list[str]) -> str:
        """A row written back as one line, for the reject file."""
        return self.delimiter.join(cells)


DELIMITERS = (",", "\t", ";")
"""Delimiters a table may use, in order of preference when the first lines use several equally."""
SNIFF_LINES = 8

PREAMBLE_LIMIT = 25
"""How many lines above the header (titles, "(Sample)" notes, licence lines) are looked through."""


def read_table(
    fh: IO[str],
    label: str,
    required: tuple[str, ...],
    expect: str,
    aliases: dict[str, str] | None = None,
    delimiter: str | None = None,
) -> Table:
    """Find the header of a delimited export (below up to PREAMBLE_LIMIT preamble lines) and index it.

    Column names are matched folded (case, spaces and punctuation ignored) and through
    ``aliases`` (folded alternative name -> canonical name). The first line that has every
    required column is the header; if none has, the error lists what the best line lacked.
    ``delimiter`` None means the one the first lines use most: a comma, a tab, or the
    semicolon that Excel writes in "CSV" where the comma is the decimal mark.
    """
    lines: Iterable[str] = fh
    if delimiter is None:
        head = [line for line in itertools.islice(fh, SNIFF_LINES)]
        delimiter = max(DELIMITERS, key=lambda d: max((line.count(d) for line in head), default=0))
        lines = itertools.chain(head, fh)
    rows = numbered_rows(lines, label, delimiter)
    aliases = aliases or {}
    best: tuple[int, int, list[str], list[str]] | None = None
    preamble: list[str] = []
    for n, cells in rows:
        col: dict[str, int] = {}
        for i, name in enumerate(cells):
            key = column_key(name)
            col.setdefault(aliases.get(key, key), i)
        missing = [c for c in required if c not in col]
        if not missing:
            return Table(label, col, cells, len(cells), n, preamble, delimiter, rows)
        if best is None or len(required) - len(missing) > best[1]:
            best = (n, len(required) - len(missing), missing, cells)
        preamble.append(delimiter.join(cells))
        if len(preamble) > PREAMBLE_LIMIT:
            break
    if best is None:
        raise RecordError(label, 1, "", f"the file is empty; expected {expect}")
    n, _, missing, cells = best
    shown = ", ".join(h.strip() for h in cells[:12]) + (" ..." if len(cells) > 12 else "")
    raise RecordError(
        label, n, "", f"not {expect}: the header lacks column(s) {', '.join(missing)} (found: {shown})"
    )
