"""Notebooks read with nbformat, never executed.

Many learners document in the notebook rather than the README, so markdown cells become a
:class:`~generator.check.markdown_doc.Document` whose sections count like README sections.
Code cells only tell us whether the notebook was run (outputs present) and whether any
run ended in an error output.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from functools import cached_property

from generator.check.document import Document
from generator.check.files import MAX_NOTEBOOK_MARKDOWN
from generator.check.markdown_doc import parse_markdown

MAX_OUTPUT_TEXT = 64 * 1024
"""Characters of a notebook's plain-text outputs read for metric values."""


@dataclass
class NotebookInfo:
    """What the checks need from one notebook."""

    path: str
    error: str | None = None
    code_cells: int = 0
    cells_with_output: int = 0
    error_cells: list[int] = field(default_factory=list)
    markdown: str = ""
    cell_starts: tuple[tuple[int, int], ...] = ()
    output_text: str = ""
    """Printed and displayed plain-text outputs (metric values often live only there), bounded."""

    @property
    def parsed(self) -> bool:
        """Whether nbformat could read the notebook at all."""
        return self.error is None

    @cached_property
    def doc(self) -> Document | None:
        """The markdown cells as one document, parsed on first use (only when the README lacks something)."""
        if not self.markdown:
            return None
        return parse_markdown(self.markdown, name=self.path, cell_starts=self.cell_starts)


def read_notebook(path: str, text: str) -> NotebookInfo:
    """Parse one notebook's JSON text; a malformed notebook is reported, not raised."""
    info = NotebookInfo(path=path)
    try:
        notebook = json.loads(text)
        if not (isinstance(notebook, dict) and notebook.get("nbformat") == 4):  # others as Jupyter opens them
            import nbformat
            from nbformat import reader

            with warnings.catch_warnings():  # nbformat warns (missing cell ids…) about notebooks we only read
                warnings.simplefilter("ignore")
                notebook = reader.reads(text)
                if notebook.get("nbformat", 0) < 4:
                    notebook = nbformat.convert(notebook, 4)
    except Exception as error:  # nbformat raises JSON, version and key errors of many types
        info.error = f"not a readable notebook ({type(error).__name__}: {_first_line(error)})"
        return info
    problem = _structure_problem(notebook)
    if problem:
        info.error = f"does not match the notebook format ({problem})"
        return info
    markdown: list[str] = []
    starts: list[tuple[int, int]] = []
    outputs_text: list[str] = []
    line, size, printed = 1, 0, 0
    for number, cell in enumerate(notebook["cells"], start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "markdown" and size + len(source) <= MAX_NOTEBOOK_MARKDOWN:
            size += len(source)
            starts.append((line, number))
            markdown.append(source)
            line += source.count("\n") + 2
        elif cell.get("cell_type") == "code":
            info.code_cells += 1
            outputs = cell.get("outputs") or []
            if outputs:
                info.cells_with_output += 1
            if any(output.get("output_type") == "error" for output in outputs):
                info.error_cells.append(number)
            for output in outputs:
                if printed < MAX_OUTPUT_TEXT:
                    text = _output_text(output)[: MAX_OUTPUT_TEXT - printed]
                    printed += len(text)
                    outputs_text.append(text)
    info.markdown = "\n\n".join(markdown)
    info.output_text = "\n\n".join(t for t in outputs_text if t)
    info.cell_starts = tuple(starts)
    return info


def _output_text(output: dict[str, object]) -> str:
    """An output's plain text: a stream's text or a result's ``text/plain``."""
    text = output.get("text")
    data = output.get("data")
    if text is None and isinstance(data, dict):
        text = data.get("text/plain")
    if isinstance(text, list):
        return "".join(part for part in text if isinstance(part, str))
    return text if isinstance(text, str) else ""


def _structure_problem(notebook: object) -> str | None:
    """What keeps Jupyter or GitHub from showing the notebook, if anything.

    Full JSON-schema validation is deliberately skipped: it costs more than the rest of a
    check, and viewers render notebooks with small schema slips (a missing cell id) fine.
    """
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return "no list of cells"
    for number, cell in enumerate(notebook["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("markdown", "code", "raw"):
            return f"cell {number} has no valid cell_type"
        if not isinstance(cell.get("source", ""), str | list):
            return f"cell {number} has an invalid source"
        outputs = cell.get("outputs", [])
        if not isinstance(outputs, list) or not all(isinstance(output, dict) for output in outputs):
            return f"cell {number} has invalid outputs"
    return None


def _first_line(error: object) -> str:
    text = str(error).strip().split("\n", 1)[0]
    return text[:120]
