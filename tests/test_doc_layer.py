"""The pieces under cookiecutter entries: finding review sections, mapping answers onto a template's keys."""

from __future__ import annotations

import pytest

from generator.scaffold.cookiecutter_engine import map_answers
from generator.scaffold.doc_layer import found_sections


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Title\n\n## Overview\n\ntext\n", {"problem"}),
        ("### Data Sources\n#### Our approach ####\n", {"data", "method"}),
        ("## Results and next steps\n", {"metrics", "outcome"}),
        ("```\n## Data\n```\n## Installation\n", set()),  # a heading inside a code block does not count
        ("Data\n====\n", set()),  # only ATX headings are read, as in the built-in templates
        ("## Metadata\n## Dataset\n", {"data"}),  # whole words: "Metadata" is not "data"
    ],
)
def test_found_sections(markdown: str, expected: set[str]):
    assert found_sections(markdown) == expected


def test_answers_go_only_to_keys_the_template_declares():
    context = {"project_name": "X", "full_name": "Y", "project_slug": "x", "use_docker": ["n", "y"]}
    answers = {
        "project_name": "Churn",
        "author_name": "Ada",
        "author_email": "a@x.org",
        "repo_name": "churn",
        "package_name": "churn",
        "use_docker": "y",
    }
    assert map_answers(answers, context) == {
        "project_name": "Churn",
        "full_name": "Ada",
        "project_slug": "churn",
        "use_docker": "y",
    }


@pytest.mark.parametrize(
    ("ours", "choices", "expected"),
    [
        ("MIT", ["MIT license", "BSD license", "Not open source"], "MIT license"),
        ("BSD-3-Clause", ["No license file", "MIT", "BSD-3-Clause"], "BSD-3-Clause"),
        ("Apache-2.0", ["MIT", "Apache Software License 2.0"], "Apache Software License 2.0"),
        ("none", ["MIT", "No license file"], "No license file"),
        ("Apache-2.0", ["MIT", "GPL-3.0"], None),  # no match: the template's own default stays
    ],
)
def test_licence_is_matched_to_the_templates_choices(ours: str, choices: list[str], expected: str | None):
    mapped = map_answers({"license": ours}, {"open_source_license": choices})
    assert mapped.get("open_source_license") == expected
