"""Everything the checks look at, read once per project: file list, README, notebooks, metrics.json.

Reading happens here and only here (through :class:`~generator.check.files.ProjectFiles`),
so the checks are pure functions of this evidence and each file is read at most once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.check.document import Document
from generator.check.files import MAX_NOTEBOOK_BYTES, MAX_NOTEBOOKS, ProjectFiles
from generator.check.markdown_doc import parse_markdown
from generator.check.metrics_json import load_metrics_json
from generator.check.notebooks import NotebookInfo, read_notebook
from generator.check.rst_doc import parse_rst

README_NAMES = ("README.md", "README.rst", "README.txt", "readme.md")
MAX_MARKDOWN_FILES = 30
"""Other Markdown files (docs/*.md, data cards…) scanned for leftover template text."""
_RESIDUE_SKIPPED = ("CHANGELOG", "CONTRIBUTING", "CODE_OF_CONDUCT", "LICENSE", "LICENCE", "SECURITY")
METRICS_JSON = "reports/metrics.json"


@dataclass
class Evidence:
    """The parsed project."""

    files: ProjectFiles
    readme_name: str | None
    readme: Document | None
    notebooks: list[NotebookInfo]
    metrics_json: dict[str, float] | None
    metrics_json_problem: str | None
    markdown_files: list[tuple[str, str]]

    @property
    def has_documentation(self) -> bool:
        """Whether there is any prose to judge (a README or notebook markdown)."""
        return self.readme is not None or any(nb.markdown for nb in self.notebooks)

    def notebook_documents(self) -> Iterator[Document]:
        """Each notebook's markdown cells as a document, parsed only when asked for."""
        for notebook in self.notebooks:
            if notebook.doc is not None:
                yield notebook.doc

    def sources(self) -> Iterator[tuple[str, str, Sequence[tuple[int, int]]]]:
        """(name, text, cell starts) of the README and every notebook's markdown, unparsed."""
        if self.readme is not None:
            yield self.readme.name, self.readme.source, ()
        for notebook in self.notebooks:
            if notebook.markdown:
                yield notebook.path, notebook.markdown, notebook.cell_starts
        for name, text in self.markdown_files:
            yield name, text, ()


def find_readme(files: ProjectFiles) -> str | None:
    """The README by the documented order; a case variant (``Readme.md``) counts as a last resort."""
    top = files.top_level()
    for name in README_NAMES:
        if files.exists(name):
            return name
    lowered = {name.lower(): name for name in top}
    for name in README_NAMES:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _looks_like_markdown(text: str) -> bool:
    """A README.txt written in Markdown (``## Headings``, pipe tables), as many are."""
    marks = sum(
        1
        for line in text.split("\n", 2000)[:2000]
        if line.startswith(("# ", "## ", "### ")) or (line.startswith("|") and line.rstrip().endswith("|"))
    )
    return marks >= 2


def gather(root: Path) -> Evidence:
    """Walk ``root`` once and parse what the checks need."""
    files = ProjectFiles.scan(root)
    readme_name = find_readme(files)
    readme: Document | None = None
    if readme_name is not None:
        text = files.read_text(readme_name)
        if text is not None:
            if readme_name.lower().endswith(".rst") or (
                readme_name.lower().endswith(".txt") and not _looks_like_markdown(text)
            ):
                readme = parse_rst(text, readme_name)
            else:
                readme = parse_markdown(text, readme_name)
    notebooks: list[NotebookInfo] = []
    for name in [f for f in files.files if f.endswith(".ipynb")][:MAX_NOTEBOOKS]:
        text = files.read_text(name, MAX_NOTEBOOK_BYTES)
        notebooks.append(
            read_notebook(name, text)
            if text is not None
            else NotebookInfo(path=name, error="could not be read (see files.readable)")
        )
    metrics, problem = None, None
    if files.exists(METRICS_JSON):
        text = files.read_text(METRICS_JSON)
        if text is None:
            problem = "could not be read"
        else:
            try:
                metrics = load_metrics_json(text)
            except ValueError as error:  # json.JSONDecodeError is a ValueError
                problem = f"is not a JSON object of numbers ({str(error).splitlines()[0][:100]})"
    others = [
        name
        for name in files.files
        if name.lower().endswith(".md")
        and name != readme_name
        and not name.rsplit("/", 1)[-1].upper().startswith(_RESIDUE_SKIPPED)
    ][:MAX_MARKDOWN_FILES]
    markdown = [(name, text) for name in others if (text := files.read_text(name)) is not None]
    return Evidence(files, readme_name, readme, notebooks, metrics, problem, markdown)
