"""The commands of ``portfolio``: one module each, imported only when its command runs.

Importing every command module, and letting Typer convert every command's parameters, would
cost each run more than ``portfolio --help`` may take in all. So the root group knows only
this table: each command's module (which defines a one-command or one-group Typer ``app``)
and the one-line summary ``portfolio --help`` lists. A test keeps the summaries equal to the
first line of each command's own help.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LazyCommand:
    """Where a top-level command lives and what ``portfolio --help`` says of it."""

    module: str
    summary: str

    def load(self) -> Any:
        """Import the module and convert its Typer app into a click command."""
        import typer.main

        module = importlib.import_module(f"{__name__}.{self.module}")
        return typer.main.get_command(module.app)


# In the order `portfolio --help` lists them: the everyday path first.
COMMANDS: dict[str, LazyCommand] = {
    "list": LazyCommand("list", "List the project types in the catalog."),
    "show": LazyCommand("show", "Show one project type in full, with the files it generates."),
    "new": LazyCommand("new", "Create a project from a catalog type, with its first commit."),
    "sync": LazyCommand("sync", "Write the README's metrics table from reports/metrics.json."),
    "check": LazyCommand("check", "Score how completely projects document their work."),
    "publish": LazyCommand("publish", "Create a project's GitHub repository and push it."),
    "update": LazyCommand("update", "Update a project to the newest version of its template."),
    "index": LazyCommand("index", "Index all your projects on one portfolio page."),
    "catalog": LazyCommand("catalog", "Write and check your own catalog of project types."),
    "cohort": LazyCommand(
        "cohort", "One project per student of a roster CSV, template updates as pull requests, a class report."
    ),
}


class LazyCommands(Mapping[str, Any]):
    """A click group's ``commands``: every name known at once, each command built on first use."""

    def __init__(self, table: dict[str, LazyCommand]) -> None:
        self._table = table
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            if name not in self._table:
                raise KeyError(name)
            self._loaded[name] = self._table[name].load()
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)
