"""Judgements that a survey of real READMEs check had never seen showed wrong (survey 19, issue 18).

Every text here is invented for the test: it has the shape of what real READMEs do, not their words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check import load_rubric
from generator.check.language import english
from generator.check.metrics_text import cell_metric, from_text
from generator.check.placeholders import find_placeholders
from generator.check.report import render
from generator.check.rules import WORDED_CHECKS
from tests.check_project_builder import BIKE_RESULTS, check_readme, check_result

WRITE_UP = (
    BIKE_RESULTS
    + """
## Outcome
The crew now plans its route from the forecast; the model misses the first warm weekend of spring.
"""
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a chat assistant's preamble with its emphasis and a dash of its own
        ("Below is a **polished, GitHub-style README.md** for your **loan model**.", "chat-assistant"),
        ("You can **copy\u2013paste directly** into your repository.", "chat-assistant"),
        ("Here\u2019s the README for your churn project.", "chat-assistant"),
        ("This write-up is **recruiter-ready** and clear.", "chat-assistant"),
        # a generic README template, talking to the author about "your project"
        ("Highlight the main features of your project with a few bullets.", "template instruction"),
        ("Explain how people can run your app on their machine.", "template instruction"),
        ("- Provide step-by-step instructions to install your project.", "template instruction"),
        ("- Feature 2", "'Feature 1'"),
    ],
)
def test_generated_and_template_text_is_found(text: str, kind: str) -> None:
    [hit] = find_placeholders("# Loan model\n\n" + text)
    assert kind in hit.kind


@pytest.mark.parametrize(
    "text",
    [
        "Provide your project ID with `--project my-gcp-id` before you train.",  # the reader's own project
        "To use this scorer in your project, install it with pip.",  # a library's reader, no instruction verb
        "We copy the weights into models/ and paste the threshold into params.toml.",
        "- Feature importance: tenure and contract type lead.",
        "The dashboard is ready for the operations team.",
    ],
)
def test_reader_text_is_not_residue(text: str) -> None:
    assert find_placeholders("# Loan model\n\n" + text) == []


def test_a_readme_a_chat_assistant_wrote_earns_half_the_writing_credit(tmp_path: Path) -> None:
    own = check_readme(tmp_path / "own", WRITE_UP)
    generated = check_readme(
        tmp_path / "generated",
        "Here is a clean README for your bike project, ready to paste.\n\n" + WRITE_UP,
    )
    for check_id in ("text.specific", "text.filler"):
        assert check_result(own, check_id) == ("passed", 1.0)
        assert check_result(generated, check_id) == ("partial", 0.5)
    [finding] = [f for f in generated.findings if f.check == "text.specific"]
    assert finding.line == 1 and "chat assistant" in finding.message


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("* Test accuracy: ~81%", 0.81),
        ("* Test accuracy: \\~81%", 0.81),  # the tilde as editors escape it
        ("Held-out RMSE of ≈ 41.5", 41.5),
    ],
)
def test_an_approximate_value_is_read(line: str, value: float) -> None:
    [found] = from_text(line, 1)
    assert found.value == value


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("实验结果", "metrics"),  # "experiment results": no spaces between Chinese words
        ("数据集介绍", "data"),  # "introduction of the dataset": the dataset, not the introduction
        ("模型训练", "method"),
        ("结论与展望", "outcome"),
        ("モデルの評価", "metrics"),
        ("데이터 설명", "data"),
        ("Conjunto de dados", "data"),
        ("Próximos pasos", "outcome"),
    ],
)
def test_headings_in_other_languages_name_their_section(heading: str, section: str) -> None:
    assert load_rubric().match_heading(heading) == section


def test_a_chinese_readme_is_read_by_its_headings(tmp_path: Path) -> None:
    readme = (
        "# 评论情感分类\n\n"
        "## 数据集\n\n共 12000 条商品评论\uff0c来自公开的评论数据\uff0c好评与差评各占一半。\n\n"
        "## 模型\n\n先用逻辑回归作为基线\uff0c再微调 BERT 模型\uff0c用五折交叉验证选择学习率。\n\n"
        "## 实验结果\n\n| 模型 | 准确率 | F1值 |\n|---|---|---|\n"
        "| 逻辑回归 | 84.1% | 83.0% |\n| BERT | 91.3% | 90.8% |\n"
    )
    report = check_readme(tmp_path, readme)
    assert list(report.sections) == ["data", "method", "metrics"]
    assert all(section.filled for section in report.sections.values())  # words counted without spaces
    assert report.metrics == pytest.approx({"accuracy": 0.913, "f1": 0.908})


@pytest.mark.parametrize(
    ("header", "metric"),
    [
        ("Accuracy (%)", "accuracy"),
        ("MAE (days)", "mae"),
        ("RMSE [$]", "rmse"),
        ("F1 (macro)", "macro_f1"),
        ("**F1-score (weighted)**", "weighted_f1"),
        ("Acurácia", "accuracy"),
        ("Precisión (%)", "precision"),
        ("召回率\uff08%\uff09", "recall"),
    ],
)
def test_a_table_header_with_its_unit_or_language_names_its_metric(header: str, metric: str) -> None:
    assert cell_metric(header) == (metric, "")


@pytest.mark.parametrize("header", ["Model (2024)", "Notes (see below)", "Training time (s)", "Exactly"])
def test_other_headers_name_no_metric(header: str) -> None:
    assert cell_metric(header) is None


PLANS = "Add a transformer model and an LSTM, then try the weather and holiday features."


def _with_outcome(outcome: str, results: str = "") -> str:
    """The write-up above with its Results and Outcome replaced."""
    head = WRITE_UP.split("## Results")[0]
    return head + (f"## Results\n{results}\n\n" if results else "") + outcome


@pytest.mark.parametrize(
    ("outcome", "results", "status"),
    [
        # only plans under a next-steps heading, and no result anywhere: its model names are plans
        (f"## Future Work\n{PLANS}\n", "", "failed"),
        # the same plans, with the result said under Results
        (
            f"## Next Steps\n{PLANS}\n",
            "Boosting reaches an RMSE of 41 rentals.",
            "passed",
        ),
        ("## Conclusion\nThis project showcases forecasting with Python libraries for the city crews.", "", "failed"),
        ("## Conclusion\nBoosting showed the lowest error on weekends, when the crews need it most.", "", "passed"),
    ],
)
def test_an_outcome_states_a_result(tmp_path: Path, outcome: str, results: str, status: str) -> None:
    report = check_readme(tmp_path, _with_outcome(outcome, results))
    assert check_result(report, "outcome.result")[0] == status


@pytest.mark.parametrize(
    "commands",
    [
        "py -m pip install -r requirements.txt\npy train.py",  # Windows' launcher
        "python3.11 -m pip install -r requirements.txt\npython3.11 train.py",
    ],
)
def test_commands_through_any_python_launcher_reproduce(tmp_path: Path, commands: str) -> None:
    report = check_readme(tmp_path, WRITE_UP + f"\n## Reproduce\n```bash\n{commands}\n```\n")
    assert check_result(report, "reproduce.commands") == ("passed", 1.0)


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("Reached 91% training accuracy, 84% cross-validated accuracy", [(0.91, "train"), (0.84, "")]),
        ("93% accuracy on train and 85% accuracy on test", [(0.93, "train"), (0.85, "test")]),
        ("a 0.81 F1 score on the held-out set", [(0.81, "test")]),
    ],
)
def test_every_number_written_before_a_metric_is_read_with_its_role(line: str, values: list) -> None:
    assert [(found.value, found.role) for found in from_text(line, 1)] == values


SPLIT_PROBLEM = """# Well repair triage

