"""Render check reports: a rich table for people, JSON for programs, Markdown for pull
requests and job summaries, SARIF for GitHub code scanning."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import __version__
from generator.check.model import JSON_SCHEMA, ProjectReport
from generator.check.rubric import Rubric

FORMATS = ("text", "json", "markdown", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(reports: Sequence[ProjectReport], errors: Sequence[tuple[str, str]], rubric: Rubric,
           fmt: str, *, color: bool = True, width: int | None = None) -> str:
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _sections_line(report: ProjectReport) -> str:
    if not report.sections:
        return "none"
    return ", ".join(f"{key}{'' if hit.filled else ' (unfilled)'}" for key, hit in report.sections.items())


def render_markdown(reports: Sequence[ProjectReport], errors: Sequence[tuple[str, str]]) -> str:
    """A pull-request comment / job summary: one summary table, then the fixes per project."""
    lines = ["## Documentation check", "", "| Project | Score | Grade | Result | Sections |",
             "|---|---:|:---:|:---:|---|"]
    for report in reports:
        result = "✅ pass" if report.passed else "❌ below " + str(report.passing_score)
        lines.append(f"| {_md(report.title or report.target)} | {report.score}/100 | {report.grade} | "
                     f"{result} | {_md(_sections_line(report))} |")
    for target, message in errors:
        lines.append(f"| {_md(target)} | - | - | ⚠️ error | {_md(message)} |")
    for report in reports:
        if not report.findings:
            continue
        lines += ["", f"### {_md(report.title or report.target)}: what to add", "",
                  "| Check | Finding | Fix |", "|---|---|---|"]
        for finding in report.findings:
            lines.append(f"| `{finding.check}` | {_md(finding.message)} | {_md(finding.fix)} |")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_sarif(reports: Sequence[ProjectReport]) -> str:
    """SARIF 2.1.0: one result per finding, located on its file and line (README line 1 otherwise)."""
    from generator.check.signals import CHECKS

    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    for report in reports:
        prefix = _uri_prefix(report.path)
        for check in report.checks:
            known = CHECKS.get(check.id)
            rules.setdefault(check.id, {
                "id": check.id,
                "name": check.id.replace(".", "_"),
                "shortDescription": {"text": check.explanation},
                "help": {"text": known.fix if known else "See the finding's fix line."},
                "properties": {"weight": check.weight},
            })
        rule_index = {rule_id: index for index, rule_id in enumerate(rules)}
        for finding in report.findings:
            uri = prefix + (finding.file or report.readme or "README.md")
            results.append({
                "ruleId": finding.check,
                "ruleIndex": rule_index[finding.check],
                "level": "warning",
                "message": {"text": f"{finding.message} Fix: {finding.fix}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": finding.line or 1},
                }}],
            })
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "portfolio-check",
                "version": __version__,
                "informationUri": "https://github.com/",
                "rules": list(rules.values()),
            }},
            "results": results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _uri_prefix(path: Path | None) -> str:
    """Findings' files relative to the current directory (where code scanning uploads from)."""
    if path is None:
        return ""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    text = relative.as_posix()
    return "" if text == "." else text + "/"


def render_text(reports: Sequence[ProjectReport], errors: Sequence[tuple[str, str]], *,
                color: bool = True, width: int | None = None) -> str:
    """Rich tables: per project the score, sections and failed checks; a summary for several targets."""
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 110,
                      highlight=False, soft_wrap=False)
    for report in reports:
        verdict = "[green]pass[/]" if report.passed else f"[red]below {report.passing_score}[/]"
        console.print(f"[bold]{_escape(report.title or report.target)}[/] ({_escape(report.target)}): "
                      f"[bold]{report.score}/100[/], grade {report.grade}, {verdict}")
        sections = Table(title="Sections", title_justify="left", show_edge=False)
        for column in ("section", "heading", "where", "written"):
            sections.add_column(column, overflow="fold")
        for key, hit in report.sections.items():
            sections.add_row(key, _escape(hit.heading), _escape(hit.where),
                             "[green]yes[/]" if hit.filled else "[red]no[/]")
        if report.sections:
            console.print(sections)
        else:
            console.print("Sections: none found")
        if report.findings:
            failed = Table(title="To fix", title_justify="left", show_edge=False)
            for column in ("check", "finding", "fix"):
                failed.add_column(column, overflow="fold")
            for finding in report.findings:
                failed.add_row(finding.check, _escape(finding.message), _escape(finding.fix))
            console.print(failed)
        console.print()
    if len(reports) + len(errors) > 1:
        summary = Table(title="Summary", title_justify="left")
        for column in ("target", "score", "grade", "result", "sections written", "findings"):
            summary.add_column(column, overflow="fold")
        for report in reports:
            written = sum(hit.filled for hit in report.sections.values())
            summary.add_row(_escape(report.target), str(report.score), report.grade,
                            "pass" if report.passed else "fail", str(written), str(len(report.findings)))
        for target, message in errors:
            summary.add_row(_escape(target), "-", "-", "error", "-", _escape(message))
        console.print(summary)
    return buffer.getvalue()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
