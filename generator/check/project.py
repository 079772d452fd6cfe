"""Check one local project directory: gather evidence, find sections, run checks, score."""

from __future__ import annotations

import re
from pathlib import Path

from generator.check.evidence import gather
from generator.check.model import ProjectReport
from generator.check.placeholders import strip_placeholders
from generator.check.rubric import Rubric, load_rubric
from generator.check.sections import Located, find_sections
from generator.check.signals import Context, run_checks
from generator.errors import TargetError

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def check_project(path: Path, rubric: Rubric | None = None, *, target: str | None = None) -> ProjectReport:
    """Check the project in the local directory ``path`` (never runs anything from it)."""
    rubric = rubric or load_rubric()
    path = Path(path)
    if not path.exists():
        raise TargetError(f"{path}: no such file or directory")
    if not path.is_dir():
        raise TargetError(f"{path}: not a directory (give the project folder)")
    evidence = gather(path)
    located = find_sections(evidence.readme, evidence.notebook_documents(), rubric)
    context = Context(evidence, located, rubric)
    results, findings = run_checks(context)
    scored = [result for result in results if result.status != "skipped"]
    total = sum(result.weight for result in scored)
    earned = sum(result.weight for result in scored if result.status == "passed")
    score = round(100 * earned / total) if total else 0
    metrics = dict(evidence.metrics_json or {})
    found_metrics = located.get("metrics")
    for value in [*context.readme_values(), *(found_metrics.metric_values if found_metrics else [])]:
        metrics.setdefault(value.metric, value.value)
    return ProjectReport(
        target=target or str(path),
        path=path,
        score=score,
        grade=rubric.grade(score),
        passed=score >= rubric.passing_score,
        sections={key: found.hit for key, found in located.items()},
        findings=findings,
        title=evidence.readme.title if evidence.readme else None,
        problem_summary=_summary(located.get("problem")),
        metrics=metrics,
        checks=results,
        rubric=rubric.name,
        passing_score=rubric.passing_score,
        readme=evidence.readme_name,
    )


def _summary(found: Located | None) -> str | None:
    """First sentence of the Problem section's own prose (for ``portfolio index``)."""
    if found is None or not found.hit.filled:
        return None
    for block in found.section.blocks:
        if block.kind != "prose":
            continue
        text = " ".join(strip_placeholders(block.text).split())
        if text:
            sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
            return sentence if len(sentence) <= 300 else sentence[:299] + "…"
    return None
