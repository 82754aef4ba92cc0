"""Knowledge packs: a user's own actors, places, names and titles, added without editing the package.

A pack is a folder (or one file) of YAML in the format of the built-in
``knowledge/data`` (see its ``README.md``): ``actors``, ``places``,
``variants``, ``titles``, ``articles`` and ``states`` sections, in any
sub-folders. It is checked with the built-in knowledge it extends, so a
relation may point at a built-in actor and a duplicate id is refused; any
problem is a :class:`GazetteerError` naming the file, the line, the entry and
the field. ``brinkwatch knowledge check PATH`` runs :func:`check_pack`; the
command line's ``--knowledge``, the config file's ``knowledge`` and the spaCy
components' ``knowledge`` setting all end in :func:`load_knowledge`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.knowledge.gazetteer import Gazetteer, load_gazetteer
from brinkwatch.knowledge.yaml_source import GazetteerError

DATA_SUFFIXES = (".yaml",)


def load_knowledge(packs: Sequence[str | Path] = ()) -> Gazetteer:
    """The built-in gazetteer extended by ``packs`` (cached per list of packs)."""
    for pack in packs:
        if not Path(pack).exists():
            raise GazetteerError(str(pack), 0, "", "", "no such knowledge pack (file or folder)")
    return load_gazetteer(extra=[str(p) for p in packs])


@dataclass(frozen=True)
class PackSummary:
    """What a pack adds to the built-in knowledge, and the files in it that are not read."""

    path: str
    actors: list[str]
    places: list[str]
    relations: int
    ignored: list[str]


def check_pack(path: str | Path) -> PackSummary:
    """Load the built-in knowledge plus the pack at ``path``; :class:`GazetteerError` at its first problem."""
    pack = Path(path)
    extended = load_knowledge([pack])
    builtin = load_gazetteer()
    ignored = [] if pack.is_file() else sorted(
        str(f.relative_to(pack)) for f in pack.rglob("*")
        if f.is_file() and f.suffix not in DATA_SUFFIXES and f.name != "README.md")
    return PackSummary(
        path=str(pack),
        actors=sorted(set(extended.actors) - set(builtin.actors)),
        places=sorted(set(extended.places) - set(builtin.places)),
        relations=len(extended.relations) - len(builtin.relations),
        ignored=ignored,
    )
