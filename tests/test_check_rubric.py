"""Rubric files: a bootcamp changes weights, required sections, synonyms and the passing score."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import check_project, load_rubric
from generator.errors import RubricError
from tests.check_project_builder import build_project
from tests.helpers import run_cli


def _rubric(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build_project(tmp_path / "project")


def test_default_rubric() -> None:
    rubric = load_rubric()
    assert [rule.id for rule in rubric.sections] == ["problem", "data", "method", "metrics", "outcome"]
    assert rubric.passing_score == 70
    grades = [rubric.grade(score) for score in (100, 90, 89, 70, 60, 59, 0)]
    assert grades == ["A", "A", "B", "C", "D", "F", "F"]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Problem", "problem"),
        ("1. Problem Statement", "problem"),
        ("📊 Results:", "metrics"),
        ("Model Evaluation", "metrics"),
        ("Training Data", "data"),
        ("DATASETS", "data"),
        ("Results and Next Steps", "outcome"),
        ("Methodology & Approach", "method"),
        ("Acknowledgements", None),
        ("", None),
    ],
)
def test_headings_match_sections_by_synonyms(heading: str, section: str | None) -> None:
    assert load_rubric().match_heading(heading) == section


def test_passing_score_override(project: Path, tmp_path: Path) -> None:
    (project / "LICENSE").unlink()
    strict = load_rubric(_rubric(tmp_path, "passing_score = 99\n"))
    report = check_project(project, strict)
    assert report.score < 99 and not report.passed
    assert check_project(project).passed


def test_weight_zero_switches_a_check_off(project: Path, tmp_path: Path) -> None:
    (project / "LICENSE").unlink()
    rubric = load_rubric(_rubric(tmp_path, '[checks]\n"project.licence" = 0\n'))
    report = check_project(project, rubric)
    assert "project.licence" not in {check.id for check in report.checks}
    assert report.score == 100


def test_optional_section_is_not_scored(project: Path, tmp_path: Path) -> None:
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text[: text.index("## Outcome")] + text[text.index("## Reproduce") :], encoding="utf-8")
    strict = check_project(project)
    assert "section.outcome" in {finding.check for finding in strict.findings}
    rubric = load_rubric(_rubric(tmp_path, "[sections.outcome]\nrequired = false\n"))
    report = check_project(project, rubric)
    statuses = {check.id: check.status for check in report.checks}
    assert "section.outcome" not in statuses
    assert {statuses[key] for key in ("outcome.result", "outcome.impact", "outcome.limits")} == {"skipped"}
    assert report.score > strict.score


def test_added_section_and_synonyms(project: Path, tmp_path: Path) -> None:
    rubric = load_rubric(
        _rubric(
            tmp_path,
            """
[sections.ethics]
title = "Ethics"
synonyms = ["ethical considerations", "fairness"]
describe = "who could be harmed and how you checked for bias"
weight = 10
""",
        )
    )
    report = check_project(project, rubric)
    [finding] = [f for f in report.findings if f.check == "section.ethics"]
    assert finding.fix == "Add a '## Ethics' section: who could be harmed and how you checked for bias."
    with (project / "README.md").open("a", encoding="utf-8") as readme:
        readme.write(
            "\n## Fairness\n\nThe dataset under-represents younger patients, so errors for "
            "them were checked separately and found to be twice as large as for older ones.\n"
        )
    assert check_project(project, rubric).sections["ethics"].filled


def test_replaced_synonyms(project: Path, tmp_path: Path) -> None:
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("## Problem", "## The question"), encoding="utf-8")
    assert check_project(project).sections["problem"].found_by == "introduction"  # by its content, not the heading
    rubric = load_rubric(_rubric(tmp_path, '[sections.problem]\nsynonyms = ["the question"]\n'))
    assert check_project(project, rubric).sections["problem"].heading == "The question"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("passing_score = 120\n", "passing_score: must be a whole number from 0 to 100"),
        ('[checks]\n"no.such.check" = 3\n', "checks.no.such.check: unknown check"),
        ('[checks]\n"placeholders" = -1\n', "checks.placeholders: weight must be a whole number >= 0"),
        ("colour = 'red'\n", "colour: unknown field"),
        ("[sections.data]\nsynonyms = 'data'\n", "sections.data.synonyms: must be a list of non-empty strings"),
        ("[sections.Data]\n", "sections.Data: section ids are lowercase"),
        ("passing_score = \n", "invalid TOML"),
    ],
)
def test_invalid_rubric_files(tmp_path: Path, text: str, message: str) -> None:
    path = _rubric(tmp_path, text)
    with pytest.raises(RubricError) as error:
        load_rubric(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)
    result = run_cli(["check", str(tmp_path), "--rubric", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error:") and message in " ".join(result.stderr.split())


def test_show_rubric_with_a_file_prints_that_file(tmp_path: Path) -> None:
    path = _rubric(tmp_path, "passing_score = 80\n")
    result = run_cli(["check", "--show-rubric", "--rubric", str(path)])
    assert result.stdout == "passing_score = 80\n"
