"""Reading the analysis criteria and weights from the YAML files in ``analysis/data``.

The numbers that decide an analysis (how strongly funding ties a patron to a
client, what makes a month a confrontation, which response ratio counts as
calibrated) are judgements an analyst must be able to read and change without
touching Python. Each module describes the shape of its file as a pydantic
model; this module reads the file once and turns a malformed entry into an
error that names the file and the field.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class DataFileError(ValueError):
    """An analysis data file that cannot be read or does not have the expected shape."""


@cache
def _read_packaged(name: str) -> object:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_model(name: str, model: type[M], path: str | Path | None = None) -> M:
    """Validate ``analysis/data/<name>`` (or an analyst's own ``path``) against ``model``.

    Passing ``path`` lets an analyst try other criteria without editing the
    installed package; the packaged file is parsed only once per process.
    """
    label = str(path) if path is not None else f"brinkwatch/analysis/data/{name}"
    try:
        text = None if path is None else Path(path).read_text(encoding="utf-8")
        raw = _read_packaged(name) if text is None else yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{label}: cannot read: {exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise DataFileError(f"{label}: field '{where}': {err['msg']}") from None
