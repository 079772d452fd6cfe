"""The command line follows its ecosystem's conventions: help metavars, list layout, choices."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.catalog.entries import load_catalog
from generator.cli.commands import COMMANDS
from generator.errors import AnswerError
from generator.scaffold.answers import Question, coerce
from tests.helpers import run_cli, run_portfolio
from tests.test_catalog import VALID, catalog_with

# What Typer's plain help printed before: Python types in angle brackets, metavars bracketed twice.
PYTHON_TYPE = re.compile(r"<(?:str|int|float|bool|path|file|dir|list\[[^>]*\]|[a-z_]+ range|[a-z]+\|[^>]*)>")
DOUBLE_BRACKETS = re.compile(r"\[\[|\]\]|\{[A-Z]")


def command_paths() -> Iterator[list[str]]:
    """Every command and subcommand of the registry, as the words a person types before ``--help``."""
    yield []

    def walk(path: list[str], command) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk([*path, name], sub)

    for name, lazy in COMMANDS.items():
        yield from walk([name], lazy.load())


HELP_PATHS = list(command_paths())


def help_page(path: list[str]) -> str:
    result = run_cli([*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_walk_finds_the_subcommands():
    assert {"cohort new", "cohort check", "catalog validate", "new", "list"} <= {" ".join(p) for p in HELP_PATHS}


@pytest.mark.parametrize("path", HELP_PATHS, ids=lambda path: " ".join(path) or "portfolio")
def test_help_names_values_as_people_write_them(path: list[str]):
    page = help_page(path)
    assert PYTHON_TYPE.findall(page) == []
    assert DOUBLE_BRACKETS.findall(page) == []
    usage = page.splitlines()[0]
    assert usage.startswith("Usage: ") and "{" not in usage


@pytest.mark.parametrize(
    ("path", "fragments"),
    [
        ([], ["[OPTIONS] COMMAND [ARGS]...", "--catalog TEXT", "--catalog-mode [extend|replace]"]),
        (["new"], ["new [OPTIONS] [TYPE] [DEST]", "-d, --data KEY=VALUE", "--answers-file PATH", "-n, --name TEXT"]),
        (["show"], ["show [OPTIONS] TYPE\n"]),
        (["sync"], ["sync [OPTIONS] [PATH]\n"]),
        (["check"], ["check [OPTIONS] [TARGET]...", "-o, --output FILE"]),
        (["index"], ["index [OPTIONS] [TARGET]...", "--min-score INTEGER RANGE", "--write-pause SECONDS"]),
        (["cohort", "new"], ["-t, --type TEXT", "--dest PATH"]),
    ],
)
def test_help_metavars(path: list[str], fragments: list[str]):
    page = help_page(path)
    for fragment in fragments:
        assert fragment in page


def catalog_words() -> list[str]:
    """What `portfolio list` says of each type, in reading order."""
    return [
        " ".join(
            (
                entry.id,
                f"{entry.title} ({entry.level})",
                f"Skills: {', '.join(entry.skills)}",
                f"Data: {entry.dataset.name}",
            )
        )
        for entry in load_catalog()
    ]


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_list_in_a_pipe_never_breaks_a_word(columns: int):
    """Run as a shell pipe would (stdout not a terminal); a cut word would not survive the re-join."""
    result = run_portfolio(["list"], env={"COLUMNS": str(columns)}, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    rejoined = " ".join(result.stdout.split())
    for described in catalog_words():
        assert described in rejoined


def test_catalog_mode_ignores_case(tmp_path: Path):
    root = catalog_with(tmp_path, churn=VALID)
    result = run_cli(["--catalog", str(root), "--catalog-mode", "Replace", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert [entry["id"] for entry in json.loads(result.stdout)] == ["churn"]
    wrong = run_cli(["--catalog", str(root), "--catalog-mode", "sideways", "list"])
    assert wrong.exit_code == 2 and "sideways" in wrong.output


def test_check_format_ignores_case(tmp_path: Path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "README.md").write_text("# P\n\n## Problem\n\nTODO\n", encoding="utf-8")
    result = run_cli(["check", str(project), "--format", "JSON"])
    assert json.loads(result.stdout)["schema"] == "portfolio-check/1"


LICENCE = Question(name="license", type="str", choices=("MIT", "Apache-2.0", "BSD-3-Clause", "none"))


@pytest.mark.parametrize(("typed", "chosen"), [("mit", "MIT"), ("APACHE-2.0", "Apache-2.0"), ("None", "none")])
def test_choices_ignore_case(typed: str, chosen: str):
    assert coerce(LICENCE, typed, "--license") == chosen


def test_a_choice_that_is_not_one_still_fails():
    with pytest.raises(AnswerError, match=r"'GPL' is not one of MIT, Apache-2\.0"):
        coerce(LICENCE, "GPL", "--license")


def test_a_near_miss_is_named():
    with pytest.raises(AnswerError, match=r"did you mean 'Apache-2\.0'\?"):
        coerce(LICENCE, "apache2", "--license")
