"""The README's `portfolio check` examples are real: the rubric example loads, the JSON example has the
keys the command prints, and the checks table lists every check with its default weight."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.check import check_project, load_rubric
from generator.check.runner import all_checks
from tests.check_project_builder import build_project
from tests.helpers import run_cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Checking documentation: `portfolio check`") :]


def _block(after: str, language: str) -> str:
    start = SECTION.index(after)
    match = re.compile(rf"```{language}\n(.*?)```", re.DOTALL).search(SECTION, start)
    assert match, f"no {language} block after {after!r}"
    return match.group(1)


def test_rubric_example_is_a_valid_rubric(tmp_path: Path) -> None:
    path = tmp_path / "bootcamp.toml"
    path.write_text(_block("### Rubric files", "toml"), encoding="utf-8")
    rubric = load_rubric(path)
    assert rubric.passing_score == 80
    assert "ethics" in {rule.id for rule in rubric.sections}
    assert rubric.weights["project.tests"] == 0
    report = check_project(build_project(tmp_path / "project"), rubric)
    assert "section.method" not in {check.id for check in report.checks}


def test_json_example_has_the_printed_keys(tmp_path: Path) -> None:
    example = json.loads(_block("### JSON output", "json"))
    printed = json.loads(run_cli(["check", str(build_project(tmp_path / "p")), "-f", "json"]).stdout)
    assert set(example) == set(printed)
    assert set(example["projects"][0]) == set(printed["projects"][0])
    for key in ("sections", "checks", "findings"):
        documented = example["projects"][0][key]
        item = next(iter(documented.values())) if isinstance(documented, dict) else documented[0]
        actual = printed["projects"][0][key]
        real = next(iter(actual.values())) if isinstance(actual, dict) else actual[0] if actual else None
        if real is not None:
            assert set(item) == set(real)
    assert set(example["projects"][0]["findings"][0]) == {"check", "message", "fix", "file", "line", "weight"}


def test_checks_table_lists_every_check_with_its_weight() -> None:
    rows = dict(re.findall(r"^\| `([\w.]+)` \| (\d+) \|", SECTION, re.MULTILINE))
    expected = {check.id: str(weight) for check, weight, _ in all_checks(load_rubric())}
    assert rows == expected
