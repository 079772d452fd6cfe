"""Validate stage: refuse a batch that breaks the schema before it can train or score anything.

Every problem is collected (not just the first), so one run tells you all that is wrong.
The rules come from ``schema.SensorReading``: the API and this stage cannot disagree.
"""

from __future__ import annotations

import pandas as pd

from .schema import TARGET, column_rules


class DataValidationError(ValueError):
    """The batch breaks the schema; ``problems`` lists each broken rule."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid data: " + "; ".join(problems))


def find_problems(frame: pd.DataFrame, labelled: bool = True) -> list[str]:
    """Each schema rule ``frame`` breaks, as one readable line (empty when the batch is valid)."""
    rules = column_rules()
    expected = [*rules, TARGET] if labelled else list(rules)
    problems = [f"missing column {name!r}" for name in expected if name not in frame.columns]
    problems += [f"unexpected column {name!r}" for name in frame.columns if name not in expected]
    if frame.empty:
        problems.append("no rows")
    for name, rule in rules.items():
        if name not in frame.columns:
            continue
        column = frame[name]
        if column.isna().any():
            problems.append(f"{name}: {int(column.isna().sum())} missing values")
        if rule["kind"] == "category":
            unknown = sorted(set(column.dropna().astype(str)) - set(rule["allowed"]))
            if unknown:
                problems.append(f"{name}: unknown categories {unknown} (allowed {rule['allowed']})")
            continue
        numbers = pd.to_numeric(column, errors="coerce")
        if (numbers.isna() & column.notna()).any():
            problems.append(f"{name}: non-numeric values")
        outside = ((numbers < rule["min"]) | (numbers > rule["max"])).sum()
        if outside:
            problems.append(f"{name}: {int(outside)} values outside [{rule['min']}, {rule['max']}]")
    if labelled and TARGET in frame.columns and not frame[TARGET].dropna().isin([0, 1]).all():
        problems.append(f"{TARGET}: labels must be 0 or 1")
    return problems


def validate(frame: pd.DataFrame, labelled: bool = True) -> pd.DataFrame:
    """Return ``frame`` unchanged if it is valid; raise :class:`DataValidationError` otherwise."""
    problems = find_problems(frame, labelled)
    if problems:
        raise DataValidationError(problems)
    return frame
