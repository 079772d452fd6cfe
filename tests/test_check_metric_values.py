"""Metric values as real READMEs write them, and which of them is the project's result (issue 18).

Every line here is invented; each stands for a way of writing a result (or something that only looks
like one) that a reviewer reads without hesitation.
"""

from __future__ import annotations

import pytest

from generator.check.checks_metrics import compares
from generator.check.markdown_doc import parse_markdown
from generator.check.metric_blocks import reported, values_in
from generator.check.metric_roles import role
from generator.check.metrics_json import disagreements
from generator.check.metrics_text import from_text, loose_cells


def _read(text: str) -> dict[str, float]:
    found: dict[str, float] = {}
    for value in from_text(text, 1):
        found.setdefault(value.metric, value.value)
    return found


def _reported(markdown: str) -> dict[str, float]:
    return reported(values_in(parse_markdown(markdown).blocks))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The tuned ridge model has an R^2 of 0.64 on the hold-out year.", {"r2": 0.64}),
        ("It ends with an R^2 value of 0.71 and an RMSE of 0.25.", {"r2": 0.71, "rmse": 0.25}),
        ("The classifier earns an accuracy rating of 83% on new scans.", {"accuracy": 0.83}),
        ("Overall accuracy ratings of 79% were seen on the clinic's images.", {"accuracy": 0.79}),
        ("| Accuracy | %88.40 |", {"accuracy": 0.884}),
        ("Macro F1 reached %74.5 after tuning.", {"macro_f1": 0.745}),
        ("The AUC score was found to be 0.742 for the boosted trees.", {"roc_auc": 0.742}),
        ("Mean absolute error is estimated at 3.1 minutes per trip.", {"mae": 3.1}),
        ("ROC_AUC score of 0.81 on the last fold", {"roc_auc": 0.81}),
        ("A higher AUC for LightGBM (0.861) than for the forest.", {"roc_auc": 0.861}),
        ("The recall of the rare class (0.38) is the weak spot.", {"recall": 0.38}),
        ("Accuracy for the test set (20% of the rows) is in the table.", {}),
        ("Gradient Boosting (GBM): 0.87", {"score": 0.87}),
        ("Random Forest Classifier - 81%", {"score": 0.81}),
    ],
)
def test_phrasings_of_a_result(text: str, expected: dict[str, float]) -> None:
    assert _read(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shops open on Sundays.  Held-out accuracy of 72% means the tool helps.", {"accuracy": 0.72}),
        ("Trained for ten epochs.  Recall reached 0.66.  We stopped there.", {"recall": 0.66}),
        ("Model        RMSE\nForest       4.2\nRidge        5.0", {"rmse": 4.2}),  # a header aligned with its rows
        ("Precision   0.7", {"precision": 0.7}),
    ],
)
def test_two_spaces_after_a_full_stop_do_not_make_a_table_row(text: str, expected: dict[str, float]) -> None:
    assert _read(text) == pytest.approx(expected)


def test_only_lines_whose_cells_look_like_cells_are_loose_rows() -> None:
    assert loose_cells("Our model works well on the data.  Accuracy of 70% is good") == []
    assert loose_cells("It is done.  See below.") == []  # short, but sentences
    assert loose_cells("Model   Accuracy   F1") == ["Model", "Accuracy", "F1"]  # two metrics' names
    assert loose_cells("Forest   0.91   0.88") == ["Forest", "0.91", "0.88"]  # a bare number
    assert loose_cells("Forest   strong   fast") == []  # nothing says it is a row of a metrics table
    assert loose_cells("a\tb") == ["a", "b"]  # tabs and pipes separate cells whatever they hold


@pytest.mark.parametrize(
    "text",
    [
        "Logistic regression 10 folds ROC",  # a figure's title: "10" is the number of folds
        "In the 0.5 to 0.8 recall range the boosted model keeps its precision.",  # describes a range
        "A 0.4% accuracy gain is within noise.",  # a change, not a score
    ],
)
def test_numbers_that_describe_rather_than_report_are_not_values(text: str) -> None:
    assert _read(text) == {}


