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

from jinja2 import Environment
from jinja2.ext import Extension

from generator.colab import colab_badge_markdown, repository_url
from generator.errors import RenderError

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


_GITHUB_URL = re.compile(
    r"^(?:git\+)?(?:https://|ssh://git@|git@)github\.com[/:](?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)


def action_ref(direct_url: dict[str, Any] | None, version: str) -> str:
    """The ``uses:`` reference of our check action for a tool installed as ``direct_url`` says.

    ``direct_url`` is the installed distribution's PEP 610 record: installed from a GitHub git
    URL, the action is that repository at the very commit installed (CI checks with the same
    rules the learner ran); from an index, a wheel or a local folder, the release tag of
    ``version`` in :func:`canonical_repository`.
    """
    vcs = (direct_url or {}).get("vcs_info", {})
    match = _GITHUB_URL.match((direct_url or {}).get("url", ""))
    if vcs.get("vcs") == "git" and vcs.get("commit_id") and match:
        return f"{match['repo']}@{vcs['commit_id']}"
    return f"{canonical_repository()}@v{version}"


def canonical_repository() -> str:
    """``owner/name`` of this tool's own repository, whose tags (v0.1.0, ...) carry the composite
    ``action.yml``: from pyproject's ``[project.urls] Homepage``, the one place the address is written."""
    from generator.resources import project_url

    match = _GITHUB_URL.match(project_url("Homepage") or "")
    if match is None:
        raise RenderError("pyproject.toml: [project.urls] Homepage must be the tool's GitHub repository")
    return match["repo"]


def portfolio_action_ref() -> str:
    """:func:`action_ref` of the running portfolio (the ``portfolio_action`` answer's default)."""
    import json
    from importlib import metadata

    from generator import __version__

    try:
        record = metadata.distribution("portfolio-generator").read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        record = None
    return action_ref(json.loads(record) if record else None, __version__)


class PortfolioExtension(Extension):
    """Registers the ``ipynb`` and ``toml`` filters, the ``portfolio_action_ref()`` global and
    the Colab link helpers (:mod:`generator.colab`)."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["ipynb"] = ipynb
        environment.filters["toml"] = toml_value
        environment.globals["portfolio_action_ref"] = portfolio_action_ref
        environment.globals["colab_badge_markdown"] = colab_badge_markdown
        environment.globals["repository_url"] = repository_url
