"""What a check produces: findings, section hits, check results and the project report.

These are the stable public shapes (``ProjectReport.to_dict()`` is the JSON schema the
README documents); other commands (cohort check, the portfolio index) build on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JSON_SCHEMA = "portfolio-check/1"


@dataclass(frozen=True)
class Finding:
    """One thing to fix: which check, what is wrong, the one-line fix, and where."""

    check: str
    message: str
    fix: str
    file: str | None = None
    line: int | None = None
    weight: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON view."""
        return {
            "check": self.check,
            "message": self.message,
            "fix": self.fix,
            "file": self.file,
            "line": self.line,
            "weight": self.weight,
        }


@dataclass(frozen=True)
class SectionHit:
    """Where a rubric section was found and whether it holds real writing."""

    id: str
    heading: str
    where: str
    filled: bool
    words: int
    file: str
    line: int | None
    found_by: str = "heading"
    """``heading``, ``pseudo-heading`` (bold, emoji, numbered, ALL-CAPS or short line), ``content`` or
    ``introduction`` (the untitled text under the title)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON view."""
        return {
            "heading": self.heading,
            "where": self.where,
            "filled": self.filled,
            "words": self.words,
            "found_by": self.found_by,
        }


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome: ``passed``, ``partial``, ``failed`` or ``skipped`` (does not apply, not scored);
    ``credit`` is the share of the weight earned (partial credit: e.g. 3 of 5 sections specific)."""

    id: str
    weight: int
    status: str
    explanation: str
    credit: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """JSON view."""
        return {
            "id": self.id,
            "weight": self.weight,
            "status": self.status,
            "explanation": self.explanation,
            "credit": self.credit,
        }


@dataclass
class ProjectReport:
    """Everything ``portfolio check`` knows about one project."""

    target: str
    path: Path | None
    score: int
    grade: str
    passed: bool
    sections: dict[str, SectionHit]
    findings: list[Finding]
    title: str | None = None
    problem_summary: str | None = None
    metrics: dict[str, float] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)
    rubric: str = "default"
    passing_score: int = 70
    readme: str | None = None
    notes: list[str] = field(default_factory=list)
    """What was not judged, and why (a README in another language): a score says nothing of what it skipped."""

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON view (schema ``portfolio-check/1``, documented in the README)."""
        return {
            "target": self.target,
            "path": str(self.path) if self.path else None,
            "title": self.title,
            "score": self.score,
            "grade": self.grade,
            "passed": self.passed,
            "passing_score": self.passing_score,
            "rubric": self.rubric,
            "readme": self.readme,
            "problem_summary": self.problem_summary,
            "sections": {key: hit.to_dict() for key, hit in self.sections.items()},
            "metrics": self.metrics,
            "checks": [check.to_dict() for check in self.checks],
            "findings": [finding.to_dict() for finding in self.findings],
            "notes": list(self.notes),
        }
