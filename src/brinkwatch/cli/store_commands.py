"""The store's commands: ``ingest``, ``import``, ``export`` and the queries on the store.

Thin by design: each command parses its options, calls the store (or a reader,
importer or exporter) and prints. Bad input exits with status 2 and a message
naming the file, line and field; the store is left as it was, because every
import and every document is one transaction.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from brinkwatch import registry
from brinkwatch.cli.app import DbOption, FormatOption, KnowledgeOption, OutputFormat, app
from brinkwatch.cli.common import check_date as _check_date
from brinkwatch.cli.common import err, knowledge_packs, out
from brinkwatch.cli.common import fail as _fail
from brinkwatch.cli.common import open_store as _open
from brinkwatch.cli.common import print_json as _print_json
from brinkwatch.records import AnyRecord, RecordError, to_dict
from brinkwatch.store import Store, StoreInputError


def _resolve(store: Store, name: str) -> str:
    actor_id = store.resolve_actor(name)
    if actor_id is None:
        _fail(f"no actor matches {name!r} (try `brinkwatch actors --search`)")
    return actor_id


# -- ingest, import, export ---------------------------------------------------------------------


def _build_extractor(model: str | None, knowledge: list[str]) -> Any:
    """The NLP extractor when ``brinkwatch.nlp`` provides one, else None (documents are stored alone)."""
    try:
        nlp = importlib.import_module("brinkwatch.nlp")
    except ModuleNotFoundError:
        return None
    extractor_class = getattr(nlp, "Extractor", None)
    return None if extractor_class is None else extractor_class(model=model, knowledge=knowledge)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .md, .html, .jsonl).")],
    db: DbOption = None,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store the documents only.")] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date for documents that give none.")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline for extraction.")] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this process) or ray (a pool of Ray workers).")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster: auto or ray://host:port (default: start Ray here)."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Ray workers, one pipeline each.")] = 2,
    output: FormatOption = OutputFormat.table,
    knowledge: KnowledgeOption = None,
) -> None:
    """Read documents, extract actors, relations and events, and store them (one transaction each)."""
    from brinkwatch.ingest.documents import ingest_paths

    _check_date(published, "--published")
    if engine not in ("local", "ray"):
        _fail(f"--engine: expected local or ray, got {engine!r}")
    packs = knowledge_packs(knowledge)
    if engine == "ray" and not no_extract:
        with _open(db) as store:
            report = _ingest_on_ray(store, paths, address, workers, model, packs, published)
    else:
        extractor = None if no_extract else _build_extractor(model, packs)
        if extractor is None and not no_extract:
            err.print("extraction is not available (brinkwatch.nlp not installed); storing documents only")
        with _open(db) as store:
            report = ingest_paths(store, paths, extractor, progress=sys.stderr.isatty(), published=published)
    for problem in report.problems:
        err.print(f"{problem.level}: {problem}", markup=False)
    if output is OutputFormat.json:
        _print_json(report.to_dict())
    else:
        extracted = ", ".join(f"{n} {kind}s" for kind, n in sorted(report.extracted.items())) or "no records"
        out.print(
            f"{len(report.added)} documents added, {len(report.already_stored)} already stored; "
            f"extracted {extracted}"
        )
    if report.errors:
        raise typer.Exit(2)


def _ingest_on_ray(
    store: Store,
    paths: list[Path],
    address: str | None,
    workers: int,
    model: str | None,
    knowledge: list[str],
    published: str | None,
) -> Any:
    try:
        from brinkwatch.scale.ray_ingest import RayOptions, ingest_on_ray
    except ImportError:  # pragma: no cover - depends on the install
        _fail("--engine ray needs Ray: pip install 'brinkwatch[ray]'")
    label = TextColumn("{task.description}: {task.completed:,} documents")
    columns = (SpinnerColumn(), label, TimeElapsedColumn())
    with Progress(*columns, console=err, disable=not sys.stderr.isatty(), transient=True) as bar:
        task = bar.add_task("ingest on ray", total=None)
        options = RayOptions(address=address, workers=workers, model=model, knowledge=tuple(knowledge))
        return ingest_on_ray(store, paths, options, published, on_document=lambda: bar.advance(task))


class _Counted:
    """Records passed through while a progress line on stderr counts them."""

    def __init__(self, records: Iterable[AnyRecord], label: str) -> None:
        self.records, self.label, self.count = records, label, 0

    def __iter__(self) -> Iterator[AnyRecord]:
        columns = (
            SpinnerColumn(),
            TextColumn("{task.description}: {task.completed:,} records"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err, disable=not sys.stderr.isatty(), transient=True) as bar:
            task = bar.add_task(self.label, total=None)
            for record in self.records:
                self.count += 1
                yield record
                if self.count % 1000 == 0:
                    bar.update(task, completed=self.count)


def _choices(kind: str, table: dict[str, Any]) -> tuple[type[StrEnum], str]:
    """The registered formats as an enum Typer offers as choices, and a help line naming each."""
    names = list(table) or ["(none)"]
    choices = cast(type[StrEnum], StrEnum(kind, {n: n for n in names}))
    return choices, "; ".join(f"{n}: {p.help}" for n, p in table.items())


def _registry(load: Any) -> dict[str, Any]:
    try:
        table: dict[str, Any] = load()
    except registry.RegistryError as exc:  # stale metadata or a broken plug-in: --help still works
        err.print(f"warning: {exc}", markup=False)
        return {}
    return table


ImportFormat, IMPORT_HELP = _choices("ImportFormat", _registry(registry.importers))
ExportFormat, EXPORT_HELP = _choices("ExportFormat", _registry(registry.exporters))


def _options(pairs: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            _fail(f"--option {pair!r}: expected KEY=VALUE")
        found[key.strip()] = value.strip()
    return found


@app.command("import")
def import_records(
    file: Annotated[Path, typer.Argument(help="The dataset file to import (.gz and .zip are read through).")],
    fmt: Annotated[ImportFormat, typer.Option("--format", help=f"Input format. {IMPORT_HELP}.")],  # type: ignore[valid-type]
    db: DbOption = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Import the good rows and write each damaged one (file, line, reason, row) to a reject file "
            "beside the store, instead of importing nothing.",
        ),
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option("--rejects", help="Where to write the rejected rows (with --skip-bad-rows)."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--output", "-o", help="Output format.")
    ] = OutputFormat.table,
    option: Annotated[list[str] | None, typer.Option(
        "--option", help="KEY=VALUE passed to the importer (e.g. codeset=weis for cameo); repeatable.",
        show_default=False)] = None,
) -> None:
    """Import a dataset's records into the store, all or nothing unless --skip-bad-rows.

    \b
    Formats, and the layouts each recognises from the file itself:
      gdelt     GDELT 1.0 historical (57 columns), 1.0 daily (58),
                2.0 (61), exports with a header row
      acled     ACLED 2015-2018 (upper case, GWNO, ALLY_ACTOR_1),
                2016 API (index column), 2019-2022 API, 2020 API
                (9-May-20 dates), current (2023-), "(Sample)" line
      ucdp-ged  UCDP GED: plain CSV, HDX (HXL tag row), zipped
      icews     ICEWS coded event files (.tab as published, or CSV)
      polecat   POLECAT/PLOVER JSON Lines or array, weekly TSV
      cameo     CAMEO/WEIS tables (date, source, target, code)
      jsonl     brinkwatch interchange records (RECORDS.md)
    Any of them may be .gz or .zip. Dates: ISO, 20200103,
    03 January 2020, 9-May-20, day/month/year. NA, N/A and empty
    cells are missing values.
    """
    from brinkwatch.ingest.importers import SKIP_BAD_ROWS, wrong_format_hint

    importer = registry.get_importer(str(fmt))
    options = _options(option or [])
    if skip_bad_rows:
        options[SKIP_BAD_ROWS] = "true"
    if not file.is_file():
        _fail(f"{file}: no such file")
    try:
        stream = importer.read(file, options)
    except RecordError as exc:  # the file's head already shows it is not this format
        hint = wrong_format_hint(file, str(fmt))
        _fail(f"{exc}; nothing was imported" + (f" ({hint})" if hint else ""))
    except (ValueError, ModuleNotFoundError) as exc:  # an option the format does not take
        _fail(f"--format {fmt}: {exc}")
    with _open(db) as store:
        try:
            counted = _Counted(stream, f"import {file.name}")
            stats = store.add_records(counted)
        except RecordError as exc:
            hint = wrong_format_hint(file, str(fmt))
            _fail(f"{exc}; nothing was imported" + (f" ({hint})" if hint else ""))
        except StoreInputError as exc:
            _fail(f"{file}: {exc}; nothing was imported")
        reject_file = _reject_file(store, file, rejects)
    found = getattr(stream, "stats", None)
    rejected = list(found.rejected) if found is not None else []
    if rejected:
        from brinkwatch.ingest.tabular import write_rejects

        write_rejects(rejected, reject_file)
    if output is OutputFormat.json:
        data = stats.to_dict()
        if found is not None:
            data["import"] = found.to_dict()
        if skip_bad_rows:
            data["rejects_file"] = str(reject_file) if rejected else None
        _print_json(data)
        return
    table = Table("kind", "added", "updated", "skipped", title=f"import {file.name}")
    for kind in ("document", "actor", "place", "relation", "event"):
        row = (stats.added[kind], stats.updated[kind], stats.skipped[kind])
        if any(row):
            table.add_row(kind, *(f"{n:,}" for n in row))
    if found is not None and found.layout and not found.rows_without_event:  # else the logged summary says it
        out.print(f"layout: {found.layout}", markup=False)
    out.print(table)
    out.print(f"{stats.merged} actors merged into known ones; {stats.closed} open relations closed")
    if rejected:
        out.print(f"{len(rejected):,} damaged rows rejected; listed in {reject_file}", markup=False)
    elif skip_bad_rows:
        out.print("no damaged rows", markup=False)


def _reject_file(store: Store, file: Path, chosen: Path | None) -> Path:
    """Where rejected rows go: the --rejects path, else beside a SQLite store, else the current folder."""
    if chosen is not None:
        return chosen
    url = store.engine.url
    folder, stem = Path("."), "brinkwatch"
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        db_path = Path(str(url.database))
        folder, stem = db_path.parent, db_path.stem
    elif url.database:
        stem = str(url.database)
    return folder / f"{stem}.rejects.{file.name}.tsv"


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help=f"{EXPORT_HELP}.")]  # type: ignore[valid-type]
    = "jsonl",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Output file (jsonl: default stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the whole store in a format other tools read."""
    exporter = registry.get_exporter(str(fmt))
    if out_file is None and not exporter.streamable:
        _fail(f"--format {fmt} writes a file: give --out FILE")
    with _open(db) as store:
        counts = exporter.write(store, out_file if out_file is not None else sys.stdout)
    summary = ", ".join(f"{n:,} {kind}" for kind, n in counts.items())
    err.print(f"exported {summary}" + (f" to {out_file}" if out_file else ""), markup=False)


