"""The checks: each has an id, a one-line explanation and a one-line fix; weights come from the rubric.

A check function returns ``None`` when it does not apply to the project (no notebooks, no
``reports/metrics.json``…: not scored), an empty list when it passes, or one
:class:`Failure` per thing to fix (each becomes a finding with its file and line).
Section checks (``section.<id>``) are generated from the rubric's sections.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from generator.check.evidence import METRICS_JSON, README_NAMES, Evidence
from generator.check.markdown_doc import Section, bare_urls, location
from generator.check.metrics_text import MetricValue, disagreements, mentions
from generator.check.model import CheckResult, Finding
from generator.check.placeholders import find_placeholders, strip_placeholders
from generator.check.rubric import Rubric, SectionRule
from generator.check.sections import Located, metric_values

MAX_PLACEHOLDER_FINDINGS = 20
"""Placeholder findings listed per document (the rest are summed up in one line)."""


@dataclass(frozen=True)
class Check:
    """A named, explained check."""

    id: str
    explanation: str
    fix: str


@dataclass(frozen=True)
class Failure:
    """One reason a check failed; ``fix`` overrides the check's generic fix when more precise."""

    message: str
    file: str | None = None
    line: int | None = None
    fix: str | None = None


@dataclass
class Context:
    """Evidence plus what is derived from it once (sections, metric values)."""

    evidence: Evidence
    located: dict[str, Located]
    rubric: Rubric
    _readme_values: list[MetricValue] | None = None

    def readme_values(self) -> list[MetricValue]:
        """Every metric value written anywhere in the README."""
        if self._readme_values is None:
            readme = self.evidence.readme
            self._readme_values = metric_values(Section(None, readme.blocks)) if readme else []
        return self._readme_values


_CITATION = re.compile(
    r"\bdoi\b|doi\.org|arxiv|\bet al\b|\buci\b|kaggle|sklearn\.datasets|hugging ?face|openml|zenodo"
    r"|data\.gov|\bcited?\b|\bcitation\b|\bsource:\s*[\w\[(]"
    r"|\bsynthetic\b|\bgenerated (?:by|with|from|for)\b|\bwritten for this\b",  # data made by the project itself
    re.IGNORECASE,
)
_LICENCE = re.compile(
    r"licen[cs][a-z]*\b[ \t]*(?::|\b(?:is|under|by)\b)?[ \t]*[A-Za-z0-9(]"  # "Licence: X", not "Licence: ."
    r"|terms of (?:use|service)|\bcc[- ]?(?:by|0)\b|creative commons|public domain|open data"
    r"|\bodbl\b|\bmit\b|apache|\bgpl\b|\bcdla\b|usage rights|copyright",
    re.IGNORECASE,
)
_DATA_WORD = re.compile(r"\bdata(?:set|sets| set)?\b", re.IGNORECASE)
_PROMPT = r"^\s*(?:[$>#]\s+|!|%)?"
_INSTALL = re.compile(
    _PROMPT + r"(?:(?:python3?\s+-m\s+)?pip3?\s+install|conda\s+(?:env\s+)?(?:create|install|update)"
    r"|mamba\s+(?:env\s+)?(?:create|install)|uv\s+(?:sync|pip\s+install|venv)|poetry\s+install"
    r"|pipenv\s+install|make\s+(?:install|setup|env|venv|deps)|docker\s+(?:compose\s+)?build"
    r"|(?:python3?|py)\s+-m\s+venv|virtualenv\b)",
    re.IGNORECASE | re.MULTILINE,
)
_RUN = re.compile(
    _PROMPT + r"(?:python3?\s+(?!-m\s+(?:pip|venv)\b)\S+|make(?:\s+(?!install\b|setup\b)[\w-]+)?\s*$"
    r"|jupyter\s+\w+|uv\s+run|poetry\s+run|pipenv\s+run|docker\s+(?:compose\s+up|run)"
    r"|streamlit\s+run|pytest\b|bash\s+\S+|sh\s+\S+|\./\S+|uvicorn\s|dvc\s+repro|papermill\s|mlflow\s+run"
    r"|portfolio\s+\w+|[\w-]+\s+(?:train|predict|evaluate)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_DEPENDENCY_FILES = {
    "pyproject.toml", "setup.py", "setup.cfg", "environment.yml", "environment.yaml", "pipfile",
    "pipfile.lock", "poetry.lock", "uv.lock", "conda.yml", "conda.yaml", "requirements.in",
}
_LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying|unlicen[cs]e)(?:[.-].*)?$", re.IGNORECASE)
_README_LOWER = {name.lower() for name in README_NAMES}
_GITHUB_RELATIVE = re.compile(r"^(?:\.\./)+(?:actions|blob|tree|raw|wiki|issues|releases|workflows)/")
_TEST_FILE = re.compile(r"(?:^|/)(?:tests?/.+|test_[^/]*\.py|[^/]*_test\.py)$")


def section_check(rule: SectionRule) -> Check:
    """The check for one rubric section."""
    return Check(
        f"section.{rule.id}",
        f"The documentation has a written {rule.title} section ({rule.describe}).",
        f"Add a '## {rule.title}' section: {rule.describe}.",
    )