def test_signed_numbers_are_changes_never_the_result() -> None:
    (value,) = from_text("Adding the masks gave +0.012 on CV.", 1)
    assert (value.metric, value.role) == ("score", "delta")
    assert reported([value]) == {}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Training accuracy", "train"),
        ("on the train set the R2 is", "train"),
        ("train/test split: test accuracy", "test"),  # a test word beside "train": not a training score
        ("accuracy on held-out patients", "test"),
        ("Goal: flag churners with >80% recall", "target"),
        ("we aim for an F1 of", "target"),
        ("the target variable is churn; accuracy", ""),  # the ML sense of "target"
        ("a random classifier (AUC =", "baseline"),
        ("no better than chance: accuracy", "baseline"),
        ("Random Forest", ""),  # not chance
        ("Naive Bayes", ""),  # a model, not a naive baseline
        ("credit default prediction: recall", ""),  # a default, not default settings
        ("XGBoost (final)", "final"),
        ("Final model, training accuracy", "train"),
        ("accuracy improved 0.80 -> 0.", ""),  # an arrow is not a target
        ("<b>0.", ""),  # nor is the end of a tag
        ("recall >= 0.", "target"),
    ],
)
def test_roles_from_the_words_beside_a_value(label: str, expected: str) -> None:
    assert role(label) == expected


def test_the_test_value_is_reported_not_the_training_value() -> None:
    assert _reported("## Results\n\nTraining accuracy = 97%\nTest accuracy = 82%\n") == {"accuracy": 0.82}
    assert _reported("## Results\n\nTest accuracy 0.82, and training accuracy 0.97.\n") == {"accuracy": 0.82}
    table = "| Model | Train R2 | Test R2 |\n|---|---|---|\n| Ridge | 0.91 | 0.74 |\n"
    assert _reported(table) == {"r2": 0.74}


def test_a_training_log_line_reports_its_validation_value() -> None:
    log = "Epoch 30/30 - loss: 0.21 - accuracy: 0.93 - val_loss: 0.35 - val_accuracy: 0.88"
    assert [value.role for value in from_text(log, 1)] == ["train", ""]
    assert reported(from_text(log, 1)) == {"accuracy": 0.88}


def test_a_result_is_reported_not_a_goal() -> None:
    source = "## Summary\n\n- **Goal**: spot defaults with >90% recall.\n- **Outcome**: 86% recall, 0.9 AUC.\n"
    assert _reported(source) == {"recall": 0.86, "roc_auc": 0.9}


def test_a_chance_level_is_a_baseline_not_the_result() -> None:
    source = "## Evaluation\n\nThe grey line is a random classifier (AUC = 0.5). Our boosted model has AUC 0.79.\n"
    values = values_in(parse_markdown(source).blocks)
    assert [value.role for value in values] == ["baseline", ""]
    assert reported(values) == {"roc_auc": 0.79}


def test_the_final_row_is_reported_with_all_its_metrics() -> None:
    source = (
        "| Model | Accuracy | Recall |\n|---|---|---|\n| Majority baseline | 0.88 | 0.0 |\n"
        "| Random forest | 0.90 | 0.61 |\n| Gradient boosting (selected) | 0.89 | 0.70 |\n"
    )
    assert _reported(source) == {"accuracy": 0.89, "recall": 0.70}


def test_without_a_mark_one_row_is_chosen_not_each_columns_maximum() -> None:
    source = (
        "## Results\n\n| Model | F1 | Precision | Recall |\n|---|---|---|---|\n"
        "| Ridge | 0.71 | 0.93 | 0.58 |\n| Boosted trees | 0.78 | 0.80 | 0.76 |\n| Forest | 0.74 | 0.77 | 0.81 |\n\n"
        "### Second task\n\n| Model | F1 |\n|---|---|\n| Ridge | 0.95 |\n"
    )
    assert _reported(source) == {"f1": 0.78, "precision": 0.80, "recall": 0.76}  # best F1, first table


