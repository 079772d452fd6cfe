"""``portfolio cohort check``: one report for the class, from local folders or GitHub."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.cohort.report import CSV_FIELDS, Target, check_class, render_html, resolve_targets
from generator.cohort.roster import read_roster
from generator.cohort.runs import STATUS_FILE, CohortOptions, PublishSettings, run_cohort
from generator.errors import CohortError
from generator.vcs import Author
from tests.helpers import git, run_cli

TEACHER = Author("Teacher", "teacher@example.com")
WRITTEN_README = """# Tumour triage

## Problem

Flag biopsies that are likely malignant so that pathologists review them first: a missed malignant
biopsy waits days longer, while a benign one flagged early only costs a few minutes of review.

## Data

The [Breast Cancer Wisconsin dataset](https://archive.ics.uci.edu/dataset/17) from the UCI
repository, licence CC BY 4.0: 569 biopsies and 30 features measured on digitised cell nuclei,
37 % of them malignant.

## Method

A logistic regression against a majority-class baseline, with stratified five-fold cross-validation
on the training split; the test split was used once, for the table below.

## Metrics

| metric | value |
|---|---|
| accuracy | 0.96 |
| f1 | 0.95 |

## Outcome

The model catches most malignant cases, so the clinic can order its review queue by it; false
negatives remain the main risk, and the next step is testing on a second hospital's data.

## Reproduce

```bash
pip install -e .
python -m tumour_triage.train
```
"""


def make_class(tmp_path: Path, names: list[str], **changes) -> tuple[Path, list]:
    """Render a small class into ``tmp_path/class``; return the roster path and its students."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name,github\n" + "\n".join(names) + "\n", encoding="utf-8")
    students = read_roster(roster)
    options = CohortOptions(load_catalog().get("classification"), tmp_path / "class", TEACHER, **changes)
    assert not run_cohort(students, options).failed
    return roster, students


def write_readme(project: Path) -> None:
    (project / "README.md").write_text(WRITTEN_README, encoding="utf-8")
    git(project, "commit", "-qam", "Write the README")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
def test_class_report_from_the_status_file(tmp_path: Path) -> None:
    roster, students = make_class(tmp_path, ["Ana María,ana", "Bo,bo", "Cy,"])
    write_readme(tmp_path / "class" / students[0].repo)
    with roster.open("a", encoding="utf-8") as handle:
        handle.write("Dee Late,dee\n")  # joined after `cohort new` ran: not created yet

    result = run_cli(
        [
            "cohort",
            "check",
            str(roster),
            "--status",
            str(tmp_path / "class" / STATUS_FILE),
            "--output",
            str(tmp_path / "report"),
            "--quiet",
        ]
    )

    assert result.exit_code == 1, result.output  # one student could not be checked
    rows = read_csv(tmp_path / "report" / "class-report.csv")
    assert tuple(rows[0]) == CSV_FIELDS
    assert [r["student"] for r in rows] == ["Ana María", "Bo", "Cy", "Dee Late"]
    ana, bo, cy, dee = rows
    assert int(ana["score"]) > int(bo["score"]) and bo["score"] == cy["score"]
    assert ana["missing_sections"] == "" and ana["passed"] == "yes"
    # the template's guidance comments do not count as written (which sections: the check's business)
    assert {"data", "metrics", "outcome"} <= set(bo["missing_sections"].split(", ")) and bo["passed"] == "no"
    assert bo["link"] == (tmp_path / "class" / "bo").as_uri()
    assert dee["score"] == "" and "not created yet" in dee["error"]
    page = (tmp_path / "report" / "class-report.html").read_text(encoding="utf-8")
    assert page.count("<tr>") == 5  # header + 4 students
    assert html.escape("Ana María") in page and "http" not in page.split("<body>")[0]
    assert "Class report" in result.stdout and "ana-maria" in result.stdout
    assert "3/4 checked, 1 passing" in result.stdout


