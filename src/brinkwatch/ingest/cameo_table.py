"""CAMEO-coded event tables (date, source, target, code), the output of KEDS, TABARI and PETRARCH.

A table is tab-separated, with or without a ``date source target code`` header.
Its codes may be CAMEO 1.1, the early CAMEO 0.5B1, or WEIS (the KEDS project's
older coding, whose 21x/22x codes have no CAMEO counterpart). The three share
most three-digit numbers with different meanings (094 is "investigate war
crimes" in CAMEO but "call for action" in WEIS), so reading a table under the
wrong code set silently falsifies it. Unless told, the importer therefore reads
the code column once first and takes the code set that recognises the most rows;
the choice is reported in the stats. Codes the chosen set does not know are
counted and reported, never dropped silently; a code that is not a number at all
means a damaged row and stops the import with its line.

Rows carry no id of their own, so an event's id is the file name and line number:
re-importing the same file adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from brinkwatch.ingest.actor_codes import ActorDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    dataset_provenance,
    label_of,
    open_text,
    slug,
    trusted_event,
)
from brinkwatch.ontology.mappings import CODESETS, LEGACY_CODESETS, CodeSet, load_codeset
from brinkwatch.records import AnyRecord, RecordError

COLUMNS = ("date", "source", "target", "code")
EXPECT = "a CAMEO event table (tab-separated date, source, target, code)"


def read(path: Path, codeset: str | None = None, skip_bad_rows: bool = False) -> ImportStream:
    """Stream actors and events from a CAMEO/WEIS table; ``codeset`` None means detect it from the codes.

    With ``skip_bad_rows`` a damaged row is set aside in ``stats.rejected`` instead of
    stopping the import.
    """
    path = Path(path)
    label = label_of(path)
    layout = _layout(path, label)
    chosen = codeset or detect_codeset(path, label, layout)
    stats = ImportStats(dataset=path.name, source=label)
    stats.notes.append(f"code set {chosen}" + ("" if codeset else " (detected from the codes)"))
    stats.layout = "CAMEO/WEIS event table" + (" with a header" if layout[0] else " without a header")
    return ImportStream(_records(path, label, layout, load_codeset(chosen), stats, skip_bad_rows), stats)


def _layout(path: Path, label: str) -> tuple[bool, dict[str, int], int]:
    """(has header, column -> index, column count) from the first line; refuses other file types."""
    with open_text(path, EXPECT) as fh:
        first = fh.readline().rstrip("\r\n")
    if not first:
        raise RecordError(label, 1, "", f"the file is empty; expected {EXPECT}")
    cells = [c.strip().lower() for c in first.split("\t")]
    if len(cells) < len(COLUMNS):
        raise RecordError(label, 1, "", f"not {EXPECT}: found {len(cells)} tab-separated column(s)")
    if all(c in cells for c in COLUMNS):
        return True, {c: cells.index(c) for c in COLUMNS}, len(cells)
    if len(cells) == len(COLUMNS):
        return False, {c: i for i, c in enumerate(COLUMNS)}, len(COLUMNS)
    raise RecordError(
        label, 1, "", f"not {EXPECT}: the header names neither {', '.join(COLUMNS)} nor 4 columns"
    )


def detect_codeset(path: Path, label: str, layout: tuple[bool, dict[str, int], int] | None = None) -> str:
    """The code set that recognises the most rows of the table (ties go to the newer set)."""
    has_header, index, _ = layout or _layout(path, label)
    column = index["code"]
    counts: Counter[str] = Counter()
    with open_text(path, EXPECT) as fh:
        if has_header:
            fh.readline()
        for line in fh:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) > column:
                counts[cells[column].strip()] += 1
    scores = {
        name: sum(n for code, n in counts.items() if load_codeset(name).knows(code)) for name in CODESETS
    }
    best = max(CODESETS, key=lambda name: (scores[name], -CODESETS.index(name)))
    if scores[best] == 0:
        raise RecordError(label, 0, "code", f"no row has a CAMEO or WEIS event code; expected {EXPECT}")
    return best


def _records(
    path: Path,
    label: str,
    layout: tuple[bool, dict[str, int], int],
    codes: CodeSet,
    stats: ImportStats,
    skip: bool = False,
) -> Iterator[AnyRecord]:
    has_header, index, width = layout
    di, si, ti, ci = (index[c] for c in COLUMNS)
    dataset = path.name
    prefix = f"cameo-{slug(path.stem)}-"
    actors = ActorDirectory(dataset=dataset, legacy=codes.name in LEGACY_CODESETS)
    dates = DateCache()
    table = codes.codes
    set_label = "WEIS" if codes.name == "weis" else "CAMEO"
    resolved: dict[str, str] = {}  # a table row gives only codes, so each code resolves once
    n = rows = events = 0
    try:
        with open_text(path, EXPECT) as fh:
            if has_header:
                fh.readline()
                n = 1
            for line in fh:
                n += 1
                cells = line.rstrip("\r\n").split("\t")
                if len(cells) != width:
                    if len(cells) == 1 and not cells[0].strip():
                        continue
                    rows += 1
                    _bad(
                        RecordError(
                            label,
                            n,
                            "",
                            f"expected {width} tab-separated columns ({', '.join(COLUMNS)}), "
                            f"found {len(cells)}",
                        ),
                        line,
                        stats,
                        skip,
                    )
                    continue
                rows += 1
                code = cells[ci].strip()
                if code not in table:
                    if not code.isdigit() or not 2 <= len(code) <= 4:
                        _bad(
                            RecordError(label, n, "code", f"{code!r} is not a {set_label} event code"),
                            line,
                            stats,
                            skip,
                        )
                        continue
                    stats.unknown_codes[code] += 1
                    continue
                mapping = table[code]
                if mapping is None:
                    stats.unmapped[code] += 1
                    continue
                try:
                    day = dates.parse(cells[di])
                except ValueError as exc:
                    _bad(RecordError(label, n, "date", str(exc)), line, stats, skip)
                    continue
                row = str(n)
                source = cells[si].strip()
                target = cells[ti].strip()
                sides: tuple[list[str], list[str]] = ([], [])
                for side, code in enumerate((source, target)):
                    if not code:
                        continue
                    actor_id = resolved.get(code)
                    if actor_id is None:
                        actor_id, new = actors.by_code(code, row)
                        resolved[code] = actor_id
                        if new is not None:
                            stats.actors += 1
                            yield new
                    sides[side].append(actor_id)
                sources, targets = sides
                events += 1
                yield trusted_event(
                    {
                        "kind": "event",
                        "id": prefix + row,
                        "type": mapping.type,
                        "mode": mapping.mode,
                        "source": sources,
                        "target": targets,
                        "date": day,
                        "date_end": None,
                        "place": None,
                        "fatalities": None,
                        "intensity": mapping.goldstein,
                        "quad_class": mapping.quad_class,
                        "summary": f"{source or '?'} -> {target or '?'}: {set_label} {code}",
                        "confidence": 1.0,
                        "provenance": dataset_provenance(dataset, row),
                    }
                )
    finally:
        stats.rows += rows
        stats.events += events


def _bad(error: RecordError, line: str, stats: ImportStats, skip: bool) -> None:
    """Stop on a damaged row, or (``skip_bad_rows``) set it aside with its reason."""
    if not skip:
        raise error
    stats.reject(error, line.rstrip("\r\n"))