### Goals
Build a classifier of well status from the pump records and rank the wells to visit first.

#### Business Problem
A charity repairs broken wells with a small budget; visiting working wells wastes a day of travel,
so it needs to know which wells are broken before it sends a crew.

### Data
The records come from the ministry's open portal at www.waterpoints.example.org: 52,000 wells, 40 columns.

### Method
Logistic regression as the initial model, then a random forest tuned with 5-fold cross-validation.

#### Initial model
F1 score: 0.71 (broken wells)

### Results
F1 score: 0.80 (broken wells), from the tuned forest on the held-out wells.

### Recommendations
Send crews first to the wells the forest flags; it still misses one broken well in five.
"""


def test_content_is_read_under_every_heading_that_names_the_section(tmp_path: Path) -> None:
    report = check_readme(tmp_path, SPLIT_PROBLEM)
    assert report.sections["problem"].heading == "Goals"  # whichever block is chosen…
    assert check_result(report, "problem.why")[0] == "passed"  # …the why under "Business Problem" counts
    assert check_result(report, "data.source")[0] == "passed"  # a site named without https://
    assert check_result(report, "method.baseline")[0] == "passed"  # "the initial model"
    assert check_result(report, "metrics.baseline")[0] == "passed"  # the initial model's numbers under its heading


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("The model was built in Python with TensorFlow and Keras, and scikit-learn for the preprocessing.", "failed"),
        ("A small Keras CNN with two convolutional layers, built with TensorFlow, on 64-pixel crops.", "passed"),
    ],
)
def test_a_library_is_not_a_model(tmp_path: Path, method: str, status: str) -> None:
    readme = (
        "# Leaf disease\n\nWe classify photos of tomato leaves as healthy or diseased for a farm co-op.\n\n"
        f"## Method\n{method}\n\n## Results\nAccuracy of 0.91 on 1,200 held-out photos.\n"
    )
    assert check_result(check_readme(tmp_path, readme), "method.models")[0] == status


@pytest.mark.parametrize(
    ("results", "status"),
    [
        ("Our goal is to reach an accuracy of at least 85% and a recall above 0.80 on the riders.", "failed"),
        ("The goal was 85% accuracy, and the tuned forest reached an accuracy of 0.87 on the test weeks.", "passed"),
    ],
)
def test_a_goal_is_not_a_result(tmp_path: Path, results: str, status: str) -> None:
    readme = WRITE_UP.split("## Results")[0] + f"## Results\n{results}\n"
    report = check_readme(tmp_path, readme)
    assert check_result(report, "metrics.values")[0] == status
    if status == "failed":
        [finding] = [f for f in report.findings if f.check == "metrics.values"]
        assert "goals (accuracy 0.85, recall 0.8)" in finding.message


SPANISH = """# Predicción de la demanda de bicicletas

