"""Check credits only the work a README shows as done, and does not call ordinary sentences filler (issue 18).

Each judgement on a small README written for the test, next to the same README without the defect:
- a Method or Outcome written as a plan ("we will train…", "aims to…") is not a finished write-up;
- metric values found only in notebooks earn half of ``metrics.values``;
- a section is padded only when stock sentences are a real share of it; lead-ins, image captions and
  repeats inside one part of the README are not filler, and one block serving two sections is judged once.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.check import ProjectReport, check_project, load_rubric
from tests.check_project_builder import check_readme, check_result

TITLE = """\
# Bike demand

We forecast how many bikes each docking station of a city scheme needs the next morning, so that the
night crew moves bikes to the stations that will run empty first.
"""

DATA = """\
## Data

The [trip log](https://opendata.bikecity.gov/trips.csv) published by the city: 412,000 trips from 2021-2023
at 180 stations, with hourly weather; released under CC BY 4.0.
"""

DONE_METHOD = """\
## Method

We compared a seasonal naive baseline with gradient boosting and a Poisson regression, validated with a
walk-forward split over the last 12 weeks of 2023.
"""

PLAN_METHOD = """\
## Method

We will start with a seasonal naive forecast as the baseline. A Poisson regression and gradient boosting
will then be trained on the trips of 2021 and 2022. The models will be evaluated with a walk-forward split
over the last weeks of 2023. We plan to tune the boosting model with a grid search.
"""

RESULTS = """\
## Results

| Model | MAE |
|---|---|
| Seasonal naive (baseline) | 4.1 |
| Gradient boosting (final) | 2.7 |
"""

EMPTY_RESULTS = """\
## Results

Results to be added on completion.
"""

DONE_OUTCOME = """\
## Conclusion

Gradient boosting cuts the error by a third against the baseline; the night crew now plans its route
from it. It misses the first warm weekend of spring, so a weather feed is the next step.
"""

PLAN_OUTCOME = """\
## Conclusion

This project aims to give the night crew a forecast to plan its route. The model will help the scheme
keep stations stocked, and it is expected to reduce empty stations.
"""


def _check(folder: Path, *parts: str, files: dict[str, str] | None = None) -> ProjectReport:
    return check_readme(folder, "\n".join(parts), files)


def _messages(report: ProjectReport, check_id: str) -> list[str]:
    return [finding.message for finding in report.findings if finding.check == check_id]


# Plans and proposals


def test_a_proposal_scores_well_below_the_finished_write_up(tmp_path: Path) -> None:
    done = _check(tmp_path / "done", TITLE, DATA, DONE_METHOD, RESULTS, DONE_OUTCOME)
    plan = _check(tmp_path / "plan", TITLE, DATA, PLAN_METHOD, EMPTY_RESULTS, PLAN_OUTCOME)

    assert plan.score < 45 < done.score
    assert check_result(plan, "section.method") == ("partial", 0.5)
    assert check_result(plan, "section.outcome")[1] <= 0.5
    assert check_result(plan, "text.plans") == ("failed", 0.0)
    assert check_result(done, "text.plans")[0] == "skipped"  # it applies only where it finds a plan
    (method,) = _messages(plan, "text.plans")
    assert "Method (README.md:" in method and "is written as a plan" in method
    result = next(finding for finding in plan.findings if finding.check == "outcome.result")
    assert result.message.endswith("says what the project will do, not what it found.")
    assert result.fix.startswith("Report the result you got")


def test_content_checks_of_a_planned_method_earn_at_most_half(tmp_path: Path) -> None:
    plan = _check(tmp_path, TITLE, DATA, PLAN_METHOD, EMPTY_RESULTS, DONE_OUTCOME)

    # the models, the split and the baseline are named, but as things the project will do
    for check_id in ("method.models", "method.validation", "method.baseline"):
        assert check_result(plan, check_id) == ("partial", 0.25), check_id
    assert not _messages(plan, "method.models")  # text.plans says it once
    assert check_result(plan, "outcome.result")[0] == "passed"  # the Outcome reports what was found


def test_an_outcome_about_using_a_finished_model_is_not_a_plan(tmp_path: Path) -> None:
    use = (
        "## Conclusion\n\nThe model will flag the stations that will run empty before 7 am. The night crew will"
        " visit them first, and the city will review the routes each month.\n"
    )
    report = _check(tmp_path, TITLE, DATA, DONE_METHOD, RESULTS, use)

    assert check_result(report, "text.plans")[0] == "skipped"  # the README shows its results
    assert check_result(report, "outcome.result")[0] == "passed"
    assert check_result(report, "section.outcome") == ("passed", 1.0)


def test_one_sentence_about_what_comes_next_beside_a_finding_is_not_a_plan(tmp_path: Path) -> None:
    half = (
        "## Conclusion\n\nGradient boosting beat the seasonal baseline at every hill station we tested. More"
        " weeks of spring data will make it better on warm weekends.\n"
    )
    report = _check(tmp_path, TITLE, DATA, DONE_METHOD, EMPTY_RESULTS, half)

    assert check_result(report, "outcome.result")[0] == "passed"
    assert check_result(report, "text.plans")[0] == "skipped"


def test_an_outcome_that_states_a_finding_is_not_a_plan_whatever_follows(tmp_path: Path) -> None:
    finding = (
        "## Conclusion\n\nGradient boosting was the best forecaster on the hill stations. The crew will get it"
        " next spring. We will also add a weather feed, and the city will pay for the server.\n"
    )
    hypothetical = (
        "## Conclusion\n\nThe forecast is usable for the night route. A weather feed would be worth adding. A"
        " second season of trips would be welcome too.\n"
    )
    stated = _check(tmp_path / "stated", TITLE, DATA, DONE_METHOD, EMPTY_RESULTS, finding)
    wished = _check(tmp_path / "wished", TITLE, DATA, DONE_METHOD, EMPTY_RESULTS, hypothetical)

    assert check_result(stated, "outcome.result")[0] == "passed"  # three "will" sentences, but one finding first
    assert check_result(wished, "text.plans")[0] == "skipped"  # "would be" is a next step, not a plan


def test_a_sentence_about_the_readme_itself_is_not_a_plan(tmp_path: Path) -> None:
    signposts = (
        "## Method\n\nIn this section I will explain the Poisson regression. We will then describe the gradient"
        " boosting model and its walk-forward split. Below you will find the settings of both.\n"
    )
    report = _check(tmp_path, TITLE, DATA, signposts, EMPTY_RESULTS, DONE_OUTCOME)

    assert check_result(report, "text.plans")[0] == "skipped"


def test_a_next_steps_section_may_say_what_comes_next(tmp_path: Path) -> None:
    ahead = (
        "## Next steps\n\nWe will add a weather feed and retrain the model every month. The crew will test"
        " it on two routes next spring.\n"
    )
    report = _check(tmp_path, TITLE, DATA, DONE_METHOD, EMPTY_RESULTS, ahead)

    assert report.sections["outcome"].heading == "Next steps"
    assert check_result(report, "text.plans")[0] == "skipped"


def test_instructions_are_a_plan_in_a_method_but_not_in_an_outcome(tmp_path: Path) -> None:
    steps = (
        "## Method\n\n- Split the trips into weeks before training.\n- Build a seasonal naive baseline for each"
        " station.\n- Compare the boosting model with the baseline on the last weeks.\n"
    )
    advice = (
        "## Conclusion\n\nUse the forecast to plan the night route. Start with the stations of the city centre,"
        " which ran empty most often in 2023.\n"
    )
    method = _check(tmp_path / "method", TITLE, DATA, steps, EMPTY_RESULTS, DONE_OUTCOME)
    outcome = _check(tmp_path / "outcome", TITLE, DATA, DONE_METHOD, EMPTY_RESULTS, advice)

    assert any("is written as a plan" in message for message in _messages(method, "text.plans"))
    assert check_result(outcome, "text.plans")[0] == "skipped"


def test_in_a_readme_that_reads_as_a_proposal_a_list_of_models_is_a_list_to_try(tmp_path: Path) -> None:
    models = (
        "## Models\n\n- Baseline: a seasonal naive forecast for each station\n- Candidates: Poisson regression and"
        " gradient boosting on the hourly counts\n"
    )
    ethics = (
        "## Responsible use\n\nThe forecast will be shared with the night crew only. Riders will not be tracked"
        " by name, and the trip log will be kept on the city's servers. The crew will decide where bikes go; the"
        " model will only suggest an order. We will publish the code once the pilot is over.\n"
    )
    proposal = _check(tmp_path / "proposal", TITLE, DATA, models, EMPTY_RESULTS, PLAN_OUTCOME, ethics)
    finished = _check(tmp_path / "finished", TITLE, DATA, models, RESULTS, DONE_OUTCOME, ethics)

    (method,) = _messages(proposal, "text.plans")
    assert method.startswith("Models (README.md:") and "the README says what the project will do" in method
    assert check_result(proposal, "section.method") == ("partial", 0.5)
    assert check_result(finished, "text.plans")[0] == "skipped"  # the same words beside results are not a plan


def test_a_rubric_can_switch_the_plan_reading_off(tmp_path: Path) -> None:
    assert load_rubric().weights["text.plans"] > 0
    rubric_file = tmp_path / "rubric.toml"
    rubric_file.write_text('[checks]\n"text.plans" = 0\n', encoding="utf-8")
    project = tmp_path / "project"
    _check(project, TITLE, DATA, PLAN_METHOD, EMPTY_RESULTS, PLAN_OUTCOME)

    report = check_project(project, load_rubric(rubric_file))

    assert "text.plans" not in {result.id for result in report.checks}


# Metric values only in notebooks


def _notebook(output: str) -> str:
    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": 1,
        "source": "evaluate(model)",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": output}],
    }
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]})


def test_numbers_only_in_a_notebook_earn_half_with_a_finding_that_says_where_to_put_them(tmp_path: Path) -> None:
    words = "## Results\n\nThe boosting model beat the baseline on every station; see the notebook.\n"
    notebook = {"notebooks/evaluate.ipynb": _notebook("test MAE: 2.7\nbaseline MAE: 4.1\n")}
    only_notebook = _check(tmp_path / "notebook", TITLE, DATA, DONE_METHOD, words, DONE_OUTCOME, files=notebook)
    in_readme = _check(tmp_path / "readme", TITLE, DATA, DONE_METHOD, RESULTS, DONE_OUTCOME, files=notebook)

    assert check_result(only_notebook, "metrics.values") == ("partial", 0.5)
    finding = next(finding for finding in only_notebook.findings if finding.check == "metrics.values")
    assert "only in the notebooks (notebooks/evaluate.ipynb)" in finding.message
    assert "| Metric | Value |" in finding.fix
    assert check_result(in_readme, "metrics.values") == ("passed", 1.0)


# Filler


def test_one_plain_sentence_among_specific_ones_is_not_padding(tmp_path: Path) -> None:
    method = DONE_METHOD + (
        "Station and hour of day are one-hot encoded. The Poisson regression uses the log of last week's trips.\n"
    )
    one = method + "\nThis part took the longest time of all.\n"  # one of four sentences
    half = method + "\nThis part took the longest time of all. It was hard but I really enjoyed it.\n"

    assert check_result(_check(tmp_path / "one", TITLE, DATA, one, RESULTS, DONE_OUTCOME), "text.filler")[0] == "passed"
    padded = _check(tmp_path / "half", TITLE, DATA, half, RESULTS, DONE_OUTCOME)
    assert check_result(padded, "text.filler")[0] == "partial"
    assert any(message.startswith("Method (README.md:") for message in _messages(padded, "text.filler"))


def test_lead_ins_are_neither_filler_nor_specific(tmp_path: Path) -> None:
    data = DATA + "\nThe folder layout can be seen below.\n\n```\ndata/trips.csv\n```\n"
    method = "## Method\n\nNow that the trips have been cleaned.\n\nAfter cleaning, the table looks like this:\n\n"
    method += "| station | trips |\n|---|---|\n| Harbour | 812 |\n\n" + DONE_METHOD.split("\n", 2)[2]
    report = _check(tmp_path, TITLE, data, method, RESULTS, DONE_OUTCOME)

    assert check_result(report, "text.filler")[0] == "passed", _messages(report, "text.filler")


def test_a_data_dictionary_that_repeats_a_note_repeats_nothing_across_sections(tmp_path: Path) -> None:
    data = DATA + (
        "\n- `start_station`: where the trip began; not recorded before March 2021\n"
        "- `end_station`: where the trip ended; not recorded before March 2021\n"
        "- `duration`: minutes from unlock to lock\n"
    )
    report = _check(tmp_path, TITLE, data, DONE_METHOD, RESULTS, DONE_OUTCOME)

    assert not [message for message in _messages(report, "text.filler") if "repeat" in message]


def test_a_paragraph_pasted_under_two_headings_is_repetition_even_if_one_is_not_a_section(tmp_path: Path) -> None:
    pasted = (
        "Stations in the hills run empty every morning because riders go downhill to work and take the tram"
        " back up in the evening."
    )
    background = f"## Background\n\n{pasted}\n"
    motivation = f"## Why it is hard\n\n{pasted}\n"
    report = _check(tmp_path, TITLE, background, motivation, DATA, DONE_METHOD, RESULTS, DONE_OUTCOME)

    assert any("Background and Why it is hard repeat" in message for message in _messages(report, "text.filler"))


def test_image_captions_are_not_sentences(tmp_path: Path) -> None:
    figure = "\n![Mean absolute error per station for the final model](reports/mae.png)\n"
    report = _check(
        tmp_path,
        TITLE,
        DATA,
        DONE_METHOD + figure,
        RESULTS + figure,
        DONE_OUTCOME,
        files={"reports/mae.png": "png"},
    )

    assert not _messages(report, "text.filler")


def test_a_block_that_serves_two_sections_is_reported_and_counted_once(tmp_path: Path) -> None:
    both = (
        "## Results and Conclusion\n\nGradient boosting reaches an MAE of 2.7 against 4.1 for the baseline."
        " The results were good and I learned a lot. It was a great experience overall.\n"
    )
    report = _check(tmp_path, TITLE, DATA, DONE_METHOD, both)

    assert report.sections["metrics"].line == report.sections["outcome"].line
    stock = [message for message in _messages(report, "text.filler") if "stock sentence" in message]
    assert len(stock) == 1


def test_a_table_of_names_is_specific_but_a_table_of_yes_and_no_is_not(tmp_path: Path) -> None:
    names = (
        "## Models\n\nThe forecasters compared:\n\n| Model | Idea |\n|---|---|\n| PatchCast | patches of the hourly"
        " series |\n| SeasonalNaive | last week's counts |\n| TideNet | a learned embedding per station |\n"
    )
    flags = (
        "## Models\n\nThe forecasters compared:\n\n| Forecaster | Tuned |\n|---|---|\n"
        "| the first one we tried | Yes |\n| the second one we tried | No |\n| the third one we tried | Yes |\n"
    )
    named = _check(tmp_path / "names", TITLE, DATA, names, RESULTS, DONE_OUTCOME)
    flagged = _check(tmp_path / "flags", TITLE, DATA, flags, RESULTS, DONE_OUTCOME)

    assert check_result(named, "text.specific") == ("passed", 1.0)
    assert any(message.startswith("Models (README.md:") for message in _messages(flagged, "text.specific"))


def test_steps_whose_results_a_notebook_shows_were_taken(tmp_path: Path) -> None:
    steps = (
        "## Method\n\n- Split the trips into weeks before training.\n- Build a seasonal naive baseline for each"
        " station.\n- Compare the boosting model with the baseline on the last weeks.\n"
    )
    notebook = {"notebooks/evaluate.ipynb": _notebook("test MAE: 2.7\nbaseline MAE: 4.1\n")}
    report = _check(tmp_path, TITLE, DATA, steps, EMPTY_RESULTS, DONE_OUTCOME, files=notebook)

    assert check_result(report, "text.plans")[0] == "skipped"
    assert check_result(report, "metrics.values") == ("partial", 0.5)  # the numbers belong in the README
