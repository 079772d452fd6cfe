"""The catalogue of checks: stable ids, what each asks, and the one-line fix (no logic here).

It sits below the rubric (which validates ``[checks]`` weights against these ids) and below the
check functions (which look their text up here), so neither imports the other. Each check has a
documentation anchor in the README's "Checking documentation" section (``docs_url``), which the
SARIF output gives code scanning as the rule's help link.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.resources import project_url

RUBRIC_ANCHOR = "#the-rubric-and-the-score"

METRICS_JSON = "reports/metrics.json"


@dataclass(frozen=True)
class Check:
    """A named, explained check; ``weight`` here is only its default in the rubric."""

    id: str
    explanation: str
    fix: str

    @property
    def docs_url(self) -> str | None:
        """Where the README explains this check (one anchor for the checks table)."""
        return docs_url()


def docs_url() -> str | None:
    """The README's checks table, on the project's page named in pyproject's ``[project.urls]``."""
    homepage = project_url("Documentation") or project_url("Homepage")
    return homepage.split("#", 1)[0] + RUBRIC_ANCHOR if homepage else None


def section_check(section_id: str, title: str, describe: str) -> Check:
    """The check that a rubric section is present and written."""
    return Check(
        f"section.{section_id}",
        f"The documentation has a written {title} section ({describe}).",
        f"Add a '## {title}' section: {describe}.",
    )


