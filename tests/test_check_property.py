"""Property: whatever Markdown, notebook or metrics file a project holds, the checker reports on it and
never crashes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_project, load_rubric
from generator.check.markdown_doc import parse_markdown
from generator.check.report import render
from generator.check.rst_doc import parse_rst

WORDS = st.sampled_from(
    [
        "Problem",
        "Data",
        "Results",
        "accuracy",
        "0.93",
        "F1",
        "=",
        "|",
        "\t",
        "**",
        "_",
        "`",
        "📊",
        "TODO",
        "[x](",
        ")",
        "![i](",
        "../../x.png",
        "/abs.png",
        "data:image/png;base64,xx",
        "<!--",
        "-->",
        "portfolio:guide",
        "<img src='a.png'>",
        "93%",
        "R²",
        "lorem ipsum",
        "é",
        "中文",
        "\\",
        "<",
        ">",
        "1️⃣",
        "DATASET",
        "Dataset:",
        "$R^2$",
        "<table>",
        "<tr>",
        "<td>0.9</td>",
        "baseline",
        "final",
        "[link](link)",
        "Below is a README",
        "Logistic Regression:",
        "CV/Public/Private",
        "0.7 / 0.8",
        "\u00a0",
        "**Results:**",
    ]
)
LINE = st.one_of(
    st.lists(WORDS, max_size=8).map(" ".join),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 8), st.text(max_size=20)),
    st.sampled_from(
        [
            "===",
            "---",
            "```",
            "```bash",
            "~~~",
            "    pip install x",
            "> quote",
            "- item",
            "#H1",
            "##",
            "<h2>Data</h2>",
            "<!--",
            "-->",
            "<table><tr><td>F1</td><td>0.5</td></tr>",
            "  ---- ----",
            "1. step",
            "|---|---|",
            "| a | b |",
            "Metric\tValue",
            "::",
            ".. image:: x.png",
            "<!-- portfolio:guide",
            "<!-- portfolio:metrics:start -->",
            "",
        ]
    ),
    st.text(max_size=40),
)
MARKDOWN = st.lists(LINE, max_size=40).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(SETTINGS, max_examples=80)
@given(MARKDOWN)
def test_random_markdown_never_crashes_the_checker(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "README.md").write_text(source, encoding="utf-8", errors="surrogatepass")
        report = check_project(root)
    assert 0 <= report.score <= 100
    assert all(finding.fix and finding.check for finding in report.findings)
    json.dumps(report.to_dict())
    for fmt in ("json", "markdown", "sarif", "text"):
        assert render([report], [], load_rubric(), fmt, color=False)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_parses_as_markdown_and_rst(source: str) -> None:
    for doc in (parse_markdown(source), parse_rst(source)):
        for section in doc.sections:
            assert section.lines()
        assert all(heading.line >= 1 for heading in doc.headings)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)
OUTPUT = st.fixed_dictionaries(
    {
        "output_type": st.sampled_from(["stream", "execute_result", "error", "display_data"]),
        "text": st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=3)),
    }
)
CELL = st.fixed_dictionaries(
    {
        "cell_type": st.sampled_from(["markdown", "code", "raw", "bogus"]),
        "source": st.one_of(MARKDOWN, st.lists(LINE, max_size=4)),
        "metadata": st.just({}),
        "outputs": st.lists(OUTPUT, max_size=3),
    }
)
NOTEBOOK = st.one_of(
    st.builds(
        lambda cells, version: json.dumps({"nbformat": version, "nbformat_minor": 5, "metadata": {}, "cells": cells}),
        st.lists(CELL, max_size=5),
        st.integers(2, 5),
    ),
    JSON_VALUE.map(json.dumps),
    st.text(max_size=200),
)
METRICS = st.one_of(
    JSON_VALUE.map(json.dumps),
    st.text(max_size=100),
    st.integers(1, 50_000).map(lambda depth: '{"a":' * depth + "1" + "}" * depth),
)


@settings(SETTINGS, max_examples=60)
@given(MARKDOWN, NOTEBOOK, METRICS)
def test_any_notebook_and_metrics_file_never_crash_the_checker(readme: str, notebook: str, metrics: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "README.md").write_text(readme, encoding="utf-8", errors="surrogatepass")
        (root / "notebooks").mkdir()
        (root / "notebooks" / "analysis.ipynb").write_text(notebook, encoding="utf-8", errors="surrogatepass")
        (root / "reports").mkdir()
        (root / "reports" / "metrics.json").write_text(metrics, encoding="utf-8", errors="surrogatepass")
        report = check_project(root)
    assert 0 <= report.score <= 100
    json.dumps(report.to_dict())
