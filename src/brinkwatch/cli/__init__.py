"""Command line entry point: ``brinkwatch COMMAND``."""

from __future__ import annotations

import importlib

from brinkwatch.cli.app import app

# Each module registers its commands on ``app`` when imported.
_COMMAND_MODULES = ("version_command", "store_commands", "extract_commands", "analysis_commands", "serve_commands")

for _name in _COMMAND_MODULES:
    try:
        importlib.import_module(f"brinkwatch.cli.{_name}")
    except ModuleNotFoundError as exc:  # a group not written yet
        if exc.name != f"brinkwatch.cli.{_name}":
            raise


def main() -> None:
    """Run the command line."""
    app()


__all__ = ["app", "main"]
