"""``portfolio index`` over real generated, trained and filled projects, hand-made ones and broken ones.

The GitHub half (``--github-user``, ``owner/repo`` targets, ``--publish`` to the profile repository)
runs against the loopback GitHub of tests/github_server.py. One module, so the five trained
projects are built once.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.catalog.entries import load_catalog
from generator.check import check_project
from generator.errors import IndexOutputError
from generator.index import CollectOptions, IndexRequest, Portfolio, build_portfolio, write_site
from generator.index.regions import END, START
from generator.index.review import review_path, write_review
from generator.scaffold.sync import sync_metrics
from tests.generated import isolated_home, trained_copy, trains_projects
from tests.github_server import FakeGitHub
from tests.helpers import build_tree, git, git_init_commit, run_cli

# Five types of different levels; a type the catalog does not have (yet) is stood in for by a
# classification project whose answers name that type, so the test runs on any catalog.
PLANNED = [
    ("classification", "Breast cancer triage", "foundational"),
    ("regression", "Diabetes progression", "foundational"),
    ("nlp", "Support ticket routing", "advanced"),
    ("vision", "Handwritten digits", "advanced"),
    ("pipeline", "Predictive maintenance service", "end-to-end"),
]
FILLER = (
    "I wrote this part myself after running the starter pipeline and reading every figure it "
    "produced; the numbers are compared with the baseline, the weaknesses are named, and the next "
    "experiment is chosen from what the errors show rather than from habit."
)
_GUIDE = re.compile(r"<!-- portfolio:guide.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Project:
    path: Path
    type_id: str
    title: str
    level: str
    problem: str


def problem_sentence(title: str) -> str:
    return f"{title} decides which cases a specialist reviews first."


def fill_readme(project: Path, title: str) -> None:
    """Replace every guidance comment with prose, the Problem one with a known first sentence."""
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    problem = f"{problem_sentence(title)} A missed case costs more than a false alarm, so recall matters. "
    head, _, rest = text.partition("## Problem")
    rest = _GUIDE.sub(problem + FILLER, rest, count=1)
    readme.write_text(_GUIDE.sub(FILLER, head + "## Problem" + rest), encoding="utf-8")


@trains_projects(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Project]]:
    """Five generated, trained (real metrics), synced and filled projects of different types."""
    root = tmp_path_factory.mktemp("portfolio")
    catalog = load_catalog()
    with isolated_home(tmp_path_factory.mktemp("index-home")):
        # real types are trained once per run (shared with other modules); stand-ins copy classification
        real_types = [t for t, _, _ in PLANNED if t in catalog.entries] or ["classification"]
        for type_id in dict.fromkeys([*real_types, "classification"]):
            trained_copy(type_id, root / type_id, tmp_path_factory)
            sync_metrics(root / type_id)
        made: list[Project] = []
        for type_id, title, level in PLANNED:
            destination = root / type_id
            answers_file = destination / ".copier-answers.yml"
            if type_id not in real_types:  # stand-in: the trained classification project naming this type
                shutil.copytree(root / "classification", destination)
            answers = yaml.safe_load(answers_file.read_text(encoding="utf-8"))
            answers.update(project_type=type_id, project_name=title)
            answers_file.write_text(yaml.safe_dump(answers), encoding="utf-8")
            made.append(Project(destination, type_id, title, level, problem_sentence(title)))
        for project in made:
            fill_readme(project.path, project.title)
            git_init_commit(project.path, "Write the README and record the results")
        yield made


def hand_made(root: Path) -> Path:
    """A regression project written by hand: no answers file, metrics only in the README table."""
    return build_tree(
        root / "house-prices",
        {
            "README.md": (
                "# House prices\n\n## Overview\n\nPredict the sale price of a house from its size, age and "
                "location so that buyers can spot overpriced listings. Prices vary a lot by district.\n\n"
                "## Results\n\n| Metric | Value |\n|---|---|\n| RMSE | 23456.7 |\n| R² | 0.81 |\n"
            ),
            "requirements.txt": "pandas>=2\nscikit-learn==1.5\nxgboost\n",
            "train.py": "print('train')\n",
        },
    )


def collect(*targets: str | Path, out: Path | None = None, **request: object) -> tuple[Portfolio, list[str]]:
    """Build the portfolio in-process; returns it and every warning it gave."""
    options = CollectOptions(catalog=load_catalog())
    warnings: list[str] = []
    portfolio = build_portfolio(
        IndexRequest(targets=[str(t) for t in targets], collect=options, warn=warnings.append, **request),
        out,
    )
    return portfolio, warnings


def test_five_types_grouped_with_real_metrics_scores_and_links(projects: list[Project], tmp_path: Path):
    handmade = hand_made(tmp_path)
    out = tmp_path / "site"
    portfolio, _ = collect(*(p.path for p in projects), handmade, out=out)
    result = write_site(portfolio, out)

    data = json.loads(result.json.read_text(encoding="utf-8"))
    assert data["schema"] == "portfolio-index/1"
    by_title = {card["title"]: card for card in data["projects"]}
    assert set(by_title) == {p.title for p in projects} | {"House prices"}
    for project in projects:
        card = by_title[project.title]
        assert card["type"] == project.type_id
        assert (card["level"], card["group"]) == (project.level, project.level)
        assert card["inferred"] is False and card["generated"] is True
        assert card["problem"] == project.problem
        metrics = json.loads((project.path / "reports" / "metrics.json").read_text(encoding="utf-8"))
        headline = next(iter(metrics))
        assert card["headline_metric"]["name"] == headline
        assert card["headline_metric"]["value"] == metrics[headline]
        assert card["metrics"] == metrics
        assert card["score"] == check_project(project.path).score
        assert card["url"] is not None and (out / card["url"]).resolve() == project.path.resolve()
    # groups in reading order, each project in the group of its level
    order = [group["id"] for group in data["groups"]]
    assert order == ["foundational", "advanced", "end-to-end"]
    assert {p.title for p in projects if p.level == "advanced"} == {
        by_title_id["title"] for by_title_id in data["projects"] if by_title_id["id"] in data["groups"][1]["projects"]
    }

    house = by_title["House prices"]
    assert (house["type"], house["inferred"], house["group"]) == ("regression", True, "foundational")
    assert house["headline_metric"]["name"] == "rmse" and house["headline_metric"]["value"] == 23456.7
    assert house["headline_metric"]["source"] == "README"
    assert house["skills"] == ["pandas", "scikit-learn", "XGBoost"]
    assert house["problem"].startswith("Predict the sale price of a house")

    for project in projects:  # what the public page adds: the key figure, the baseline, the notebook
        card = by_title[project.title]
        assert card["figure"]["path"].startswith("reports/figures/") and card["notebook"].startswith("notebooks/")
        comparison = json.loads((project.path / "reports" / "model_comparison.json").read_text(encoding="utf-8"))
        naive = comparison["models"][comparison["baseline"]][card["headline_metric"]["name"]]
        assert card["baseline_metric"]["value"] == naive != card["headline_metric"]["value"]
        findings = check_project(project.path).findings
        assert set(card["fixes"]) <= {finding.fix for finding in findings}
        assert len(card["fixes"]) == min(3, len({finding.fix for finding in findings}))

    # the README and the page are public: no scores, warnings or local paths; the data keeps them
    readme = result.readme.read_text(encoding="utf-8")
    page = result.html.read_text(encoding="utf-8")
    for project in projects:
        card = by_title[project.title]
        assert f"**{project.title}**" in readme and card["url"] not in readme  # a local path is no link
        assert f'id="project-{card["id"]}"' in page
        value = card["headline_metric"]["display"]
        assert value in readme and value in page
        assert f"vs {card['baseline_metric']['display']}" in readme + page
        assert f"{card['score']}/100" not in readme + page
    for text in (readme, page):
        assert "⚠" not in text and "inferred" not in text.replace('data-inferred="', "")
        assert str(tmp_path) not in text and "file:" not in text
    assert page.count('<img src="data:image/png;base64,') == len(projects)  # thumbnails, embedded
    assert "Tabular regression" in readme
    assert readme.index("## Foundational") < readme.index("## Advanced") < readme.index("## End-to-end")


def test_unparseable_readme_is_listed_with_a_warning(projects: list[Project], tmp_path: Path):
    broken = tmp_path / "broken"
    shutil.copytree(projects[2].path, broken)
    (broken / "README.md").write_bytes(b"# Broken\xff\xfe\x00 text \x80\n")
    (broken / "reports" / "metrics.json").write_text("{not json", encoding="utf-8")
    portfolio, warnings = collect(projects[0].path, broken, hand_made(tmp_path))
    titles = [card.title for card in portfolio.projects]
    assert titles == [projects[0].title, projects[2].title, "House prices"]
    card = portfolio.projects[1]
    assert card.group == projects[2].level and card.headline is None
    assert any("README.md cannot be parsed" in warning for warning in card.warnings)
    assert any("metrics.json is not valid JSON" in warning for warning in card.warnings)
    assert f"{projects[2].title}: README.md cannot be parsed (it is not UTF-8 text)" in warnings
    site = write_site(portfolio, tmp_path / "site")
    assert "README.md cannot be parsed" not in site.html.read_text(encoding="utf-8")  # the public page
    review = write_review(portfolio, review_path(tmp_path / "site"), site.left_out)
    assert "README.md cannot be parsed" in review.read_text(encoding="utf-8")
    assert review.parent == tmp_path


def test_markers_keep_the_learners_text_across_runs(projects: list[Project], tmp_path: Path):
    out = build_tree(
        tmp_path / "site",
        {
            "README.md": f"# Hi, I am Ada\n\nI build models.\n\n{START}\nold\n{END}\n\n## Contact\n\nada@example.com\n",
        },
    )
    before = (out / "README.md").read_text(encoding="utf-8")
    first = run_cli(["index", str(projects[0].path), "--out", str(out)])
    assert first.exit_code == 0, first.stderr
    after_first = (out / "README.md").read_text(encoding="utf-8")
    assert after_first.startswith("# Hi, I am Ada\n\nI build models.\n\n" + START)
    assert after_first.endswith(END + "\n\n## Contact\n\nada@example.com\n")
    assert "old" not in after_first and projects[0].title in after_first and after_first != before

    (out / "index.html").write_text(
        (out / "index.html").read_text(encoding="utf-8").replace("<main", "<p>My own intro</p>\n<main"),
        encoding="utf-8",
    )
    second = run_cli(["index", str(projects[0].path), str(projects[1].path), "--out", str(out)])
    assert second.exit_code == 0, second.stderr
    after_second = (out / "README.md").read_text(encoding="utf-8")
    assert after_second.startswith("# Hi, I am Ada\n\nI build models.\n\n" + START)
    assert after_second.endswith(END + "\n\n## Contact\n\nada@example.com\n")
    assert projects[1].title in after_second
    assert "<p>My own intro</p>" in (out / "index.html").read_text(encoding="utf-8")

    third = run_cli(["index", str(projects[0].path), str(projects[1].path), "--out", str(out)])
    assert third.exit_code == 0 and "unchanged" in third.stderr


def test_broken_markers_stop_with_one_line(projects: list[Project], tmp_path: Path):
    out = build_tree(tmp_path / "site", {"README.md": f"# Me\n\n{START}\nno end marker\n"})
    result = run_cli(["index", str(projects[0].path), "--out", str(out)])
    assert result.exit_code == 1
    assert "expected one" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(IndexOutputError):
        portfolio, _ = collect(projects[0].path)
        write_site(portfolio, out)


def test_readme_without_markers_gets_the_region_appended(projects: list[Project], tmp_path: Path):
    out = build_tree(tmp_path / "site", {"README.md": "# Me\n\nHand-written.\n"})
    portfolio, _ = collect(projects[0].path)
    write_site(portfolio, out)
    text = (out / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# Me\n\nHand-written.\n\n" + START) and text.endswith(END + "\n")


def test_text_from_readmes_is_escaped(tmp_path: Path):
    evil = build_tree(
        tmp_path / "evil",
        {
            ".copier-answers.yml": "project_name: '<img src=x onerror=alert(1)> Evil | project'\n",
            "README.md": (
                "# Evil\n\n## Problem\n\n"
                "Classify 1 < 2 && \"q\" > 'p' texts | with [a link](javascript:alert(1)) and more words "
                "so the section counts as written prose for the checker.\n"
            ),
        },
    )
    git_init_commit(evil)
    git(evil, "remote", "add", "origin", "javascript:alert(1)")
    out = tmp_path / "site"
    portfolio, _ = collect(evil)
    result = write_site(portfolio, out)
    page = result.html.read_text(encoding="utf-8")
    readme = result.readme.read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page and 'href="javascript:' not in page
    assert "&lt;img src=x" in page and "Classify 1 &lt; 2 &amp;&amp; &quot;q&quot; &gt;" in page
    assert "<img" not in readme and "&lt;img src=x" in readme
    assert "[a link](javascript" not in readme and "\\[a link\\]" in readme  # literal text, not a link
    row = next(line for line in readme.splitlines() if "Evil" in line)
    assert row.count(" | ") == 3  # the README's pipes are escaped, the table keeps its four columns


def test_git_url_and_unreachable_target(projects: list[Project], tmp_path: Path):
    bare = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(projects[1].path), str(bare))
    out = tmp_path / "site"
    result = run_cli(["index", bare.as_uri(), str(tmp_path / "missing"), "--out", str(out)])
    assert result.exit_code == 1  # the missing target is reported, the rest is still written
    assert "missing: no such directory" in result.stderr
    data = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    assert [card["title"] for card in data["projects"]] == [projects[1].title]
    assert data["projects"][0]["url"] == bare.as_uri()
    assert data["skipped"][0]["target"] == str(tmp_path / "missing")


def test_no_targets_is_a_usage_error():
    result = run_cli(["index"])
    assert result.exit_code == 2 and "--github-user" in result.stderr


def test_nothing_to_show_is_left_out_unless_included(projects: list[Project], tmp_path: Path):
    empty = build_tree(tmp_path / "scratch", {"README.md": "# Scratch\n\nNotes.\n", "train.py": "import sklearn\n"})
    out = tmp_path / "site"
    args = ["index", str(projects[0].path), str(empty), "--out", str(out), "--config", str(tmp_path / "none.toml")]
    result = run_cli([*args, "--review"])
    assert result.exit_code == 0, result.stderr
    assert "not on the public page: Scratch" in result.stderr
    assert "Scratch" not in (out / "index.html").read_text(encoding="utf-8")
    assert "Scratch" not in (out / "README.md").read_text(encoding="utf-8")
    assert "Scratch: documentation" in result.stdout and "fix next:" in result.stdout
    review = (tmp_path / "site-review.html").read_text(encoding="utf-8")
    assert "Not on the public page" in review and re.search(r"\d+/100 \([A-F]\)", review)
    for extra in (["--include-all"], ["--include", "scratch"]):
        shown = run_cli([*args, *extra])
        assert shown.exit_code == 0 and "not on the public page" not in shown.stderr
        assert "Scratch" in (out / "index.html").read_text(encoding="utf-8")


# -- GitHub: --github-user, owner/repo, --publish ------------------------------------------------
SKIP_DIRS = {".git", "models", "data", "__pycache__"}


def text_files(root: Path) -> dict[str, str]:
    """The project's text files, as a repository on GitHub would hold them."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not SKIP_DIRS & set(relative.parts):
            try:
                files[relative.as_posix()] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return files


