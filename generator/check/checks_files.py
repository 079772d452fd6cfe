"""Checks on the project around the write-up: README present, reproduce commands, images,
licence, dependencies, tests, notebooks and unreadable files. Each returns ``None`` when it does
not apply (not scored), ``[]`` when it passes, or one :class:`Failure` per thing to fix."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from generator.check.context import Context, Failure, Partial
from generator.check.evidence import README_NAMES

_PROMPT = r"^\s*(?:[$>#]\s+|!|%)?"
_PYTHON = r"(?:python(?:3(?:\.\d{1,2})?)?|py(?:\s+-3(?:\.\d{1,2})?)?)"
"""The interpreter as a command: ``python``, ``python3.11``, or Windows' launcher ``py`` (``py -3.11``)."""
_INSTALL = re.compile(
    _PROMPT + rf"(?:(?:{_PYTHON}\s+-m\s+)?pip3?\s+install|conda\s+(?:env\s+)?(?:create|install|update)"
    r"|mamba\s+(?:env\s+)?(?:create|install)|uv\s+(?:sync|pip\s+install|venv)|poetry\s+install"
    r"|pipenv\s+install|make\s+(?:install|setup|env|venv|deps)|docker\s+(?:compose\s+)?build"
    rf"|{_PYTHON}\s+-m\s+venv|virtualenv\b)",
    re.IGNORECASE | re.MULTILINE,
)
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
"""With backticks, what stands between a command written as text and the start of its line."""
_INSTALLS = ("install", "conda", "mamba", "sync", "venv", "make", "docker", "virtualenv")
"""A word every install command holds (the commands as text are looked for only in a README with one)."""
_AS_CODE = "Put the install and run commands, in order, in one ```bash block that a reader can copy."
_RUN = re.compile(
    _PROMPT + rf"(?:{_PYTHON}\s+(?!-m\s+(?:pip|venv)\b|-3)\S+|make(?:\s+(?!install\b|setup\b)[\w-]+)?\s*$"
    r"|jupyter\s+\w+|uv\s+run|poetry\s+run|pipenv\s+run|docker\s+(?:compose\s+up|run)"
    r"|streamlit\s+run|pytest\b|bash\s+\S+|sh\s+\S+|\./\S+|uvicorn\s|dvc\s+repro|papermill\s|mlflow\s+run"
    r"|portfolio\s+\w+|[\w-]+\s+(?:train|predict|evaluate)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_DEPENDENCY_FILES = {
    "pyproject.toml",
    "setup.py",
    "setup.cfg",
    "environment.yml",
    "environment.yaml",
    "pipfile",
    "pipfile.lock",
    "poetry.lock",
    "uv.lock",
    "conda.yml",
    "conda.yaml",
    "requirements.in",
}
_LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying|unlicen[cs]e)(?:[.-].*)?$", re.IGNORECASE)
_README_LOWER = {name.lower() for name in README_NAMES}
_GITHUB_RELATIVE = re.compile(r"^(?:\.\./)+(?:actions|blob|tree|raw|wiki|issues|releases|workflows)/")
_TEST_FILE = re.compile(r"(?:^|/)(?:tests?/.+|test_[^/]*\.py|[^/]*_test\.py)$")


def _readme_present(ctx: Context) -> list[Failure] | None:
    evidence = ctx.evidence
    if evidence.readme is not None:
        return []
    if evidence.readme_name is None:
        unusable = [p for p in evidence.files.problems if p.path.lower() in _README_LOWER]
        if unusable:
            return [Failure(f"{unusable[0].path}: {unusable[0].reason}.", unusable[0].path)]
        return [Failure("No README.md, README.rst or README.txt in the project root.")]
    reasons = [p.reason for p in evidence.files.problems if p.path == evidence.readme_name]
    why = reasons[0] if reasons else "could not be read"
    return [Failure(f"{evidence.readme_name} {why}.", evidence.readme_name)]


def _reproduce(ctx: Context) -> list[Failure] | None:
    readme = ctx.evidence.readme
    if readme is None:
        return None
    code = "\n".join(b.text for b in readme.blocks if b.kind == "code")
    install, run = _INSTALL.search(code), _RUN.search(code)
    if install and run:
        return []
    missing = " and ".join(kind for kind, ok in (("install", install), ("run", run)) if not ok)
    lowered = readme.source.lower()
    text = _LIST_MARKER.sub("", readme.source.replace("`", "")) if any(map(lowered.__contains__, _INSTALLS)) else ""
    if text and _written_as_text(_INSTALL, text) and _written_as_text(_RUN, text):
        # "3. pip install -r requirements.txt" in a list: a reader can follow it, not copy it as one block
        message = f"{readme.name} gives the {missing} command(s) as text, not in a code block."
        return Partial([Failure(message, readme.name, fix=_AS_CODE)], 0.5)
    return [Failure(f"No code block in {readme.name} shows the {missing} command(s).", readme.name)]


