"""Bad-input corpus, local commands: a hostile template author and a clumsy user, command by command.

Each case is one command line; :func:`tests.bad_input.run_case` asserts the exit code, one line on
stderr, no traceback, nothing written outside the project and no token anywhere. The network
half (publish, cohort and index against a misbehaving GitHub) is in test_bad_network.py.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from generator.scaffold.versions import read_answers
from tests.bad_input import AUTHOR, Case, Workspace, make_workspace, run_case
from tests.helpers import git, git_init_commit, run_cli


@pytest.fixture
def workspace(tmp_path: Path, isolated_environment: Path) -> Workspace:
    return make_workspace(tmp_path, isolated_environment)


def new(*extra: str, dest: str = "proj", catalog: bool = True, type_id: str = "mini"):
    """``portfolio [--catalog mini] new TYPE ws/DEST --defaults --author A *extra``."""

    def argv(w: Workspace) -> list[str]:
        head = ["--catalog", str(w.catalog)] if catalog else []
        return [*head, "new", type_id, w.path(dest), "--defaults", "--author", AUTHOR, *extra]

    return argv


def cohort_new(*extra: str, roster: str = "r.csv", dest: str = "class"):
    """``portfolio --catalog mini cohort new --type mini ws/ROSTER --dest ws/DEST --author A *extra``."""

    def argv(w: Workspace) -> list[str]:
        return [
            "--catalog",
            str(w.catalog),
            "cohort",
            "new",
            "--type",
            "mini",
            w.path(roster),
            "--dest",
            w.path(dest),
            "--author",
            AUTHOR,
            *extra,
        ]

    return argv


def with_file(relative: str, content: str | bytes):
    return lambda w: w.write(relative, content)


def csv_rows(rows: int, *, classes: int = 2, target: str = "y", value=None) -> str:
    lines = [f"x,{target}"]
    for i in range(rows):
        label = value(i) if value else f"c{i % classes}"
        lines.append(f"{i},{label}")
    return "\n".join(lines) + "\n"


def dataset(content: str | bytes, *extra: str, type_id: str = "mini"):
    return new("--dataset", "{data}", "--target", "y", *extra, type_id=type_id), with_file("data.csv", content)


def _dataset_case(id: str, content: str | bytes, expect: str, type_id: str = "mini") -> Case:
    argv, setup = dataset(content, type_id=type_id)
    return Case(id, lambda w: [w.path("data.csv") if a == "{data}" else a for a in argv(w)], 1, expect, setup)


def plain_project(
    w: Workspace, name: str = "proj", metrics: str | None = '{"accuracy": 0.9}', readme: str | None = None
) -> Path:
    """A committed project with README markers and (optionally) reports/metrics.json."""
    root = w.ws / name
    text = (
        readme if readme is not None else ("# P\n\n<!-- portfolio:metrics:start -->\n<!-- portfolio:metrics:end -->\n")
    )
    w.write(f"{name}/README.md", text)
    if metrics is not None:
        w.write(f"{name}/reports/metrics.json", metrics)
    return git_init_commit(root)


def generated(w: Workspace, name: str = "proj") -> Path:
    """A project made by `new` from the mini catalog (a template store, a version)."""
    result = run_cli(
        ["--catalog", str(w.catalog), "new", "mini", w.path(name), "--defaults", "--author", AUTHOR], env=w.env
    )
    assert result.exit_code == 0, result.stderr
    return w.ws / name


DEEP = "[" * 100_000 + "]" * 100_000
PATH_NAMES = ["../escape", "/etc/escape", "~/escape", "./escape", "..\\escape", "C:\\escape", "a/../../escape"]
EVIL_VALUES = ["../../../../victim", "/tmp/victim-abs", "a/../../../victim", "..\\..\\victim", "sub/../../victim"]

CASES: list[Case] = [
    # -- new: type, names, destinations ------------------------------------------------------------
    Case("new-unknown-type", new(type_id="no-such-type", catalog=False), 1, "no-such-type"),
    *[Case(f"new-name-path-{i}", new("--name", name), 1, "looks like a path") for i, name in enumerate(PATH_NAMES)],
    Case("new-name-blank", new("--name", "   "), 1, "cannot be empty"),
    Case("new-dest-too-long", new(dest="a" * 300), 1, "too long", lines=2),  # a notice: the name is cut too
    Case("new-dest-component-too-long", new(dest="x/" + "b" * 250), 1, "too long", lines=2),
    Case("new-dest-parent-is-file", new(dest="afile/proj"), 1, "is a file", with_file("afile", "x")),
    Case("new-dest-grandparent-is-file", new(dest="afile/a/b"), 1, "is a file", with_file("afile", "x")),
    Case("new-dest-is-file", new(dest="afile"), 1, "not a folder", with_file("afile", "x")),
    Case("new-dest-not-empty", new(dest="full"), 1, "not empty", with_file("full/keep.txt", "mine")),
    Case(
        "new-dest-is-link",
        new(dest="link"),
        1,
        "not a folder",
        lambda w: (w.ws / "link").symlink_to(w.ws / "elsewhere"),
    ),
    *[
        Case(
            f"new-dest-unwritable-{i}",
            lambda w, d=d: [a if a != w.path("proj") else d for a in new()(w)],
            1,
            "cannot create",
        )
        for i, d in enumerate(["/sys/portfolio-corpus", "/proc/portfolio/corpus"])
    ],
    # -- new: answers ---------------------------------------------------------------------------------
    Case("new-bad-author", lambda w: [*new()(w)[:-2], "--author", "nobody"], 1, "invalid --author"),
    Case("new-bad-author-no-email", lambda w: [*new()(w)[:-2], "--author", "Ada <>"], 1, "invalid --author"),
    Case("new-data-no-equals", new("--data", "novalue"), 1, "expected key=value"),
    Case("new-data-bad-choice", new("--data", "flavour=weird"), 1, "flavour"),
    *[
        Case(f"new-python-version-{i}", new("--data", f"python_version={v}"), 1, "python_version")
        for i, v in enumerate(["banana", "2", "3.11; rm -rf ~", "3.x", "", "4.0"])
    ],
    Case("new-answers-missing", new("--answers-file", "{ws}/none.yml"), 1, "not found"),
    Case(
        "new-answers-bad-yaml",
        new("--answers-file", "{ws}/a.yml"),
        1,
        "cannot parse",
        with_file("a.yml", "project_name: [unclosed\n"),
    ),
    Case(
        "new-answers-list",
        new("--answers-file", "{ws}/a.yml"),
        1,
        "expected a mapping",
        with_file("a.yml", "- a\n- b\n"),
    ),
    Case(
        "new-answers-nul",
        new("--answers-file", "{ws}/a.json"),
        1,
        "NUL",
        with_file("a.json", json.dumps({"flavour": "plain", "python_version": "3.11\u0000"})),
    ),
    Case(
        "new-answers-nul-in-name",
        new("--answers-file", "{ws}/a.json"),
        0,
        "",
        lines=0,
        writes=("proj",),
        setup=with_file("a.json", json.dumps({"project_name": "Nul\u0000 name"})),
    ),
    Case("new-answers-binary", new("--answers-file", "{ws}/a.yml"), 1, "", with_file("a.yml", b"\xff\xfe\x00\x01")),
    *[Case(f"new-package-{p}", new("--package", p), 1, "package_name") for p in ("class", "1abc", "Foo-Bar", "os")],
    Case("new-repo-name-bad", new("--data", "repo_name=Bad_Name!"), 1, "repo_name", lines=1),
    Case("new-license-unknown", new("--license", "WTFPL-9", catalog=False, type_id="classification"), 1, "license"),
    # -- new --dataset ----------------------------------------------------------------------------------
    Case("new-target-without-dataset", new("--target", "y"), 1, "--target needs --dataset"),
    Case(
        "new-dataset-without-target",
        lambda w: [*new()(w), "--dataset", w.path("d.csv")],
        1,
        "needs --target",
        with_file("d.csv", csv_rows(30)),
    ),
    Case(
        "new-dataset-missing", lambda w: [*new()(w), "--dataset", w.path("none.csv"), "--target", "y"], 1, "not found"
    ),
    _dataset_case("new-dataset-binary", b"x,y\n\x00\x01\x02\n" * 30, "binary"),
    _dataset_case("new-dataset-header-only", "x,y\n", "no data rows"),
    _dataset_case("new-dataset-empty-file", "", "not found in"),
    _dataset_case("new-dataset-five-rows", csv_rows(5), "has 5 rows"),
    _dataset_case("new-dataset-nineteen-rows", csv_rows(19), "has 19 rows"),
    _dataset_case("new-dataset-one-class", csv_rows(40, classes=1), "single class"),
    _dataset_case("new-dataset-rare-class", csv_rows(40, value=lambda i: "rare" if i == 0 else "common"), "fewer than"),
    _dataset_case("new-dataset-many-rare-classes", csv_rows(40, classes=20), "fewer than"),
    _dataset_case("new-dataset-no-target-column", "a,b\n" + "1,2\n" * 30, "not found in"),
    _dataset_case("new-dataset-blank-targets", csv_rows(30, value=lambda i: "" if i % 2 else "a"), "no value"),
    _dataset_case(
        "new-dataset-latin1", "x,y\n" + "caf\xe9,a\n" * 30 if False else b"x,y\n" + b"caf\xe9,a\n" * 30, "cannot read"
    ),
    _dataset_case("new-dataset-regression-text", csv_rows(30, value=lambda i: "high"), "must be numeric", "mini-reg"),
    _dataset_case("new-dataset-regression-inf", csv_rows(30, value=lambda i: "inf"), "must be numeric", "mini-reg"),
    _dataset_case(
        "new-dataset-regression-mixed",
        csv_rows(30, value=lambda i: "3.5" if i else "n/a"),
        "must be numeric",
        "mini-reg",
    ),
    # -- catalogs ----------------------------------------------------------------------------------------
    Case("list-catalog-missing", lambda w: ["--catalog", w.path("nocat"), "list"], 1, "not a catalog"),
    Case("list-catalog-is-file", lambda w: ["--catalog", w.path("f"), "list"], 1, "not a catalog", with_file("f", "x")),
    Case(
        "list-catalog-bad-toml",
        lambda w: ["--catalog", w.path("c"), "list"],
        1,
        "c",
        with_file("c/project_catalog/x.toml", "id = [broken\n"),
    ),
    Case(
        "list-catalog-missing-fields",
        lambda w: ["--catalog", w.path("c"), "list"],
        1,
        "title",
        with_file("c/project_catalog/x.toml", 'id = "x"\n'),
    ),
    Case(
        "list-catalog-binary-entry",
        lambda w: ["--catalog", w.path("c"), "list"],
        1,
        "x.toml",
        with_file("c/project_catalog/x.toml", b"\xff\x00\xfe"),
    ),
    Case("show-unknown-type", lambda w: ["show", "no-such-type"], 1, "no-such-type"),
    Case(
        "catalog-init-parent-is-file",
        lambda w: ["catalog", "init", w.path("afile/cat")],
        1,
        "is a file",
        with_file("afile", "x"),
    ),
    Case(
        "catalog-init-not-empty",
        lambda w: ["catalog", "init", w.path("full")],
        1,
        "not an empty folder",
        with_file("full/x", "x"),
    ),
    Case("catalog-init-unknown-from", lambda w: ["catalog", "init", w.path("cat"), "--from", "nope"], 1, "nope"),
    Case("catalog-init-bad-id", lambda w: ["catalog", "init", w.path("cat"), "--id", "Bad Id"], 2, "--id"),
    Case("catalog-init-unwritable", lambda w: ["catalog", "init", "/sys/portfolio-corpus-cat"], 1, "cannot"),
    Case("catalog-validate-missing", lambda w: ["catalog", "validate", w.path("nocat")], 1, "not a catalog"),
    Case(
        "catalog-validate-bad-toml",
        lambda w: ["catalog", "validate", w.path("c")],
        1,
        "problem",
        with_file("c/project_catalog/x.toml", "id = [broken\n"),
    ),
    Case(
        "catalog-validate-missing-template",
        lambda w: ["catalog", "validate", w.path("c")],
        1,
        "problem",
        with_file(
            "c/project_catalog/x.toml",
            'id = "x"\n' + 'title = "X"\nsummary = "S"\nlevel = "advanced"\nskills = ["a"]\nmetrics = ["mae"]\n'
            'topics = ["t"]\ndataset = { name = "D", source = "S", licence = "CC0" }\n'
            'template = { engine = "copier", path = "nowhere" }\n',
        ),
    ),
    # -- sync ----------------------------------------------------------------------------------------------
    Case("sync-not-a-folder", lambda w: ["sync", w.path("none")], 1, "not found"),
    Case(
        "sync-no-metrics",
        lambda w: ["sync", w.path("proj")],
        1,
        "run the training first",
        lambda w: plain_project(w, metrics=None),
    ),
    *[
        Case(
            f"sync-metrics-{label}",
            lambda w: ["sync", w.path("proj")],
            1,
            expect,
            lambda w, text=text: plain_project(w, metrics=text),
        )
        for label, text, expect in [
            ("invalid-json", "{not json", "not valid JSON"),
            ("deeply-nested", DEEP, "nested too deeply"),
            ("deeply-nested-object", '{"a":' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
            ("list", "[1, 2]", "must be a JSON object"),
            ("empty-object", "{}", "must be a JSON object"),
            ("string-value", '{"accuracy": "0.9"}', "finite number"),
            ("bool-value", '{"accuracy": true}', "finite number"),
            ("nan", '{"accuracy": NaN}', "finite number"),
            ("infinity", '{"accuracy": Infinity}', "finite number"),
            ("nested-value", '{"accuracy": {"mean": 0.9}}', "finite number"),
            ("not-utf8", b'{"accuracy": "\xff"}', "not valid JSON"),
        ]
    ],
    Case(
        "sync-metrics-binary",
        lambda w: ["sync", w.path("proj")],
        1,
        "not valid JSON",
        lambda w: (plain_project(w), (w.ws / "proj/reports/metrics.json").write_bytes(b"\xff\xfe\x00")),
    ),
    Case(
        "sync-readme-missing",
        lambda w: ["sync", w.path("proj")],
        1,
        "README.md not found",
        lambda w: (plain_project(w), (w.ws / "proj/README.md").unlink()),
    ),
    Case(
        "sync-readme-no-markers",
        lambda w: ["sync", w.path("proj")],
        1,
        "metrics table",
        lambda w: plain_project(w, readme="# P\n\nno table\n"),
    ),
    Case(
        "sync-readme-half-markers",
        lambda w: ["sync", w.path("proj")],
        1,
        "metrics table",
        lambda w: plain_project(w, readme="# P\n<!-- portfolio:metrics:start -->\n"),
    ),
    # -- index ---------------------------------------------------------------------------------------------
    Case("index-no-targets", lambda w: ["index", "--out", w.path("site")], 2, "give project folders"),
    # index prints a warning line per project it reads (progress), then its one error line
    Case(
        "index-out-is-file",
        lambda w: ["index", w.path("proj"), "--out", w.path("f")],
        2,
        "not a folder",
        lambda w: (plain_project(w), w.write("f", "x")),
        lines=None,
    ),
    Case(
        "index-out-unwritable",
        lambda w: ["index", w.path("proj"), "--out", "/sys/portfolio-corpus-site"],
        1,
        "cannot write",
        plain_project,
        lines=None,
    ),
    Case(
        "index-out-parent-is-file",
        lambda w: ["index", w.path("proj"), "--out", w.path("f/site")],
        1,
        "cannot write",
        lambda w: (plain_project(w), w.write("f", "x")),
        lines=None,
    ),
    Case(
        "index-deep-metrics-others-still-written",
        lambda w: ["index", w.path("good"), w.path("deep"), "--out", w.path("site")],
        0,
        "nested too deeply",
        lambda w: (plain_project(w, "good"), plain_project(w, "deep", metrics=DEEP)),
        writes=("site",),
        lines=None,
    ),
    Case(
        "index-missing-target-others-still-written",
        lambda w: ["index", w.path("good"), w.path("none"), "--out", w.path("site")],
        1,
        "left out",
        lambda w: plain_project(w, "good"),
        writes=("site",),
        lines=None,
        error_line=False,
    ),
    # -- update ----------------------------------------------------------------------------------------------
    Case("update-not-a-folder", lambda w: ["update", w.path("none")], 1, "not a folder"),
    Case("update-not-generated", lambda w: ["update", w.path("proj")], 1, "no .copier-answers.yml", plain_project),
    Case(
        "update-no-version",
        lambda w: ["update", w.path("proj")],
        1,
        "records no template version",
        lambda w: (w.write("proj/.copier-answers.yml", "project_name: x\n"), git_init_commit(w.ws / "proj")),
    ),
    Case(
        "update-foreign-template",
        lambda w: ["update", w.path("proj")],
        1,
        "not from a portfolio catalog",
        lambda w: (
            w.write("proj/.copier-answers.yml", "_src_path: gh:someone/else\n_commit: v1\n"),
            git_init_commit(w.ws / "proj"),
        ),
    ),
    Case(
        "update-answers-binary",
        lambda w: ["update", w.path("proj")],
        1,
        "",
        lambda w: (w.write("proj/.copier-answers.yml", b"\xff\xfe\x00"), git_init_commit(w.ws / "proj")),
    ),
    Case(
        "update-dirty",
        lambda w: ["update", w.path("proj")],
        1,
        "uncommitted changes",
        lambda w: (generated(w), w.write("proj/scratch.txt", "wip")),
        writes=("proj/.git",),
    ),  # git status: index
    Case(
        "update-unknown-version",
        lambda w: ["update", w.path("proj"), "--to", "v9"],
        1,
        "unknown template version",
        generated,
    ),
    Case(
        "update-version-option-like",
        lambda w: ["update", w.path("proj"), "--to", "--upload-pack=x"],
        1,
        "unknown template version",
        generated,
    ),
    Case(
        "update-not-a-repository",
        lambda w: ["update", w.path("proj")],
        1,
        "not a git repository",
        lambda w: __import__("shutil").rmtree(generated(w) / ".git"),
    ),
    Case(
        "update-check-not-generated",
        lambda w: ["update", w.path("proj"), "--check"],
        1,
        "no .copier-answers.yml",
        plain_project,
    ),
    # -- check (the rubric is being rewritten on another branch; these pin the one-line promise) -----------------
    Case("check-missing-folder", lambda w: ["check", w.path("none")], 1, "none"),
    Case(
        "check-rubric-missing",
        lambda w: ["check", w.path("proj"), "--rubric", w.path("r.toml")],
        2,
        "r.toml",
        plain_project,
    ),
    Case(
        "check-rubric-bad-toml",
        lambda w: ["check", w.path("proj"), "--rubric", w.path("r.toml")],
        2,
        "r.toml",
        lambda w: (plain_project(w), w.write("r.toml", "[[[ nope")),
    ),
    Case(
        "check-output-unwritable",
        lambda w: ["check", w.path("proj"), "-o", "/sys/portfolio-corpus.json"],
        2,
        "cannot write",
        plain_project,
    ),
    # -- cohort (a run shows a progress bar on stderr before its one error line) ---------------------------
    *[
        Case(f"cohort-roster-{label}", cohort_new(), 2, expect, with_file("r.csv", text))
        for label, text, expect in [
            ("empty", "", "empty"),
            ("no-name-column", "student,email\nAda,a@x.org\n", "name"),
            ("header-only", "name,github\n", "no students"),
            ("blank-name", "name\nAda\n  \n\n,x\n", "name"),
            ("binary", b"\xff\xfe\x00name\n", "cannot read"),
            ("bad-github", "name,github\nAda,not a login!\n", "github"),
        ]
    ],
    Case("cohort-roster-missing", cohort_new(roster="none.csv"), 2, "not found"),
    Case(
        "cohort-dest-is-file",
        cohort_new(dest="f"),
        1,
        "is a file",
        lambda w: (w.write("r.csv", "name\nAda\n"), w.write("f", "x")),
        lines=None,
    ),
    Case(
        "cohort-status-not-ours",
        cohort_new("--status", "{ws}/s.csv"),
        1,
        "not a cohort status file",
        lambda w: (w.write("r.csv", "name\nAda\n"), w.write("s.csv", "a,b\n1,2\n")),
        lines=None,
    ),
    Case(
        "cohort-status-binary",
        cohort_new("--status", "{ws}/s.csv"),
        1,
        "status file",
        lambda w: (w.write("r.csv", "name\nAda\n"), w.write("s.csv", b"\xff\xfe\x00\x00")),
        lines=None,
    ),
    Case("cohort-bad-prefix", cohort_new("--prefix", "Bad Prefix!"), 2, "prefix", with_file("r.csv", "name\nAda\n")),
    Case(
        "cohort-check-nothing-to-check",
        lambda w: ["cohort", "check", w.path("r.csv"), "--status", w.path("none.csv")],
        1,
        "",
        with_file("r.csv", "name\nAda\n"),
    ),
    # -- hostile templates through the CLI (tests/test_template_trust.py has the full assertions) ------------------
    *[
        Case(
            f"new-cookiecutter-name-escape-{i}",
            new("--data", f"evil={value}", type_id="cc"),
            1,
            "outside the project",
            lambda w: hostile_cookiecutter(w),
        )
        for i, value in enumerate(EVIL_VALUES)
    ],
    Case(
        "show-cookiecutter-name-escape",
        lambda w: ["--catalog", str(w.catalog), "show", "cc"],
        1,
        "outside the project",
        lambda w: hostile_cookiecutter(w, default="../../../../victim"),
    ),
]


def hostile_cookiecutter(w: Workspace, default: str = "fine") -> None:
    """Add entry ``cc`` to the mini catalog: a cookiecutter template with a templated file name."""
    files = {
        "project_catalog/cc.toml": 'id = "cc"\ntitle = "CC"\nsummary = "S"\nlevel = "advanced"\nskills = ["a"]\n'
        'metrics = ["mae"]\ntopics = ["t"]\ndataset = { name = "D", source = "S", licence = "CC0" }\n'
        'template = { engine = "cookiecutter", path = "cc" }\n',
        "cc/cookiecutter.json": json.dumps({"project_name": "X", "project_slug": "x", "evil": default}),
        "cc/{{cookiecutter.project_slug}}/{{cookiecutter.evil}}.txt": "owned\n",
    }
    from tests.helpers import build_tree

    build_tree(w.catalog, files)


def _expand(argv: list[str], w: Workspace) -> list[str]:
    return [arg.replace("{ws}", str(w.ws)) for arg in argv]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input(case: Case, workspace: Workspace) -> None:
    run_case(dataclasses.replace(case, argv=lambda w: _expand(case.argv(w), w)), workspace)
    assert not list(Path("/").glob("victim*")) and not Path("/tmp/victim-abs.txt").exists()


# -- successes that used to go wrong quietly ---------------------------------------------------------------
def test_control_characters_never_reach_the_readme_title(workspace: Workspace) -> None:
    result = run_case(
        Case("name-control", new("--name", "Churn\n# Injected\x1b[31m\x07 model"), 0, "", writes=("proj",), lines=0),
        workspace,
    )
    assert result.exit_code == 0
    title = (workspace.ws / "proj" / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert title == "# Churn # Injected [31m model"
    assert git(workspace.ws / "proj", "log", "-1", "--format=%s").count("\n") == 0


def test_a_name_too_long_for_the_file_system_is_cut_with_a_notice(workspace: Workspace) -> None:
    long_name = "Predicting " + "very " * 80 + "late trains"
    result = run_case(Case("name-long", new("--name", long_name), 0, "cut to 100", writes=("proj",)), workspace)
    assert result.exit_code == 0 and read_answers(workspace.ws / "proj")["project_name"] == long_name.strip()
    assert len((workspace.ws / "proj").name) <= 255


def test_stale_staging_folders_of_a_killed_run_are_removed_with_a_notice(workspace: Workspace) -> None:
    stale = workspace.ws / ".proj.portfolio-k1ll3d00"
    (stale / "project").mkdir(parents=True)
    (stale / "project" / "half.txt").write_text("half a project")
    lookalike = workspace.ws / ".proj.portfolio-notours"
    lookalike.mkdir()
    (lookalike / "diary.txt").write_text("mine")
    old = 1_000_000_000
    for path in (stale, lookalike):
        os.utime(path, (old, old))
    result = run_case(
        Case("stale", new(), 0, "removed .proj.portfolio-k1ll3d00", writes=("proj", ".proj.portfolio-k1ll3d00")),
        workspace,
    )
    assert result.exit_code == 0
    assert not stale.exists() and (lookalike / "diary.txt").read_text() == "mine"


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 100


ML_README = (
    "# Churn\n\n## Problem\nWe predict which telecom customers cancel next month so the retention team "
    "can call them first.\n\n## Results\n| model | accuracy |\n|---|---|\n| logistic regression | 0.81 |\n"
)


@pytest.mark.parametrize("metrics", [DEEP, '{"a":' * 50_000 + "1" + "}" * 50_000], ids=["array", "object"])
def test_check_reports_a_deeply_nested_metrics_file_in_one_line(workspace: Workspace, metrics: str) -> None:
    """A metrics file too deep to parse is one finding of the project, never a RecursionError."""
    plain_project(workspace, metrics=metrics, readme=ML_README)
    result = run_cli(["check", workspace.path("proj")], env=workspace.env)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    finding = [line for line in result.stdout.splitlines() if "metrics.json" in line and "too deeply" in line]
    assert len(finding) == 1, result.stdout


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+SUM(1,2)", "-2+3", "@cmd", "\tTabbed"]


def test_cohort_status_is_spreadsheet_safe_and_reads_back_the_same_names(workspace: Workspace) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([("name", "project_name"), *((text, text.strip() or "x") for text in FORMULAS)])
    workspace.write("r.csv", buffer.getvalue())
    argv = cohort_new("--status", str(workspace.ws / "status.csv"))(workspace)
    first = run_cli(argv, env=workspace.env)
    assert first.exit_code == 0, first.stderr
    rows = list(csv.reader((workspace.ws / "status.csv").read_text(encoding="utf-8").splitlines()))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells), cells
    again = run_cli(argv, env=workspace.env)  # read back: every student is found, nothing re-made
    assert again.exit_code == 0 and "5 already done" in again.stdout, again.stdout + again.stderr


def test_class_report_csv_is_spreadsheet_safe(tmp_path: Path) -> None:
    import csv

    from generator.cohort.report import StudentResult, Target, write_csv
    from generator.cohort.roster import Student

    students = [Student(name=text, repo=f"r{i}", line=i + 2) for i, text in enumerate(FORMULAS)]
    results = [StudentResult(student, Target(student, "", "", ""), error="=1+1") for student in students]
    path = write_csv(results, tmp_path / "class-report.csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert [row["student"] for row in rows] == ["'" + text for text in FORMULAS]
    assert {row["error"] for row in rows} == {"'=1+1"}


@pytest.fixture(scope="module")
def own_data_project(tmp_path_factory: pytest.TempPathFactory):
    """``portfolio new classification`` on a CSV of the learner's, rendered once for the tests that
    swap bad data into a copy of it (a render is a Python process and a copier run)."""
    from tests.generated import generate, isolated_home

    root = tmp_path_factory.mktemp("own-data")
    good = root / "mine.csv"
    good.write_text(csv_rows(24), encoding="utf-8")
    with isolated_home(root / "home"):
        return generate("classification", root / "p", "--dataset", str(good), "--target", "y")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("swapped_in", "expect"),
    [("x,y\n", "has 0 rows"), ("a,b\n1,2\n", "target column 'y'"), (b"\x00\x01\xff\xfe", "cannot read")],
    ids=["header-only", "no-target", "binary"],
)
def test_training_on_swapped_in_bad_data_says_so_in_one_line(
    own_data_project, tmp_path: Path, swapped_in: str | bytes, expect: str
) -> None:
    import shutil

    project = dataclasses.replace(own_data_project, path=tmp_path / "p")
    shutil.copytree(own_data_project.path, project.path, symlinks=True)
    data = project.path / "data" / "raw" / "mine.csv"
    data.write_bytes(swapped_in if isinstance(swapped_in, bytes) else swapped_in.encode())
    result = project.run("python", "-m", f"{project.package}.train", timeout=300)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error:") and expect in lines[0] and "mine.csv" in lines[0], (
        result.stderr
    )
