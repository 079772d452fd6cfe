"""Check every student's project and write one class report: ``portfolio cohort check``.

Each student's project is found in the cohort status file (the folder ``cohort new`` made, or
its GitHub repository when the folder is gone), under ``--root DIR`` (``DIR/<repo>``), or on
GitHub as ``ORG/<repo>``. Every project goes through :func:`generator.check.check_target`; a
project that cannot be found or fetched becomes a row with the reason, never a crash. The
report is a CSV (for spreadsheets) and one self-contained HTML page (inline CSS and script, no
network): a table sortable by any column, with a link to each project.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cohort.roster import Student, spreadsheet_safe
from generator.cohort.runs import StudentStatus, atomic_write_text, read_status
from generator.errors import CohortError, PortfolioError

if TYPE_CHECKING:
    from generator.check import ProjectReport, Rubric
    from generator.github.statuses import DocsStatus

CSV_NAME = "class-report.csv"
NOT_CREATED = "not created yet (no entry in the status file)"
NO_RESULT = "no portfolio/docs result on {ref} yet (the documentation action has not run there)"
HTML_NAME = "class-report.html"
CSV_FIELDS = (
    "student",
    "github",
    "repo",
    "score",
    "grade",
    "passed",
    "missing_sections",
    "top_fix",
    "target",
    "link",
    "error",
)


@dataclass(frozen=True)
class Target:
    """Where one student's project is: what to hand to ``check_target`` and what to link to."""

    student: Student
    target: str  # empty: nothing to check, ``problem`` says why
    link: str
    problem: str = ""


@dataclass(frozen=True)
class StudentResult:
    """One row of the class report."""

    student: Student
    target: Target
    report: ProjectReport | None = None  # checked here
    error: str = ""
    missing: tuple[str, ...] = ()
    status: DocsStatus | None = None  # read from the commit status the action set (--from-status)

    @property
    def score(self) -> int | None:
        return self.report.score if self.report else self.status.score if self.status else None

    @property
    def passed(self) -> bool | None:
        return self.report.passed if self.report else self.status.passed if self.status else None

    @property
    def first_fix(self) -> str:
        if self.report is not None:
            return self.report.findings[0].fix if self.report.findings else ""
        return self.status.first_fix if self.status else ""

    def as_row(self) -> dict[str, str]:
        """The CSV/HTML view of this row."""
        report, score, passed = self.report, self.score, self.passed
        return {
            "student": self.student.name,
            "github": self.student.github,
            "repo": self.student.repo,
            "score": "" if score is None else str(score),
            "grade": report.grade if report else self.status.grade if self.status else "",
            "passed": "" if passed is None else ("yes" if passed else "no"),
            "missing_sections": ", ".join(self.missing),
            "top_fix": self.first_fix,
            "target": self.target.target,
            "link": self.target.link,
            "error": self.error,
        }


def resolve_targets(
    students: Sequence[Student],
    *,
    status_file: Path | None = None,
    root: Path | None = None,
    org: str | None = None,
    links: dict[str, str] | None = None,
) -> list[Target]:
    """Where each student's project is: ``root/<repo>``, else ``org/<repo>``, else the status file.

    ``links``: repository name -> web URL as the API gave it (GitHub Enterprise hosts differ).
    """
    if root is not None:
        paths = [(root / student.repo).absolute() for student in students]
        return [Target(s, str(path), path.as_uri()) for s, path in zip(students, paths, strict=True)]
    if org is not None:
        return [Target(s, f"{org}/{s.repo}", (links or {}).get(s.repo.lower(), "")) for s in students]
    if status_file is None:
        raise CohortError("say where the projects are: --root DIR, --org ORG or --status FILE")
    statuses = read_status(status_file)
    if not statuses:
        raise CohortError(
            f"{status_file}: no cohort status file here; run `portfolio cohort new` first, or point to "
            "its file with --status DEST/cohort-status.csv, or give --root DIR or --org ORG"
        )
    return [_from_status(student, statuses) for student in students]