def git_as(hub: FakeGitHub, *args: str, cwd: Path | None = None) -> str:
    """git with the learner's token as an HTTP header (never in a URL or file)."""
    basic = base64.b64encode(f"x:{hub.token}".encode()).decode()
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
    command = ["git", "-c", f"http.extraHeader=Authorization: Basic {basic}", *args]
    return subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def index_cli(hub: FakeGitHub, *args: str):
    return run_cli(["index", *args, "--api-url", hub.api_url, "--write-pause", "0"], env={"GITHUB_TOKEN": hub.token})


def test_github_user_keeps_ml_projects_and_publishes_the_profile(
    github_server: FakeGitHub, projects: list[Project], tmp_path: Path
):
    hub, login = github_server, github_server.login
    hub.add_repo(login, "breast-cancer-triage", files=text_files(projects[0].path))
    hub.add_repo(login, "old-homework", files=text_files(projects[1].path))
    hub.add_repo(login, "house-prices", files=text_files(hand_made(tmp_path)))
    hub.add_repo(login, "dotfiles", files={"README.md": "# dotfiles\n\nMy shell settings.\n"})
    hub.add_repo(login, "scratch", files={"README.md": "# scratch\n\nNotes.\n"})
    out = tmp_path / "site"

    result = index_cli(
        hub,
        "--github-user",
        login,
        "--include",
        "dotfiles",
        "--exclude",
        "old-*",
        "--min-score",
        "30",  # house-prices (an overview and a results table, nothing else) scores 35; scratch scores 3
        "--out",
        str(out),
        "--publish",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    cards = {card["target"]: card for card in data["projects"]}
    assert list(cards) == [f"{login}/breast-cancer-triage", f"{login}/dotfiles", f"{login}/house-prices"]
    triage = cards[f"{login}/breast-cancer-triage"]
    assert triage["title"] == projects[0].title
    assert (triage["group"], triage["generated"]) == ("foundational", True)
    assert triage["url"] == f"{hub.base_url}/git/{login}/breast-cancer-triage"
    metrics = json.loads((projects[0].path / "reports" / "metrics.json").read_text(encoding="utf-8"))
    assert triage["metrics"] == metrics
    assert cards[f"{login}/dotfiles"]["group"] == "open-source"
    assert cards[f"{login}/house-prices"]["inferred"] is True
    skipped = {item["target"]: item["reason"] for item in data["skipped"]}
    assert skipped[f"{login}/old-homework"] == "excluded with --exclude"
    assert "does not look like an ML project" in skipped[f"{login}/scratch"]
    assert [group["id"] for group in data["groups"]] == ["foundational", "open-source"]

    # the profile repository was created and holds the public README and page (the data stays local)
    assert hub.repo(login, login) is not None
    assert result.stdout.strip().splitlines()[-2].endswith(f"/git/{login}/{login}")
    profile = tmp_path / "profile"
    git_as(hub, "clone", "-q", hub.clone_url(login, login), str(profile))
    assert sorted(path.name for path in profile.iterdir()) == [".git", "README.md", "index.html"]
    for name in ("README.md", "index.html"):
        assert (profile / name).read_text(encoding="utf-8") == (out / name).read_text(encoding="utf-8")
    assert hub.token not in result.stdout + result.stderr

    # the learner edits the profile README on GitHub; the next publish keeps their words
    readme = profile / "README.md"
    readme.write_text(
        "Hello, I am Ada.\n\n" + readme.read_text(encoding="utf-8") + "\nThanks for reading!\n", encoding="utf-8"
    )
    git_init_commit(profile, "Say hello")
    git_as(hub, "push", "-q", "origin", "main", cwd=profile)
    before = hub.refs(login, login)["refs/heads/main"]
    second = index_cli(hub, "--github-user", login, "--include", "dotfiles", "--out", str(out), "--publish")
    assert second.exit_code == 0, second.stderr
    after = hub.refs(login, login)["refs/heads/main"]
    assert after != before  # house-prices (48 < 50) left the index, so the region changed
    git_as(hub, "pull", "-q", "--ff-only", cwd=profile)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("Hello, I am Ada.\n\n") and text.endswith("\nThanks for reading!\n")
    assert "House prices" not in text and projects[0].title in text

    third = index_cli(hub, "--github-user", login, "--include", "dotfiles", "--out", str(out), "--publish")
    assert third.exit_code == 0, third.stderr
    assert hub.refs(login, login)["refs/heads/main"] == after  # nothing changed, nothing pushed
    assert "already up to date" in third.stderr


def test_owner_repo_target_and_unknown_user(github_server: FakeGitHub, projects: list[Project], tmp_path: Path):
    hub = github_server
    hub.add_repo(hub.login, "digits", files=text_files(projects[3].path))
    result = index_cli(hub, f"{hub.login}/digits", "--out", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "site" / "portfolio.json").read_text(encoding="utf-8"))
    assert [card["title"] for card in data["projects"]] == [projects[3].title]
    assert data["projects"][0]["url"] == f"{hub.base_url}/git/{hub.login}/digits"

    missing = index_cli(hub, "--github-user", "nobody-here", "--out", str(tmp_path / "other"))
    assert missing.exit_code == 1
    assert "'nobody-here' not found" in missing.stderr and "Traceback" not in missing.stderr


