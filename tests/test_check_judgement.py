"""The reviewer's judgements added while calibrating `portfolio check` on real READMEs (issue 18): each one
on a small README that shows it, next to the same README without the defect."""

from __future__ import annotations

from pathlib import Path

from generator.check import ProjectReport
from generator.check.setup_steps import assignment_brief, setup_line, setup_only
from tests.check_project_builder import check_readme, check_result

INTRO = """\
# Loan default

We predict whether a personal loan defaults in its first year, so that the credit team can call
borrowers at risk before the first missed payment.
"""

DATA = """\
## Data

The [loan book](https://archive.ics.uci.edu/dataset/350/default+of+credit+card+clients) of a regional
lender: 18,400 loans from 2019-2023, 22 columns, released under CC BY 4.0 for research.
"""

SETUP_DATA = """\
## Data

- Install the Kaggle API first.
- mkdir input
- kaggle datasets download -d lender/loans
- unzip loans.zip -d input
"""

METHOD = """\
## Method

A logistic regression baseline and a gradient boosting model, compared with stratified 5-fold
cross-validation on the 2019-2022 loans; 2023 is held out.
"""

RESULTS = """\
## Results

| Model | Recall | Precision |
|---|---|---|
| Logistic regression (baseline) | 0.52 | 0.31 |
| Gradient boosting (final) | 0.71 | 0.44 |
"""

OUTCOME = """\
## Outcome

Gradient boosting catches 71 % of defaults, up from 52 %; the credit team should call the top 5 % of
scores each month. Its limitation: it was not tested on loans issued after the 2023 rate rise.
"""


def _check(tmp_path: Path, *parts: str) -> ProjectReport:
    return check_readme(tmp_path, "\n".join(parts))


def test_setup_lines_are_commands_file_names_and_setup_verbs_not_data_dictionary_lines() -> None:
    for line in ("pip install -r requirements.txt", "requirements.txt", "├── data/", "Download the images", "cd code"):
        assert setup_line(line), line
    for line in ("Type 2 diabetes patients", "Place of birth", "source: Kaggle", "Python 3.9", "Runs inference"):
        assert not setup_line(line), line
    assert setup_only("Install the API first.\nmkdir input\nunzip data.zip -d input")
    assert not setup_only("The loan book of a lender.\n18,400 loans, 22 columns.\nunzip data.zip")


def test_a_data_section_of_download_commands_earns_a_quarter(tmp_path: Path) -> None:
    written = _check(tmp_path / "written", INTRO, DATA, METHOD, RESULTS, OUTCOME)
    setup = _check(tmp_path / "setup", INTRO, SETUP_DATA, METHOD, RESULTS, OUTCOME)

    assert check_result(written, "section.data") == ("passed", 1.0)
    assert check_result(setup, "section.data") == ("partial", 0.25)
    assert any("only gives setup steps" in finding.message for finding in setup.findings)
    assert setup.score < written.score


def test_specific_text_counts_in_proportion_to_how_much_of_the_write_up_exists(tmp_path: Path) -> None:
    short = _check(tmp_path / "short", INTRO, DATA)
    full = _check(tmp_path / "full", INTRO, DATA, METHOD, RESULTS, OUTCOME)

    assert check_result(full, "text.specific") == ("passed", 1.0)
    assert check_result(short, "text.specific")[1] < 1.0
    assert check_result(short, "text.filler")[1] < 1.0


def test_a_section_that_is_still_the_templates_instruction_is_not_written(tmp_path: Path) -> None:
    template = "## Data\n\nDescribe the dataset: its source, its size and the preprocessing steps, with a link.\n"
    report = _check(tmp_path, INTRO, template, METHOD, RESULTS, OUTCOME)

    assert check_result(report, "section.data") == ("failed", 0.0)
    assert any("still the template's instruction" in finding.message for finding in report.findings)


def test_a_half_filled_template_keeps_none_of_its_instructions_as_the_authors_words(tmp_path: Path) -> None:
    # The instructions name models and metrics as examples: none of that is the author's method or results.
    method = (
        "## Modelling\n\nDescribe the modelling approach you took, including the models you tried "
        "(e.g. logistic regression, random forest) and the preprocessing steps (e.g. scaling).\n"
    )
    results = "## Performance\n\nDiscuss how each model performed, such as accuracy, precision and recall.\n"
    outcome = "## Conclusion\n\nWrap up with a brief conclusion: the main findings and the next steps.\n"
    filled = _check(tmp_path / "filled", INTRO, DATA, METHOD, RESULTS, OUTCOME)
    half = _check(tmp_path / "half", INTRO, DATA, method, results, outcome)

    for check in ("section.method", "section.metrics", "section.outcome"):
        assert check_result(half, check)[0] == "failed", check
    instructions = [finding.line for finding in half.findings if "template instruction" in finding.message]
    assert instructions == [13, 17, 21]  # one finding per line, each where the author can find it
    assert half.score < 60 <= filled.score


