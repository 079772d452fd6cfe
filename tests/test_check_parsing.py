"""The building blocks: Markdown/RST sections, placeholders, metric values, notebooks."""

from __future__ import annotations

import json

import pytest

from generator.check.markdown_doc import parse_markdown
from generator.check.metrics_json import load_metrics_json
from generator.check.metrics_text import from_text, metric_id, parse_number
from generator.check.notebooks import read_notebook
from generator.check.placeholders import find_placeholders
from generator.check.rst_doc import parse_rst


def _headings(source: str) -> list[tuple[str, int, str]]:
    return [(h.text, h.level, h.kind) for h in parse_markdown(source).headings]


def test_atx_and_setext_headings_with_levels_and_lines() -> None:
    doc = parse_markdown("Title\n=====\n\ntext\n\nSub\n---\n\n### Deep ###\n\n```\n# not a heading\n```\n")
    assert [(h.text, h.level, h.line, h.kind) for h in doc.headings] == [
        ("Title", 1, 1, "setext"),
        ("Sub", 2, 6, "setext"),
        ("Deep", 3, 9, "atx"),
    ]
    assert doc.title == "Title"


def test_section_runs_until_a_heading_of_the_same_or_higher_level() -> None:
    doc = parse_markdown("# T\n\n## Data\n\nintro\n\n### Source\n\nlink\n\n## Method\n\nmodel\n")
    data = next(s for s in doc.sections if s.heading and s.heading.text == "Data")
    assert data.prose() == "intro\nlink"
    source = next(s for s in doc.sections if s.heading and s.heading.text == "Source")
    assert source.prose() == "link"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**Data**\nWe used the UCI data.", [("Data", 7, "pseudo")]),
        ("**Results:** accuracy 0.9", [("Results", 7, "pseudo")]),
        ("📊 Results\nIt went well.", [("📊 Results", 7, "pseudo")]),
        ("**Note that this long bold sentence is emphasis and not a heading at all.**", []),
        ("Some **bold** words in a sentence.", []),
        ("- **Data:** in a list item", []),
        ("🚀 We trained a model and it worked.", []),
    ],
)
def test_pseudo_headings(source: str, expected: list[tuple[str, int, str]]) -> None:
    assert _headings(source) == expected


def test_bold_label_keeps_the_rest_of_the_paragraph_as_content() -> None:
    doc = parse_markdown("**Results:** accuracy 0.93 on the test set.\n")
    [section] = [s for s in doc.sections if s.heading]
    assert section.prose() == "accuracy 0.93 on the test set."


def test_links_images_tables_and_comments() -> None:
    doc = parse_markdown(
        'See [data](https://x.org/d).\n\n![plot](fig/a.png)\n\n<img src="fig/b.png">\n\n'
        "| Metric | Value |\n|---|---|\n| F1 | 0.8 |\n\n<!-- hidden -->\n"
    )
    assert [link.target for link in doc.links] == ["https://x.org/d"]
    assert [(image.target, image.line) for image in doc.images] == [("fig/a.png", 3), ("fig/b.png", 5)]
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.rows == [["Metric", "Value"], ["F1", "0.8"]] and table.row_lines == [7, 9]
    assert any(b.kind == "html" and "hidden" in b.text for b in doc.blocks)


def test_inline_html_on_its_own_line_does_not_swallow_the_heading_under_it() -> None:
    # An anchor or bold tag on a line is text (CommonMark): the heading below is a heading, as GitHub shows it.
    doc = parse_markdown(
        '# Loans\n\n<a name="data"></a>\n## Data\n5,000 loans from the 2021 book.\n\n'
        "<b>Models</b>\n- a logistic regression\n\n<div>\n## Method\n</div>\n\n"
        '<img src="fig/banner.png" width="600">\n## Results\nF1 0.81 on the held-out loans.\n'
    )
    assert [(h.text, h.line) for h in doc.headings] == [
        ("Loans", 1), ("Data", 4), ("Models", 7), ("Method", 11), ("Results", 15)
    ]  # fmt: skip
    assert [b.text for b in doc.blocks if b.kind == "prose"] == [
        "5,000 loans from the 2021 book.", "a logistic regression", "F1 0.81 on the held-out loans."
    ]  # fmt: skip
    # Under a block tag or a lone tag, GitHub shows "## Method" as text: said, and still read as meant.
    assert [line for line, message in doc.formatting if "blank line above" in message] == [11, 15]
    assert [image.target for image in doc.images] == ["fig/banner.png"]