CHECKS: dict[str, Check] = {
    check.id: check
    for check in (
        Check(
            "readme.present",
            "The project has a readable README in its root.",
            "Add a README.md (UTF-8 text, under 1 MB) to the project root.",
        ),
        Check(
            "project.ml",
            "The README describes a machine-learning project (data, a model, results).",
            "portfolio check judges ML write-ups; describe the data, the model and its results, or skip this repo.",
        ),
        Check(
            "placeholders",
            "No template guidance, TODOs, stand-ins or chat-assistant text are left in the documentation.",
            "Replace each placeholder with your own words or numbers, or delete it.",
        ),
        Check(
            "readme.format",
            "The README renders as written (no paragraph turned into a heading by a '---' under it).",
            "Put a blank line between the paragraph and the '---' under it.",
        ),
        Check(
            "readme.headings",
            "Each section sits under a heading a reviewer recognises.",
            "Give the section a plain heading such as '## Method'.",
        ),
        Check(
            "problem.target",
            "The Problem says what is predicted, classified or found.",
            "Say what the model predicts (the target) in the Problem section, e.g. 'We predict whether …'.",
        ),
        Check(
            "problem.why",
            "The Problem says for whom it matters and why.",
            "Say who uses the prediction and what decision or cost it changes.",
        ),
        Check(
            "data.source",
            "The data description links to or cites where the data comes from.",
            "Add a link (or citation) to the dataset's source in the Data section.",
        ),
        Check(
            "data.size",
            "The data description gives its size (rows, samples, images, columns…).",
            "State how many rows/samples and features the data has, e.g. '7,043 customers, 21 columns'.",
        ),
        Check(
            "data.licence",
            "The data description states the data's licence or terms of use.",
            "Name the dataset's licence or terms of use (e.g. 'CC BY 4.0') in the Data section.",
        ),
        Check(
            "method.models",
            "The Method names the models tried.",
            "Name the models you trained (e.g. logistic regression, random forest, XGBoost).",
        ),
        Check(
            "method.validation",
            "The Method says how models were validated.",
            "Say how you validated: the train/test split, k-fold cross-validation or a time-based split.",
        ),
        Check(
            "method.baseline",
            "The Method or Metrics name a baseline to compare with.",
            "Add a simple baseline (majority class, mean, last value) and compare your model with it.",
        ),
        Check(
            "metrics.values",
            "Metric names appear with numbers in the README (numbers only in notebooks earn half).",
            "Add a | Metric | Value | table with your held-out results (`portfolio sync` writes it).",
        ),
        Check(
            "metrics.baseline",
            "The results compare the final model with a baseline.",
            "Add the baseline's numbers next to the final model's (a row per model in the metrics table).",
        ),
        Check(
            "metrics.consistent",
            f"Numbers in the README agree with {METRICS_JSON}.",
            f"Run `portfolio sync` (or copy the numbers from {METRICS_JSON}) so the README matches.",
        ),
        Check(
            "outcome.result",
            "The Outcome states a result.",
            "State the result in one sentence: which model won and by how much.",
        ),
        Check(
            "outcome.impact",
            "The Outcome says what the result means: a decision, a recommendation or impact.",
            "Say what someone should do with the result (a decision, a recommendation, its value).",
        ),
        Check(
            "outcome.limits",
            "The Outcome names a limitation or a next step.",
            "Name one limitation of the model and one next step.",
        ),
        Check(
            "text.specific",
            "Sections say specific things (numbers, names, examples), each in its own words.",
            "Replace stock sentences with specifics: numbers, names of data and models, examples.",
        ),
        Check(
            "text.filler",
            "No section padded with stock sentences ('The results were good and I learned a lot'; a third of "
            "its sentences or more) and no sentence copied from one part of the README into another.",
            "Delete the stock sentences, or replace each with a fact: a number, a name, an example.",
        ),
        Check(
            "text.plans",
            "The Method and Outcome say what was done and found, not what the project will do "
            "('will be evaluated', 'we will', 'aims to').",
            "Say what you did and what came of it: the models you trained, how you validated them, the scores "
            "they got.",
        ),
        Check(
            "explain.drivers",
            "The write-up explains what drives the predictions (feature importance, SHAP…).",
            "Add a feature-importance or SHAP figure and one sentence on what drives the predictions.",
        ),
        Check(
            "limits.slices",
            "The write-up shows where the model fails (per-segment metrics, error analysis).",
            "Add metrics per segment or a short error analysis: where does the model fail?",
        ),
        Check(
            "reproduce.commands",
            "A code block shows how to install and run the project.",
            "Add a ```bash block with the install command (pip install …) and the run command.",
        ),
        Check(
            "readme.images",
            "Every local image the README shows exists in the project.",
            "Commit the missing image or fix its path.",
        ),
        Check("project.licence", "The project has a licence file.", "Add a LICENSE file (e.g. MIT)."),
        Check(
            "project.dependencies",
            "The project declares its dependencies.",
            "Add requirements.txt or pyproject.toml listing what the code needs.",
        ),
        Check("project.tests", "The project has tests.", "Add a tests/ folder with at least one test."),
        Check(
            "notebooks.parse",
            "Every notebook is valid notebook JSON.",
            "Re-save the notebook from Jupyter (or fix the merge conflict inside it).",
        ),
        Check(
            "notebooks.outputs",
            "Notebooks carry outputs, so reviewers see results without running them.",
            "Run the notebook top to bottom and commit it with its outputs.",
        ),
        Check(
            "notebooks.errors",
            "No notebook shows an error output.",
            "Fix the failing cell and re-run the notebook, or clear that output.",
        ),
        Check(
            "files.readable",
            "Every file the checker needed could be read safely.",
            "Fix or remove the file: no binary/oversized README, no symlinks out of the project or in loops.",
        ),
    )
}

HYGIENE_CHECKS = frozenset(
    {
        "placeholders",
        "readme.format",
        "reproduce.commands",
        "readme.images",
        "project.licence",
        "project.dependencies",
        "project.tests",
        "notebooks.parse",
        "notebooks.outputs",
        "notebooks.errors",
        "files.readable",
        "metrics.consistent",
    }
)
"""Checks on the project around the write-up: they count in proportion to how much of the write-up is there."""

WORDED_CHECKS = frozenset(
    {
        "problem.target",
        "problem.why",
        "data.size",
        "data.licence",
        "method.validation",
        "outcome.impact",
        "outcome.limits",
        "text.filler",
        "text.plans",
        "explain.drivers",
        "limits.slices",
    }
)
"""Signals read from English words alone; in a README in another language they are not judged (a model's
name, a number, a link, a heading in a known language are read in any)."""
