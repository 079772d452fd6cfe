"""A small, complete ML project on which every `portfolio check` check passes (tests mutate it)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.check import ProjectReport, check_project
from tests.helpers import build_tree

BIKE_RESULTS = """# Bike demand forecast

## Problem
The city bike operator must move bikes between docks overnight; we predict the next day's rentals per
dock so that the night crew knows where to take them.

## Data
Two years of hourly rentals (17,379 rows) from the city's open data portal, https://data.example.org/bikes.

## Method
A seasonal naive baseline, then gradient boosting with a time-based split on the last three months.

## Results
Gradient boosting reaches an RMSE of 41 rentals against 63 for the seasonal naive baseline.
"""
"""A short README of invented text: Problem, Data, Method and Results written, no Outcome (the
survey tests add the part they read)."""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

README = """\
# Diabetes progression

Predict disease progression one year after baseline from ten clinical measurements.

## Problem

Clinics want to know which patients are likely to progress fastest so that they can schedule
follow-up visits for them first; a simple, explainable model is preferred over a black box.

## Data

The [diabetes dataset](https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html) from Efron et al.
(2004), 442 patients with ten baseline variables; licence: public domain for teaching.

## Method

The ten variables were standardised and a ridge regression was compared with gradient boosting using
repeated 5-fold cross-validation; the better model was refitted on the training split only. A baseline
that predicts the mean progression of the training patients sets the bar.

## Metrics

| Model | RMSE | R² |
|---|---|---|
| Baseline (mean) | 77.0 | 0.00 |
| Ridge (final) | 53.1 | 0.47 |

![Residuals](reports/figures/residuals.png)

Errors are largest for patients with the fastest progression (per-segment RMSE 71 above the 75th percentile).

## Outcome

Body mass index and blood serum measurements explain most of the progression (the largest ridge
coefficients). The model explains about half of the variance, so clinics can use it to rank patients
for early follow-up, but it must not be used to predict individual cases; next step: add HbA1c.

## Reproduce

```bash
pip install -r requirements.txt
python -m diabetes.train
```
"""


def notebook(*, outputs: bool = True, error: bool = False) -> str:
    """A small notebook: one markdown cell, one code cell (with output / error output or none)."""
    result = []
    if outputs:
        result.append({"output_type": "stream", "name": "stdout", "text": "442 rows\n"})
    if error:
        result.append({"output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": []})
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Exploration\n\nA first look at the data."},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1 if outputs or error else None,
            "source": "print('442 rows')",
            "outputs": result,
        },
    ]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


FILES: dict[str, str | bytes] = {
    "README.md": README,
    "reports/metrics.json": json.dumps({"rmse": 53.08, "r2": 0.4713}),
    "reports/figures/residuals.png": PNG,
    "LICENSE": "MIT License\n",
    "requirements.txt": "scikit-learn\n",
    "tests/test_train.py": "def test_train():\n    assert True\n",
    "notebooks/exploration.ipynb": notebook(),
}


def build_project(root: Path) -> Path:
    """Write the complete project under ``root``."""
    return build_tree(root, FILES)


def check_readme(root: Path, readme: str, files: dict[str, str] | None = None) -> ProjectReport:
    """Check a project of ``readme`` (and ``files``) written below ``root``."""
    return check_project(build_tree(root, {"README.md": readme, **(files or {})}))


def check_result(report: ProjectReport, check_id: str) -> tuple[str, float]:
    """One check's status and credit in ``report``."""
    result = next(result for result in report.checks if result.id == check_id)
    return result.status, result.credit
