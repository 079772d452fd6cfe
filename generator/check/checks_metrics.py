"""Checks on the numbers: metric values anywhere, a baseline to compare with, agreement with
``reports/metrics.json``."""

from __future__ import annotations

from generator.check.context import Context, Failure
from generator.check.metrics_json import disagreements
from generator.check.metrics_text import MetricValue, mentions
from generator.check.rules import METRICS_JSON
from generator.check.vocabulary import BASELINE, COMPARISON


def _values(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    found = ctx.located.get("metrics")
    if (found is not None and found.metric_values) or ctx.readme_values() or ctx.notebook_values():
        return []
    named = mentions(ctx.evidence.readme.source) if ctx.evidence.readme else set()
    detail = f" (it names {', '.join(sorted(named))} but gives no numbers)" if named else ""
    where = found.hit if found else None
    return [
        Failure(
            f"No metric values in the README, the notebooks' text or their outputs{detail}.",
            where.file if where else ctx.evidence.readme_name,
            where.line if where else None,
        )
    ]


def _baseline(ctx: Context) -> list[Failure] | None:
    """A comparison: a value marked as a baseline's, or the results text comparing with one."""
    if not ctx.evidence.has_documentation:
        return None
    values = ctx.readme_values() or ctx.notebook_values()
    if any(value.role == "baseline" for value in values):
        return []
    results = ctx.section_text("metrics", "outcome")
    found = ctx.located.get("metrics")
    shown = found.metric_values if found else values
    if BASELINE.search(results) or (COMPARISON.search(results) and values) or _compares(shown):
        return []
    return [
        Failure(
            "The results give no baseline to compare the final model with.",
            found.hit.file if found else ctx.evidence.readme_name,
            found.hit.line if found else None,
        )
    ]


def _compares(values: list[MetricValue]) -> bool:
    """Two different values of one metric on different rows or columns: a comparison table."""
    seen: dict[str, set[float]] = {}
    for value in values:
        seen.setdefault(value.metric, set()).add(value.value)
    return any(len(numbers) >= 2 for numbers in seen.values())


def _consistent(ctx: Context) -> list[Failure] | None:
    evidence = ctx.evidence
    if evidence.metrics_json_problem:
        return [
            Failure(
                f"{METRICS_JSON} {evidence.metrics_json_problem}.",
                METRICS_JSON,
                fix=f'Write {METRICS_JSON} as a flat JSON object such as {{"accuracy": 0.93}}.',
            )
        ]
    if evidence.metrics_json is None or evidence.readme is None:
        return None
    name = evidence.readme.name
    return [
        Failure(
            f"{name}:{value.line} says {value.metric} {value.value:g} but {METRICS_JSON} says {truth:g}.",
            name,
            value.line,
        )
        for value, truth in disagreements(ctx.readme_values(), evidence.metrics_json)
    ]


FUNCTIONS = {
    "metrics.values": _values,
    "metrics.baseline": _baseline,
    "metrics.consistent": _consistent,
}
