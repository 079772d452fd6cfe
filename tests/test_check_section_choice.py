"""Which block `check` takes for each section: the one a reviewer would point at, read in full (issue 18).

A heading that names the section beats one that only introduces ("Overview"); a section beats its own
subsection or pseudo-heading; a written block beats an empty one; an empty notebook heading does not
stand in for a section the README lacks.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.check import ProjectReport, load_rubric
from generator.check.markdown_doc import parse_markdown
from generator.check.notebooks import read_notebook
from generator.check.structure import Located, find_sections
from tests.check_project_builder import check_readme, check_result

TITLE = "# Harbour ferry demand\n\n"

OVERVIEW = """\
## Overview

The goal of this project is to predict how many passengers board the harbour ferry each day, a
forecasting problem. The operator shared 41,200 ticket records for it.
"""

BUSINESS = """\
## Business problem

The operator runs half-empty sailings all winter; its schedulers need a forecast a week ahead so that
they can cut sailings without stranding commuters, which would save fuel and crew hours.
"""

DATA = """\
## Data

Ticket counts are published on the [city open-data portal](https://data.example.org/ferry) under an
open licence; each row is one day at one pier.
"""

COLUMNS = """\
### Columns in the dataset

The CSV has one row per day and pier; these columns are kept as features:

- date: the service day
- pier: one of four piers
- passengers: tickets validated that day (the target)
"""

METHOD = """\
## Method

A seasonal-naive baseline and gradient boosting on calendar and weather features, compared with
rolling-origin cross-validation over the last two years.
"""

RESULTS = """\
## Results

| Model | MAE |
|---|---|
| Seasonal naive (baseline) | 412 |
| Gradient boosting (final) | 268 |
"""

OUTCOME = """\
## Outcome

Gradient boosting cuts the error by a third; the schedulers can drop two winter sailings a day. It
misses festival days, so a calendar of events is the next step.
"""


def _located(source: str) -> dict[str, Located]:
    return find_sections(parse_markdown(source), [], load_rubric())


def _check(tmp_path: Path, *parts: str) -> ProjectReport:
    return check_readme(tmp_path, TITLE + "\n".join(parts))


def _status(report: ProjectReport, check_id: str) -> str:
    return check_result(report, check_id)[0]


def test_a_heading_that_names_the_problem_beats_an_overview_before_or_after_it(tmp_path: Path) -> None:
    assert _located(TITLE + OVERVIEW + BUSINESS)["problem"].hit.heading == "Business problem"
    assert _located(TITLE + BUSINESS + OVERVIEW)["problem"].hit.heading == "Business problem"
    assert _located(TITLE + OVERVIEW + DATA)["problem"].hit.heading == "Overview"  # alone, it is the problem

    report = _check(tmp_path, OVERVIEW, BUSINESS, DATA, METHOD, RESULTS, OUTCOME)
    assert report.sections["problem"].heading == "Business problem"
    assert _status(report, "problem.why") == "passed"
    # what the overview says is still read: the data's size is stated there, not under Data
    assert _status(report, "data.size") == "passed"


def test_a_summary_loses_the_outcome_to_a_conclusion_but_its_words_are_still_read() -> None:
    summary = "## Summary\n\nThe schedulers now plan winter sailings from the forecast, which saves fuel.\n"
    conclusion = "## Conclusion\n\nGradient boosting beat the seasonal baseline by a third on every pier.\n"
    found = _located(TITLE + summary + METHOD + conclusion)["outcome"]
    assert found.hit.heading == "Conclusion"
    assert "saves fuel" in found.section.prose() and "by a third" in found.section.prose()


def test_the_data_section_is_what_the_data_is_not_how_it_was_cleaned() -> None:
    """Two headings name the data; the reviewer points at the one about the data, and reads both."""
    about = "## Dataset information\n\nThe operator shared its ticket records: one row per day and pier.\n\n"
    cleaning = (
        "## Data cleaning\n\nThe CSV had 312 rows with missing counts and a few negative values; we dropped "
        "those rows, removed outliers from the columns and encoded the pier column as features for the dataset.\n"
    )
    found = _located(TITLE + BUSINESS + about + cleaning + METHOD)["data"]
    assert found.hit.heading == "Dataset information"
    assert "312 rows with missing counts" in found.section.text()


def test_the_data_section_is_the_parent_with_its_link_not_its_columns_subsection(tmp_path: Path) -> None:
    data = DATA.replace("## Data", "## Data understanding")
    located = _located(TITLE + data + COLUMNS + METHOD)
    assert located["data"].hit.heading == "Data understanding"
    assert "tickets validated" in located["data"].section.text()

    report = _check(tmp_path, BUSINESS, data, COLUMNS, METHOD, RESULTS, OUTCOME)
    assert report.sections["data"].heading == "Data understanding"
    assert _status(report, "data.source") == "passed"  # the link is the parent's


def test_a_pseudo_heading_inside_the_method_does_not_stand_for_it() -> None:
    """A pipeline of numbered steps: the Method is the pipeline, not the short "Models trained:" label in it."""
    method = (
        "## Project pipeline\n\nOur workflow has three steps.\n\n### 1. Features\n\nCalendar and weather "
        "features per pier and day.\n\n### 2. Training\n\nModels trained:\n\n- a seasonal naive baseline\n"
        "- a random forest\n- gradient boosting\n\n### 3. Checking\n\nRolling-origin cross-validation over "
        "two winters.\n"
    )
    found = _located(TITLE + BUSINESS + method)["method"]
    assert found.hit.heading == "Project pipeline" and found.hit.filled
    assert "cross-validation" in found.section.text()


def test_a_parent_that_names_another_section_first_keeps_its_subsection_apart() -> None:
    """A heading about the outcome ("Results and next steps") keeps its "Scores" table apart as the Metrics."""
    outcome = (
        "## Results and next steps\n\nThe forecast is good enough to drop two sailings; the next step is "
        "adding the events calendar so that festival days stop surprising the crews.\n\n### Scores\n\n"
        "| Model | MAE |\n|---|---|\n| Gradient boosting | 268 |\n"
    )
    located = _located(TITLE + METHOD + outcome)
    assert located["metrics"].hit.heading == "Scores"
    assert located["outcome"].hit.heading == "Results and next steps"


def test_a_written_block_is_chosen_over_an_empty_one_that_names_the_section_too() -> None:
    empty = "## Method\n\nModels and cross-validation: to do.\n\n"
    written = "## Approach\n\nWe compared two ways of forecasting the passengers of a day over the last two winters.\n"
    located = _located(TITLE + BUSINESS + empty + written)
    assert located["method"].hit.heading == "Approach" and located["method"].hit.filled

    located = _located(TITLE + BUSINESS + empty)  # nothing better: the empty one is reported as unwritten
    assert located["method"].hit.heading == "Method" and not located["method"].hit.filled

    evaluation = "## Model results\n\nOn the last winter the forest reached an MAE of 268 passengers a day.\n"
    located = _located(TITLE + BUSINESS + empty + evaluation)  # about the metrics first, the method second
    assert located["method"].hit.heading == "Method" and located["metrics"].hit.heading == "Model results"


def _notebook(*cells: tuple[str, str]) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": text}
                | ({"execution_count": None, "outputs": []} if kind == "code" else {})
                for kind, text in cells
            ],
        }
    )


def test_an_empty_notebook_heading_does_not_stand_in_for_the_readmes_section() -> None:
    readme = parse_markdown(TITLE + BUSINESS + METHOD + RESULTS + OUTCOME)
    code = ("code", "df = pd.read_csv('ferry.csv')")
    empty = read_notebook("notebooks/eda.ipynb", _notebook(("markdown", "## Data"), code)).doc
    sentence = read_notebook(
        "notebooks/eda.ipynb",
        _notebook(("markdown", "## Now we load the data and look at the first rows of it"), code),
    ).doc
    written = read_notebook(
        "notebooks/eda.ipynb",
        _notebook(
            ("markdown", "## Data\n\nDaily ticket counts per pier from the city portal, ten years of service days."),
            code,
        ),
    ).doc
    rubric = load_rubric()
    assert empty is not None and sentence is not None and written is not None
    assert "data" not in find_sections(readme, [empty], rubric)
    assert "data" not in find_sections(readme, [sentence], rubric)
    found = find_sections(readme, [written], rubric)["data"]
    assert found.hit.where == "notebooks/eda.ipynb cell 1" and found.hit.filled


def test_the_readme_without_a_data_section_says_so_when_the_notebook_heading_is_empty(tmp_path: Path) -> None:
    code = ("code", "df = pd.read_csv('ferry.csv')")
    (tmp_path / "notebooks").mkdir(parents=True)
    (tmp_path / "notebooks" / "eda.ipynb").write_text(_notebook(("markdown", "## Data"), code), encoding="utf-8")
    report = _check(tmp_path, BUSINESS, METHOD, RESULTS, OUTCOME)
    assert "data" not in report.sections
    [finding] = [finding for finding in report.findings if finding.check == "section.data"]
    assert "No Data section" in finding.message


def test_a_section_written_only_in_a_notebook_earns_half_and_says_where_it_belongs(tmp_path: Path) -> None:
    code = ("code", "df = pd.read_csv('ferry.csv')")
    data = (
        "## Data\n\n3,650 daily ticket counts per pier (2014-2023) from the [city portal]"
        "(https://data.harbourcity.gov/ferry), published under CC BY 4.0."
    )
    (tmp_path / "notebooks").mkdir(parents=True)
    (tmp_path / "notebooks" / "eda.ipynb").write_text(_notebook(("markdown", data), code), encoding="utf-8")
    report = _check(tmp_path, BUSINESS, METHOD, RESULTS, OUTCOME)
    in_readme = _check(tmp_path / "readme", BUSINESS, data + "\n", METHOD, RESULTS, OUTCOME)

    [finding] = [finding for finding in report.findings if finding.check == "section.data"]
    assert check_result(report, "section.data") == ("partial", 0.5)
    assert finding.message == "The Data section is only in notebooks/eda.ipynb cell 1, not in README.md."
    assert report.score < in_readme.score


def test_the_title_is_never_a_section_even_when_it_names_one() -> None:
    located = _located("# Ferry dataset\n\n" + BUSINESS + METHOD)
    assert "data" not in located


def test_a_template_instruction_under_the_losing_heading_does_not_unwrite_the_chosen_one(tmp_path: Path) -> None:
    """What an indirect heading lends is its author's text: a template's instruction left there stays its own."""
    template = "## Data preprocessing\n\nProvide an overview of the cleaning steps, including what was dropped.\n"
    report = _check(tmp_path, BUSINESS, DATA.replace("## Data", "## Dataset information"), template, METHOD, RESULTS)
    assert report.sections["data"].heading == "Dataset information" and report.sections["data"].filled
    assert not [finding for finding in report.findings if finding.check == "section.data"]


def test_a_step_inside_another_section_lends_nothing_to_the_data(tmp_path: Path) -> None:
    """A "Data preprocessing" step under the Method is the method's: its text and its link are not the data's."""
    data = "## Data\n\nTicket counts per pier and day, exported by the operator's ticketing system.\n\n"
    method = (
        "## Method\n\nGradient boosting from [the library's guide](https://lib.example.org/boosting), "
        "checked with rolling-origin cross-validation.\n\n### Data preprocessing\n\n"
        "Missing counts were filled from the same weekday of the previous week.\n"
    )
    found = _located(TITLE + BUSINESS + data + method)["data"]
    assert found.hit.heading == "Data" and "previous week" not in found.section.text()
    report = _check(tmp_path, BUSINESS, data, method, RESULTS, OUTCOME)
    assert _status(report, "data.source") == "failed"


def test_a_summary_of_the_exploration_is_not_read_as_the_outcome() -> None:
    eda = "## EDA summary\n\nWeekend traffic is twice the weekday traffic at the two harbour piers.\n\n"
    found = _located(TITLE + BUSINESS + eda + METHOD + OUTCOME)["outcome"]
    assert found.hit.heading == "Outcome" and "Weekend traffic" not in found.section.text()
