"""Every check passes on a complete project and fails on a project missing exactly that thing."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check import check_project, load_rubric
from generator.check.rules import CHECKS
from tests.check_project_builder import README, build_project, notebook


def _edit_readme(old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        readme = root / "README.md"
        text = readme.read_text(encoding="utf-8")
        assert old in text
        readme.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def _write(relative: str, content: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).write_text(content, encoding="utf-8")


def _delete(relative: str) -> Callable[[Path], None]:
    def delete(root: Path) -> None:
        path = root / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    return delete


def _symlink_outside(root: Path) -> None:
    outside = root.parent / "secret.txt"
    outside.write_text("not part of the project", encoding="utf-8")
    os.symlink(outside, root / "data.csv")


def _section(heading: str) -> str:
    start = README.index(heading)
    end = README.index("\n## ", start + 1)
    return README[start:end]


def _replace_section(heading: str, body: str) -> Callable[[Path], None]:
    return _edit_readme(_section(heading), f"{heading}\n\n{body}\n")


def _not_ml(root: Path) -> None:
    (root / "README.md").write_text(
        "# Tasks\n\nA command-line todo list written in Go. Add, list and finish tasks; they are kept in a "
        "plain text file in your home folder.\n\n## Install\n\n```bash\ngo install example.org/tasks@latest\n"
        "tasks add 'buy milk'\n```\n",
        encoding="utf-8",
    )
    for relative in ("notebooks", "reports"):
        shutil.rmtree(root / relative)


def _apply(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def run(root: Path) -> None:
        for edit in edits:
            edit(root)

    return run


NO_BASELINE_ROW = _edit_readme("| Baseline (mean) | 77.0 | 0.00 |\n", "")
STOCK = "The results were good and I learned a lot. Overall the work was interesting and useful for everyone."
BREAKS: dict[str, Callable[[Path], None]] = {
    "section.problem": _edit_readme(
        _section("## Problem"), "## Problem\n\n<!-- portfolio:guide\nWhat do you predict?\n-->\n"
    ),
    "section.data": _edit_readme("## Data", "## Appendix"),
    "section.method": _replace_section("## Method", "Ridge regression."),
    "section.metrics": _replace_section("## Metrics", "| Metric | Value |\n|---|---|\n| RMSE | pending |"),
    "section.outcome": _edit_readme(_section("## Outcome"), ""),
    "readme.present": _delete("README.md"),
    "project.ml": _not_ml,
    "placeholders": _edit_readme("## Outcome\n", "## Outcome\n\nTODO: add a chart of feature effects.\n"),
    "readme.format": _edit_readme(
        "## Reproduce", "We used the clinic's data in this project as it was.\n---\n\n## Reproduce"
    ),
    "readme.headings": _edit_readme("## Method", "## Our work"),
    "problem.target": _apply(
        _edit_readme("Predict disease progression", "A study of disease progression"),
        _replace_section(
            "## Problem",
            "Clinics schedule follow-up visits by hand today, so that nurses spend hours "
            "on the phone; a simple tool would save them time.",
        ),
    ),
    "problem.why": _replace_section(
        "## Problem",
        "We predict which patients progress fastest one year after the "
        "first visit from ten clinical measurements of each patient.",
    ),
    "data.source": _edit_readme(
        "The [diabetes dataset](https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html) from Efron et al.\n(2004)",
        "The diabetes dataset, as found on a colleague's laptop in 2004",
    ),
    "data.size": _edit_readme("442 patients with ten baseline variables", "patients with baseline variables"),
    "data.licence": _edit_readme("; licence: public domain for teaching", ""),
    "method.models": _apply(
        _replace_section(
            "## Method",
            "The ten variables were standardised; several approaches were compared using "
            "repeated 5-fold cross-validation against a baseline that predicts the mean.",
        ),
        _edit_readme("| Ridge (final) |", "| Final |"),
    ),
    "method.validation": _replace_section(
        "## Method",
        "The ten variables were standardised and a ridge regression "
        "was compared with gradient boosting and a baseline that "
        "predicts the mean progression.",
    ),
    "method.baseline": _apply(
        NO_BASELINE_ROW,
        _replace_section(
            "## Method",
            "The ten variables were standardised and a ridge regression was fitted with repeated "
            "5-fold cross-validation.",
        ),
    ),
    "metrics.values": _apply(
        _replace_section("## Metrics", "The model does well on held-out patients."),
        _replace_section("## Outcome", STOCK),
    ),
    "metrics.baseline": _apply(NO_BASELINE_ROW, _edit_readme(" (per-segment RMSE 71 above the 75th percentile)", "")),
    "metrics.consistent": _write("reports/metrics.json", json.dumps({"rmse": 61.0, "r2": 0.47})),
    "outcome.result": _replace_section(
        "## Outcome",
        "Clinics can use it to rank patients for early follow-up, but "
        "it must not be used for individual cases; next step: collect "
        "more measurements.",
    ),
    "outcome.impact": _replace_section(
        "## Outcome",
        "Body mass index and blood serum explain most of the "
        "progression; the model explains about half of the variance. "
        "Limitation: only 442 patients from one study.",
    ),
    "outcome.limits": _replace_section(
        "## Outcome",
        "Body mass index and blood serum explain most of the "
        "progression; clinics can use the model to rank patients for "
        "early follow-up visits.",
    ),
    "text.specific": _replace_section("## Outcome", STOCK),
    "text.filler": _edit_readme(
        "(the largest ridge\ncoefficients).", "(the largest ridge\ncoefficients). The results were good."
    ),
    "text.plans": _edit_readme(
        README[README.index("## Method") : README.index("## Outcome")],
        "## Method\n\nWe will compare a ridge regression with gradient boosting. The models will be validated "
        "with 5-fold cross-validation, and a mean baseline will set the bar.\n\n## Metrics\n\nTo be added.\n\n",
    ),
    "explain.drivers": _edit_readme(" (the largest ridge\ncoefficients)", ""),
    "limits.slices": _edit_readme(
        "Errors are largest for patients with the fastest progression (per-segment RMSE 71 "
        "above the 75th percentile).\n",
        "",
    ),
    "reproduce.commands": _edit_readme("pip install -r requirements.txt\n", ""),
    "readme.images": _delete("reports/figures/residuals.png"),
    "project.licence": _delete("LICENSE"),
    "project.dependencies": _delete("requirements.txt"),
    "project.tests": _delete("tests"),
    "notebooks.parse": _write("notebooks/exploration.ipynb", '{"cells": [ this is not JSON'),
    "notebooks.outputs": _write("notebooks/exploration.ipynb", notebook(outputs=False)),
    "notebooks.errors": _write("notebooks/exploration.ipynb", notebook(error=True)),
    "files.readable": _symlink_outside,
}


def _statuses(root: Path) -> dict[str, str]:
    return {result.id: result.status for result in check_project(root).checks}


def test_every_check_has_a_breaking_case() -> None:
    section_checks = {f"section.{rule.id}" for rule in load_rubric().sections}
    assert set(BREAKS) == set(CHECKS) | section_checks


def test_complete_project_passes_every_check(tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")

    report = check_project(root)

    assert report.findings == []
    statuses = _statuses(root)
    assert statuses.pop("text.plans") == "skipped"  # it applies only where it finds a plan
    assert set(statuses.values()) == {"passed"}
    assert report.score == 100
    assert report.grade == "A"
    assert report.passed
    assert report.title == "Diabetes progression"
    assert report.problem_summary and report.problem_summary.startswith("Clinics want to know")
    assert report.metrics == {"rmse": 53.08, "r2": 0.4713}


@pytest.mark.parametrize("check_id", sorted(BREAKS))
def test_check_fails_when_its_evidence_is_missing(check_id: str, tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    BREAKS[check_id](root)

    report = check_project(root)

    assert {r.id: r.status for r in report.checks}[check_id] in ("failed", "partial")
    mine = [finding for finding in report.findings if finding.check == check_id]
    assert mine and all(finding.fix for finding in mine)
    assert report.score < 100


def test_readme_metric_disagreeing_with_metrics_json_is_flagged(tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    _edit_readme("| Ridge (final) | 53.1 | 0.47 |", "| Ridge (final) | 53.1 | 0.47 |\n\nAccuracy | 0.99 |")(root)
    (root / "reports" / "metrics.json").write_text(json.dumps({"accuracy": 0.91}), encoding="utf-8")

    report = check_project(root)

    [finding] = [f for f in report.findings if f.check == "metrics.consistent"]
    assert "accuracy 0.99" in finding.message and "0.91" in finding.message
    assert finding.file == "README.md" and finding.line == 28


@pytest.mark.parametrize("written", ["93.1 %", "0.931", "0.93", "93%"])
def test_rounded_and_percent_values_agree_with_metrics_json(written: str, tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    _edit_readme("| Ridge (final) | 53.1 | 0.47 |", f"| Ridge (final) | 53.1 | 0.47 |\n\n| Accuracy | {written} |")(
        root
    )
    (root / "reports" / "metrics.json").write_text(json.dumps({"accuracy": 0.9312}), encoding="utf-8")

    assert _statuses(root)["metrics.consistent"] == "passed"


def test_checks_without_evidence_are_skipped_not_scored(tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    for relative in ("notebooks", "reports"):
        shutil.rmtree(root / relative)
    _edit_readme("![Residuals](reports/figures/residuals.png)\n", "")(root)

    statuses = _statuses(root)

    skipped = {key for key, status in statuses.items() if status == "skipped"}
    assert skipped == {
        "metrics.consistent",
        "readme.images",
        "notebooks.parse",
        "notebooks.outputs",
        "notebooks.errors",
        "text.plans",
    }
    assert check_project(root).score == 100


def test_template_source_and_licence_stand_ins_do_not_count(tmp_path: Path) -> None:
    """Our own template's wording for a learner's CSV: the labels are there, the facts are not."""
    root = build_project(tmp_path / "project")
    _edit_readme(
        "The [diabetes dataset](https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html) from Efron et al.\n"
        "(2004), 442 patients with ten baseline variables; licence: public domain for teaching.",
        "Your dataset: `data/raw/patients.csv`, predicting the column `progression`, 442 rows.\n"
        "Source: _say where it comes from, with a link_. Licence: _say under which terms you may use it_.",
    )(root)

    report = check_project(root)

    statuses = {r.id: r.status for r in report.checks}
    assert statuses["data.source"] == statuses["data.licence"] == statuses["placeholders"] == "failed"
    assert sum("'_say …_' template instruction" in f.message for f in report.findings) == 1


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ("Details and provenance: [data card](docs/data_card.md).", "passed"),
        ("Details and provenance: [data card](docs/missing_card.md).", "failed"),
        ("A synthetic daily demand series, made by this project with a fixed seed.", "passed"),
        ("Messages written for this template, not taken from any real customer.", "passed"),
    ],
)
def test_data_source_can_be_a_local_data_card_or_the_project_itself(data: str, status: str, tmp_path: Path) -> None:
    root = build_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "docs" / "data_card.md").write_text("# Data card\n\nFrom the clinic's 2004 study.\n", encoding="utf-8")
    _edit_readme(
        "The [diabetes dataset](https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html) from Efron et al.\n(2004)",
        f"{data}\nThe diabetes data has",
    )(root)
    assert _statuses(root)["data.source"] == status
