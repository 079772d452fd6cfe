"""Start-up stays fast: `portfolio --help` and `portfolio list` do not import the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# (markdown_it is left out: Typer's rich help imports it for --help itself.)
HEAVY = ("copier", "git", "github", "nbclient", "nbformat", "cookiecutter", "sklearn", "yaml", "jinja2")

PROBE = """
import json, runpy, sys
sys.argv = ["portfolio", *{args!r}]
try:
    runpy.run_module("generator", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["list"], ["list", "--json"], ["--version"]])
def test_command_does_not_import_heavy_libraries(args: list[str]):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stderr.strip().splitlines()[-1])
    assert imported == []


LOADED_COMMANDS = """
import json, runpy, sys
sys.argv = ["portfolio", *{args!r}]
try:
    runpy.run_module("generator", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith("generator.commands."))), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--help"], []),
        (["new", "--help"], ["generator.commands.new_cmd", "generator.commands.options"]),
        (["cohort", "--help"], ["generator.commands.cohort_cmd", "generator.commands.options"]),
        (["sync", "--help"], ["generator.commands.sync_cmd"]),
    ],
)
def test_only_the_invoked_command_module_is_imported(args: list[str], loaded: list[str]):
    result = subprocess.run(
        [sys.executable, "-c", LOADED_COMMANDS.format(args=args)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stderr.strip().splitlines()[-1]) == loaded


def test_listed_summaries_are_the_commands_own_first_help_lines():
    """`portfolio --help` lists the registry's summaries; they must not drift from the commands."""
    from generator.commands import COMMANDS

    for name, lazy in COMMANDS.items():
        command = lazy.load()
        assert command.help is not None, name
        assert command.help.splitlines()[0] == lazy.summary, name
