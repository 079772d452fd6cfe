"""Sections that are there but say little: what a survey of real READMEs check had never seen showed it
over-credited (survey 20, issue 18).

Every text here is invented for the test: it has the shape of what real READMEs do, not their words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import load_rubric
from generator.check.markdown_doc import parse_markdown
from generator.check.placeholders import find_placeholders
from generator.check.specificity import read_specificity
from generator.check.structure import find_sections
from tests.check_project_builder import BIKE_RESULTS, check_readme, check_result

TOP = BIKE_RESULTS


def _stock(readme: str, section: str) -> list[str]:
    located = find_sections(parse_markdown(readme, "README.md"), [], load_rubric())
    return read_specificity(located).stock.get(section, [])


@pytest.mark.parametrize(
    "sentence",
    [
        "We hope you find this Bike Demand Forecast useful and informative.",
        "Please feel free to explore the notebooks and adapt the Docker setup to your needs.",
        "If you have any questions or ideas, please don't hesitate to contact the Data Team.",
        "Thank you for reading, and give the repository a star on GitHub if you liked it.",
        "Hello and welcome to the Bike Demand Forecast by the Night Crew Analytics group!",
    ],
)
def test_a_sentence_to_the_reader_is_stock_whatever_names_it_repeats(sentence: str) -> None:
    readme = TOP + "\n## Conclusion\n" + sentence + " Happy coding!\n"
    assert _stock(readme, "outcome") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "We hope to add the weather forecast of Météo-France as a feature next season.",  # a plan: not courtesy
        "Docks near Central Station are welcome additions to the night route from 2024 on.",
        "Free-floating bikes at the Harbour stations are where the model misses most (RMSE 70).",
        "Welcome to the Bike Demand Forecast, which tells the Night Crew where the docks run empty.",
        "Feel free to reuse the 17,379 rows under the city's open licence.",
    ],
)
def test_a_sentence_about_the_work_keeps_its_names(sentence: str) -> None:
    readme = TOP + "\n## Conclusion\n" + sentence + "\n"
    assert _stock(readme, "outcome") == []


def test_an_outcome_of_thanks_and_invitations_is_padding(tmp_path: Path) -> None:
    courteous = check_readme(
        tmp_path / "courteous",
        TOP + "\n## Conclusion\nWe hope you find this Bike Demand Forecast project useful. Please feel free to "
        "explore the code and the Streamlit app. If you have any suggestions, don't hesitate to reach out to us.\n",
    )
    said = check_readme(
        tmp_path / "said",
        TOP + "\n## Conclusion\nThe night crew now plans its route from the forecast; the model misses the first warm "
        "weekend of spring, so Easter needs a manual check.\n",
    )
    assert check_result(courteous, "text.filler")[1] < check_result(said, "text.filler")[1]
    assert check_result(courteous, "section.outcome")[1] < 1
    assert courteous.score < said.score
    assert any("stock sentence" in finding.message for finding in courteous.findings)


NEXT_ONLY = """# Stock forecaster

## Overview
A Streamlit app that forecasts the next day's closing price of a share from its past prices.

## Data
Daily prices from Yahoo Finance, downloaded with `yfinance` for ten large companies.

## Method
A naive last-value baseline, ARIMA and an LSTM, all backtested on the last year.

## Evaluation
The backtest per model is in the notebook. Weights are saved as lstm_v2.h5 in step 3.

## Future Work
- Add a transformer model and compare it with the LSTM on the same backtest
- Add 20 more tickers from other markets and sectors
"""


def test_an_outcome_of_next_steps_needs_a_result_said_not_a_digit(tmp_path: Path) -> None:
    """A digit in the Results text ("lstm_v2.h5", "step 3") is not a result: the next steps stand alone."""
    report = check_readme(tmp_path / "next", NEXT_ONLY)
    assert check_result(report, "outcome.result")[0] == "failed"
    reported = NEXT_ONLY.replace(
        "The backtest per model is in the notebook.",
        "The LSTM reaches an RMSE of 2.1 against 3.4 for the naive baseline.",
    )
    assert check_result(check_readme(tmp_path / "reported", reported), "outcome.result")[0] == "passed"


STEPS = """# Ion channel counts

## How to reproduce

1. Install the packages:

        pip install -r requirements.txt

2.  Run the whole pipeline:
    ```bash
    python prepare.py
    python predict.py --all
    ```
3. Retrain from scratch if you like.

    It takes about a day on one GPU.

- a note
    - a sub-note that is not code
"""


def test_code_inside_a_list_item_is_code() -> None:
    """CommonMark: a fence indented as the item's text, or a block indented 4 past it after a blank line."""
    doc = parse_markdown(STEPS, "README.md")
    code = [" ".join(block.text.split()) for block in doc.blocks if block.kind == "code"]
    assert code == ["pip install -r requirements.txt", "python prepare.py python predict.py --all"]
    prose = " ".join(block.text for block in doc.blocks if block.kind == "prose")
    assert "It takes about a day" in prose and "sub-note" in prose


def test_commands_in_list_items_are_commands_a_reader_can_copy(tmp_path: Path) -> None:
    report = check_readme(tmp_path / "steps", TOP + "\n" + STEPS.split("\n", 2)[2])
    assert check_result(report, "reproduce.commands") == ("passed", 1.0)


