"""The interactive path gives the same project as the equivalent flags."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import run_cli
from tests.test_new import tree

FLAGS = [
    "--name",
    "Heart Disease Risk",
    "--description",
    "Who needs a cardiology referral?",
    "--license",
    "Apache-2.0",
    "--data",
    "author_name=Grace Hopper",
    "--data",
    "author_email=grace@example.com",
    "--data",
    "github_owner=gracehopper",
    "--defaults",
]
# Answers in the order asked: type, name, description, author, email, licence, owner, CI check.
ANSWERS = [
    "1",
    "Heart Disease Risk",
    "Who needs a cardiology referral?",
    "Grace Hopper",
    "grace@example.com",
    "Apache-2.0",
    "gracehopper",
    "n",
]


def flags_project(tmp_path: Path) -> dict[str, bytes]:
    result = run_cli(["new", "classification", str(tmp_path / "flags"), *FLAGS])
    assert result.exit_code == 0, result.output
    return tree(tmp_path / "flags")


def test_prompts_match_flags(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(["new", "--interactive"], input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "Choose a project type" in result.output
    assert tree(tmp_path / "heart-disease-risk") == flags_project(tmp_path)


def test_invalid_choice_is_asked_again(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = ["9", "classification", *ANSWERS[1:5], "GPL", "Apache-2.0", *ANSWERS[6:]]
    result = run_cli(["new", "--interactive"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'9' is not in the list" in result.output
    assert "not one of" in result.output
    assert tree(tmp_path / "heart-disease-risk") == flags_project(tmp_path)


def read_until(fd: int, text: str, timeout: float = 60) -> str:
    """Read from a pseudo-terminal until ``text`` shows up (the prompt a person would see)."""
    seen, deadline = b"", time.monotonic() + timeout
    while text.encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {text!r} on the terminal; saw: {seen.decode(errors='replace')[-800:]}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_real_terminal_session_matches_flags(tmp_path: Path):
    """Drive `portfolio new` through a pseudo-terminal: it detects the TTY and asks by itself."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "new"],
        cwd=tmp_path,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "COLUMNS": "120", "TERM": "dumb"},
        close_fds=True,
    )
    os.close(terminal)
    try:
        prompts = [
            "Type (number or id)",
            "Project name",
            "One-line description",
            "Your name",
            "Your email",
            "Licence of the project",
            "GitHub user or organisation",
            "Let CI fail",
        ]
        for prompt, answer in zip(prompts, ANSWERS, strict=True):
            read_until(controller, prompt)
            os.write(controller, answer.encode() + b"\r")
        read_until(controller, "Created")
        assert process.wait(timeout=120) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    assert tree(tmp_path / "heart-disease-risk") == flags_project(tmp_path / "ref")