## Descripción
Se predice el número de alquileres del día siguiente por estación, para que el equipo de noche sepa
dónde llevar las bicicletas y no queden estaciones vacías por la mañana.

## Modelo
Un modelo de gradient boosting, comparado con la predicción del mismo día de la semana anterior.

## Resultados
| Modelo | RMSE |
|---|---|
| Semana anterior | 63 |
| Gradient boosting | 41 |
"""


def test_a_readme_in_another_language_is_not_judged_by_english_words(tmp_path: Path) -> None:
    report = check_readme(tmp_path, SPANISH)
    for check_id in ("problem.target", "problem.why", "method.validation", "text.filler"):
        assert check_result(report, check_id)[0] == "skipped"  # not "does not say why": it does, in Spanish
    assert check_result(report, "method.models")[0] == "passed"  # a model's name reads the same in any
    assert report.metrics == {"rmse": 41.0}


def test_a_readme_in_another_language_says_which_checks_were_not_scored(tmp_path: Path) -> None:
    """The silence of a skipped check must not read as a pass: every format names what was left out."""
    report = check_readme(tmp_path, SPANISH)
    skipped = [result.id for result in report.checks if result.status == "skipped"]
    (note,) = report.notes
    assert note.startswith("README.md is not written in English") and "problem.why" in note
    assert {"problem.why", "method.validation", "text.filler"} <= set(skipped)
    assert all(check_id in note for check_id in skipped if check_id in WORDED_CHECKS)
    assert "readme.images" not in note  # skipped for another reason: there are no images
    text = render([report], [], load_rubric(), "text", color=False, width=100)
    assert "Not judged: README.md is not written in English" in text
    assert "> Not judged: README.md is not written in English" in render([report], [], load_rubric(), "markdown")
    assert json.loads(render([report], [], load_rubric(), "json"))["projects"][0]["notes"] == [note]
    assert check_readme(tmp_path / "en", "# Rentals\n\n## Problem\n\nThe model predicts rentals.\n").notes == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The model predicts next-day rentals for each dock of the city.", True),
        ("El modelo predice los alquileres del día siguiente para cada estación.", False),
        ("O modelo prevê os aluguéis do dia seguinte em cada estação da cidade.", False),
        ("模型预测每个站点第二天的租车数量。", False),
        ("See https://example.org/la/de/los for the data of the city.", True),  # an address is not words
    ],
)
def test_english_is_told_from_other_languages(text: str, expected: bool) -> None:
    assert english(text) is expected


def test_content_found_only_in_a_notebook_earns_half(tmp_path: Path) -> None:
    conclusion = (
        "## Conclusion\n\nBoosting cut the error by a third, so the crew can plan its night route from it; "
        "it still misses the first warm weekend, and holidays are the next thing to add."
    )
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": conclusion}],
    }
    readme = WRITE_UP.split("## Outcome")[0]
    report = check_readme(tmp_path, readme, {"notebooks/analysis.ipynb": json.dumps(notebook)})
    assert report.sections["outcome"].where.startswith("notebooks/analysis.ipynb")
    for check_id in ("outcome.result", "outcome.impact", "outcome.limits"):
        assert check_result(report, check_id) == ("partial", 0.5)