def test_a_decimal_score_is_not_a_count_of_rows(tmp_path: Path) -> None:
    """A Method's table: "0.862" beside the next row's "Nearest Neighbors" is a score, not 862 of anything."""
    readme = TOP.replace(
        "Two years of hourly rentals (17,379 rows) from",
        "Hourly rentals with weather and calendar columns from",
    ).replace(
        "## Results\n",
        "| Model | RMSE |\n|---|---|\n| Seasonal naive | 0.862 |\n| Nearest Neighbors | 0.513 |\n\n## Results\n",
    )
    assert check_result(check_readme(tmp_path / "scores", readme), "data.size")[0] == "failed"
    counted = readme.replace("Hourly rentals", "17,379 hourly rentals")
    assert check_result(check_readme(tmp_path / "counted", counted), "data.size")[0] == "passed"


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Abstract", "problem"),
        ("Project Abstract", "problem"),
        ("Algorithm", "method"),
        ("Algorithms", "method"),
        ("Future Extensions", "outcome"),
        ("Future Improvements", "outcome"),
        ("Future Scope", "outcome"),
    ],
)
def test_common_student_headings_name_their_sections(heading: str, section: str) -> None:
    readme = (
        "# Recipe matcher\n\n## " + heading + "\n\nRecipes are turned into vectors of ingredient clusters and "
        "compared with cosine similarity against the one the cook planned.\n"
    )
    located = find_sections(parse_markdown(readme, "README.md"), [], load_rubric())
    assert located[section].hit.heading == heading


PLANS_ONLY = """# Review sentiment

## Problem
Shop owners read hundreds of reviews a week; we sort them into positive and negative so that they answer
the unhappy customers first.

## Data
The Amazon fine food reviews from Kaggle (https://www.kaggle.com/datasets/snap/amazon-fine-food-reviews).

## Method
TF-IDF features of the review text with a logistic regression, tuned with 5-fold cross-validation.

## Evaluation
The model is scored with accuracy, precision and recall on a held-out split.

## Future Scope
- Try a fine-tuned BERT model on the same held-out split
- Add a neutral class for the mixed reviews
- Deploy it as a web app that the shop owners can use every morning
"""


def test_an_outcome_of_next_steps_in_a_readme_without_results_is_half_an_outcome(tmp_path: Path) -> None:
    plans = check_readme(tmp_path / "plans", PLANS_ONLY)
    assert check_result(plans, "section.outcome") == ("partial", 0.5)
    assert check_result(plans, "outcome.result")[0] == "failed"
    assert check_result(plans, "outcome.impact")[0] == "failed"  # "Deploy it as a web app" is a plan
    reported = PLANS_ONLY.replace(
        "The model is scored with accuracy, precision and recall on a held-out split.",
        "On the held-out split the model reaches an accuracy of 0.89 and a recall of 0.84.",
    )
    done = check_readme(tmp_path / "done", reported)
    assert check_result(done, "section.outcome") == ("passed", 1.0)
    assert check_result(done, "outcome.result")[0] == "passed"


@pytest.mark.parametrize(
    "text",
    [
        "*Note: you will need to take a screenshot of your trained model's plot and save it as plot.png.*",
        "[Embed a demo GIF or a screenshot of the dashboard here]",
        "- Add a screenshot of your web app here.",
    ],
)
def test_an_instruction_to_add_a_screenshot_is_left_over_text(text: str) -> None:
    [hit] = find_placeholders("# Tide forecast\n\n" + text)
    assert "screenshot" in hit.kind


@pytest.mark.parametrize(
    "text",
    [
        "Screenshots of the dashboard are below.",
        "We added two screenshots of the forecast here.",
        "Take a look at the screenshot below: the red band is the 90% interval.",
        "The app lets you upload your tide gauge CSV and take a screenshot of the chart.",
    ],
)
def test_a_readme_showing_its_screenshots_is_not_left_over_text(text: str) -> None:
    assert find_placeholders("# Tide forecast\n\n" + text) == []


CONCLUSION = "## Conclusion\nThe night crew now plans its route from the forecast and moves fewer bikes in vain.\n\n"


def test_a_conclusion_beats_next_steps_for_the_outcome() -> None:
    """ "Future Work" is the Outcome only when nothing names a conclusion: a reviewer points at "Conclusion"."""
    readme = (
        TOP + "\n" + CONCLUSION + "## Future Work\n"
        "- Deploy the forecast and study its impact on the crew's decisions in practice\n"
        "- Future insights: recommend which docks to add, and list the limitations we found\n"
    )
    located = find_sections(parse_markdown(readme, "README.md"), [], load_rubric())
    assert located["outcome"].hit.heading == "Conclusion"
    located = find_sections(parse_markdown(readme.replace(CONCLUSION, ""), "README.md"), [], load_rubric())
    assert located["outcome"].hit.heading == "Future Work"


def test_a_planet_is_not_a_plan(tmp_path: Path) -> None:
    """ "plan" says why (the crew plans its rescue); "planet" in what is predicted does not."""
    readme = TOP.replace(
        "The city bike operator must move bikes between docks overnight; we predict the next day's rentals per\n"
        "dock so that the night crew knows where to take them.",
        "We predict which passengers of a space liner were carried off to another planet by the anomaly.",
    )
    assert check_result(check_readme(tmp_path / "planet", readme), "problem.why")[0] == "failed"
    planned = readme.replace("by the anomaly.", "by the anomaly, so the rescue crew can plan its search.")
    assert check_result(check_readme(tmp_path / "plan", planned), "problem.why")[0] == "passed"