def _section(rule: SectionRule) -> Callable[[Context], list[Failure] | None]:
    def run(ctx: Context) -> list[Failure] | None:
        found = ctx.located.get(rule.id)
        if found is None:
            looked = ", ".join(rule.synonyms[:4])
            return [Failure(f"No {rule.title} section (no heading like: {looked}, …).",
                            ctx.evidence.readme_name)]
        hit = found.hit
        if hit.filled:
            return []
        if found.has_guide:
            message = f"{rule.title} section at {hit.where} still holds the template guidance comment."
            fix = f"Replace the guidance comment with {rule.describe}."
        elif rule.id == "metrics":
            message = f"{rule.title} section at {hit.where} has no numbers next to metric names."
            fix = "Run `portfolio sync`, or write a | Metric | Value | table with your held-out results."
        else:
            message = (f"{rule.title} section at {hit.where} has {hit.words} words of prose "
                       f"(needs {rule.min_words}).")
            fix = f"Write {rule.describe}."
        return [Failure(message, hit.file, hit.line, fix)]

    return run


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


def _placeholders(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    failures: list[Failure] = []
    for name, source, cell_starts in ctx.evidence.sources():
        hits = find_placeholders(source)
        for hit in hits[:MAX_PLACEHOLDER_FINDINGS]:
            failures.append(Failure(f"{location(name, cell_starts, hit.line)}: {hit.kind}: {hit.text!r}",
                                    name, None if cell_starts else hit.line))
        if len(hits) > MAX_PLACEHOLDER_FINDINGS:
            more = len(hits) - MAX_PLACEHOLDER_FINDINGS
            failures.append(Failure(f"{name}: {more} more placeholders.", name))
    return failures


def _data_scope(ctx: Context) -> tuple[str, list[str], str | None, int | None]:
    """Text and link targets that describe the data: the Data section, else README paragraphs about data."""
    found = ctx.located.get("data")
    if found is not None:
        section, doc = found.section, found.doc
        lines = section.lines()
        text = strip_placeholders("\n".join(b.text for b in section.blocks if b.kind in ("prose", "table", "html")))
        links = [link.target for link in doc.links if link.line in lines]
        return text, links + bare_urls(text), found.hit.file, found.hit.line
    readme = ctx.evidence.readme
    if readme is None:
        return "", [], None, None
    blocks = [b for b in readme.blocks if b.kind in ("prose", "table") and _DATA_WORD.search(b.text)]
    text = strip_placeholders("\n".join(b.text for b in blocks))
    block_lines = {b.line for b in blocks}
    links = [link.target for link in readme.links if link.line in block_lines]
    return text, links + bare_urls(text), readme.name, None


def _data_source(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    text, links, file, line = _data_scope(ctx)
    if any(t.startswith(("http://", "https://")) or _local_document(ctx, t) for t in links):
        return []
    if _CITATION.search(text):
        return []
    return [Failure("The data description has no link or citation to where the data comes from.", file, line)]


def _local_document(ctx: Context, target: str) -> bool:
    """A link to a document in the project (a data card, a datasheet), which can state the source."""
    relative = posixpath.normpath(unquote(target.split("#", 1)[0]))
    return relative.lower().endswith((".md", ".rst", ".txt", ".pdf", ".html")) and ctx.evidence.files.exists(relative)


def _data_licence(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    text, _, file, line = _data_scope(ctx)
    if _LICENCE.search(text):
        return []
    return [Failure("The data description does not say under which licence or terms the data may be used.",
                    file, line)]


def _metrics_values(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    found = ctx.located.get("metrics")
    if found is not None and found.metric_values:
        return []
    if ctx.readme_values():
        return []
    for doc in ctx.evidence.notebook_documents():
        if metric_values(Section(None, doc.blocks)):
            return []
    named = mentions(ctx.evidence.readme.source) if ctx.evidence.readme else set()
    where = found.hit if found else None
    detail = f" (it names {', '.join(sorted(named))} but gives no numbers)" if named else ""
    return [Failure(f"No metric values anywhere in the documentation{detail}.",
                    where.file if where else ctx.evidence.readme_name, where.line if where else None)]


def _metrics_consistent(ctx: Context) -> list[Failure] | None:
    evidence = ctx.evidence
    if evidence.metrics_json_problem:
        return [Failure(f"{METRICS_JSON} {evidence.metrics_json_problem}.", METRICS_JSON,
                        fix=f"Write {METRICS_JSON} as a flat JSON object such as {{\"accuracy\": 0.93}}.")]
    if evidence.metrics_json is None or evidence.readme is None:
        return None
    name = evidence.readme.name
    return [
        Failure(f"{name}:{value.line} says {value.metric} {value.value:g} but {METRICS_JSON} says {truth:g}.",
                name, value.line)
        for value, truth in disagreements(ctx.readme_values(), evidence.metrics_json)
    ]


def _reproduce(ctx: Context) -> list[Failure] | None:
    readme = ctx.evidence.readme
    if readme is None:
        return None
    code = "\n".join(b.text for b in readme.blocks if b.kind == "code")
    install, run = _INSTALL.search(code), _RUN.search(code)
    if install and run:
        return []
    missing = " and ".join(kind for kind, ok in (("install", install), ("run", run)) if not ok)
    return [Failure(f"No code block in {readme.name} shows the {missing} command(s).", readme.name)]


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
            failures.append(Failure(f"{readme.name}:{image.line} shows {target}, outside the project.",
                                    readme.name, image.line))
        elif not files.exists(relative):
            failures.append(Failure(f"{readme.name}:{image.line} shows {target}, not in the project.",
                                    readme.name, image.line))
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
    return [Failure(f"{nb.path} has no outputs ({nb.code_cells} code cells never run).", nb.path)
            for nb in run if nb.cells_with_output == 0]


def _notebooks_errors(ctx: Context) -> list[Failure] | None:
    parsed = [nb for nb in ctx.evidence.notebooks if nb.parsed]
    if not parsed:
        return None
    return [Failure(f"{nb.path} shows an error output in cell(s) {', '.join(map(str, nb.error_cells))}.",
                    nb.path) for nb in parsed if nb.error_cells]


def _readable(ctx: Context) -> list[Failure] | None:
    problems = ctx.evidence.files.problems
    if not problems and not ctx.evidence.files.files:
        return None  # an empty folder earns nothing for having nothing unreadable
    return [Failure(f"{problem.path}: {problem.reason}.", problem.path) for problem in problems]


CHECKS: dict[str, Check] = {check.id: check for check in (
    Check("readme.present", "The project has a readable README in its root.",
          "Add a README.md (UTF-8 text, under 1 MB) to the project root."),
    Check("placeholders", "No template guidance, TODOs or stand-in text are left in the documentation.",
          "Replace each placeholder with your own words or numbers, or delete it."),
    Check("data.source", "The data description links to or cites where the data comes from.",
          "Add a link (or citation) to the dataset's source in the Data section."),
    Check("data.licence", "The data description states the data's licence or terms of use.",
          "Name the dataset's licence or terms of use (e.g. 'CC BY 4.0') in the Data section."),
    Check("metrics.values", "Metric names appear with numbers (a table or in prose).",
          "Add a | Metric | Value | table with your held-out results (`portfolio sync` writes it)."),
    Check("metrics.consistent", f"Numbers in the README agree with {METRICS_JSON}.",
          f"Run `portfolio sync` (or copy the numbers from {METRICS_JSON}) so the README matches."),
    Check("reproduce.commands", "A code block shows how to install and run the project.",
          "Add a ```bash block with the install command (pip install …) and the run command."),
    Check("readme.images", "Every local image the README shows exists in the project.",
          "Commit the missing image or fix its path."),
    Check("project.licence", "The project has a licence file.", "Add a LICENSE file (e.g. MIT)."),
    Check("project.dependencies", "The project declares its dependencies.",
          "Add requirements.txt or pyproject.toml listing what the code needs."),
    Check("project.tests", "The project has tests.", "Add a tests/ folder with at least one test."),
    Check("notebooks.parse", "Every notebook is valid notebook JSON.",
          "Re-save the notebook from Jupyter (or fix the merge conflict inside it)."),
    Check("notebooks.outputs", "Notebooks carry outputs, so reviewers see results without running them.",
          "Run the notebook top to bottom and commit it with its outputs."),
    Check("notebooks.errors", "No notebook shows an error output.",
          "Fix the failing cell and re-run the notebook, or clear that output."),
    Check("files.readable", "Every file the checker needed could be read safely.",
          "Fix or remove the file: no binary/oversized README, no symlinks out of the project or in loops."),
)}

_FUNCTIONS: dict[str, Callable[[Context], list[Failure] | None]] = {
    "readme.present": _readme_present,
    "placeholders": _placeholders,
    "data.source": _data_source,
    "data.licence": _data_licence,
    "metrics.values": _metrics_values,
    "metrics.consistent": _metrics_consistent,
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


def all_checks(rubric: Rubric) -> list[tuple[Check, int, Callable[[Context], list[Failure] | None]]]:
    """Every check the rubric scores, with its weight: sections first, then the rest."""
    plan = [(section_check(rule), rule.weight, _section(rule))
            for rule in rubric.sections if rule.required]
    plan += [(CHECKS[check_id], rubric.weights.get(check_id, 0), function)
             for check_id, function in _FUNCTIONS.items()]
    return plan


def run_checks(ctx: Context) -> tuple[list[CheckResult], list[Finding]]:
    """Run every check with a weight above 0; return results and findings."""
    results: list[CheckResult] = []
    findings: list[Finding] = []
    for check, weight, function in all_checks(ctx.rubric):
        if weight <= 0:
            continue
        failures = function(ctx)
        status = "skipped" if failures is None else "failed" if failures else "passed"
        results.append(CheckResult(check.id, weight, status, check.explanation))
        for failure in failures or []:
            findings.append(Finding(check.id, failure.message, failure.fix or check.fix,
                                    failure.file, failure.line, weight))
    return results, findings


