"""Jinja extension for our copier templates: notebooks built with nbformat, TOML-safe values.

``toml`` renders a value as TOML (``requires-python = {{ (">=" ~ v) | toml }}``): Jinja's
``tojson`` escapes ``<``, ``>``, ``&`` and ``'`` for HTML, so a pyproject.toml rendered with it
shows ``"\\u003e=3.11"`` to the learner.

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

import math
import re
from typing import Any

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


def _stable_cell_ids(notebook) -> None:
    """Give cells deterministic ids: random ids would make every render (and update) differ."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"


# TOML basic strings: these escapes, and \uXXXX for every other control character.
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_value(value: Any) -> str:
    """``value`` (string, bool, number, list or mapping) as a TOML value on one line.

    Strings become basic strings that escape only what TOML requires, so ``>=3.11`` and ``é``
    stay readable; mappings become inline tables.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ("-" if value < 0 else "") + ("nan" if math.isnan(value) else "inf")
        return repr(value)
    if isinstance(value, str):
        return '"' + "".join(_toml_char(char) for char in value) + '"'
    if isinstance(value, dict):
        pairs = (f"{toml_value(str(key))} = {toml_value(item)}" for key, item in value.items())
        return "{ " + ", ".join(pairs) + " }" if value else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _toml_char(char: str) -> str:
    if char in _TOML_ESCAPES:
        return _TOML_ESCAPES[char]
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"\\u{ord(char):04x}"
    return char


class PortfolioExtension(Extension):
    """Registers the ``ipynb`` and ``toml`` filters (see the module docstring)."""

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.filters["ipynb"] = ipynb
        environment.filters["toml"] = toml_value