# -- queries ------------------------------------------------------------------------------------


@app.command()
def actors(
    type: Annotated[str | None, typer.Option("--type", help="Only this actor type.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Names or ids containing this text.")] = None,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List actors."""
    with _open(db) as store:
        found = store.actors(type=type, search=search)
    if output is OutputFormat.json:
        _print_json([to_dict(a) for a in found])
        return
    table = Table("id", "name", "type", "country", "aliases", title=f"{len(found)} actors")
    for a in found:
        table.add_row(a.id, a.name, a.type, a.country or "", "; ".join(a.aliases))
    out.print(table)


def _event_table(events: list[Any], title: str) -> Table:
    table = Table("date", "type", "source", "target", "summary", "reports", "id", title=title)
    for e in events:
        when = e.date or "" if not e.date_end else f"{e.date}..{e.date_end}"
        reports = (e.model_extra or {}).get("corroboration")
        table.add_row(
            when, e.type, ", ".join(e.source), ", ".join(e.target), e.summary, str(reports or ""), e.id
        )
    return table


@app.command()
def events(
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id or name, on either side.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many (0: all).", min=0)] = 100,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List events in date order (undated last)."""
    since, until = _check_date(since, "--since"), _check_date(until, "--until")
    with _open(db) as store:
        actor_id = _resolve(store, actor) if actor else None
        found = store.events(
            actor=actor_id, type=type.upper() if type else None, since=since, until=until, limit=limit or None
        )
    if output is OutputFormat.json:
        _print_json([to_dict(e) for e in found])
    else:
        out.print(_event_table(found, f"{len(found)} events"))


@app.command()
def relations(
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id or name, at either end.")] = None,
    at: Annotated[str | None, typer.Option("--at", help="Only relations that hold at this date.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Relation type, e.g. supports.")] = None,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List relations, optionally as of a date."""
    at = _check_date(at, "--at")
    with _open(db) as store:
        actor_id = _resolve(store, actor) if actor else None
        found = store.relations(actor=actor_id, at=at, types=type)
    if output is OutputFormat.json:
        _print_json([to_dict(r) for r in found])
        return
    table = Table("source", "type", "target", "from", "to", "role", "id", title=f"{len(found)} relations")
    for r in found:
        closed = (r.model_extra or {}).get("closed_to")
        until = r.valid_to or (f"{closed} (closed)" if closed else "")
        table.add_row(r.source, r.type, r.target, r.valid_from or "", until, r.role or "", r.id)
    out.print(table)


@app.command()
def show(
    actor: Annotated[str, typer.Argument(help="Actor id or any of its names.")],
    events_shown: Annotated[int, typer.Option("--events", help="How many events to list.", min=0)] = 20,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Profile of one actor: names, relations over time, events and sources."""
    with _open(db) as store:
        try:
            profile = store.profile(actor, event_limit=events_shown)
        except LookupError as exc:
            _fail(str(exc))
        total_events = store.count_events(actor=profile.actor.id)
    if output is OutputFormat.json:
        _print_json({**profile.to_dict(), "event_count": total_events})
        return
    a = profile.actor
    out.print(f"[bold]{a.name}[/bold] ({a.id}) - {a.type}", markup=True)
    facts = [
        ("aliases", "; ".join(a.aliases)),
        ("merged ids", ", ".join(profile.merged_ids)),
        ("country", a.country),
        ("code", a.code),
        ("born", a.born),
        ("founded", a.founded),
        ("died", a.died),
        ("dissolved", a.dissolved),
    ]
    for label, value in facts:
        if value:
            out.print(f"  {label}: {value}", markup=False)
    rels = Table("from", "to", "source", "type", "target", "role", title="relations over time")
    for r in profile.relations:
        rels.add_row(r.valid_from or "", r.valid_to or "", r.source, r.type, r.target, r.role or "")
    out.print(rels)
    out.print(_event_table(profile.events, f"events (first {len(profile.events)} of {total_events})"))
    if not profile.documents:
        out.print("sources: no documents (dataset records only)")
        return
    docs = Table("id", "title", "published", title="sources")
    for d in profile.documents:
        docs.add_row(d.id, d.title, d.published or "")
    out.print(docs)
