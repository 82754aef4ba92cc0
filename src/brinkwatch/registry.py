"""Plug-in registries: importers, exporters and analyses found through package entry points.

A package extends brinkwatch without editing it by declaring entry points in
its ``pyproject.toml``, the way pytest, datasette and spaCy plug-ins do::

    [project.entry-points."brinkwatch.importers"]
    my-format = "my_package.plugin:importer"     # an Importer
    [project.entry-points."brinkwatch.exporters"]
    my-export = "my_package.plugin:exporter"     # an Exporter
    [project.entry-points."brinkwatch.analyses"]
    my-analysis = "my_package.plugin:analysis"   # an Analysis

brinkwatch's own formats and analyses are registered the same way (its
``pyproject.toml``), so the command line, the HTTP API and the docs are built
from these registries and never from a list of their own. The objects an
entry point names are small descriptions; the work they do is imported only
when they run, so listing the registry (for ``--help``) stays quick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from brinkwatch.records import AnyRecord
    from brinkwatch.store import Store

IMPORTERS_GROUP = "brinkwatch.importers"
EXPORTERS_GROUP = "brinkwatch.exporters"
ANALYSES_GROUP = "brinkwatch.analyses"


class RegistryError(LookupError):
    """An unknown name, or an entry point that does not name what its group expects."""


@dataclass(frozen=True)
class Importer:
    """Reads a dataset file into interchange records (``docs/plugins.md``).

    ``read(path, options)`` streams records with dataset provenance; ``options``
    are the ``--option KEY=VALUE`` pairs of ``brinkwatch import``, and an
    importer that takes none should refuse any it is given (``ValueError``).
    """

    name: str
    help: str
    read: Callable[[Path, Mapping[str, str]], Iterable[AnyRecord]]


@dataclass(frozen=True)
class Exporter:
    """Writes the whole store in one format and returns how many items of each kind it wrote.

    ``write(store, out)``: ``out`` is a path, or an open text stream when
    ``streamable`` (so the format can go to standard output).
    """

    name: str
    help: str
    write: Callable[[Store, Path | IO[str]], dict[str, int]]
    streamable: bool = False


ParameterKind = Literal["actor", "date", "int", "bool", "str"]


@dataclass(frozen=True)
class Parameter:
    """One input of an analysis: the CLI option and the API query parameter are built from it.

    ``actor`` values are resolved (any id or name) before the analysis runs;
    ``date`` values are checked partial ISO dates; ``choices`` limit a ``str``.
    """

    name: str
    kind: ParameterKind
    help: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def value_type(self) -> Any:
        """The Python type a CLI option or a query parameter parses into (an enum when there are choices)."""
        if self.choices:
            return StrEnum(f"{self.name}_choices", {c: c for c in self.choices})
        return {"int": int, "bool": bool}.get(self.kind, str)


class AnalysisResult(Protocol):
    """What an analysis returns: its answer as JSON, and how it was computed in words."""

    @property
    def explain(self) -> Any: ...

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Analysis:
    """A question asked of the store: ``run(store, params)`` (params checked) answers with ``explain``."""

    name: str
    help: str
    run: Callable[[Store, Mapping[str, Any]], AnalysisResult]
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)


T = TypeVar("T", Importer, Exporter, Analysis)


def _load(group: str, kind: type[T]) -> dict[str, T]:
    """The objects registered under ``group``, by entry-point name, checked to be ``kind``."""
    found: dict[str, T] = {}
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plug-in must say which one it is
            raise RegistryError(f"entry point {ep.name!r} in {group} ({ep.value}) failed to load: {exc}") \
                from exc
        if not isinstance(obj, kind):
            raise RegistryError(
                f"entry point {ep.name!r} in {group} ({ep.value}) is a {type(obj).__name__}, "
                f"not a brinkwatch.registry.{kind.__name__}"
            )
        if obj.name != ep.name:
            raise RegistryError(f"entry point {ep.name!r} in {group} names an object called {obj.name!r}")
        if ep.name in found and found[ep.name] is not obj:  # the same dist seen twice on sys.path is fine
            raise RegistryError(f"two packages register {ep.name!r} in {group}; uninstall one of them")
        found[ep.name] = obj
    if not found:  # brinkwatch registers its own in every group
        raise RegistryError(
            f"no {group} entry points are installed: brinkwatch's package metadata is older than its "
            "source; reinstall it (pip install -e .)"
        )
    return found


@lru_cache(maxsize=1)
def importers() -> dict[str, Importer]:
    """Every registered importer by format name (``brinkwatch import --format NAME``)."""
    return _load(IMPORTERS_GROUP, Importer)


@lru_cache(maxsize=1)
def exporters() -> dict[str, Exporter]:
    """Every registered exporter by format name (``brinkwatch export --format NAME``)."""
    return _load(EXPORTERS_GROUP, Exporter)


@lru_cache(maxsize=1)
def analyses() -> dict[str, Analysis]:
    """Every registered analysis by name (``brinkwatch analyse NAME``, ``/api/analyses/NAME``)."""
    return _load(ANALYSES_GROUP, Analysis)


def refresh() -> None:
    """Forget the registries, so packages installed since are seen (tests, long-lived processes)."""
    for registry in (importers, exporters, analyses):
        registry.cache_clear()


def prepare(analysis: Analysis, given: Mapping[str, Any], resolve_actor: Callable[[str, str], str],
            check_date: Callable[[str, str], str | None]) -> dict[str, Any]:
    """The parameters a caller got, ready for ``run``: absent ones left out, actors resolved, dates checked.

    ``resolve_actor(name, value)`` and ``check_date(name, value)`` are the
    caller's own, so each surface reports a bad value its way (the command
    line exits 2, the API answers 404 or 400).
    """
    params: dict[str, Any] = {}
    for p in analysis.parameters:
        value = given.get(p.name)
        if value is None:
            continue
        if p.kind == "actor":
            value = resolve_actor(p.name, value)
        elif p.kind == "date":
            value = check_date(p.name, value)
        params[p.name] = str(value) if isinstance(value, StrEnum) else value
    return params


def _get(table: Mapping[str, T], what: str, name: str) -> T:
    try:
        return table[name]
    except KeyError:
        raise RegistryError(f"unknown {what} {name!r}; expected one of: {', '.join(table)}") from None


def get_importer(name: str) -> Importer:
    """The importer of a format, or :class:`RegistryError` listing the known ones."""
    return _get(importers(), "import format", name)


def get_exporter(name: str) -> Exporter:
    """The exporter of a format, or :class:`RegistryError` listing the known ones."""
    return _get(exporters(), "export format", name)


def get_analysis(name: str) -> Analysis:
    """The analysis of a name, or :class:`RegistryError` listing the known ones."""
    return _get(analyses(), "analysis", name)


def markdown() -> str:
    """The registries as the Markdown of ``docs/formats.md`` (``brinkwatch plugins --markdown``)."""
    lines = ["## Import formats", "", "| format | what it reads |", "|---|---|"]
    lines += [f"| `{i.name}` | {i.help} |" for i in importers().values()]
    lines += ["", "## Export formats", "", "| format | what it writes |", "|---|---|"]
    lines += [f"| `{e.name}` | {e.help}{' (can go to standard output)' if e.streamable else ''} |"
              for e in exporters().values()]
    lines += ["", "## Analyses", "", "| analysis | question | parameters |", "|---|---|---|"]
    for a in analyses().values():
        params = ", ".join(f"`{p.name}`" + ("" if p.required else " (optional)") for p in a.parameters)
        lines.append(f"| `{a.name}` | {a.help} | {params} |")
    return "\n".join(lines) + "\n"
