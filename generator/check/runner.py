"""Run the rubric's checks on one project's evidence and score them.

The plan is the rubric's sections (``section.<id>``) then every catalogued check with a weight
above 0. A check returns ``None`` (does not apply: skipped, not scored), ``[]`` (passed), failures,
or :class:`~generator.check.context.Partial` failures that still earn part of the weight. Two kinds
of prerequisite keep one defect from being reported several times (as repo-review does): a content
check whose section is missing fails silently behind the section's finding, and a repository that
is not an ML project gets one ``project.ml`` finding instead of a finding per missing section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from generator.check import checks_content, checks_files, checks_metrics, checks_sections, checks_text
from generator.check.context import Context, Failure, Partial
from generator.check.model import CheckResult, Finding
from generator.check.rubric import Rubric
from generator.check.rules import CHECKS, HYGIENE_CHECKS, Check, section_check

CheckFunction = Callable[[Context], list[Failure] | None]
_SAID_OF_ANY_REPOSITORY = frozenset({"project.ml", "readme.present", "placeholders", "files.readable"})
"""Findings still worth reporting for a repository that is not an ML project."""
GATE = 1.5
"""How steeply the project checks follow the write-up's share (1: in proportion; calibrated on real READMEs)."""
CURVE = 1.3
"""The earned share is raised to this power: reviewers mark a half-done write-up below half marks
(calibrated on real READMEs: 37 of 51 hand-given bands hit with 1.3, 30 with 1.0)."""
_FUNCTIONS: dict[str, CheckFunction] = {
    **checks_files.FUNCTIONS,
    **checks_text.FUNCTIONS,
    **checks_content.FUNCTIONS,
    **checks_metrics.FUNCTIONS,
}
assert set(_FUNCTIONS) == set(CHECKS), "every catalogued check has a function"


def all_checks(rubric: Rubric) -> list[tuple[Check, int, CheckFunction]]:
    """Every check the rubric scores, with its weight: sections first, then the catalogue's order
    (made once per rubric: a cohort checks hundreds of projects against one)."""
    plan: list[tuple[Check, int, CheckFunction]] | None = rubric.__dict__.get("_plan")
    if plan is not None:
        return plan
    plan = [
        (section_check(rule.id, rule.title, rule.describe), rule.weight, checks_sections.section_function(rule))
        for rule in rubric.sections
        if rule.required
    ]
    plan += [(check, rubric.weights.get(check.id, 0), _FUNCTIONS[check.id]) for check in CHECKS.values()]
    object.__setattr__(rubric, "_plan", plan)  # a frozen dataclass: stored beside its fields
    return plan


def run_checks(ctx: Context) -> tuple[list[CheckResult], list[Finding]]:
    """Run every check with a weight above 0; return results and findings."""
    results: list[CheckResult] = []
    findings: list[Finding] = []
    not_ml = bool(checks_content.FUNCTIONS["project.ml"](ctx))
    for check, weight, function in all_checks(ctx.rubric):
        if weight <= 0:
            continue
        required = checks_content.REQUIRES.get(check.id)
        rule = ctx.rubric.section(required) if required else None
        if required is not None and (rule is None or not rule.required):
            failures: list[Failure] | None = None  # the rubric does not ask for the section it reads
        elif required is not None and not (required in ctx.located and ctx.located[required].hit.filled):
            failures = Partial([], 0.0)  # the section's own finding covers it
        else:
            failures = function(ctx)
        credit = failures.credit if isinstance(failures, Partial) else (0.0 if failures else 1.0)
        status = "skipped" if failures is None else "passed" if credit >= 1 else "partial" if credit > 0 else "failed"
        results.append(CheckResult(check.id, weight, status, check.explanation, round(credit, 3)))
        if not_ml and check.id not in _SAID_OF_ANY_REPOSITORY:
            continue  # one project.ml finding says it all (the checks still count: the score stays low)
        for failure in failures or []:
            findings.append(
                Finding(check.id, failure.message, failure.fix or check.fix, failure.file, failure.line, weight)
            )
    return _empty_sections(results), findings


EMPTY_SECTION_CREDIT = 0.5
"""Credit of a written section that says none of the things its content checks look for (a Data
section of download commands, a Method section of run instructions): present, but not a write-up."""


def _empty_sections(results: list[CheckResult]) -> list[CheckResult]:
    by_id = {result.id: result for result in results}
    empty = set()
    for section_id in set(checks_content.REQUIRES.values()):
        content = [
            by_id[key]
            for key, owner in checks_content.REQUIRES.items()
            if owner == section_id and key in by_id and by_id[key].status != "skipped"
        ]
        if content and all(result.credit == 0 for result in content):
            empty.add(f"section.{section_id}")
    return [
        replace(result, status="partial", credit=round(result.credit * EMPTY_SECTION_CREDIT, 3))
        if result.id in empty and result.credit > 0
        else result
        for result in results
    ]


def score(results: list[CheckResult]) -> int:
    """Earned weight over the weight of the checks that apply, to the power ``CURVE``, out of 100; the project checks
    (licence, tests, reproduce commands…) earn in proportion to the write-up's own share: a LICENSE
    next to a README that is only a title does not make the project worth 20 points."""
    scored = [result for result in results if result.status != "skipped"]
    total = sum(result.weight for result in scored)
    if not total:
        return 0
    writing = [result for result in scored if result.id not in HYGIENE_CHECKS]
    written_total = sum(result.weight for result in writing)
    written = sum(result.weight * result.credit for result in writing)
    share = written / written_total if written_total else 1.0
    around = sum(result.weight * result.credit for result in scored if result.id in HYGIENE_CHECKS)
    return round(100 * ((written + around * share**GATE) / total) ** CURVE)
