"""SARIF 2.1.0 for GitHub code scanning: one rule per check, one result per finding.

A finding's level follows its weight (``error`` from 6, ``warning`` from 3, else ``note``).
Paths are relative to each project's root, named by a ``uriBaseId`` that ``originalUriBaseIds``
resolves (relative to ``%SRCROOT%``, the current directory, when the project is inside it).
A finding about the whole project (no LICENSE file) has no location rather than a made-up line 1,
and one about a file without a line points at the file only. The run's properties carry every
project's score and grade (and, for a single project, ``score`` and ``grade`` themselves).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import __version__
from generator.check import json_text
from generator.check.model import Finding, ProjectReport
from generator.check.rules import CHECKS, docs_url

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"


def level(weight: int) -> str:
    """``error`` for heavy checks, ``warning`` for middling ones, ``note`` for light ones."""
    return "error" if weight >= 6 else "warning" if weight >= 3 else "note"


def render_sarif(reports: Sequence[ProjectReport]) -> str:
    """One SARIF log with one run for every project checked in this invocation."""
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []
    index: dict[str, int] = {}  # rule id -> its place in ``rules``
    cwd = Path.cwd().resolve()
    bases: dict[str, dict[str, Any]] = {SOURCE_ROOT: {"uri": cwd.as_uri() + "/"}}
    for number, report in enumerate(reports, start=1):
        base = "PROJECT" if number == 1 else f"PROJECT{number}"
        bases[base] = _base(report, cwd)
        for check in report.checks:
            if check.id not in rules:  # a rule is described once, by the first report that has it
                index[check.id] = len(rules)
                rules[check.id] = _rule(check.id, check.explanation, check.weight)
        results += [_result(finding, index[finding.check], base, report) for finding in report.findings]
    projects = [{"target": r.target, "score": r.score, "grade": r.grade, "passed": r.passed} for r in reports]
    properties: dict[str, Any] = {"projects": projects}
    if len(reports) == 1:
        properties.update(score=reports[0].score, grade=reports[0].grade, passed=reports[0].passed)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": _without_none(
                        {
                            "name": "portfolio-check",
                            "version": __version__,
                            "informationUri": docs_url(),
                            "rules": list(rules.values()),
                        }
                    )
                },
                "originalUriBaseIds": bases,
                "results": results,
                "properties": properties,
            }
        ],
    }
    return json_text.dumps(document) + "\n"


def _rule(check_id: str, explanation: str, weight: int) -> dict[str, Any]:
    known = CHECKS.get(check_id)
    return _without_none(
        {
            "id": check_id,
            "name": "".join(part.title() for part in check_id.replace("_", ".").split(".")),
            "shortDescription": {"text": explanation},
            "help": {"text": known.fix if known else "Write the section the rubric asks for."},
            "helpUri": known.docs_url if known else docs_url(),
            "defaultConfiguration": {"level": level(weight)},
            "properties": {"weight": weight},
        }
    )


def _without_none(fields: dict[str, Any]) -> dict[str, Any]:
    """SARIF leaves out what is not known (an installed copy without a project URL has no help link)."""
    return {key: value for key, value in fields.items() if value is not None}


def _result(finding: Finding, rule_index: int, base: str, report: ProjectReport) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": rule_index,
        "level": level(finding.weight),
        "message": {"text": f"{finding.message} Fix: {finding.fix}"},
        "properties": {"project": report.target},
    }
    if finding.file:
        location: dict[str, Any] = {"artifactLocation": {"uri": finding.file, "uriBaseId": base}}
        if finding.line:
            location["region"] = {"startLine": finding.line}
        result["locations"] = [{"physicalLocation": location}]
    return result


def _base(report: ProjectReport, cwd: Path) -> dict[str, Any]:
    """Where a project's relative paths start: under ``%SRCROOT%`` (``cwd``) when inside it, else a file URI."""
    if report.path is None:
        return {"description": {"text": f"the root of {report.target} (a temporary clone)"}}
    root = report.path.resolve()
    try:
        relative = root.relative_to(cwd).as_posix()
    except ValueError:
        return {"uri": root.as_uri() + "/"}
    return {"uri": "" if relative == "." else relative + "/", "uriBaseId": SOURCE_ROOT}