def _from_status(student: Student, statuses: dict[str, StudentStatus]) -> Target:
    """The folder ``cohort new`` made, else the repository it published, else nothing yet."""
    status = statuses.get(student.repo)
    if status is None:
        return Target(student, "", "", NOT_CREATED)
    path = Path(status.path) if status.path else None
    if path is not None and path.is_dir():
        return Target(student, str(path), path.absolute().as_uri())
    if status.url:
        owner_repo = "/".join(status.url.rstrip("/").split("/")[-2:])
        return Target(student, owner_repo, status.url)
    if not status.ok:
        return Target(student, "", "", f"not created: cohort new {status.status}")
    return Target(student, "", "", f"{status.path}: the folder is gone and the project was not published")


def check_class(
    targets: Sequence[Target],
    rubric: Rubric | None = None,
    *,
    api_url: str | None = None,
    token: str | None = None,
    on_result: Callable[[StudentResult], None] | None = None,
) -> list[StudentResult]:
    """Check every target; a target that cannot be checked becomes a row saying why."""
    from generator.check import check_target, load_rubric

    rubric = rubric or load_rubric()
    section_ids = [rule.id for rule in rubric.sections]
    results = []
    for target in targets:
        if not target.target:
            result = StudentResult(target.student, target, error=target.problem or NOT_CREATED)
        else:
            try:
                report = check_target(target.target, rubric, api_url=api_url, token=token)
            except PortfolioError as error:
                result = StudentResult(target.student, target, error=" ".join(str(error).split()))
            else:
                missing = tuple(
                    section
                    for section in section_ids
                    if section not in report.sections or not report.sections[section].filled
                )
                result = StudentResult(target.student, target, report, missing=missing)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def read_class_statuses(
    targets: Sequence[Target],
    *,
    api_url: str,
    token: str,
    write_pause: float,
    ref: str = "main",
    on_result: Callable[[StudentResult], None] | None = None,
) -> list[StudentResult]:
    """Every student's latest ``portfolio/docs`` result, read from GitHub: one request each, no clone."""
    from generator.github import api as github_api
    from generator.github.statuses import STATUS_READ_PAUSE, read_status

    client = github_api.client(token, api_url, write_pause=write_pause, read_pause=STATUS_READ_PAUSE)
    results = []
    for target in targets:
        answer = read_status(client, target.target, ref, token=token, api_url=api_url)
        located = Target(target.student, target.target, answer.html_url or target.link, target.problem)
        if answer.result is None:
            result = StudentResult(target.student, located, error=answer.error or NO_RESULT.format(ref=ref))
        else:
            result = StudentResult(target.student, located, status=answer.result)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


# -- writing the report ------------------------------------------------------------------------
def write_csv(results: Sequence[StudentResult], path: Path) -> Path:
    """Write the report as CSV (one row per student, roster order)."""
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        writer.writerow({key: spreadsheet_safe(str(value)) for key, value in result.as_row().items()})
    atomic_write_text(path, buffer.getvalue())
    return path


def write_html(results: Sequence[StudentResult], path: Path, title: str = "Class report") -> Path:
    """Write the self-contained, sortable HTML page."""
    atomic_write_text(path, render_html(results, title))
    return path


def summary(results: Sequence[StudentResult]) -> dict[str, float | int]:
    """Counts and the mean score, for the page header and the terminal."""
    scores = [r.score for r in results if r.score is not None]
    passed = sum(1 for r in results if r.passed)
    return {
        "students": len(results),
        "checked": len(scores),
        "passed": passed,
        "errors": sum(1 for r in results if r.score is None),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else 0,
    }


_COLUMNS = (
    ("student", "Student", "text"),
    ("github", "GitHub", "text"),
    ("score", "Score", "number"),
    ("grade", "Grade", "text"),
    ("missing_sections", "Missing sections", "text"),
    ("top_fix", "First fix", "text"),
    ("link", "Link", "text"),
)


