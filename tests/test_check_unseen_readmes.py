"""Judgements that a survey of real READMEs check had never seen showed wrong (survey 19, issue 18).

Every text here is invented for the test: it has the shape of what real READMEs do, not their words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.metrics_text import from_text
from generator.check.placeholders import find_placeholders
from tests.check_project_builder import check_readme, check_result

WRITE_UP = """# Bike demand forecast

## Problem
The city bike operator must move bikes between docks overnight; we predict the next day's rentals per
dock so that the night crew knows where to take them.

## Data
Two years of hourly rentals (17,379 rows) from the city's open data portal, https://data.example.org/bikes.

## Method
A seasonal naive baseline, then gradient boosting with a time-based split on the last three months.

## Results
Gradient boosting reaches an RMSE of 41 rentals against 63 for the seasonal naive baseline.

## Outcome
The crew now plans its route from the forecast; the model misses the first warm weekend of spring.
"""


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
