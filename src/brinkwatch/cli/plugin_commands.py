"""Commands built from the registries: ``analyse NAME`` for every registered analysis, and ``plugins``.

``brinkwatch analyse`` has one sub-command per analysis, built from its
:class:`~brinkwatch.registry.Parameter` list, so an analysis a plug-in package
registers is on the command line (with its options and help) as soon as the
package is installed. Actors are resolved and dates checked here, the same
way the API does, before the analysis runs.
"""

from __future__ import annotations

import inspect
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from brinkwatch import dates, registry
from brinkwatch.cli.app import DbOption, app
from brinkwatch.cli.common import err, fail, open_store, out, print_json

analyse_app = typer.Typer(help="Run any registered analysis (built-in or from a plug-in) and print its JSON.",
                          no_args_is_help=True)
app.add_typer(analyse_app, name="analyse")

_TYPES: dict[str, type] = {"actor": str, "date": str, "int": int, "bool": bool, "str": str}


def _option(p: registry.Parameter) -> inspect.Parameter:
    """The Typer option of one analysis parameter."""
    kind: Any = StrEnum(f"{p.name}_choices", {c: c for c in p.choices}) if p.choices else _TYPES[p.kind]
    flag = "--" + p.name.replace("_", "-")
    decls = (f"{flag}/--no-{flag[2:]}",) if p.kind == "bool" else (flag,)
    option = typer.Option(*decls, help=p.help, min=p.minimum, max=p.maximum)
    annotation: Any = Annotated[kind if p.required or p.kind == "bool" else kind | None, option]
    default = inspect.Parameter.empty if p.required else p.default
    return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _checked(store: Any, analysis: registry.Analysis, given: dict[str, Any]) -> dict[str, Any]:
    """The parameters given, with actors resolved to ids and dates checked (or exit 2 naming the option)."""
    params: dict[str, Any] = {}
    for p in analysis.parameters:
        value = given.get(p.name)
        if value is None:
            continue
        flag = "--" + p.name.replace("_", "-")
        if p.kind == "actor":
            value = store.resolve_actor(value)
            if value is None:
                fail(f"{flag}: no actor matches {given[p.name]!r} (try `brinkwatch actors --search`)")
        elif p.kind == "date":
            try:
                value = dates.check(value)
            except dates.DateError as exc:
                fail(f"{flag}: {exc}")
        params[p.name] = str(value) if isinstance(value, StrEnum) else value
    return params


def _command(analysis: registry.Analysis) -> None:
    def run(**given: Any) -> None:
        with open_store(given.pop("db")) as store:
            params = _checked(store, analysis, given)
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
