"""``brinkwatch serve``, ``report`` and ``demo``: the surfaces a person looks at.

Thin by design: each command checks its options, calls the API factory, the
report or the demo builder, and prints. Refusals (an unsafe bind, a missing
corpus, a --db that is not a store) exit with status 2 and say what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from brinkwatch.cli.app import DbOption, KnowledgeOption, app
from brinkwatch.cli.common import err, knowledge_packs, out
from brinkwatch.cli.common import fail as _fail
from brinkwatch.cli.common import open_store as _open
from brinkwatch.store import Store

if TYPE_CHECKING:  # the report pulls in every analysis (and scipy): imported when a command runs
    from brinkwatch.report.dyads import Dyad


HostOption = Annotated[str, typer.Option("--host", help="Interface to listen on (127.0.0.1: this machine).")]
DEMO_TITLE = "brinkwatch demo: the United States, Iran and the militias in Iraq"
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")]


def _parse_dyad(store: Store, pair: str) -> Dyad:
    """'A:B' as a dyad of stored actors (each with its proxies), or exit naming what is wrong."""
    from brinkwatch.report.dyads import Dyad

    names = [n.strip() for n in pair.split(":")]
    if len(names) != 2 or not all(names):
        _fail(f"--dyad {pair!r}: expected two actors separated by a colon, as in 'United States:Iran'")
    ids = [store.resolve_actor(n) for n in names]
    for name, found in zip(names, ids, strict=True):
        if found is None:
            _fail(f"--dyad {pair!r}: no actor with id or name {name!r} in the store")
    return Dyad(str(ids[0]), str(ids[1]), roll_up=True)


def _run_server(url: str | None, host: str, port: int, token: str | None, writable: bool) -> None:
    import uvicorn

    from brinkwatch.api import create_app
    from brinkwatch.api.security import UnsafeBindError, check_bind

    try:
        check_bind(host, token, writable)
    except UnsafeBindError as exc:
        _fail(str(exc))
    _open(url).close()  # a clear message now rather than a traceback from inside the app factory
    api = create_app(url, token=token, writable=writable)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"brinkwatch dashboard: [bold]http://{shown}:{port}/[/bold]  (API docs at /docs; Ctrl+C stops)")
    if writable and not token:
        out.print(f"ingest token for this run: [bold]{api.state.token}[/bold] "
                  "(send 'Authorization: Bearer <token>' to POST /api/ingest)")
    uvicorn.run(api, host=host, port=port, log_level="warning")


@app.command()
def serve(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="BRINKWATCH_TOKEN", show_envvar=True,
                                              help="Bearer token that POST /api/ingest requires.")] = None,
    writable: Annotated[bool, typer.Option("--writable", help="Allow POST /api/ingest (needs the token).")]
    = False,
) -> None:
    """Serve the HTTP API and the dashboard over a store."""
    _run_server(db, host, port, token, writable)


@app.command()
def report(
    db: DbOption = None,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")]
    = Path("report.html"),
    title: Annotated[str, typer.Option("--title", help="Heading of the report.")] = "brinkwatch report",
    dyad: Annotated[list[str] | None, typer.Option(
        "--dyad", help="'A:B' (names or ids) to chart first, each side with its proxies; repeatable.",
        show_default=False)] = None,
) -> None:
    """Write a self-contained HTML report (no script, no network) of the store and its analyses."""
    from brinkwatch.report import write_report

    with _open(db) as store:
        data = write_report(store, out_path, title, focus=[_parse_dyad(store, pair) for pair in dyad or []])
    out.print(f"wrote {out_path} ({data.counts.get('events', 0)} events, {len(data.dyads)} dyads charted)")


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="SQLite file for the demo store (recreated).")]
    = Path("brinkwatch.db"),
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the report.")]
    = Path("report.html"),
    corpus: Annotated[Path | None, typer.Option("--corpus", show_default=False,
                                                help="Folder of articles (default: examples/iraq).")] = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after writing the report.")] = False,
    port: PortOption = 8000,
    knowledge: KnowledgeOption = None,
) -> None:
    """Build a store from the example corpus, write the report, print the findings, serve the dashboard."""
    from brinkwatch.demo import DemoError, build_store, find_corpus, principal_dyad, print_summary
    from brinkwatch.report import write_report

    try:
        folder = find_corpus(corpus)
        out.print(f"building {db} from the gazetteer and {folder} …")
        built = build_store(db, folder, knowledge=knowledge_packs(knowledge))
    except DemoError as exc:
        _fail(str(exc))
    for problem in built.ingest.problems:
        err.print(f"[yellow]{problem.level}:[/yellow] {problem}")
    with Store.open(built.url) as store:
        focus = principal_dyad(store)
        data = write_report(store, out_path, DEMO_TITLE, focus=[focus] if focus else [])
        print_summary(out, store, data, built)
    out.print(f"report: [bold]{out_path}[/bold]")
    if not no_serve:
        _run_server(built.url, "127.0.0.1", port, None, False)