def test_accuracy_alone_is_marked_down_only_when_the_classes_are_imbalanced(tmp_path: Path) -> None:
    accuracy = "## Results\n\nThe gradient boosting model reaches an accuracy of 91% on the 2023 loans.\n"
    balanced = _check(tmp_path / "balanced", INTRO, DATA, METHOD, accuracy, OUTCOME)
    imbalanced = _check(
        tmp_path / "imbalanced",
        INTRO,
        DATA,
        METHOD.replace("compared", "trained on SMOTE-balanced data and compared"),
        accuracy,
        OUTCOME,
    )

    assert check_result(balanced, "metrics.values") == ("passed", 1.0)
    assert check_result(imbalanced, "metrics.values") == ("partial", 0.5)


def test_the_same_number_written_twice_is_not_a_comparison_with_a_baseline(tmp_path: Path) -> None:
    twice = "## Results\n\nThe model reaches 96.8% accuracy on the test set.\n\nIn short: 96% accuracy.\n"
    two = "## Results\n\nThe model reaches 96.8% accuracy on the test set.\n\nLogistic regression: 91% accuracy.\n"
    conclusion = "## Conclusion\n\nThe model is deployed for the credit team.\n"

    assert check_result(_check(tmp_path / "twice", INTRO, DATA, twice, conclusion), "metrics.baseline")[0] == "failed"
    assert check_result(_check(tmp_path / "two", INTRO, DATA, two, conclusion), "metrics.baseline")[0] == "passed"


def test_a_table_of_models_is_a_written_method_section(tmp_path: Path) -> None:
    table = (
        "## Models\n\n| Model | Description |\n|---|---|\n| Logistic regression | linear baseline on scaled"
        " features |\n| Gradient boosting | 300 shallow trees, learning rate 0.05 |\n"
    )
    report = _check(tmp_path, INTRO, DATA, table, RESULTS, OUTCOME)

    assert report.sections["method"].filled
    assert check_result(report, "method.models") == ("passed", 1.0)


def test_data_size_stated_in_the_overview_counts_but_a_time_horizon_does_not(tmp_path: Path) -> None:
    data = DATA.replace("18,400 loans from 2019-2023, 22 columns,", "the loans of five years with their payments,")
    sized = INTRO + "\nThe lender shared 18,400 loans for this study.\n"
    horizon = INTRO + "\nDefaults are predicted within 30 days of the first payment.\n"

    method = METHOD.replace("the 2019-2022 loans; 2023 is held out", "the older loans; the newest are held out")

    assert check_result(_check(tmp_path / "sized", sized, data, method, RESULTS, OUTCOME), "data.size")[0] == "passed"
    assert (
        check_result(_check(tmp_path / "horizon", horizon, data, method, RESULTS, OUTCOME), "data.size")[0] == "failed"
    )


def test_the_assignment_brief_pasted_in_is_not_a_write_up(tmp_path: Path) -> None:
    brief = (
        "# Loan default\n\nIn this challenge your task is to predict whether a loan defaults. Your model will be"
        " evaluated with log loss on 30 % of the test file; your private score decides the ranking. You may"
        " upload new predictions three times a day.\n"
    )
    assert assignment_brief(brief)
    assert not assignment_brief(INTRO + "You can download the data from the lender's page.")
    report = _check(tmp_path, brief, DATA, METHOD, RESULTS, OUTCOME)

    assert check_result(report, "section.problem") == ("partial", 0.25)
    assert any("assignment brief" in finding.message for finding in report.findings)


def test_a_baseline_planned_in_a_task_list_is_not_a_baseline(tmp_path: Path) -> None:
    method = (
        "## Method\n\nGradient boosting on all 22 columns of the loan book, checked with stratified 5-fold"
        " cross-validation.\n"
    )
    results = "## Results\n\nGradient boosting reaches a recall of 0.71 and a precision of 0.44 on held-out loans.\n"
    planned = "## Next steps\n\n- [ ] Compare against a logistic regression baseline\n- [ ] Add a FastAPI endpoint\n"
    done = "## Next steps\n\n- [x] Compared against a logistic regression baseline (recall 0.52)\n"

    plan = _check(tmp_path / "planned", INTRO, DATA, method, results, planned)
    done_report = _check(tmp_path / "done", INTRO, DATA, method, results, done)

    assert check_result(plan, "method.baseline")[0] == "failed"
    assert check_result(done_report, "method.baseline")[0] == "passed"


def test_commands_written_as_a_list_earn_half_of_a_code_block(tmp_path: Path) -> None:
    steps = "## Run it\n\n1. pip install -r requirements.txt\n2. `python -m loans.train`\n"
    prose = "## Run it\n\nPython 3.11 is required.\nModels train in a minute on a laptop.\n"
    fenced = "## Run it\n\n```bash\npip install -r requirements.txt\npython -m loans.train\n```\n"
    runs = {"listed": steps, "told": prose, "shown": fenced}
    listed, told, shown = (
        _check(tmp_path / name, INTRO, DATA, METHOD, RESULTS, OUTCOME, run) for name, run in runs.items()
    )

    assert check_result(shown, "reproduce.commands") == ("passed", 1.0)
    assert check_result(listed, "reproduce.commands") == ("partial", 0.5)
    assert any("as text, not in a code block" in finding.message for finding in listed.findings)
    assert check_result(told, "reproduce.commands") == ("failed", 0.0)  # sentences are not commands
