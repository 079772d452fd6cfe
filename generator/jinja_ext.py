"""Jinja extension for our copier templates: notebooks are built with nbformat at render time.

A template file ``notebooks/01-x.ipynb.jinja`` wraps readable cell source in the ``ipynb``
filter::

    {% filter ipynb %}
    # %% [markdown]
    # Title
    # %%
    import pandas as pd
    {% endfilter %}

Cells start at ``# %%`` (code) or ``# %% [markdown]`` lines, as in the "percent" format that
Jupytext, VS Code and Spyder understand. The filter turns them into a valid nbformat v4
notebook, so the notebook stays a rendered template file: ``copier update`` can merge
template improvements into it like any other file.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

_CELL_MARKER = re.compile(r"^# %%(?P<kind>\s*\[markdown\])?\s*$")


def split_cells(source: str) -> list[tuple[str, str]]:
    """Split percent-format text into ``(kind, text)`` pairs, kind being "code" or "markdown"."""
    cells: list[tuple[str, list[str]]] = []
    for line in source.splitlines():
        match = _CELL_MARKER.match(line)
        if match:
            cells.append(("markdown" if match.group("kind") else "code", []))
        elif cells:
            cells[-1][1].append(line)
    return [(kind, "\n".join(lines).strip("\n")) for kind, lines in cells if "".join(lines).strip()]


def ipynb(source: str) -> str:
    """Build the notebook JSON for ``source`` with nbformat (validated before it is written)."""
    import nbformat
    from nbformat import v4

    notebook = v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    for kind, text in split_cells(source):
        notebook.cells.append(v4.new_markdown_cell(text) if kind == "markdown" else v4.new_code_cell(text))
    _stable_cell_ids(notebook)
    nbformat.validate(notebook)
    return nbformat.writes(notebook) + "\n"


def _stable_cell_ids(notebook: Any) -> None:
    """Give cells deterministic ids: random ids would make every render (and update) differ."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"


class PortfolioExtension(Extension):
    """Registers the ``ipynb`` filter (see the module docstring)."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["ipynb"] = ipynb
