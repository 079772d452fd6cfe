"""How `check` reads a README (rubric v2): every heading style, sections by content, every metric form,
the final model's values, residue anywhere in the project's Markdown, odd and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check import check_project, load_rubric
from generator.check.document import PSEUDO_LEVEL
from generator.check.markdown_doc import parse_markdown
from generator.check.metric_blocks import reported, values_in
from generator.check.metrics_json import load_metrics_json
from generator.check.metrics_text import from_text
from generator.check.placeholders import find_placeholders
from generator.check.structure import find_sections
from tests.check_project_builder import build_project
from tests.helpers import build_tree

BODY = "The data has 7,043 customers and 21 columns from the Kaggle Telco churn dataset, licence CC BY 4.0."


@pytest.mark.parametrize(
    ("source", "text", "kind", "style"),
    [
        ("# Churn\n\n## Dataset\n\n" + BODY, "Dataset", "atx", ""),
        ("Churn\n=====\n\nDataset\n-------\n\n" + BODY, "Dataset", "setext", ""),
        ("# Churn\n\n**Dataset**\n" + BODY, "Dataset", "pseudo", "bold"),
        ("# Churn\n\n**Dataset:** " + BODY, "Dataset", "pseudo", "bold"),
        ("# Churn\n\n📊 Dataset\n" + BODY, "📊 Dataset", "pseudo", "emoji"),
        ("# Churn\n\n1️⃣ Dataset\n" + BODY, "1️⃣ Dataset", "pseudo", "emoji"),
        ("# Churn\n\n1. Dataset\n\n" + BODY, "Dataset", "pseudo", "numbered"),
        ("# Churn\n\nDATASET\n" + BODY, "DATASET", "pseudo", "caps"),
        ("# Churn\n\nDataset\n\n" + BODY, "Dataset", "pseudo", "line"),
        ("# Churn\n\nDataset: " + BODY, "Dataset", "pseudo", "label"),
        ("# Churn\n\n#Dataset\n\n" + BODY, "Dataset", "atx", ""),
        ('<h1 align="center">Churn</h1>\n\n<h2>Dataset</h2>\n\n' + BODY, "Dataset", "html", ""),
    ],
)
def test_every_heading_style_opens_the_data_section(source: str, text: str, kind: str, style: str) -> None:
    doc = parse_markdown(source)
    heading = next(h for h in doc.headings if h.text == text)
    assert (heading.kind, heading.style) == (kind, style)
    assert (heading.level == PSEUDO_LEVEL) == (kind == "pseudo")
    located = find_sections(doc, [], load_rubric())
    assert located["data"].hit.heading == text and located["data"].hit.filled


@pytest.mark.parametrize(
    "source",
    [
        "We used\nthe data from the survey.",  # a sentence wrapped after two words
        "- **Data:** in a list item",  # bold inside a list
        "🚀 We trained a model and it worked.",  # a sentence that starts with an emoji
        "1. Install the package\n2. Run the training",  # a numbered list of steps
        "Some **bold** words in a sentence.",
        "![Figure](reports/roc.png)\n\nThe ROC curve of the final model.",  # a figure, not a heading
    ],
)
def test_ordinary_text_is_not_a_heading(source: str) -> None:
    assert parse_markdown(source).headings == []


def test_accidental_setext_heading_is_read_as_prose_and_reported(tmp_path: Path) -> None:
    project = build_project(tmp_path / "project")
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(
        text.replace(
            "## Reproduce", "The model was refitted on all training patients before the test.\n---\n\n## Reproduce"
        ),
        encoding="utf-8",
    )
    doc = parse_markdown(readme.read_text(encoding="utf-8"))
    assert "The model was refitted" not in " ".join(h.text for h in doc.headings)
    assert any("The model was refitted" in block.text for block in doc.blocks)
    [finding] = [f for f in check_project(project).findings if f.check == "readme.format"]
    assert "shows as a heading" in finding.message and finding.line is not None


def test_the_title_is_never_a_section() -> None:
    doc = parse_markdown(
        "# Churn prediction on the Telco dataset\n\nWe predict churn.\n\n## Method\n\n"
        "Logistic regression and a random forest with 5-fold cross-validation.\n"
    )
    located = find_sections(doc, [], load_rubric())
    assert "data" not in located
    assert located["method"].hit.heading == "Method"


def test_first_matching_word_does_not_win() -> None:
    rubric = load_rubric()
    assert rubric.match_heading("Dataset Overview") == "data"
    assert rubric.match_heading("Models Summary") == "method"
    assert rubric.match_heading("Project Overview") == "problem"


def test_sections_are_found_by_content_and_reported_where() -> None:
    source = (
        "# Loan defaults\n\nBanks lose money when borrowers default, so the credit team needs to predict "
        "which applicants will default within a year.\n\n## Our work\n\n"
        "We trained logistic regression and gradient boosting models, tuned hyperparameters with 5-fold "
        "cross-validation and compared them with a majority-class baseline.\n"
    )
    located = find_sections(parse_markdown(source), [], load_rubric())
    assert located["problem"].hit.found_by == "introduction"
    assert located["method"].hit.found_by == "content" and located["method"].hit.heading == "Our work"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Model\tAccuracy\tF1\nForest\t0.91\t0.88", {"accuracy": 0.91, "f1": 0.88}),  # tab-aligned
        ("Model      Accuracy    F1\nForest     0.91        0.88", {"accuracy": 0.91, "f1": 0.88}),  # space-aligned
        ("The forest reached an accuracy of 87.59%.", {"accuracy": 0.8759}),  # percentage
        ("F1 = 0.91, ROC AUC: 0.95", {"f1": 0.91, "roc_auc": 0.95}),  # = and :
        ("The $R^2$ = 0.87 and R<sup>2</sup> on train 0.9", {"r2": 0.87}),  # LaTeX-ish R^2
        ("accuracy on the held-out test set was 0.92", {"accuracy": 0.92}),
        ("CV/Public/Private 0.712 / 0.705 / 0.698", {"score": 0.712}),  # leaderboard triple
        ("Logistic Regression: 77%", {"score": 0.77}),  # a model's score
        ("public 0.904, private 0.940 (1st)", {"score": 0.904}),  # leaderboard prose
        ("accuracy for 5 folds", {}),
    ],
)
def test_metric_values_in_prose_and_aligned_tables(text: str, expected: dict[str, float]) -> None:
    found: dict[str, float] = {}
    for value in from_text(text, 1):
        found.setdefault(value.metric, value.value)
    assert found == pytest.approx(expected)


def test_metric_values_written_as_headings() -> None:
    doc = parse_markdown("# Solution\n\n#### **Best single model 4 fold OOF CV**: 0.326\n\nDetails.\n")
    assert [(v.metric, v.value) for v in values_in(doc.blocks)] == [("score", 0.326)]


def test_html_and_pipe_tables_and_pandoc_rows() -> None:
    doc = parse_markdown(
        "<table><tr><th>Metric</th><th>Value</th></tr><tr><td>F1</td><td>0.8</td></tr></table>\n\n"
        "| Model | RMSE |\n|---|---|\n| Forest | 3.2 |\n\n"
        "  Model      PR_AUC   ROC_AUC\n\n  LightGBM   0.91     0.99\n"
    )
    found = {(value.metric, value.value) for value in values_in(doc.blocks)}
    assert {("f1", 0.8), ("rmse", 3.2), ("pr_auc", 0.91), ("roc_auc", 0.99)} <= found


def test_the_final_model_is_reported_not_the_baseline() -> None:
    doc = parse_markdown(
        "| Model | Accuracy | RMSE |\n|---|---|---|\n| Baseline (majority) | 0.95 | 9.0 |\n"
        "| XGBoost (final) | 0.91 | 3.0 |\n| Random forest | 0.93 | 2.5 |\n"
    )
    assert reported(values_in(doc.blocks)) == {"accuracy": 0.91, "rmse": 3.0}
    unmarked = parse_markdown("| Model | RMSE |\n|---|---|\n| Baseline | 9.0 |\n| Forest | 3.1 |\n| Ridge | 4.0 |\n")
    assert reported(values_in(unmarked.blocks)) == {"rmse": 3.1}  # the best non-baseline row


def test_metric_values_in_executed_notebook_outputs(tmp_path: Path) -> None:
    project = build_project(tmp_path / "project")
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index("## Metrics"), text.index("## Outcome")
    readme.write_text(text[:start] + "## Metrics\n\nSee the notebook.\n\n" + text[end:], encoding="utf-8")
    (project / "reports" / "metrics.json").unlink()
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": "print(report)",
            "outputs": [
                {
                    "output_type": "stream",
                    "name": "stdout",
                    "text": "              precision    recall  f1-score\n    accuracy                0.93\n",
                }
            ],
        }
    ]
    (project / "notebooks" / "exploration.ipynb").write_text(
        json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}), encoding="utf-8"
    )
    report = check_project(project)
    # read from the output; half credit, since the README itself shows no number (tests/test_check_plans_and_filler.py)
    assert {r.id: r.status for r in report.checks}["metrics.values"] == "partial"
    assert report.metrics["accuracy"] == pytest.approx(0.93)


def test_readme_numbers_are_compared_with_metrics_json(tmp_path: Path) -> None:
    project = build_project(tmp_path / "project")
    (project / "reports" / "metrics.json").write_text(json.dumps({"rmse": 40.0}), encoding="utf-8")
    [finding] = [f for f in check_project(project).findings if f.check == "metrics.consistent"]
    assert "rmse 53.1" in finding.message and "says 40" in finding.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Below is a professional README you can copy/paste into GitHub.", "chat-assistant"),
        ("Sure! Here is the README for your project.", "chat-assistant"),
        ("If you want, I can also add badges.", "chat-assistant"),
        ("bash\nCopy code\npip install -r requirements.txt", "chat-assistant"),
        ("yaml\nCopy\nEdit\nseed: 42", "chat-assistant"),
        ("Download the data [link](link).", "[link](link)"),
        ("See the [report](https://example.com/report).", "[link](link)"),
        ("A short description of your machine learning project.", "template instruction"),
        ("git clone <repository-url>", "<your-"),
        ("Give an overview of the dataset, including its size and its target.", "template instruction"),
        ("- Discuss the performance of each model, e.g. precision and recall.", "template instruction"),
        ("Approach: briefly describe the modelling approach you chose.", "template instruction"),
        ("**Wrap up with a brief conclusion** and next steps.", "template instruction"),
    ],
)
def test_residue_is_found(text: str, kind: str) -> None:
    [hit] = find_placeholders("# Churn model\n\n" + text)
    assert kind in hit.kind


@pytest.mark.parametrize(
    "text",
    [
        "We describe the churn drivers in the notebook, including tenure and contract type.",  # not imperative
        "Provide the path to your CSV with `--data`, e.g. `--data loans.csv`.",  # usage, no write-up noun
        "Explain predictions with SHAP values for each customer.",  # a feature, no template wording
        "The summary below gives the results of each model, including the baseline.",
        "Copy the trained model to models/ and edit params.toml to change the threshold.",
        "In this part we describe the data: 5,000 loans from 2021.",
        "Next, I will explain the model and its threshold.",
    ],
)
def test_author_text_with_instruction_words_is_not_residue(text: str) -> None:
    assert find_placeholders("# Churn model\n\n" + text) == []


def test_guidance_comments_in_docs_markdown_are_reported(tmp_path: Path) -> None:
    project = build_project(tmp_path / "project")
    build_tree(project, {"docs/data_card.md": "# Data card\n\n<!-- portfolio:guide\nSay who collected it.\n-->\n"})
    findings = [f for f in check_project(project).findings if f.check == "placeholders"]
    assert [(f.file, f.line) for f in findings] == [("docs/data_card.md", 3)]


def test_not_an_ml_project_is_one_finding(tmp_path: Path) -> None:
    build_tree(
        tmp_path,
        {
            "README.md": "# dotfiles\n\nMy shell, editor and git settings. Run `./install.sh` to "
            "link them into your home folder.\n\n## Overview\n\nZsh with a small prompt.\n",
            "install.sh": "ln -s ...\n",
        },
    )
    report = check_project(tmp_path)
    checks = [finding.check for finding in report.findings]
    assert "project.ml" in checks and not [c for c in checks if c.startswith(("section.", "problem.", "data."))]
    assert report.score < 20


def test_deeply_nested_metrics_json_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    project = build_project(tmp_path / "project")
    (project / "reports" / "metrics.json").write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    report = check_project(project)
    [finding] = [f for f in report.findings if f.check == "metrics.consistent"]
    assert "nested too deeply" in finding.message or "not a JSON object" in finding.message
    assert load_metrics_json('{"a": {"b": {"rmse": 2}}}') == {"rmse": 2.0}


def test_many_headings_are_read_in_order() -> None:
    source = "# T\n\n" + "".join(f"## Heading {i}\n\nText {i}.\n\n" for i in range(2_000))
    doc = parse_markdown(source)
    assert len(doc.sections) == 2_001
    assert [b.text for b in doc.sections[-1].blocks if b.kind == "prose"] == ["Text 1999."]


@pytest.mark.parametrize(
    ("first", "second", "expected"), [("prose", "table", "Results"), ("table", "prose", "Metrics")]
)
def test_content_decides_between_two_headings_that_name_the_same_section(
    first: str, second: str, expected: str
) -> None:
    """Content is read only where it can change the outcome (``_content_needed``): two written headings that
    name the results equally are told apart by their content (a short table has too few words to be judged)."""
    texts = {
        "table": "| Metric | Value |\n|---|---|\n| Accuracy | 0.93 |\n| F1 | 0.91 |",
        "prose": "The results were discussed with the team over several weeks: the forest reached an accuracy "
        "of 0.94 on the held-out test set.",
    }
    source = f"# Churn\n\n## Results\n\n{texts[first]}\n\n## Metrics\n\n{texts[second]}\n"
    located = find_sections(parse_markdown(source), [], load_rubric())
    assert located["metrics"].hit.heading == expected
