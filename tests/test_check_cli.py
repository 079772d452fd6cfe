"""`portfolio check` on the command line: formats, output file, exit codes, several targets."""

from __future__ import annotations

import json
import tomllib
import unicodedata
from pathlib import Path

import pytest

from generator.check import check_project
from generator.check.rubric import DEFAULT_RUBRIC
from tests.check_project_builder import build_project
from tests.helpers import build_tree, run_cli, run_portfolio

REPORT_KEYS = {
    "target",
    "path",
    "title",
    "score",
    "grade",
    "passed",
    "passing_score",
    "rubric",
    "readme",
    "problem_summary",
    "sections",
    "metrics",
    "checks",
    "findings",
    "notes",
}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return build_project(tmp_path / "good")


@pytest.fixture
def weak(tmp_path: Path) -> Path:
    return build_tree(tmp_path / "weak", {"README.md": "# Weak\n\n## Problem\n\nTODO\n"})


def test_default_target_is_the_current_directory(good: Path) -> None:
    result = run_portfolio(["check"], cwd=good, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Diabetes progression (.): 100/100, grade A, pass" in result.stdout


def test_json_format_has_the_documented_schema(good: Path, weak: Path) -> None:
    result = run_cli(["check", str(good), str(weak), "--format", "json"])
    assert result.exit_code == 1  # weak is below the pass mark
    document = json.loads(result.stdout)
    assert document["schema"] == "portfolio-check/1"
    assert document["rubric"]["passing_score"] == 70
    assert document["errors"] == []
    first, second = document["projects"]
    assert set(first) == set(second) == REPORT_KEYS
    assert first["score"] == 100 and first["findings"] == []
    assert first["sections"]["problem"] == {
        "heading": "Problem",
        "where": "README.md:5",
        "filled": True,
        "words": 31,
        "found_by": "heading",
    }
    finding = next(f for f in second["findings"] if f["check"] == "placeholders")
    assert set(finding) == {"check", "message", "fix", "file", "line", "weight"}
    assert finding["file"] == "README.md" and finding["line"] == 5


def test_markdown_format_for_pull_requests(good: Path, weak: Path) -> None:
    result = run_cli(["check", str(good), str(weak), "-f", "markdown"])
    lines = result.stdout.splitlines()
    assert lines[0] == "## Documentation check"
    assert "| Diabetes progression | 100/100 | A | ✅ pass |" in result.stdout
    assert "### Weak: what to add" in result.stdout
    assert "| `placeholders` | README.md:5: a TODO marker: 'TODO' |" in result.stdout


def test_output_file(good: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = run_cli(["check", str(good), "--format", "markdown", "--output", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("## Documentation check")


def test_text_output_file_has_no_colour_codes(weak: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    run_cli(["check", str(weak), "-o", str(target)])
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "README.md:5: a TODO marker" in text


@pytest.mark.parametrize(("offset", "code"), [(None, 1), (0, 0), (1, 1)])
def test_the_pass_mark_sets_the_exit_code(good: Path, weak: Path, offset: int | None, code: int) -> None:
    """Linter convention: 1 when a project is below the pass mark (the rubric's, or --min-score), else 0."""
    args = ["check", str(good), str(weak), "-f", "json"]
    if offset is not None:
        args += ["--min-score", str(check_project(weak).score + offset)]
    result = run_cli(args)
    assert result.exit_code == code
    mark = json.loads(result.stdout)["projects"][1]["passing_score"]
    assert mark == (70 if offset is None else check_project(weak).score + offset)


def test_good_project_alone_exits_0(good: Path) -> None:
    assert run_cli(["check", str(good), "-f", "json"]).exit_code == 0


def test_several_targets_end_with_one_summary_table(good: Path, weak: Path) -> None:
    result = run_cli(["check", str(good), str(weak)])
    summary = result.stdout[result.stdout.index("Summary") :]
    assert str(good) in summary.replace("\n", "") or good.name in summary
    assert "100" in summary and "fail" in summary


@pytest.mark.parametrize("args", [["--format", "yaml"], ["--min-score", "101"], ["--rubric", "missing.toml"]])
def test_usage_errors_exit_2(good: Path, args: list[str]) -> None:
    result = run_cli(["check", str(good), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_show_rubric_prints_the_default_toml() -> None:
    result = run_cli(["check", "--show-rubric"])
    assert result.exit_code == 0
    assert result.stdout == DEFAULT_RUBRIC.read_text(encoding="utf-8")
    assert tomllib.loads(result.stdout)["passing_score"] == 70


def test_text_tables_line_up_in_terminal_columns_with_wide_headings(tmp_path: Path) -> None:
    """A Chinese heading takes two terminal columns a character: padding by characters would push the
    next column of that row two columns right per character."""
    readme = (
        "# 情感分析\n\nA sentiment classifier for short posts.\n\n"
        "## 数据集\n\nTwo thousand labelled posts from a public corpus.\n\n"
        "## Method\n\nA logistic regression on word counts.\n"
    )
    project = build_tree(tmp_path / "wide", {"README.md": readme})
    result = run_cli(["check", str(project)])
    rows = [line for line in result.stdout.splitlines() if "README.md:" in line and line.startswith("  ")]
    assert any("数据集" in row for row in rows) and len(rows) >= 2
    columns = {_display_width(row[: row.index("README.md:")]) for row in rows}
    assert len(columns) == 1, rows


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
