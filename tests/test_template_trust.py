"""A third-party template is untrusted input: the four ways around ``--trust`` stay closed.

Each test builds a hostile template in a temporary folder and asserts that nothing ran, nothing
was written outside the project and no secret reached the project, under ``new``, ``show`` and
``catalog validate``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.vcs import commit_changes, git_run
from tests.helpers import AUTHOR, build_tree, git, run_cli

ENTRY = (
    'title = "Hostile"\nsummary = "A template found online."\nlevel = "advanced"\nskills = ["pandas"]\n'
    'metrics = ["mae"]\ntopics = ["bootcamp"]\ndataset = { name = "D", source = "S", licence = "CC0" }\n'
)
SLUG = "{{cookiecutter.project_slug}}"
EXTENSION = "from jinja2.ext import Extension\n\n\nclass Boom(Extension):\n    pass\n"


def catalog(root: Path, engine: str, files: dict[str, str | bytes], directory: str = "tpl") -> Path:
    """A one-entry catalog ``evil`` whose template is ``files`` under ``root/tpl``."""
    build_tree(root, {f"tpl/{name}": text for name, text in files.items()})
    entry = f'id = "evil"\n{ENTRY}template = {{ engine = "{engine}", path = "{directory}" }}\n'
    build_tree(root, {"project_catalog/evil.toml": entry})
    return root


def cookiecutter_files(context: dict, files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    return {"cookiecutter.json": json.dumps({"project_name": "X", "project_slug": "x", **context}), **files}


def new(root: Path, destination: Path, *extra: str):
    return run_cli(["--catalog", str(root), "new", "evil", str(destination), "--defaults", "--author", AUTHOR, *extra])


def every_file(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def assert_refused(result, *words: str) -> None:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr


# -- 1. file names that climb out of the project ---------------------------------------------------
@pytest.mark.parametrize(
    ("command", "source"), [("new", "default"), ("new", "data"), ("show", "default"), ("validate", "default")]
)
def test_cookiecutter_names_never_climb_out(tmp_path: Path, command: str, source: str) -> None:
    work = tmp_path / "a" / "b" / "c" / "d"
    evil = "../../../../../../../victim" if source == "default" else "harmless"
    root = catalog(
        work / "cat",
        "cookiecutter",
        cookiecutter_files(
            {"evil": evil}, {f"{SLUG}/{{{{cookiecutter.evil}}}}.txt": "owned\n", f"{SLUG}/README.md": "# x\n"}
        ),
    )
    before = every_file(tmp_path)
    data = ["--data", "evil=../../../../../../../victim"] if source == "data" else []
    if command == "new":
        result = new(root, work / "p", *data)
        assert_refused(result, "outside the project")
        assert not (work / "p").exists()
    elif command == "show":
        result = run_cli(["--catalog", str(root), "show", "evil"])
        assert_refused(result, "outside the project")
    else:
        result = run_cli(["catalog", "validate", str(root)])
        assert result.exit_code == 1 and "outside the project" in result.stdout
    assert every_file(tmp_path) == before  # nothing written anywhere, no staging folder left
    assert not list(tmp_path.rglob("victim*")) and not Path("/victim.txt").exists()


# -- 2. VCS metadata shipped by a template ---------------------------------------------------------
def hostile_git_folder(marker: Path) -> dict[str, str]:
    command = f"touch {marker}; false"
    return {
        ".git/config": f"[core]\n\tfsmonitor = {command}\n\thooksPath = .git/hooks\n",
        ".git/hooks/pre-commit": f"#!/bin/sh\ntouch {marker}\n",
        ".git/HEAD": "ref: refs/heads/main\n",
        ".hg/hgrc": "[hooks]\n",
    }


def test_copier_template_cannot_ship_its_git_folder(tmp_path: Path) -> None:
    marker = tmp_path / "FSMONITOR_RAN"
    files = {
        "copier.yml": "_exclude: []\nproject_name:\n  type: str\n  default: X\n",
        "README.md.jinja": "# {{ project_name }}\n",
        **hostile_git_folder(marker),
    }
    root = catalog(tmp_path / "cat", "copier", files)
    os.chmod(root / "tpl/.git/hooks/pre-commit", 0o755)
    result = new(root, tmp_path / "p")
    assert result.exit_code == 0, result.stderr
    project = tmp_path / "p"
    assert not (project / ".hg").exists()
    assert "fsmonitor" not in (project / ".git" / "config").read_text()
    (project / "README.md").write_text("# changed\n")
    git(project, "status")  # the student's own git, later: nothing of the template's runs either
    assert not marker.exists()


def test_cookiecutter_template_cannot_ship_vcs_metadata(tmp_path: Path) -> None:
    marker = tmp_path / "FSMONITOR_RAN"
    files = {f"{SLUG}/{name}": text for name, text in hostile_git_folder(marker).items()}
    root = catalog(tmp_path / "cat", "cookiecutter", cookiecutter_files({}, {**files, f"{SLUG}/README.md": "# x\n"}))
    assert_refused(new(root, tmp_path / "p"), "version-control metadata")
    assert not (tmp_path / "p").exists() and not marker.exists()


def test_our_git_ignores_a_repository_config_that_runs_commands(tmp_path: Path) -> None:
    marker = tmp_path / "RAN"
    project = build_tree(tmp_path / "p", {"a.txt": "a\n"})
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "core.fsmonitor", f"touch {marker}; false")
    hooks = build_tree(tmp_path / "hooks", {"pre-commit": f"#!/bin/sh\ntouch {marker}\n"})
    os.chmod(hooks / "pre-commit", 0o755)
    git(project, "config", "core.hooksPath", str(hooks))
    assert commit_changes(project, "first")
    assert git_run(["status", "--porcelain"], cwd=project) == ""
    assert not marker.exists()


# -- 3. inert previews import no extension ----------------------------------------------------------
@pytest.mark.parametrize("command", ["show", "validate", "new"])
def test_previews_never_import_cookiecutter_extensions(tmp_path: Path, command: str) -> None:
    marker = tmp_path / "IMPORTED"
    root = catalog(
        tmp_path / "cat",
        "cookiecutter",
        cookiecutter_files(
            {"_extensions": ["evil_ext.Boom"]},
            {
                "evil_ext.py": f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n{EXTENSION}",
                f"{SLUG}/README.md": "# x\n",
            },
        ),
    )
    if command == "show":
        assert_refused(run_cli(["--catalog", str(root), "show", "evil"]), "extensions")
    elif command == "validate":
        result = run_cli(["catalog", "validate", str(root)])
        assert result.exit_code == 0 and "extensions" in result.stderr  # a note: not rendered
    else:
        assert_refused(new(root, tmp_path / "p"), "--trust")
    assert not marker.exists()


def test_a_trusted_catalog_may_preview_with_its_extensions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "IMPORTED"
    root = catalog(
        tmp_path / "cat",
        "cookiecutter",
        cookiecutter_files(
            {"_extensions": ["evil_ext_trusted.Boom"]},
            {
                "evil_ext_trusted.py": f"import pathlib\npathlib.Path({str(marker)!r}).write_text('x')\n{EXTENSION}",
                f"{SLUG}/README.md": "# x\n",
            },
        ),
    )
    monkeypatch.setenv("PORTFOLIO_TRUSTED_CATALOGS", str(root))
    result = run_cli(["--catalog", str(root), "show", "evil", "--json"])
    assert result.exit_code == 0, result.stderr
    assert marker.exists()


# -- 4. symbolic links that leave the template -----------------------------------------------------
@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
@pytest.mark.parametrize("command", ["new", "cohort", "show", "validate"])
def test_links_out_of_the_template_are_refused(tmp_path: Path, engine: str, command: str) -> None:
    secret = build_tree(tmp_path / "home" / ".ssh", {"id_rsa": "-----BEGIN SECRET KEY-----\n"}) / "id_rsa"
    if engine == "cookiecutter":
        root = catalog(tmp_path / "cat", engine, cookiecutter_files({}, {f"{SLUG}/README.md": "# x\n"}))
        link = root / "tpl" / SLUG / "id_rsa"
    else:
        root = catalog(
            tmp_path / "cat",
            engine,
            {"copier.yml": "project_name:\n  type: str\n  default: X\n", "README.md.jinja": "# {{ project_name }}\n"},
        )
        link = root / "tpl" / "id_rsa"
    link.symlink_to(secret)
    if command == "new":
        result = new(root, tmp_path / "p")
        assert_refused(result, "link")
        assert not (tmp_path / "p").exists()
    elif command == "cohort":  # the class's one template is checked once, before any student's render
        roster = build_tree(tmp_path, {"roster.csv": "name\nAna\nBo\n"}) / "roster.csv"
        command_line = ["--catalog", str(root), "cohort", "new", str(roster), "--type", "evil"]
        result = run_cli([*command_line, "--dest", str(tmp_path / "class"), "--author", AUTHOR, "--quiet"])
        assert_refused(result, "link")
        assert not (tmp_path / "class").exists() or not any((tmp_path / "class").iterdir())
    elif command == "show":
        assert_refused(run_cli(["--catalog", str(root), "show", "evil", "--json"]), "link")
    else:
        result = run_cli(["catalog", "validate", str(root)])
        assert result.exit_code == 1 and "link" in result.stdout
    leaked = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and p != secret and not p.is_symlink() and "SECRET KEY" in p.read_text(errors="replace")
    ]
    assert leaked == []


def test_links_inside_the_template_are_fine(tmp_path: Path) -> None:
    root = catalog(
        tmp_path / "cat",
        "cookiecutter",
        cookiecutter_files({}, {f"{SLUG}/README.md": "# x\n", f"{SLUG}/docs/notes.md": "notes\n"}),
    )
    (root / "tpl" / SLUG / "NOTES.md").symlink_to("docs/notes.md")
    result = new(root, tmp_path / "p")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "p" / "NOTES.md").read_text() == "notes\n"


# -- 5. Jinja that reaches Python (cookiecutter's environment is not sandboxed) ---------------------
def test_untrusted_cookiecutter_jinja_runs_sandboxed(tmp_path: Path) -> None:
    marker = tmp_path / "SSTI_RAN"
    payload = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
    root = catalog(tmp_path / "cat", "cookiecutter", cookiecutter_files({}, {f"{SLUG}/README.md": payload}))
    assert_refused(new(root, tmp_path / "p"), "rendering")
    assert_refused(run_cli(["--catalog", str(root), "show", "evil"]), "rendering")
    assert not marker.exists() and not (tmp_path / "p").exists()


def test_publish_runs_none_of_the_repository_s_own_commands(tmp_path: Path, github_server) -> None:
    from generator.github.plan import PublishOptions
    from generator.github.publish import publish_project

    marker = tmp_path / "RAN"
    project = build_tree(tmp_path / "p", {"README.md": "# P\n"})
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "first")
    git(project, "config", "core.fsmonitor", f"touch {marker}; false")
    hook = build_tree(project / ".git" / "hooks", {"pre-push": f"#!/bin/sh\ntouch {marker}\n"}) / "pre-push"
    os.chmod(hook, 0o755)
    result = publish_project(
        project, PublishOptions(token=github_server.token, api_url=github_server.api_url, write_pause=0)
    )
    assert result.pushed_commit and not marker.exists()
