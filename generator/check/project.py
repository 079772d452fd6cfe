"""Check one local project directory: gather evidence, find sections, run checks, score."""

from __future__ import annotations

import gc
import re
from pathlib import Path

from generator.check.context import Context
from generator.check.evidence import gather
from generator.check.metric_blocks import reported
from generator.check.model import CheckResult, ProjectReport
from generator.check.per_project import forget_project
from generator.check.placeholders import strip_joined
from generator.check.rubric import Rubric, load_rubric
from generator.check.rules import WORDED_CHECKS
from generator.check.runner import run_checks, score
from generator.check.structure import Located, find_sections
from generator.errors import TargetError

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def check_project(path: Path, rubric: Rubric | None = None, *, target: str | None = None) -> ProjectReport:
    """Check the project in the local directory ``path`` (never runs anything from it).

    Whatever the project holds, the only error is a :class:`TargetError`: a cohort or a list of
    targets goes on with the next project (one bad project never stops a multi-project run).
    """
    path = Path(path)
    if not path.exists():
        raise TargetError(f"{path}: no such file or directory")
    if not path.is_dir():
        raise TargetError(f"{path}: not a directory (give the project folder)")
    collecting = gc.isenabled()
    gc.disable()  # see _check
    try:
        return _check(path, rubric or load_rubric(), target)
    except (RecursionError, MemoryError, ValueError, OSError, IndexError, KeyError, TypeError) as error:
        raise TargetError(f"{path}: could not be checked ({type(error).__name__}: {str(error)[:200]})") from None
    finally:
        if collecting:
            gc.enable()


def _check(path: Path, rubric: Rubric, target: str | None) -> ProjectReport:
    """The check itself, run with the cyclic garbage collector paused (as the CLI runs every command).

    A check makes no reference cycles: all it builds (a document of a block per paragraph, a heading per
    heading, the readings of them) is freed by reference counting once the report is made. The collector
    would only walk those objects again and again while they are created, finding nothing: a third of
    the time of a README with 16,000 headings (0.4 s of 1.2 s). Memory stays bounded by one project.
    """
    forget_project()  # what was read of the last project's texts is not kept (memory; honest benchmarks)
    evidence = gather(path)
    located = find_sections(evidence.readme, evidence.notebook_documents(), rubric)
    context = Context(evidence, located, rubric)
    results, findings = run_checks(context)
    total = score(results)
    metrics = dict(evidence.metrics_json or {})
    found_metrics = located.get("metrics")
    written = [*(found_metrics.metric_values if found_metrics else []), *context.readme_values()]
    for metric, value in (reported(written) or reported(context.notebook_values())).items():
        metrics.setdefault(metric, value)
    return ProjectReport(
        target=target or str(path),
        path=path,
        score=total,
        grade=rubric.grade(total),
        passed=total >= rubric.passing_score,
        sections={key: found.hit for key, found in located.items()},
        findings=findings,
        title=evidence.readme.title if evidence.readme else None,
        problem_summary=_summary(located.get("problem")),
        metrics=metrics,
        checks=results,
        rubric=rubric.name,
        passing_score=rubric.passing_score,
        readme=evidence.readme_name,
        notes=_not_judged(context, results),
    )


def _not_judged(context: Context, results: list[CheckResult]) -> list[str]:
    """Say which checks a README in another language left unscored: its author must not read the
    silence as a pass."""
    if context.evidence.readme is None or context.english():
        return []
    skipped = [result.id for result in results if result.status == "skipped" and result.id in WORDED_CHECKS]
    if not skipped:
        return []
    return [
        f"{context.evidence.readme_name} is not written in English: {len(skipped)} checks that read English words "
        f"were not scored ({', '.join(skipped)}); sections, headings, numbers, links and model names were."
    ]


def _summary(found: Located | None) -> str | None:
    """First sentence of the Problem section's own prose (for ``portfolio index``)."""
    if found is None or not found.hit.filled:
        return None
    for block in found.section.blocks:
        if block.kind != "prose":
            continue
        text = " ".join(strip_joined([block.text]).split())
        if text:
            sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
            return sentence if len(sentence) <= 300 else sentence[:299] + "…"
    return None
