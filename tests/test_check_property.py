"""Property: whatever Markdown a learner writes, the checker reports on it and never crashes."""

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

WORDS = st.sampled_from([
    "Problem", "Data", "Results", "accuracy", "0.93", "F1", "=", "|", "\t", "**", "_", "`", "📊", "TODO",
    "[x](", ")", "![i](", "../../x.png", "/abs.png", "data:image/png;base64,xx", "<!--", "-->",
    "portfolio:guide", "<img src='a.png'>", "93%", "R²", "lorem ipsum", "é", "中文", "\\", "<", ">",
])
LINE = st.one_of(
    st.lists(WORDS, max_size=8).map(" ".join),
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 8), st.text(max_size=20)),
    st.sampled_from(["===", "---", "```", "```bash", "~~~", "    pip install x", "> quote", "- item",
                     "1. step", "|---|---|", "| a | b |", "Metric\tValue", "::", ".. image:: x.png",
                     "<!-- portfolio:guide", "<!-- portfolio:metrics:start -->", ""]),
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