@pytest.mark.slow
def test_class_report_from_a_root_folder_and_exit_zero(tmp_path: Path) -> None:
    roster, students = make_class(tmp_path, ["Ana,ana", "Bo,bo"])
    result = run_cli(
        ["cohort", "check", str(roster), "--root", str(tmp_path / "class"), "--output", str(tmp_path), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "class-report.csv")
    assert [r["target"] for r in rows] == [str((tmp_path / "class" / s.repo).absolute()) for s in students]
    assert all(r["grade"] for r in rows)


@pytest.mark.slow
def test_class_report_from_github(tmp_path: Path, github_server, monkeypatch: pytest.MonkeyPatch) -> None:
    github_server.add_org("bootcamp", members=[github_server.login])
    monkeypatch.setenv("GITHUB_TOKEN", github_server.token)
    publish = PublishSettings(org="bootcamp", api_url=github_server.api_url, write_pause=0)
    roster, students = make_class(tmp_path, ["Ana,", "Bo,"], publish=publish)
    write_readme(tmp_path / "class" / students[1].repo)
    auth = f"http.extraHeader=Authorization: Bearer {github_server.token}"
    git(tmp_path / "class" / students[1].repo, "-c", auth, "push", "-q", "origin", "main")

    result = run_cli(
        [
            "cohort",
            "check",
            str(roster),
            "--org",
            "bootcamp",
            "--api-url",
            github_server.api_url,
            "--output",
            str(tmp_path),
            "--quiet",
        ]
    )

    assert result.exit_code == 0, result.output
    ana, bo = read_csv(tmp_path / "class-report.csv")
    assert (ana["target"], bo["target"]) == ("bootcamp/ana", "bootcamp/bo")
    assert ana["link"] == f"{github_server.base_url}/git/bootcamp/ana"  # the API's html_url, not github.com
    assert int(bo["score"]) > int(ana["score"])  # the pushed README was checked, not the local folder


def test_a_missing_status_file_says_what_to_do(tmp_path: Path) -> None:
    students = read_roster(_roster(tmp_path))
    with pytest.raises(CohortError, match="cohort new"):
        resolve_targets(students, status_file=tmp_path / STATUS_FILE)


def test_unreachable_projects_become_rows_not_crashes(tmp_path: Path) -> None:
    students = read_roster(_roster(tmp_path))
    targets = [Target(students[0], str(tmp_path / "gone"), "")]
    (result,) = check_class(targets)
    assert result.report is None and "no such directory" in result.error


def test_html_escapes_names_and_sorts_numbers_as_numbers(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text('name\n"<script>alert(1)</script>"\n', encoding="utf-8")
    students = read_roster(roster)
    page = render_html(check_class([Target(students[0], str(tmp_path / "gone"), "")]), "T <b>")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>T &lt;b&gt;</title>" in page
    assert re.search(r'data-key="score" data-type="number"', page)
    assert 'data-value="-1"' in page  # unscored rows sort below every score


def _roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text("name\nAna\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_students_whose_project_failed_or_vanished_say_why(tmp_path: Path) -> None:
    _, students = make_class(tmp_path, ["Ana,", "Bo,"])
    status_file = tmp_path / "class" / STATUS_FILE
    text = status_file.read_text(encoding="utf-8").replace(",ok,", ",failed: render: disk full,", 1)
    status_file.write_text(text, encoding="utf-8")
    shutil.rmtree(tmp_path / "class" / students[1].repo)
    targets = resolve_targets(students, status_file=status_file)
    assert [t.target for t in targets] == [str((tmp_path / "class" / "ana").absolute()), ""]
    assert "the folder is gone" in targets[1].problem
    ana, bo = check_class(targets)
    assert ana.report is not None  # a failed status with a folder on disk is still checked
    assert bo.report is None and "folder is gone" in bo.error
    shutil.rmtree(tmp_path / "class" / "ana")
    (gone,) = resolve_targets(students[:1], status_file=status_file)
    assert gone.problem == "not created: cohort new failed: render: disk full"


def test_the_page_shows_each_students_github_handle_and_first_fix(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,github\nAna,ana-gh\n", encoding="utf-8")
    (student,) = read_roster(roster)
    project = tmp_path / "ana"
    project.mkdir()
    (project / "README.md").write_text("# Ana's project\n\nWork in progress.\n", encoding="utf-8")
    (result,) = check_class([Target(student, str(project), project.as_uri())])
    assert result.first_fix  # an almost empty README has something to fix first
    page = render_html([result], "Class report")
    assert 'data-key="github"' in page and 'data-key="top_fix"' in page
    assert '<td data-value="ana-gh">ana-gh</td>' in page
    assert html.escape(result.first_fix) in page
    assert result.as_row()["top_fix"] == result.first_fix and result.as_row()["github"] == "ana-gh"
