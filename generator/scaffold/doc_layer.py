"""Our documentation layer on top of a template that lacks it (a bootcamp's cookiecutter template).

Reviewers look for the README sections of the catalog entry (problem, data, method, metrics,
outcome) and a data card. A foreign template keeps its own files: review sections it lacks
are *appended* to its README, each with our guidance comment (and the metrics markers that
``portfolio sync`` fills), and ``docs/data_card.md`` is written only when missing. An entry with
``overwrite = true`` gets our README and data card instead of the template's.

The text comes from the built-in templates' shared macros, so guidance looks the same in every
project and ``portfolio check`` recognises it as a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.catalog.entries import CatalogEntry

# Headings that count as each review section (DESIGN.md's rubric v1), compared as lowercase words.
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "problem": (
        "problem",
        "problem statement",
        "overview",
        "motivation",
        "objective",
        "goal",
        "business problem",
        "introduction",
    ),
    "data": ("data", "dataset", "datasets", "data source", "data sources", "data description"),
    "method": ("method", "methods", "methodology", "approach", "model", "models", "modelling", "solution"),
    "metrics": ("metrics", "results", "evaluation", "performance"),
    "outcome": (
        "outcome",
        "outcomes",
        "conclusion",
        "conclusions",
        "impact",
        "business value",
        "key findings",
        "insights",
        "next steps",
    ),
}
TITLES = {
    "problem": "Problem",
    "data": "Data",
    "method": "Method",
    "metrics": "Metrics",
    "outcome": "Outcome",
}
GUIDES = {
    "problem": "What question does this project answer, for whom, and why does it matter? "
    "Say which mistakes would be costly.",
    "data": "Describe the data: where it comes from (with a link), its licence, what one row is, "
    "how many rows, and anything you noticed while exploring it.",
    "method": "Explain your modelling choices and why: features, models compared, tuning, "
    "and how you kept evaluation honest (no leakage).",
    "metrics": "Interpret the numbers: how much better than a simple baseline, which errors remain, "
    "how stable the scores are.",
    "outcome": "What did you learn, and what would you do next? Name the limitations and what the "
    "model must not be used for.",
}
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")

_SECTIONS_TEMPLATE = """\
{%- import "_common/macros.jinja" as m -%}
{%- for section in sections %}

## {{ titles[section] }}
{% if section == "data" %}
Suggested dataset: **{{ dataset.name }}** ({{ dataset.source }}; licence: {{ dataset.licence }}
{%- if dataset.url %}, <{{ dataset.url }}>{% endif %}). Details: [data card](docs/data_card.md).
{% endif %}
{%- if section == "metrics" %}
{{ m.metrics_table(metric_labels, how) }}
{% endif %}
{{ m.guide(guides[section]) }}
{%- endfor %}
"""

_DATA_CARD_TEMPLATE = """\
{%- import "_common/macros.jinja" as m -%}
# Data card: {{ dataset.name }}

Following the headings of *Datasheets for Datasets* (Gebru et al., 2021).
Source: {{ dataset.source }}{% if dataset.url %} (<{{ dataset.url }}>){% endif %}.
Licence: {{ dataset.licence }}.
{% for heading in headings %}
## {{ heading }}

{{ m.guide("Write the " ~ heading | lower ~ " of this dataset, in your own words.") }}
{% endfor -%}
"""
_DATA_CARD_HEADINGS = (
    "Motivation",
    "Composition",
    "Collection",
    "Preprocessing",
    "Uses",
    "Distribution",
    "Maintenance",
)


@dataclass(frozen=True)
class DocumentationAdded:
    """What the layer wrote: README sections appended (or the whole README) and the data card."""

    sections: tuple[str, ...]
    readme_written: bool
    data_card_written: bool


def found_sections(markdown: str) -> set[str]:
    """Review sections whose heading (any level, outside code blocks) is in ``markdown``."""
    found: set[str] = set()
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match is None:
            continue
        words = " ".join(re.sub(r"[^\w\s]", " ", match["text"].lower()).split())
        for section, synonyms in SECTION_HEADINGS.items():
            if any(re.search(rf"\b{re.escape(synonym)}\b", words) for synonym in synonyms):
                found.add(section)
    return found


def add_documentation(
    project: Path, entry: CatalogEntry, answers: dict[str, Any], *, overwrite: bool = False
) -> DocumentationAdded:
    """Add the review sections and the data card the project lacks (see the module docstring)."""
    readme = project / "README.md"
    wanted = [section for section in entry.sections if section in TITLES]
    write_readme = overwrite or not readme.is_file()
    if write_readme:
        title = answers.get("project_name") or entry.title
        description = answers.get("description") or entry.summary
        body = f"# {title}\n\n{description}\n"
        missing = wanted
    else:
        body = readme.read_text(encoding="utf-8")
        missing = [section for section in wanted if section not in found_sections(body)]
    if missing:
        addition = _render(_SECTIONS_TEMPLATE, entry, sections=missing, how=how_to_fill_metrics(project))
        readme.write_text(body.rstrip("\n") + "\n" + addition.rstrip("\n") + "\n", encoding="utf-8")
    elif write_readme:
        readme.write_text(body, encoding="utf-8")
    card = project / "docs" / "data_card.md"
    write_card = overwrite or not card.is_file()
    if write_card:
        card.parent.mkdir(parents=True, exist_ok=True)
        card.write_text(_render(_DATA_CARD_TEMPLATE, entry, headings=_DATA_CARD_HEADINGS), encoding="utf-8")
    return DocumentationAdded(tuple(missing), write_readme, write_card)


def has_make_target(project: Path, target: str) -> bool:
    """Whether the project's Makefile defines ``target`` (so telling a student to run it is true)."""
    makefile = project / "Makefile"
    if not makefile.is_file():
        return False
    pattern = re.compile(rf"^{re.escape(target)}\s*:", re.MULTILINE)
    return bool(pattern.search(makefile.read_text(encoding="utf-8", errors="replace")))


def how_to_fill_metrics(project: Path) -> str:
    """The metrics cell's hint: our ``make train`` + ``portfolio sync`` only where the template has it."""
    if has_make_target(project, "train"):
        return "run `make train`, then `portfolio sync`"
    return "your final model's value on the test set"


def _render(source: str, entry: CatalogEntry, **context: Any) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from generator.resources import builtin_templates_dir
    from generator.scaffold.sync import display_name

    environment = Environment(
        loader=FileSystemLoader(builtin_templates_dir()),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.from_string(source).render(
        titles=TITLES,
        guides=GUIDES,
        dataset=entry.dataset,
        metric_labels=[display_name(metric) for metric in entry.metrics],
        **context,
    )