def render_html(results: Sequence[StudentResult], title: str) -> str:
    """The page: a summary line and a table whose headers sort it (click again to reverse)."""
    counts = summary(results)
    header = "".join(
        f'<th scope="col" data-key="{key}" data-type="{kind}" aria-sort="none" tabindex="0">{html.escape(label)}</th>'
        for key, label, kind in _COLUMNS
    )
    rows = "\n".join(_html_row(result) for result in results)
    facts = (
        f"{counts['students']} students, {counts['checked']} checked, {counts['passed']} passing, "
        f"mean score {counts['mean_score']}"
        + (f", {counts['errors']} could not be checked" if counts["errors"] else "")
    )
    return _PAGE.format(
        title=html.escape(title),
        facts=html.escape(facts),
        header=header,
        rows=rows,
        data=html.escape(json.dumps(counts), quote=False),
    )


def _html_row(result: StudentResult) -> str:
    row = result.as_row()
    score = row["score"]
    sort_score = score if score else "-1"
    if result.error:
        missing = f'<span class="error">{html.escape(result.error)}</span>'
    else:
        missing = html.escape(row["missing_sections"]) or '<span class="none">none</span>'
    link = (
        f'<a href="{html.escape(row["link"])}">{html.escape(row["repo"])}</a>'
        if row["link"]
        else html.escape(row["repo"])
    )
    grade = html.escape(row["grade"])
    grade_class = f"grade-{grade.lower()}" if grade else "grade-none"
    return (
        "<tr>"
        f'<td data-value="{html.escape(row["student"].lower())}">{html.escape(row["student"])}</td>'
        f'<td data-value="{html.escape(row["github"].lower())}">{html.escape(row["github"])}</td>'
        f'<td data-value="{sort_score}" class="num">{html.escape(score) or "-"}</td>'
        f'<td data-value="{grade}" class="{grade_class}">{grade or "-"}</td>'
        f'<td data-value="{html.escape(row["missing_sections"] or result.error)}">{missing}</td>'
        f'<td data-value="{html.escape(row["top_fix"])}">{html.escape(row["top_fix"])}</td>'
        f'<td data-value="{html.escape(row["repo"])}">{link}</td>'
        "</tr>"
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1f2328; }}
  h1 {{ font-size: 1.5rem; margin-bottom: .25rem; }}
  p.facts {{ color: #57606a; margin-top: 0; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }}
  th {{ cursor: pointer; user-select: none; white-space: nowrap; background: #f6f8fa; position: sticky; top: 0; }}
  th:focus {{ outline: 2px solid #0969da; }}
  th[aria-sort="ascending"]::after {{ content: " \\25B2"; }}
  th[aria-sort="descending"]::after {{ content: " \\25BC"; }}
  td.num {{ font-variant-numeric: tabular-nums; text-align: right; }}
  .grade-a, .grade-b {{ color: #1a7f37; }}
  .grade-f {{ color: #cf222e; font-weight: 600; }}
  .error {{ color: #cf222e; }}
  .none {{ color: #57606a; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="facts">{facts}</p>
<table id="report">
<thead><tr>{header}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
<script type="application/json" id="summary">{data}</script>
<script>
(function () {{
  "use strict";
  var table = document.getElementById("report");
  var headers = table.querySelectorAll("th");
  function value(row, index, type) {{
    var text = row.cells[index].getAttribute("data-value") || "";
    return type === "number" ? parseFloat(text) : text;
  }}
  function sortBy(th) {{
    var index = Array.prototype.indexOf.call(headers, th);
    var type = th.getAttribute("data-type");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {{
      var x = value(a, index, type), y = value(b, index, type);
      var order = type === "number" ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    }});
    rows.forEach(function (row) {{ body.appendChild(row); }});
    headers.forEach(function (other) {{ other.setAttribute("aria-sort", "none"); }});
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }}
  headers.forEach(function (th) {{
    th.addEventListener("click", function () {{ sortBy(th); }});
    th.addEventListener("keydown", function (event) {{
      if (event.key === "Enter" || event.key === " ") {{ event.preventDefault(); sortBy(th); }}
    }});
  }});
}})();
</script>
</body>
</html>
"""
