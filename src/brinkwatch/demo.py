"""The demo: the example corpus turned into a store, a report and a dashboard in one command.

``brinkwatch demo`` shows the whole way through on the founding case: it
recreates an embedded store, loads the built-in gazetteer (actors, places and
their known patronage, so attribution has chains to follow), ingests the
example articles with extraction, runs the analyses and writes the report.
:func:`print_summary` prints the findings, and the command
(``cli/serve_commands.py``) then serves the dashboard.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

import brinkwatch
from brinkwatch.analysis.escalation import EscalationSeries, escalation
from brinkwatch.ingest.documents import IngestReport, ingest_paths
from brinkwatch.knowledge import load_knowledge
from brinkwatch.report import Dyad, ReportData
from brinkwatch.store import AddStats, Store

SQLITE_MAGIC = b"SQLite format 3\x00"
CORPUS_NAME = Path("examples") / "iraq"


class DemoError(RuntimeError):
    """Something the demo cannot work around: no corpus, or a --db path that is not a store to replace."""


def find_corpus(explicit: Path | None = None) -> Path:
    """The example corpus folder: ``explicit``, else ``examples/iraq`` of the source checkout.

    brinkwatch is installed editable from its repository, so the checkout is
    three levels above this file (``src/brinkwatch/demo.py``).
    """
    checkout = Path(brinkwatch.__file__).resolve().parents[2]
    corpus = explicit if explicit is not None else checkout / CORPUS_NAME
    if not corpus.is_dir():
        raise DemoError(
            f"example corpus not found at {corpus}: run the demo from a brinkwatch source checkout "
            "(pip install -e .), or point --corpus at a folder of .md/.txt/.html articles"
        )
    if not any(p.suffix in (".md", ".txt", ".html", ".htm", ".jsonl") for p in corpus.iterdir()):
        raise DemoError(f"{corpus} holds no .md, .txt, .html or .jsonl documents to ingest")
    return corpus


def remove_store_file(path: Path) -> None:
    """Delete an old demo store (and its WAL files), refusing to delete a file that is not SQLite.

    The demo recreates its store on every run; a mistyped ``--db`` pointing at
    someone's document must not be the thing it deletes.
    """
    if not path.exists():
        return
    if not path.is_file():
        raise DemoError(f"--db {path}: is a folder, not a SQLite store file")
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise DemoError(f"--db {path}: exists and is not a SQLite database; refusing to replace it")
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)


@dataclass
class DemoBuild:
    """What building the demo store did."""

    url: str
    corpus: Path
    gazetteer: AddStats
    ingest: IngestReport


def build_store(db: Path, corpus: Path, progress: bool = True, knowledge: Sequence[str] = ()) -> DemoBuild:
    """Recreate the store at ``db`` from the gazetteer (plus ``knowledge`` packs) and the corpus."""
    from brinkwatch.nlp import Extractor

    remove_store_file(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{db}"
    gaz = load_knowledge(knowledge)
    with Store.open(url) as store:
        known = store.add_records([*gaz.actor_records(), *gaz.place_records(), *gaz.relations])
        report = ingest_paths(store, [corpus], Extractor(knowledge=knowledge), progress=progress)
    return DemoBuild(url, corpus, known, report)


# -- the findings, printed ------------------------------------------------------------------------

MAIN_CHAINS = 6
PRINCIPALS = ("United States", "Iran")


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def principal_dyad(store: Store) -> Dyad | None:
    """The United States and Iran, each with its proxies, if the store has both."""
    a, b = (store.resolve_actor(name) for name in PRINCIPALS)
    return Dyad(a, b, roll_up=True) if a and b else None


def principal_series(store: Store) -> EscalationSeries | None:
    """Escalation by year between the United States and Iran with their proxies, if both are stored."""
    dyad = principal_dyad(store)
    return None if dyad is None else escalation(store, dyad.a, dyad.b, by="year", roll_up_proxies=True)


def print_summary(console: Console, store: Store, data: ReportData, built: DemoBuild) -> None:
    """What was extracted, the main patron chains, the escalation of the principals, the double games."""
    counts = _table("What the store holds", "records", "stored", "extracted from the corpus")
    found = built.ingest.extracted
    for kind in ("documents", "actors", "places", "relations", "events"):
        extracted = len(built.ingest.added) if kind == "documents" else found.get(kind[:-1], 0)
        counts.add_row(kind, str(data.counts.get(kind, 0)), str(extracted))
    console.print(counts)

    chains = _table("Main patron chains (each armed group's strongest: group → … → patron)", "chain",
                    "strength")
    ranked = [found.chains[0] for found in data.chains[:MAIN_CHAINS]]  # data.chains is strongest first
    for chain in ranked:
        strength = chain.strength
        chains.add_row(" → ".join(data.name(a) for a in chain.actors), f"{strength:.2f}")
    console.print(chains if ranked else "No patron chains found.")

    series = principal_series(store)
    if series is None:
        console.print("The store has no United States or no Iran to chart.")
    else:
        title = f"Escalation by year: {data.name(series.a)} vs {data.name(series.b)} and their proxies"
        years = _table(title, "year", "events", "deaths", "state", "why")
        for period in series.periods:
            years.add_row(period.label, str(int(period.metrics.get("events") or 0)),
                          str(int(period.metrics.get("fatalities") or 0)), period.state, period.criterion)
        console.print(years)

    games = _table("Double games (cooperates with a side and is hostile to it)", "actor", "side",
                   "cooperates with", "hostile to")
    for game in data.balance.ambivalent[:MAIN_CHAINS]:
        games.add_row(data.name(game.actor), data.name(game.side),
                      ", ".join(data.name(a) for a in game.cooperative_with),
                      ", ".join(data.name(a) for a in game.hostile_to))
    console.print(games if data.balance.ambivalent else "No double games found.")