def _written_as_text(command: re.Pattern[str], text: str) -> bool:
    """Whether ``command`` starts a line of ``text`` (list markers and backticks gone) that is not a
    sentence ("Python 3.11 is required." is not a run command)."""
    for match in command.finditer(text):
        end = text.find("\n", match.end())
        line = text[text.rfind("\n", 0, match.start()) + 1 : None if end < 0 else end].strip()
        if len(line) <= 160 and not line.endswith("."):
            return True
    return False


def _images(ctx: Context) -> list[Failure] | None:
    readme = ctx.evidence.readme
    if readme is None:
        return None
    files = ctx.evidence.files
    failures: list[Failure] = []
    checked = 0
    for image in readme.images:
        target = unquote(image.target.strip().split("#", 1)[0].split("?", 1)[0])
        if not target or re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.IGNORECASE):
            continue
        checked += 1
        relative = posixpath.normpath(target.lstrip("/") if target.startswith("/") else target)
        if _GITHUB_RELATIVE.match(relative):
            continue  # e.g. the CI badge ../../actions/workflows/ci.yml/badge.svg: GitHub's pages, not files
        if relative.startswith("../") or relative == "..":
            failures.append(
                Failure(f"{readme.name}:{image.line} shows {target}, outside the project.", readme.name, image.line)
            )
        elif not files.exists(relative):
            failures.append(
                Failure(f"{readme.name}:{image.line} shows {target}, not in the project.", readme.name, image.line)
            )
    return failures if checked else None


def _licence_file(ctx: Context) -> list[Failure] | None:
    if any(_LICENCE_FILE.match(name) for name in ctx.evidence.files.top_level()):
        return []
    return [Failure("No LICENSE file in the project root.")]


def _dependencies(ctx: Context) -> list[Failure] | None:
    for name in ctx.evidence.files.top_level():
        lowered = name.lower()
        if lowered in _DEPENDENCY_FILES or (lowered.startswith("requirements") and lowered.endswith(".txt")):
            return []
    return [Failure("No dependency file (requirements.txt, pyproject.toml, environment.yml…) in the root.")]


def _tests(ctx: Context) -> list[Failure] | None:
    if any(_TEST_FILE.search(name) for name in ctx.evidence.files.files):
        return []
    return [Failure("No tests (a tests/ folder or test_*.py files).")]


def _notebooks_parse(ctx: Context) -> list[Failure] | None:
    notebooks = ctx.evidence.notebooks
    if not notebooks:
        return None
    return [Failure(f"{nb.path} {nb.error}.", nb.path) for nb in notebooks if not nb.parsed]


def _notebooks_outputs(ctx: Context) -> list[Failure] | None:
    run = [nb for nb in ctx.evidence.notebooks if nb.parsed and nb.code_cells]
    if not run:
        return None
    return [
        Failure(f"{nb.path} has no outputs ({nb.code_cells} code cells never run).", nb.path)
        for nb in run
        if nb.cells_with_output == 0
    ]


def _notebooks_errors(ctx: Context) -> list[Failure] | None:
    parsed = [nb for nb in ctx.evidence.notebooks if nb.parsed]
    if not parsed:
        return None
    return [
        Failure(f"{nb.path} shows an error output in cell(s) {', '.join(map(str, nb.error_cells))}.", nb.path)
        for nb in parsed
        if nb.error_cells
    ]


def _readable(ctx: Context) -> list[Failure] | None:
    problems = ctx.evidence.files.problems
    if not problems and not ctx.evidence.files.files:
        return None  # an empty folder earns nothing for having nothing unreadable
    return [Failure(f"{problem.path}: {problem.reason}.", problem.path) for problem in problems]


FUNCTIONS = {
    "readme.present": _readme_present,
    "reproduce.commands": _reproduce,
    "readme.images": _images,
    "project.licence": _licence_file,
    "project.dependencies": _dependencies,
    "project.tests": _tests,
    "notebooks.parse": _notebooks_parse,
    "notebooks.outputs": _notebooks_outputs,
    "notebooks.errors": _notebooks_errors,
    "files.readable": _readable,
}
