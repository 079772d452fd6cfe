"""Checks on the numbers: metric values anywhere, a baseline to compare with, agreement with
``reports/metrics.json``."""

from __future__ import annotations

from generator.check.context import Context, Failure, Partial
from generator.check.metric_blocks import values_in
from generator.check.metrics_json import disagreements
from generator.check.metrics_text import MetricValue, from_text, mentions
from generator.check.rules import METRICS_JSON
from generator.check.vocabulary import BASELINE, COMPARISON, IMBALANCE

ACCURACY_ONLY_CREDIT = 0.5
"""Credit of results that give accuracy and nothing else although the README says the classes are
imbalanced: a reviewer's first question is how the model does on the class that matters (a model that
always says "stays" is 88 % accurate on churn). Balanced tasks (digits, ImageNet) report accuracy alone."""
NOTEBOOK_ONLY_CREDIT = 0.5
"""Credit of metric values that appear only in notebooks (their text or outputs), not in the README: the work was
run, but a reviewer reading the README sees no result, and a notebook prints every model's numbers, so which one
is the final model's held-out result is left to the reader to guess."""


def _values(ctx: Context) -> list[Failure] | None:
    if not ctx.evidence.has_documentation:
        return None
    found = ctx.located.get("metrics")
    in_readme = found is not None and found.doc is ctx.evidence.readme
    shown = (found.metric_values if found is not None and in_readme else []) or ctx.readme_values()
    if shown and {value.metric for value in shown} == {"accuracy"} and IMBALANCE.search(ctx.readme_text()):
        return Partial(
            [
                Failure(
                    "Accuracy is the only metric reported for imbalanced classes: it hides how the model does "
                    "on the rarer class.",
                    found.hit.file if found else ctx.evidence.readme_name,
                    found.hit.line if found else None,
                    "Add precision, recall and F1 (or ROC AUC) next to the accuracy, and the class balance.",
                )
            ],
            ACCURACY_ONLY_CREDIT,
        )
    goals = [value for value in shown if value.role == "target"]
    if len(goals) == len(shown):  # what the project aims at is not what it reached
        shown = []
    if shown or (ctx.evidence.readme is None and ctx.notebook_values()):
        return []  # without a README, the missing README is the finding
    if ctx.notebook_values():  # a Metrics section found in a notebook holds some of these
        return Partial([_notebook_only(ctx)], NOTEBOOK_ONLY_CREDIT)
    if goals:
        return [_only_goals(ctx, goals)]
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


def _only_goals(ctx: Context, goals: list[MetricValue]) -> Failure:
    """The finding for a README whose only numbers are what the project aims at ("at least 85% accuracy")."""
    found = ctx.located.get("metrics")
    said = ", ".join(f"{value.metric} {value.value:g}" for value in goals[:3])
    return Failure(
        f"The README's metric values are goals ({said}), not results.",
        found.hit.file if found else ctx.evidence.readme_name,
        found.hit.line if found else goals[0].line,
        "Add the values the final model reached on held-out data, next to the goals.",
    )


def _notebook_only(ctx: Context) -> Failure:
    """The finding for numbers a reviewer finds only by opening the notebooks: the first notebook that holds them."""
    found = ctx.located.get("metrics")
    if found is not None and found.metric_values and found.doc is not ctx.evidence.readme:
        where = found.hit.where
    else:
        where = next(
            (
                notebook.path
                for notebook in ctx.evidence.notebooks
                if (notebook.doc is not None and values_in(notebook.doc.blocks)) or from_text(notebook.output_text, 1)
            ),
            "the notebooks",
        )
    return Failure(
        f"The metric values are only in the notebooks ({where}), not in {ctx.evidence.readme_name or 'the README'}.",
        ctx.evidence.readme_name,
        None,
        "Put the final model's held-out values in the README (a | Metric | Value | table).",
    )


def _baseline(ctx: Context) -> list[Failure] | None:
    """A comparison: a value marked as a baseline's, or the results text comparing with one."""
    if not ctx.evidence.has_documentation:
        return None
    values = ctx.readme_values() or ctx.notebook_values()
    if not values:
        return Partial([], 0.0)  # no numbers to compare: metrics.values says so
    if any(value.role == "baseline" for value in values):
        return []
    results = ctx.section_text("metrics", "outcome")
    found = ctx.located.get("metrics")
    shown = found.metric_values if found else values
    if BASELINE.search(results) or COMPARISON.search(results) or compares(shown):
        return []
    if BASELINE.search(ctx.headings_text()) and compares(values):
        return []  # "### Initial Model Results" above one set of numbers, "### Final Model" above the other
    return [
        Failure(
            "The results give no baseline to compare the final model with.",
            found.hit.file if found else ctx.evidence.readme_name,
            found.hit.line if found else None,
        )
    ]


COMPARED = frozenset({"final", "test", "", "baseline", "delta"})
"""Roles of values a comparison is between: models' results, baselines' and gains ("+0.01 on CV"); not a training
score against the test score, nor a goal against the result."""


def compares(values: list[MetricValue]) -> bool:
    """Two different values of one metric on different rows or columns: a comparison table. The same
    number written twice ("96.8 % accuracy" … "96 % accuracy") is one value, not a comparison."""
    seen: dict[str, list[MetricValue]] = {}
    for value in values:
        if value.role in COMPARED:
            seen.setdefault(value.metric, []).append(value)
    for group in seen.values():
        low = min(group, key=lambda value: value.value)
        high = max(group, key=lambda value: value.value)
        if high.value - low.value >= 10.0 ** -min(low.decimals, high.decimals):
            return True
    return False


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
