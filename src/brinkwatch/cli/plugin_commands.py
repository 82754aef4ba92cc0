"""Commands built from the registries: ``analyse NAME`` for every registered analysis, and ``plugins``.

``brinkwatch analyse`` has one sub-command per analysis, built from its
:class:`~brinkwatch.registry.Parameter` list, so an analysis a plug-in package
registers is on the command line (with its options and help) as soon as the
package is installed. Actors are resolved and dates checked here, the same
way the API does, before the analysis runs.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import typer
from rich.table import Table

from brinkwatch import registry
from brinkwatch.cli.app import DbOption, app
from brinkwatch.cli.common import check_date, err, fail, open_store, out, print_json

analyse_app = typer.Typer(help="Run any registered analysis (built-in or from a plug-in) and print its JSON.",
                          no_args_is_help=True)
app.add_typer(analyse_app, name="analyse")

def _option(p: registry.Parameter) -> inspect.Parameter:
    """The Typer option of one analysis parameter."""
    kind = p.value_type
    flag = "--" + p.name.replace("_", "-")
    decls = (f"{flag}/--no-{flag[2:]}",) if p.kind == "bool" else (flag,)
    option = typer.Option(*decls, help=p.help, min=p.minimum, max=p.maximum)
    annotation: Any = Annotated[kind if p.required or p.kind == "bool" else kind | None, option]
    default = inspect.Parameter.empty if p.required else p.default
    return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _resolve(store: Any, name: str, value: str) -> str:
    found: str | None = store.resolve_actor(value)
    if found is None:
        fail(f"--{name.replace('_', '-')}: no actor matches {value!r} (try `brinkwatch actors --search`)")
    return found


def _date(name: str, value: str) -> str | None:
    return check_date(value, f"--{name.replace('_', '-')}")


def _command(analysis: registry.Analysis) -> None:
    def run(**given: Any) -> None:
        with open_store(given.pop("db")) as store:
            params = registry.prepare(analysis, given, lambda name, value: _resolve(store, name, value),
                                      _date)
            try:
                result = analysis.run(store, params)
            except (LookupError, ValueError) as exc:
                fail(f"{analysis.name}: {exc.args[0] if exc.args else exc}")
        print_json(result.to_dict())

    db = inspect.Parameter("db", inspect.Parameter.KEYWORD_ONLY, annotation=DbOption, default=None)
    run.__signature__ = inspect.Signature([*map(_option, analysis.parameters), db])  # type: ignore[attr-defined]
    run.__doc__ = analysis.help[:1].upper() + analysis.help[1:] + "."
    analyse_app.command(analysis.name)(run)


def _register() -> None:
    try:
        found = registry.analyses()
    except registry.RegistryError as exc:  # the rest of the command line still works
        err.print(f"warning: {exc}", markup=False)
        return
    for analysis in found.values():
        _command(analysis)


_register()


@app.command()
def plugins(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/formats.md (the generated list).")]
    = False,
) -> None:
    """The registered import and export formats and analyses, with the package each comes from."""
    try:
        text = registry.markdown()
    except registry.RegistryError as exc:
        fail(str(exc))
    if markdown:
        out.print(text, markup=False, highlight=False, end="")
        return
    for title, table in (("import formats", registry.importers()), ("export formats", registry.exporters()),
                         ("analyses", registry.analyses())):
        shown = Table("name", "what", title=title)
        for name, item in table.items():
            shown.add_row(name, item.help)
        out.print(shown)
