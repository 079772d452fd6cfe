"""Start-up stays fast: help, list and version import no heavy library, and only the command that runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = {
    "copier",
    "git",
    "github",
    "requests",
    "nbclient",
    "nbformat",
    "cookiecutter",
    "sklearn",
    "yaml",
    "jinja2",
    "markdown_it",
    "rich",
    "generator.check",
    "generator.index",
}

PROBE = """
import json, runpy, sys
sys.argv = ["portfolio", *{args!r}]
try:
    runpy.run_module("generator", run_name="__main__")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_loaded_by(args: list[str]) -> set[str]:
    """The modules a fresh interpreter has imported after running ``portfolio ARGS``."""
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["--help"], set()),
        (["--version"], set()),
        (["list"], {"rich"}),  # its table
        (["list", "--json"], set()),
        (["check", "--help"], set()),
        (["index", "--help"], set()),
        (["publish", "--help"], set()),
        (["update", "--help"], set()),
        (["catalog", "--help"], set()),
        (["catalog", "validate", "--help"], set()),
        (["cohort", "--help"], set()),
        (["cohort", "new", "--help"], set()),
        (["cohort", "check", "--help"], set()),
        (["cohort", "update", "--help"], set()),
    ],
)
def test_command_does_not_import_heavy_libraries(args: list[str], allowed: set[str]):
    assert modules_loaded_by(args) & HEAVY <= allowed


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["--help"], []),
        (["new", "--help"], ["generator.cli.commands.new", "generator.cli.options"]),
        (["cohort", "--help"], ["generator.cli.commands.cohort", "generator.cli.options"]),
        (["sync", "--help"], ["generator.cli.commands.sync"]),
    ],
)
def test_only_the_invoked_command_module_is_imported(args: list[str], loaded: list[str]):
    loaded_now = modules_loaded_by(args)
    per_command = [m for m in loaded_now if m.startswith("generator.cli.commands.") or m == "generator.cli.options"]
    assert sorted(per_command) == loaded


def test_listed_summaries_are_the_commands_own_first_help_lines():
    """`portfolio --help` lists the registry's summaries; they must not drift from the commands."""
    from generator.cli.commands import COMMANDS

    for name, lazy in COMMANDS.items():
        command = lazy.load()
        assert command.help is not None, name
        assert command.help.splitlines()[0] == lazy.summary, name