def test_publish_needs_a_token(projects: list[Project], tmp_path: Path):
    result = run_cli(
        [
            "index",
            str(projects[0].path),
            "--out",
            str(tmp_path / "site"),
            "--publish",
            "--api-url",
            "http://127.0.0.1:9/api/v3",
        ],
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.exit_code == 1 and "no GitHub token" in result.stderr
    assert not (tmp_path / "site").exists()  # checked before any work


@pytest.mark.parametrize("user", ["someone-else"])
def test_publish_refuses_another_users_profile(
    github_server: FakeGitHub, projects: list[Project], tmp_path: Path, user: str
):
    github_server.add_user(user)
    result = index_cli(
        github_server, str(projects[0].path), "--github-user", user, "--out", str(tmp_path / "site"), "--publish"
    )
    assert result.exit_code == 2 and "token's own profile repository" in result.stderr
    assert github_server.repo(user, user) is None and github_server.repo("ada-learner", "ada-learner") is None


def test_forks_only_when_included(
    github_server: FakeGitHub, projects: list[Project], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    hub = github_server
    hub.add_repo(hub.login, "scikit-learn", files=text_files(projects[0].path))
    listed = hub.repo_json  # the loopback server has no forks of its own: mark this one as a fork
    monkeypatch.setattr(
        hub, "repo_json", lambda record, viewer: {**listed(record, viewer), "fork": record.name == "scikit-learn"}
    )

    left_out = index_cli(hub, "--github-user", hub.login, "--out", str(tmp_path / "a"))
    assert left_out.exit_code == 0, left_out.stderr
    data = json.loads((tmp_path / "a" / "portfolio.json").read_text(encoding="utf-8"))
    assert data["projects"] == [] and "a fork" in data["skipped"][0]["reason"]

    included = index_cli(hub, "--github-user", hub.login, "--include", "scikit-learn", "--out", str(tmp_path / "b"))
    assert included.exit_code == 0, included.stderr
    card = json.loads((tmp_path / "b" / "portfolio.json").read_text(encoding="utf-8"))["projects"][0]
    assert (card["fork"], card["group"]) == (True, "open-source")


def test_exclude_drops_explicit_targets_by_title(projects: list[Project], tmp_path: Path):
    portfolio, _ = collect(projects[0].path, projects[1].path, exclude=[projects[1].title.lower()])
    assert [card.title for card in portfolio.projects] == [projects[0].title]
    assert portfolio.skipped == [(str(projects[1].path), "excluded with --exclude")]
