"""Render check reports: text for people, JSON for programs, Markdown for pull requests and job
summaries, SARIF for GitHub code scanning (:mod:`generator.check.sarif`, :mod:`generator.check.report_text`)."""

from __future__ import annotations

from collections.abc import Sequence

from generator import __version__
from generator.check import json_text
from generator.check.model import JSON_SCHEMA, ProjectReport
from generator.check.report_text import render_text
from generator.check.rubric import Rubric
from generator.check.sarif import render_sarif

FORMATS = ("text", "json", "markdown", "sarif")


def render(
    reports: Sequence[ProjectReport],
    errors: Sequence[tuple[str, str]],
    rubric: Rubric,
    fmt: str,
    *,
    color: bool = True,
    width: int | None = None,
) -> str:
    """The whole output for one invocation in format ``fmt``; ``errors`` are (target, message)."""
    if fmt == "json":
        return render_json(reports, errors, rubric)
    if fmt == "markdown":
        return render_markdown(reports, errors)
    if fmt == "sarif":
        return render_sarif(reports)
    return render_text(reports, errors, color=color, width=width)


def render_json(reports: Sequence[ProjectReport], errors: Sequence[tuple[str, str]], rubric: Rubric) -> str:
    """``{"schema", "rubric", "projects": [...], "errors": [...]}`` (documented in the README)."""
    document = {
        "schema": JSON_SCHEMA,
        "tool": {"name": "portfolio check", "version": __version__},
        "rubric": {"name": rubric.name, "source": rubric.source, "passing_score": rubric.passing_score},
        "projects": [report.to_dict() for report in reports],
        "errors": [{"target": target, "error": message} for target, message in errors],
    }
    return json_text.dumps(document) + "\n"


def _sections_line(report: ProjectReport) -> str:
    if not report.sections:
        return "none"
    return ", ".join(f"{key}{'' if hit.filled else ' (unfilled)'}" for key, hit in report.sections.items())


__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_sarif", "render_text"]


def render_markdown(reports: Sequence[ProjectReport], errors: Sequence[tuple[str, str]]) -> str:
    """A pull-request comment / job summary: one summary table, then the fixes per project."""
    lines = [
        "## Documentation check",
        "",
        "| Project | Score | Grade | Result | Sections |",
        "|---|---:|:---:|:---:|---|",
    ]
    for report in reports:
        result = "✅ pass" if report.passed else "❌ below " + str(report.passing_score)
        lines.append(
            f"| {_md(report.title or report.target)} | {report.score}/100 | {report.grade} | "
            f"{result} | {_md(_sections_line(report))} |"
        )
    for target, message in errors:
        lines.append(f"| {_md(target)} | - | - | ⚠️ error | {_md(message)} |")
    for report in reports:
        if not report.findings and not report.notes:
            continue
        lines += ["", f"### {_md(report.title or report.target)}: what to add", ""]
        if report.notes:
            lines += [*(f"> Not judged: {_md(note)}" for note in report.notes), ""]
        if report.findings:
            lines += ["| Check | Finding | Fix |", "|---|---|---|"]
            lines += [f"| `{f.check}` | {_md(f.message)} | {_md(f.fix)} |" for f in report.findings]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
