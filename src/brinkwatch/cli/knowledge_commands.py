"""``brinkwatch knowledge check PATH``: validate a knowledge pack before extraction uses it.

A pack is checked together with the built-in knowledge it extends (its
relations may point at built-in actors; its ids must not clash with them).
A problem exits with status 2 and names the file, line, entry and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brinkwatch.cli.app import FormatOption, OutputFormat, app
from brinkwatch.cli.common import err, fail, out, print_json

knowledge_app = typer.Typer(help="Knowledge packs: a user's own actors, places, names and titles.",
                            no_args_is_help=True)
app.add_typer(knowledge_app, name="knowledge")


@knowledge_app.command("check")
def check(
    path: Annotated[Path, typer.Argument(help="The pack: a folder (or one file) of gazetteer YAML.")],
    output: FormatOption = OutputFormat.table,
) -> None:
    """Validate a knowledge pack and say what it adds to the built-in knowledge."""
    from brinkwatch.knowledge import GazetteerError, check_pack

    if not path.exists():
        fail(f"{path}: no such knowledge pack (file or folder)")
    try:
        summary = check_pack(path)
    except GazetteerError as exc:
        fail(str(exc))
    if output is OutputFormat.json:
        print_json({"path": summary.path, "actors": summary.actors, "places": summary.places,
                    "relations": summary.relations, "ignored": summary.ignored})
        return
    out.print(f"{path}: valid; adds {len(summary.actors)} actors, {len(summary.places)} places and "
              f"{summary.relations} relations", markup=False)
    for kind, ids in (("actors", summary.actors), ("places", summary.places)):
        if ids:
            out.print(f"  {kind}: {', '.join(ids)}", markup=False)
    for name in summary.ignored:
        err.print(f"warning: {path / name}: not a .yaml file, not read", markup=False)