def test_rst_titles_literal_blocks_links_and_images() -> None:
    doc = parse_rst(
        "=====\nTitle\n=====\n\nData\n----\n\nFrom `UCI <https://uci.edu>`_::\n\n    pip install x\n\n"
        ".. image:: fig.png\n\nMethod\n------\n\nForest.\n"
    )
    assert [(h.text, h.level) for h in doc.headings] == [("Title", 1), ("Data", 2), ("Method", 2)]
    assert [b.text for b in doc.blocks if b.kind == "code"] == ["pip install x"]
    assert [link.target for link in doc.links] == ["https://uci.edu"]
    assert [image.target for image in doc.images] == ["fig.png"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("<!-- portfolio:guide\nsay what\n-->", "guidance comment"),
        ("TODO: write this", "TODO"),
        ("Licence: TBD", "TBD"),
        ("Lorem ipsum dolor sit amet", "lorem ipsum"),
        ("Paste your number here", "paste your"),
        ("| Accuracy | X% |", "X%"),
        ("Accuracy: 0.XX", "X%"),
        ("# [Project Title]", "[Project Title]"),
        ("git clone https://github.com/yourusername/repo", "yourusername"),
        ("Clone <your-repo-url>", "<your-"),
        (">📋 Describe how to train the models", ">📋"),
        ("Do you want me to add badges?", "chat-assistant"),
        ("Let me know if you'd like a shorter version.", "chat-assistant"),
        ("| F1 | _run `make train`, then `portfolio sync`_ |", "portfolio sync"),
        ("| F1 | _run `make train`_ | _run `make train`_ |", "make train"),
        ("Source: _say where it comes from, with a link_.", "_say"),
    ],
)
def test_placeholders_are_found(line: str, kind: str) -> None:
    [hit] = find_placeholders("# Churn model\n\n" + line)
    assert kind in hit.kind or kind in hit.text
    assert hit.line == 3


@pytest.mark.parametrize(
    "line",
    [
        "We reached 95% accuracy on 10 XGBoost folds.",
        "TODOS were tracked in the issue tracker.",
        "Add your own CSV with --dataset.",
        "The model works on Texas housing data (Xu et al., 2020).",
        "<!-- a normal comment -->",
    ],
)
def test_ordinary_text_is_not_a_placeholder(line: str) -> None:
    assert find_placeholders(line) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We reached an accuracy of 0.93.", {"accuracy": 0.93}),
        ("F1 = 0.91, ROC AUC: 97.5%", {"f1": 0.91, "roc_auc": 0.975}),
        ("The model reached 88% recall.", {"recall": 0.88}),
        ("RMSE 3.2 and R² 0.71", {"rmse": 3.2, "r2": 0.71}),
        ("Accuracy\t0.95", {"accuracy": 0.95}),
        ("Model\tRMSE\tMAE\nForest\t0.56\t0.43", {"rmse": 0.56, "mae": 0.43}),
        ("Accuracy    0.8", {"accuracy": 0.8}),
        ("accuracy on 569 samples", {}),
        ("We trained in 2023 with 5 models.", {}),
    ],
)
def test_metric_values_in_prose_and_loose_tables(text: str, expected: dict[str, float]) -> None:
    found = {value.metric: value.value for value in from_text(text, 1)}
    assert found == pytest.approx(expected)


@pytest.mark.parametrize(
    ("name", "metric"),
    [
        ("ROC AUC", "roc_auc"),
        ("roc_auc", "roc_auc"),
        ("R²", "r2"),
        ("Macro F1", "macro_f1"),
        ("f1-score", "f1"),
        ("Davies-Bouldin", "davies_bouldin"),
        ("colour", None),
    ],
)
def test_metric_names(name: str, metric: str | None) -> None:
    assert metric_id(name) == metric


def test_numbers_keep_their_precision() -> None:
    assert parse_number("93.1%") == (pytest.approx(0.931), 3)
    assert parse_number("0,95") == (0.95, 2)
    assert parse_number("1,234.5") == (1234.5, 1)
    assert parse_number("n/a") is None
    assert parse_number("nan") is None


def test_metrics_json_is_flattened_and_validated() -> None:
    assert load_metrics_json(json.dumps({"test": {"ROC AUC": 0.9, "f1": 0.8}, "ok": True})) == {
        "roc_auc": 0.9,
        "f1": 0.8,
    }
    with pytest.raises(ValueError):
        load_metrics_json("[1, 2]")
    with pytest.raises(ValueError):
        load_metrics_json("{not json")


def test_notebook_cells_map_to_locations() -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "intro"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "source": "x = 1", "outputs": []},
        {"cell_type": "markdown", "metadata": {}, "source": "## Data\n\nfrom UCI"},
    ]
    info = read_notebook("nb.ipynb", json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": cells}))
    assert info.parsed and info.code_cells == 1 and info.cells_with_output == 0
    assert info.doc is not None
    data = next(h for h in info.doc.headings if h.text == "Data")
    assert info.doc.location(data.line) == "nb.ipynb cell 3"
    assert info.doc.file_line(data.line) is None