def test_a_list_of_models_names_its_metric_in_the_sentence_above() -> None:
    source = (
        "## Model comparison\n\nEvery model was scored by **balanced accuracy** on the test weeks:\n\n"
        "* **Support Vector Machine (SVM):** 0.84\n* **Logistic Regression:** 0.86\n* **K-Nearest Neighbors:** 0.79\n\n"
        "## Deployment\n\n* **Decision Tree:** 0.99\n"
    )
    values = values_in(parse_markdown(source).blocks)
    assert [(value.metric, value.value) for value in values] == [
        ("accuracy", 0.84),
        ("accuracy", 0.86),
        ("accuracy", 0.79),
        ("score", 0.99),  # under another heading, nothing names the metric
    ]
    assert reported(values)["accuracy"] == 0.86


def test_a_final_sentence_wins_over_every_model_listed_before() -> None:
    source = (
        "## Models\n\n- LR2 Train R2: 0.81\n- LR2 Test R2: 0.78\n\n"
        "## Conclusion\n\nOur final model was the simplest, with an R^2 value of 0.61 and an RMSE of 0.29.\n"
    )
    assert _reported(source) == {"r2": 0.61, "rmse": 0.29}


def test_numbers_in_image_alt_text_are_not_values() -> None:
    source = "## Results\n\n![ROC curve, AUC 0.97](roc.png)\n\nOn the test set the forest reaches AUC 0.83.\n"
    assert _reported(source) == {"roc_auc": 0.83}


def test_only_held_out_values_are_compared_with_metrics_json() -> None:
    truth = {"accuracy": 0.91}

    def disagreeing(markdown: str) -> list[float]:
        return [value.value for value, _ in disagreements(values_in(parse_markdown(markdown).blocks), truth)]

    assert disagreeing("Training accuracy: 0.99\n\nTest accuracy: 0.91\n") == []
    assert disagreeing("Training accuracy: 0.99\n") == []  # a training score does not contradict the result
    assert disagreeing("A majority-class baseline gets accuracy 0.62.\n") == []
    assert disagreeing("Test accuracy: 0.86\n\nTraining accuracy: 0.99\n") == [0.86]


def test_models_as_columns_are_read_and_one_column_is_reported() -> None:
    source = (
        "| Metric | Ridge | Forest | Boosting (chosen) |\n|---|---|---|---|\n"
        "| MAE | 2.9 | 2.4 | 2.6 |\n| R2 | 0.55 | 0.66 | 0.63 |\n"
    )
    assert _reported(source) == {"mae": 2.6, "r2": 0.63}
    spread = "| Metric | Mean | Std |\n|---|---|---|\n| MAE | 2.9 | 0.2 |\n"  # a spread is not a second model
    assert [(value.metric, value.value) for value in values_in(parse_markdown(spread).blocks)] == [("mae", 2.9)]


def test_a_printed_data_frame_reads_each_column_under_its_header() -> None:
    printed = (
        "            model  recall  precision\n"
        "0           Ridge    0.62       0.70\n"
        "1   Boosted trees    0.74       0.69"
    )
    assert _read(printed) == {"recall": 0.62, "precision": 0.70}  # the first row's; not shifted by the index
    assert reported(from_text(printed, 1)) == {"recall": 0.74, "precision": 0.69}


def test_a_training_score_or_a_goal_beside_the_result_is_no_comparison() -> None:
    def compared(markdown: str) -> bool:
        return compares(values_in(parse_markdown(markdown).blocks))

    assert not compared("Training accuracy: 0.99\n\nTest accuracy: 0.91\n")
    assert not compared("The goal was >90% recall.\n\nThe model reached 84% recall.\n")
    assert compared("| Model | Recall |\n|---|---|\n| Ridge | 0.70 |\n| Forest | 0.84 |\n")
    assert compared("A majority-class baseline has recall 0.50; the forest reaches recall 0.84.\n")
