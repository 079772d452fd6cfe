"""The interactive ``portfolio new``, driven through a real pseudo-terminal as a person would.

``portfolio new`` without a type, on a terminal, asks by itself: the type from a list chosen
with the arrow keys (each with its level and summary), then the template's questions. The
project must equal the one the same answers given as flags make, and the author typed at the
prompt makes the first commit unless ``--author`` says otherwise.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from generator.catalog.entries import load_catalog
from tests.helpers import git, run_cli
from tests.test_new import tree

pytestmark = pytest.mark.slow  # a real terminal session waits for each screen: seconds per test

DOWN, ENTER, CLEAR_LINE = "\x1b[B", "\r", "\x15"
COLUMNS, ROWS = 100, 30

FLAGS = [
    "--name", "Heart Disease Risk",
    "--description", "Who needs a cardiology referral?",
    "--license", "Apache-2.0",
    "--data", "author_name=Grace Hopper",
    "--data", "author_email=grace@example.com",
    "--data", "github_owner=gracehopper",
    "--defaults",
]  # fmt: skip


class Terminal:
    """``portfolio new`` on a pseudo-terminal of COLUMNS x ROWS, read through a terminal emulator: ``screen``
    is what a person sees now. The emulator answers prompt_toolkit's cursor position requests as a
    real terminal does (unanswered, each prompt waits about 2 s, then draws without knowing)."""

    def __init__(self, cwd: Path, *args: str) -> None:
        self.child = pexpect.spawn(
            sys.executable, ["-m", "generator", "new", *args], cwd=str(cwd),
            env={**os.environ, "TERM": "xterm"}, dimensions=(ROWS, COLUMNS), encoding="utf-8", timeout=60,
        )  # fmt: skip
        self.display = pyte.Screen(COLUMNS, ROWS)
        self.display.write_process_input = self.child.send
        self.stream = pyte.Stream(self.display)

    @property
    def screen(self) -> str:
        return "\n".join(line.rstrip() for line in self.display.display)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"{text!r} never showed; the terminal shows:\n{self.screen[-1500:]}"
            try:
                self.stream.feed(self.child.read_nonblocking(4096, timeout=remaining))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise AssertionError(f"exited before {text!r}; the terminal shows:\n{self.screen[-1500:]}") from None

    def answer(self, question: str, keys: str) -> None:
        """Wait for ``question``, then type ``keys`` (over any suggested default)."""
        self.wait_for(question)
        self.child.send(keys)

    def finish(self) -> None:
        self.wait_for("Created")
        self.child.expect(pexpect.EOF, timeout=120)
        self.child.close()
        assert self.child.exitstatus == 0, self.screen[-1500:]


def flags_project(type_id: str, folder: Path) -> dict[str, bytes]:
    result = run_cli(["new", type_id, str(folder), *FLAGS])
    assert result.exit_code == 0, result.output
    return tree(folder)


def answer_the_template(session: Terminal) -> None:
    """The questions every built-in type asks, answered as FLAGS does."""
    session.answer("Project name", CLEAR_LINE + "Heart Disease Risk" + ENTER)
    session.answer("One-line description", CLEAR_LINE + "Who needs a cardiology referral?" + ENTER)
    session.answer("Your name", CLEAR_LINE + "Grace Hopper" + ENTER)
    session.answer("Your email", CLEAR_LINE + "grace@example.com" + ENTER)
    session.answer("Licence of the project", DOWN + ENTER)  # MIT is first: one down is Apache-2.0
    session.answer("GitHub user or organisation", "gracehopper" + ENTER)


def test_choose_a_type_with_the_arrow_keys_and_answer_the_questions(tmp_path: Path):
    types = list(load_catalog())
    regression = next(index for index, entry in enumerate(types) if entry.id == "regression")
    session = Terminal(tmp_path)
    session.wait_for("Project type")
    for entry in types:  # every type shows its level; the highlighted one its summary
        session.wait_for(f"{entry.id} - {entry.title} ({entry.level})")  # the menu may arrive in pieces
    session.wait_for(types[0].summary[:60])
    session.child.send(DOWN * regression)
    session.wait_for(types[regression].summary[:40])
    session.child.send(ENTER)
    answer_the_template(session)
    session.answer("Let CI fail", "n")
    session.finish()

    project = tmp_path / "heart-disease-risk"
    made, reference = tree(project), flags_project("regression", tmp_path / "reference" / "heart-disease-risk")
    answers = ".copier-answers.yml"  # compared parsed first, so a difference names the answer
    assert yaml.safe_load(made.pop(answers)) == yaml.safe_load(reference.pop(answers))
    assert made == reference
    assert git(project, "log", "--format=%an <%ae>") == "Grace Hopper <grace@example.com>"  # not git config's


def test_typing_filters_the_types_and_a_wrong_answer_is_asked_again(tmp_path: Path):
    session = Terminal(tmp_path, "--author", "Ada Learner <ada@example.com>")
    session.answer("Project type", "time")
    session.wait_for("timeseries - Time-series forecasting")
    session.child.send(ENTER)
    answer_the_template(session)
    session.answer("Let CI fail", "y")
    session.answer("Minimum documentation score", CLEAR_LINE + "eighty" + ENTER)
    session.wait_for("'eighty' is not a valid int")
    session.child.send(CLEAR_LINE + "70" + ENTER)
    session.finish()

    project = tmp_path / "heart-disease-risk"
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "project_type: timeseries" in answers and "docs_min_score: 70" in answers
    assert git(project, "log", "--format=%an <%ae>") == "Ada Learner <ada@example.com>"  # --author wins


def test_a_mistyped_type_names_the_closest(tmp_path: Path):
    result = run_cli(["new", "classifcation", str(tmp_path / "p"), "--defaults"])
    assert result.exit_code == 1
    assert "did you mean 'classification'" in result.stderr


def test_a_type_in_capitals_is_the_same_type(tmp_path: Path):
    result = run_cli(["new", "Regression", str(tmp_path / "p"), "--defaults", "--author", "Ada <ada@example.com>"])
    assert result.exit_code == 0, result.output
    assert "project_type: regression" in (tmp_path / "p" / ".copier-answers.yml").read_text(encoding="utf-8")
