"""Answer assembly for ``portfolio new``: precedence of sources and names that follow DEST."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from generator.catalog.entries import load_catalog
from generator.errors import AnswerError, GitError
from generator.scaffold.assemble import AnswerSources, assemble_answers, title_from_folder
from generator.scaffold.render import template_config
from generator.vcs import Author
from tests.helpers import AUTHOR, run_cli

ADA = Author("Ada Learner", "ada@example.com")


@pytest.fixture(scope="module")
def classification():
    entry = load_catalog().get("classification")
    return entry, template_config(entry)


def assemble(classification, tmp_path: Path, **sources):
    entry, config = classification
    return assemble_answers(entry, config, AnswerSources(**sources), author=ADA, cwd=tmp_path)


@pytest.mark.parametrize(
    ("folder", "title"),
    [("churn-demo", "Churn demo"), ("house_prices", "House prices"), ("x", "X"), ("v2.model", "V2 model")],
)
def test_title_from_folder(folder: str, title: str):
    assert title_from_folder(folder) == title


def test_names_follow_dest(classification, tmp_path: Path):
    result = assemble(classification, tmp_path, destination=Path("churn-demo"))
    assert result.answers["project_name"] == "Churn demo"
    assert result.answers["repo_name"] == "churn-demo"
    assert result.destination == tmp_path / "churn-demo"
    assert not result.named_by_user


def test_a_given_name_wins_over_dest_and_dest_still_sets_the_folder(classification, tmp_path: Path):
    result = assemble(classification, tmp_path, destination=Path("out/x"), flags={"project_name": "Churn model"})
    assert result.answers["project_name"] == "Churn model"
    assert "repo_name" not in result.answers  # derived from the name at render time
    assert result.destination == tmp_path / "out" / "x"


def test_without_dest_the_folder_comes_from_the_name(classification, tmp_path: Path):
    result = assemble(classification, tmp_path, flags={"project_name": "Churn model"})
    assert result.destination == tmp_path / "churn-model"
    assert assemble(classification, tmp_path).answers["project_name"] == "Tabular classification"


def test_a_title_typed_where_dest_goes_becomes_the_title(classification, tmp_path: Path):
    result = assemble(classification, tmp_path, destination=Path("My Project!"))
    assert result.answers["project_name"] == "My Project!"
    assert result.destination == tmp_path / "my-project"
    assert "--name" in result.notices[0]


def test_precedence_file_then_data_then_flags(classification, tmp_path: Path):
    answers_file = tmp_path / "answers.yml"
    answers_file.write_text(yaml.safe_dump({"description": "from file", "license": "MIT"}), encoding="utf-8")
    result = assemble(
        classification,
        tmp_path,
        answers_file=answers_file,
        data=["description=from data", "license=Apache-2.0"],
        flags={"license": "BSD-3-Clause", "description": None},
    )
    assert result.answers["description"] == "from data"
    assert result.answers["license"] == "BSD-3-Clause"


def test_prompts_come_last_and_see_dest_as_the_suggested_name(classification, tmp_path: Path):
    seen = {}

    def prompt(config, answers, suggested):
        seen.update(suggested)
        return {**answers, "description": "typed"}

    entry, config = classification
    result = assemble_answers(
        entry, config, AnswerSources(destination=Path("churn-demo")), author=ADA, cwd=tmp_path, prompt=prompt
    )
    assert seen["project_name"] == "Churn demo"
    assert result.answers["description"] == "typed"


def test_bad_flag_values_are_refused_by_name(classification, tmp_path: Path):
    with pytest.raises(AnswerError, match="license"):
        assemble(classification, tmp_path, flags={"license": "GPL-9"})


@pytest.mark.slow
def test_cli_names_project_repo_and_package_after_dest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(["new", "classification", "churn-demo", "--defaults", "--author", AUTHOR])
    assert result.exit_code == 0, result.output
    answers = yaml.safe_load((tmp_path / "churn-demo" / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert (answers["project_name"], answers["repo_name"], answers["package_name"]) == (
        "Churn demo",
        "churn-demo",
        "churn_demo",
    )
    assert (tmp_path / "churn-demo" / "README.md").read_text(encoding="utf-8").startswith("# Churn demo")


@pytest.mark.slow
def test_cli_next_line_is_shell_quoted(tmp_path: Path):
    destination = tmp_path / "my projects" / "churn-demo"
    result = run_cli(["new", "classification", str(destination), "--defaults", "--author", AUTHOR])
    assert result.exit_code == 0, result.output
    next_line = next(line for line in result.output.splitlines() if line.startswith("Next: "))
    assert shlex.split(next_line)[2] == str(destination)


def test_the_author_typed_at_the_prompt_makes_the_first_commit(classification, tmp_path: Path):
    def prompt(config, answers, suggested):
        assert (suggested["author_name"], suggested["author_email"]) == (ADA.name, ADA.email)
        return {**answers, "author_name": "Grace Hopper", "author_email": "grace@example.com"}

    entry, config = classification
    result = assemble_answers(entry, config, AnswerSources(), author=ADA, cwd=tmp_path, prompt=prompt)
    assert result.author == Author("Grace Hopper", "grace@example.com")


def test_an_explicit_author_wins_over_answers_and_git(classification, tmp_path: Path):
    grace = Author("Grace Hopper", "grace@example.com")
    result = assemble(classification, tmp_path, author=grace, data=["author_name=Someone Else"])
    assert result.author == grace
    assert result.answers["author_name"] == "Someone Else"  # the README still says what was asked


def test_without_git_identity_the_answers_name_the_author(classification, tmp_path: Path):
    entry, config = classification
    sources = AnswerSources(data=["author_name=Grace Hopper", "author_email=grace@example.com"])
    result = assemble_answers(entry, config, sources, author=None, cwd=tmp_path)
    assert result.author == Author("Grace Hopper", "grace@example.com")
    with pytest.raises(GitError, match="no git author configured"):
        assemble_answers(entry, config, AnswerSources(), author=None, cwd=tmp_path)
